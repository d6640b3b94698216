// SIGSEGV and abort(): the runtime installs no handler for them (a crash
// writes no profile; docs/runtime.md), so the program dies exactly as it
// would have: same signal, same output, and a handler of its own still runs.
// With FRUGAL_FLUSH_S=1 the last periodic profile is on disk and valid.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clang -I%include -O1 -g %s -o %t/plain
//
// Dies of the same signal, with the same output, as the plain build.
// RUN: %expect-exit -11 %t/plain segv > %t/plain-segv.out
// RUN: env FRUGAL_OUTPUT=%t/segv.json %expect-exit -11 %t/exe segv > %t/segv.out
// RUN: diff %t/plain-segv.out %t/segv.out
// RUN: %expect-exit -6 %t/plain abort > %t/plain-abort.out
// RUN: env FRUGAL_OUTPUT=%t/abort.json %expect-exit -6 %t/exe abort > %t/abort.out
// RUN: diff %t/plain-abort.out %t/abort.out
// RUN: FileCheck %s --check-prefix=OUT < %t/segv.out
// No handler of the runtime's: no profile from the crash itself.
// RUN: not ls %t/segv.json %t/abort.json
//
// The program's own handlers, installed after the runtime's first use (its
// module registration), are left alone and run.
// RUN: env FRUGAL_OUTPUT=%t/own.json %expect-exit 42 %t/exe segv-own | FileCheck %s --check-prefix=OWN
// RUN: env FRUGAL_OUTPUT=%t/own.json %expect-exit 43 %t/exe abort-own | FileCheck %s --check-prefix=OWNABRT
//
// FRUGAL_FLUSH_S=1: the program crashes once a periodic profile is on disk;
// it is complete and valid, and holds the work done before it.
// RUN: env FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/fs.json %expect-exit -11 %t/exe segv-flush %t/fs.json
// RUN: %query %t/fs.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/fs.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/fs.json functions | FileCheck %s --check-prefix=FNS
// RUN: env FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/fa.json %expect-exit -6 %t/exe abort-flush %t/fa.json
// RUN: %query %t/fa.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/fa.json functions | FileCheck %s --check-prefix=FNS
// RUN: ls %t | FileCheck %s --check-prefix=NOTMP
// OUT: before the crash 10
// OWN: own SIGSEGV handler ran
// OWNABRT: own SIGABRT handler ran
// END: "flush"
// OK: ok
// FNS: fn work calls=10 filtered=0
// NOTMP-NOT: .tmp.
#include <frugal/frugal.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(int I) {
  Sink += I;
}

static void say(const char *Text) { write(1, Text, strlen(Text)); }

static void ownSegv(int Signal) {
  (void)Signal;
  say("own SIGSEGV handler ran\n");
  _exit(42);
}

static void ownAbrt(int Signal) {
  (void)Signal;
  say("own SIGABRT handler ran\n");
  _exit(43);
}

// Waits (up to 10 s) for the periodic profile to be in place.
static void waitForFile(const char *Path) {
  for (int I = 0; I < 1000 && access(Path, F_OK) != 0; ++I)
    usleep(10 * 1000);
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void crash(int Abort) {
  if (Abort)
    abort();
  *(volatile int *)(uintptr_t)Sink = 1; // Sink is 45: an unmapped page.
}

int main(int Argc, char **Argv) {
  if (Argc < 2)
    return 2;
  const char *Mode = Argv[1];
  for (int I = 0; I < 10; ++I)
    work(I);
  printf("before the crash %d\n", 10);
  fflush(stdout);
  if (!strcmp(Mode, "segv-own"))
    signal(SIGSEGV, ownSegv);
  if (!strcmp(Mode, "abort-own"))
    signal(SIGABRT, ownAbrt);
  if (strstr(Mode, "-flush") && Argc > 2)
    waitForFile(Argv[2]);
  crash(!strncmp(Mode, "abort", 5));
  return 0;
}
