// FRUGAL_TIMING=sampled: the hooks read no clock and the sampler charges
// the time between its ticks to the stacks it sees. The same program run
// with exact and with sampled timing: the same calls, and time shares that
// agree within the method's noise (the phases are wall-clock spins of known
// length, so the expected shares are known: 60/30/10 %, a worker thread's
// 150 ms, the region around the rounds). The exact accounting of each sample
// is checked by the unit tests (StackSamplingTest); this checks the whole.
// The shares are timed on a shared VM: a run that its load disturbed may be
// retried (it must then pass).
// ALLOW_RETRIES: 2
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O1 -g -pthread -I%include -fpass-plugin=%plugin %s %rtlink -o %t/phases
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/exact.json %t/phases
// RUN: env FRUGAL_TIMING=sampled FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/sampled.json %t/phases
// RUN: %python %S/Inputs/check_sampled.py %t/exact.json %t/sampled.json | FileCheck %s
// CHECK: exact: mode exact
// CHECK: sampled: mode sampled, period 1000 us, samples ok
// CHECK: calls: identical
// CHECK: shares: phaseA ok, phaseB ok, phaseC ok
// CHECK: worker: ok
// CHECK: region: ok
//
// With modelled energy the sampled stacks carry the energy too.
// RUN: env FRUGAL_TIMING=sampled FRUGAL_ENERGY=model FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/energy.json %t/phases
// RUN: %python %S/Inputs/check_sampled.py %t/exact.json %t/energy.json --energy | FileCheck %s --check-prefix=ENERGY
// ENERGY: energy: phaseA > phaseB > phaseC > 0
//
// The tick can be set; bad values warn once and keep the defaults.
// RUN: env FRUGAL_TIMING=sampled FRUGAL_SAMPLE_US=250 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/fast.json %t/phases 5
// RUN: %python -c "import json,sys; t=json.load(open(sys.argv[1]))['timing']; print(t['mode'], t['sample_period_us'])" %t/fast.json | FileCheck %s --check-prefix=FAST
// FAST: sampled 250
// RUN: env FRUGAL_TIMING=often FRUGAL_SAMPLE_US=7 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/bad.json %t/phases 1 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: %python -c "import json,sys; print(json.load(open(sys.argv[1]))['timing']['mode'])" %t/bad.json | FileCheck %s --check-prefix=BADMODE
// BAD: frugal: warning: FRUGAL_TIMING='often' is not one of exact, sampled; using exact
// BAD: frugal: warning: FRUGAL_SAMPLE_US='7' is not an integer number of microseconds in [100, 10000]; using 1000
// BAD: done
// BADMODE: exact
// A tick for exact timing is a mistake worth a word.
// RUN: env FRUGAL_SAMPLE_US=500 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/exactus.json %t/phases 1 2>&1 | FileCheck %s --check-prefix=EXACTUS
// EXACTUS: frugal: warning: FRUGAL_SAMPLE_US is set but timing is exact (FRUGAL_TIMING is not sampled); it is ignored
//
// The last interval is charged at the final write, to the stacks the
// threads end in: here exit() from inside phaseE, 8 ms after the first tick
// (the next would come 10 ms after it).
// RUN: env FRUGAL_TIMING=sampled FRUGAL_SAMPLE_US=10000 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/exit.json %t/phases -1
// (8 ms, plus what ran before the first tick, and the final write itself,
// which runs inside phaseE's call: exit() calls it.)
// RUN: %python -c "import json,sys; d=json.load(open(sys.argv[1])); e=[f for f in d['functions'] if f['name']=='phaseE'][0]; print('phaseE 6-40 ms:', 6e6 <= e['time_ns']['inclusive'] <= 40e6)" %t/exit.json | FileCheck %s --check-prefix=EXIT
// EXIT: phaseE 6-40 ms: True
#include <frugal/frugal.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double nowMs(void) {
  struct timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return (double)Ts.tv_sec * 1e3 + (double)Ts.tv_nsec * 1e-6;
}

static volatile double Sink;

// A wall-clock spin inside the caller's own body (a macro, not a call), so
// that the time is the caller's exclusive time.
#define SPIN_MS(Ms)                                                            \
  do {                                                                         \
    double End = nowMs() + (Ms);                                               \
    double X = 1;                                                              \
    while (nowMs() < End)                                                      \
      for (int I = 0; I < 200; ++I)                                            \
        X = X * 1.0000001 + 1e-9;                                              \
    Sink = X;                                                                  \
  } while (0)

__attribute__((noinline)) void phaseA(void) { SPIN_MS(12); }
__attribute__((noinline)) void phaseB(void) { SPIN_MS(6); }
__attribute__((noinline)) void phaseC(void) { SPIN_MS(2); }
__attribute__((noinline)) void phaseD(void) { SPIN_MS(150); }
__attribute__((noinline)) void phaseE(void) {
  SPIN_MS(8);
  exit(0);
}

// Many short calls: their count must not depend on the timing mode.
__attribute__((noinline)) void leaf(int N) {
  double S = 0;
  for (int I = 0; I < N % 4; ++I)
    S += I;
  Sink = Sink + S;
}

static void *worker(void *Arg) {
  (void)Arg;
  phaseD();
  return NULL;
}

int main(int Argc, char **Argv) {
  int Rounds = Argc > 1 ? atoi(Argv[1]) : 30;
  if (Rounds < 0)
    phaseE();
  pthread_t T;
  if (Rounds > 0)
    pthread_create(&T, NULL, worker, NULL);
  frugal_region_begin("rounds");
  for (int R = 0; R < Rounds; ++R) {
    phaseA();
    phaseB();
    phaseC();
    for (int I = 0; I < 1000; ++I)
      leaf(I);
  }
  frugal_region_end("rounds");
  if (Rounds > 0)
    pthread_join(T, NULL);
  fprintf(stderr, "done\n");
  return 0;
}
