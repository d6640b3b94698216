// frugal_energy_wait: the runtime chooses its energy source on a thread of
// its own, and what runs before the sampler's first tick gets no energy. A
// program that waits first has a short phase at its very start measured
// (here modelled from CPU time, or measured where RAPL is readable). With
// FRUGAL_ENERGY=none nothing will be measured: 1 at once (also when the
// sampler ticks for counted events); without the
// runtime the macro gives 1 too.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O1 -g -I%include -fpass-plugin=%plugin %s %rtlink -o %t/wait
// RUN: env FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/wait.json %t/wait 5000 | FileCheck %s --check-prefix=READY
// RUN: %python %S/Inputs/region_energy.py %t/wait.json start | FileCheck %s --check-prefix=ENERGY
// RUN: env FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/none.json %t/wait 5000 | FileCheck %s --check-prefix=NONE
// The sampler still ticks for counted events then, but measures no energy.
// RUN: env FRUGAL_ENERGY=none FRUGAL_EVENTS=task-clock FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/events.json %t/wait 5000 | FileCheck %s --check-prefix=NONE
// RUN: %clang -O1 -I%include %s -o %t/plain
// RUN: %t/plain 5000 | FileCheck %s --check-prefix=NONE
// READY: wait: 0
// NONE: wait: 1
// ENERGY: start: calls 1, energy > 0: yes
#include <frugal/frugal.h>

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double cpuSeconds(void) {
  struct timespec Ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &Ts);
  return (double)Ts.tv_sec + (double)Ts.tv_nsec * 1e-9;
}

// 3 ms of CPU work: shorter than the sampler's start on most machines.
static volatile double Sink;
static void spin(double Seconds) {
  double End = cpuSeconds() + Seconds;
  double X = 1;
  while (cpuSeconds() < End)
    for (int I = 0; I < 1000; ++I)
      X = X * 1.0000001 + 1e-9;
  Sink = X;
}

int main(int Argc, char **Argv) {
  unsigned Timeout = Argc > 1 ? (unsigned)atoi(Argv[1]) : 1000;
  printf("wait: %d\n", FRUGAL_ENERGY_WAIT(Timeout));
  FRUGAL_REGION_BEGIN("start");
  spin(0.003);
  FRUGAL_REGION_END("start");
  return 0;
}
