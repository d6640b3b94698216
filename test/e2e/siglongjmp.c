// A timer signal whose handler siglongjmps back into a loop of instrumented
// calls will, now and then, abandon a hook mid-way. Profiling of the thread
// must go on: the calls made after the timer stops are all counted.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O1 -g -I%include -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK
// Sampled timing: its exit hook takes no guard, its entry hook does.
// RUN: env FRUGAL_TIMING=sampled FRUGAL_OUTPUT=%t/s.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/s.json functions | FileCheck %s
// RUN: %query %t/s.json check | FileCheck %s --check-prefix=OK

// OUT: jumps {{[1-9][0-9]*}}
// CHECK: fn afterTimer calls=1000 filtered=0
// OK: ok
#include <frugal/frugal.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <sys/time.h>

static sigjmp_buf Back;
static volatile sig_atomic_t Jumps;
volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void leaf(int I) {
  Sink = I;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void afterTimer(int I) {
  Sink = I;
}

static void onAlarm(int Sig) {
  (void)Sig;
  ++Jumps;
  siglongjmp(Back, 1);
}

int main(void) {
  struct sigaction Action = {0};
  Action.sa_handler = onAlarm;
  sigemptyset(&Action.sa_mask);
  sigaction(SIGALRM, &Action, 0);
  struct itimerval Every = {{0, 200}, {0, 200}};
  setitimer(ITIMER_REAL, &Every, 0);
  sigsetjmp(Back, 1);
  while (Jumps < 2000)
    for (int I = 0; I < 1000; ++I)
      leaf(I);
  struct itimerval Off = {{0, 0}, {0, 0}};
  setitimer(ITIMER_REAL, &Off, 0);
  for (int I = 0; I < 1000; ++I)
    afterTimer(I);
  printf("jumps %d\n", (int)Jumps);
  return 0;
}
