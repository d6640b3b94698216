// sampler_host.c - A host program for measuring the energy sampler's cost
// (bench/run.sh energy; results in docs/performance.md).
//
//   sampler_host busy SECONDS   a fixed amount of work, about SECONDS long on
//                               the development VM: 10 ms rounds of a "hot"
//                               and a "cold" phase (40 W / 10 W under
//                               frugal-rapl-sim), each a loop of calls to an
//                               instrumented ~9 us leaf (~110k calls/s)
//   sampler_host idle SECONDS   SECONDS of wall time, mostly asleep: every
//                               10 ms, ~10 leaf calls, then a 10 ms nap
//
// At the end of main (before the runtime writes its profile) it prints one
// line: "host cpu_s=... wall_s=...", the whole process's CPU time (all
// threads, the sampler's included; getrusage) and wall time since main began,
// so bench/run.sh can compare the process's CPU with and without a sampler.
// Fixed work for the busy host: its own CPU time does not depend on how
// often it was preempted, so the difference between modes is what energy
// sampling adds (the sampler thread, and the hooks' once-per-tick notes).
//
// Built by bench/run.sh with frugal-clang -O2 -I test/sim (sim_phase.h: the
// phase calls do nothing when the simulator is not running).
#include "sim_phase.h"

#include <frugal/frugal.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

static volatile uint64_t Sink;

// ~9 us of dependent arithmetic (xorshift), opaque to the optimiser.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) uint64_t leaf(uint64_t X) {
  for (int I = 0; I < 4096; ++I) {
    X ^= X << 13;
    X ^= X >> 7;
    X ^= X << 17;
  }
  return X;
}

// Calls per phase: 5 ms of leaf calls on the development VM.
enum { CallsPerPhase = 600 };

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) uint64_t hot(uint64_t X) {
  frugal_sim_phase("hot", 40.0);
  for (int I = 0; I < CallsPerPhase; ++I)
    X = leaf(X + 1);
  return X;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) uint64_t cold(uint64_t X) {
  frugal_sim_phase("cold", 10.0);
  for (int I = 0; I < CallsPerPhase; ++I)
    X = leaf(X + 3);
  return X;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) uint64_t wake(uint64_t X) {
  frugal_sim_phase("wake", 20.0);
  for (int I = 0; I < 10; ++I)
    X = leaf(X + 5);
  frugal_sim_phase("idle", 0.0);
  return X;
}

static double cpuSeconds(void) {
  struct rusage U;
  getrusage(RUSAGE_SELF, &U);
  return (double)(U.ru_utime.tv_sec + U.ru_stime.tv_sec) +
         (double)(U.ru_utime.tv_usec + U.ru_stime.tv_usec) * 1e-6;
}

int main(int Argc, char **Argv) {
  if (Argc != 3 || (strcmp(Argv[1], "busy") && strcmp(Argv[1], "idle"))) {
    fprintf(stderr, "usage: sampler_host busy|idle SECONDS\n");
    return 2;
  }
  double Seconds = atof(Argv[2]);
  double Cpu0 = cpuSeconds();
  uint64_t Start = nowNs();
  uint64_t X = 88172645463325252ull;
  if (!strcmp(Argv[1], "busy")) {
    long Rounds = (long)(Seconds * 100);
    for (long R = 0; R < Rounds; ++R)
      X = cold(hot(X));
    frugal_sim_phase("idle", 0.0);
  } else {
    uint64_t Deadline = Start + (uint64_t)(Seconds * 1e9);
    struct timespec Nap = {0, 10000000};
    while (nowNs() < Deadline) {
      X = wake(X);
      nanosleep(&Nap, NULL);
    }
  }
  Sink = X;
  printf("host cpu_s=%.6f wall_s=%.6f\n", cpuSeconds() - Cpu0,
         (double)(nowNs() - Start) * 1e-9);
  return 0;
}
