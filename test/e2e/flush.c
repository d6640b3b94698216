// FRUGAL_FLUSH_S=N rewrites the profile every N seconds, so a SIGKILL loses at
// most N seconds of data.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_FLUSH_S=1 FRUGAL_OUTPUT=%t/p.json %expect-exit -9 %t/exe
// RUN: %query %t/p.json get program.end | FileCheck %s --check-prefix=END
// RUN: %query %t/p.json functions | FileCheck %s

// END: "flush"
// CHECK: fn work calls=5 filtered=0
#include <frugal/frugal.h>
#include <signal.h>
#include <unistd.h>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(int I) {
  Sink = I;
}

int main(void) {
  for (int I = 0; I < 5; ++I)
    work(I);
  usleep(2500 * 1000);
  kill(getpid(), SIGKILL);
  return 0;
}
