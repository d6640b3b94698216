// The attribution benchmark's host program: functions of known power under
// frugal-rapl-sim (sim_phase.h tells it each phase's power), in phases of a
// chosen length, on one or more threads.
//
//   attribution_phases SECONDS LENGTH_MS fixed|random THREADS spin|sleep SEED
//
// Each thread runs hot (40 W), mid (20 W) and cold (10 W) in turn, thread i
// starting at the (i mod 3)-th, each phase LENGTH_MS long (fixed) or drawn
// uniformly from [0.2, 1.8] x LENGTH_MS (random; the mean is LENGTH_MS).
// spin: a phase busy-waits on the clock. sleep: it sleeps (the simulator
// charges the declared power either way, and frugal's times are wall
// times), so that more threads than free CPUs still switch phases on time
// instead of waiting for a core. The phases start once frugal measures
// energy. Prints nothing; exits 2 on bad arguments.
#include "sim_phase.h"

#include "frugal/frugal.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

static inline __attribute__((always_inline)) uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

static int Sleep;

static inline __attribute__((always_inline)) void hold(uint64_t Ns) {
  uint64_t End = nowNs() + Ns;
  if (Sleep) {
    struct timespec T = {(time_t)(End / 1000000000u),
                         (long)(End % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &T, NULL)) {
    }
    return;
  }
  while (nowNs() < End) {
  }
}

__attribute__((noinline)) void hot(uint64_t Ns) {
  frugal_sim_phase("hot", 40.0);
  hold(Ns);
}

__attribute__((noinline)) void mid(uint64_t Ns) {
  frugal_sim_phase("mid", 20.0);
  hold(Ns);
}

__attribute__((noinline)) void cold(uint64_t Ns) {
  frugal_sim_phase("cold", 10.0);
  hold(Ns);
}

static uint64_t Deadline, LengthNs;
static int Random;
static unsigned Seed;

static uint64_t lengthNs(unsigned *State) {
  if (!Random)
    return LengthNs;
  // Uniform in [0.2, 1.8] x the length, to 1/4096 of it.
  return LengthNs / 5 + LengthNs * (uint64_t)(rand_r(State) % 6554) / 4096;
}

static void *worker(void *Arg) {
  unsigned I = (unsigned)(uintptr_t)Arg;
  unsigned State = Seed * 7919u + I;
  // Sleeps end within microseconds, not the default 50 us slack.
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  for (unsigned K = I % 3; nowNs() < Deadline; K = (K + 1) % 3) {
    uint64_t Ns = lengthNs(&State);
    if (K == 0)
      hot(Ns);
    else if (K == 1)
      mid(Ns);
    else
      cold(Ns);
  }
  frugal_sim_thread_end();
  return NULL;
}

int main(int Argc, char **Argv) {
  if (Argc != 7 || (strcmp(Argv[3], "fixed") && strcmp(Argv[3], "random")) ||
      (strcmp(Argv[5], "spin") && strcmp(Argv[5], "sleep"))) {
    fprintf(stderr, "usage: attribution_phases SECONDS LENGTH_MS fixed|random "
                    "THREADS spin|sleep SEED\n");
    return 2;
  }
  double Seconds = atof(Argv[1]), Ms = atof(Argv[2]);
  int Threads = atoi(Argv[4]);
  if (!(Seconds > 0) || !(Ms > 0) || Threads < 1 || Threads > 32) {
    fprintf(stderr, "attribution_phases: SECONDS and LENGTH_MS must be > 0, "
                    "THREADS in 1..32\n");
    return 2;
  }
  LengthNs = (uint64_t)(Ms * 1e6);
  Random = !strcmp(Argv[3], "random");
  Sleep = !strcmp(Argv[5], "sleep");
  Seed = (unsigned)strtoul(Argv[6], NULL, 10);
  // Phases that ran before the sampler's first reading would get no energy
  // (its source's liveness probe takes ~20 ms): that is a start-up matter,
  // not the split's.
  FRUGAL_ENERGY_WAIT(2000);
  Deadline = nowNs() + (uint64_t)(Seconds * 1e9);
  pthread_t T[32];
  for (int I = 1; I < Threads; ++I)
    pthread_create(&T[I], NULL, worker, (void *)(uintptr_t)I);
  worker((void *)0); // the main thread is thread 0
  for (int I = 1; I < Threads; ++I)
    pthread_join(T[I], NULL);
  return 0;
}
