// A read-only output folder, for real: the program runs as user nobody (a
// read-only folder does not stop root). One warning, the profile under the
// same name in $TMPDIR, valid; output and exit status unchanged; nothing in
// the folder. (The same through a shim, and a full disk: fault-output.c.)
// REQUIRES: setid-tests
// RUN: rm -rf %t && mkdir -p %t/ro %t/fallback
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clang -I%include -O1 -g %s -o %t/plain
// RUN: %expect-exit 3 %t/plain > %t/plain.out
// RUN: chmod 0555 %t/ro && chmod 0777 %t/fallback
// RUN: env TMPDIR=%t/fallback FRUGAL_OUTPUT=%t/ro/p.json %expect-exit 3 setpriv --reuid=nobody --regid=nogroup --clear-groups %t/exe > %t/ro.out 2> %t/ro.err
// RUN: diff %t/plain.out %t/ro.out
// RUN: FileCheck %s -DDIR=%t --implicit-check-not=frugal: < %t/ro.err
// RUN: %query %t/fallback/p.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/fallback/p.json functions | FileCheck %s --check-prefix=FNS
// RUN: ls %t/ro | count 0
// CHECK: frugal: warning: cannot create a temporary file beside [[DIR]]/ro/p.json: Permission denied; writing the profile to [[DIR]]/fallback/p.json
// OK: ok
// FNS: fn work calls=10 filtered=0
#include <frugal/frugal.h>
#include <stdio.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(int I) {
  Sink += I;
}

int main(void) {
  for (int I = 0; I < 10; ++I)
    work(I);
  printf("worked %d\n", Sink);
  return 3;
}
