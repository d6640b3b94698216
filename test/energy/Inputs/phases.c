// A program whose functions draw known power under frugal-rapl-sim: hot()
// reports 40 W, cold() 10 W, each for the time it runs (spinning). Modes:
//   phases SECONDS alternating   5 ms hot, 5 ms cold
//   phases SECONDS random        random 0.1-0.9 ms phases
//   phases SECONDS threads N     N threads, each in random 0.2-2 ms phases,
//                                with pauses between them
#include "sim_phase.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static inline __attribute__((always_inline)) uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

static inline __attribute__((always_inline)) void spin(uint64_t Ns) {
  uint64_t End = nowNs() + Ns;
  while (nowNs() < End) {
  }
}

__attribute__((noinline)) void hot(uint64_t Ns) {
  frugal_sim_phase("hot", 40.0);
  spin(Ns);
}

__attribute__((noinline)) void cold(uint64_t Ns) {
  frugal_sim_phase("cold", 10.0);
  spin(Ns);
}

static uint64_t Deadline;

static uint64_t randomNs(unsigned *Seed, uint64_t Lo, uint64_t Hi) {
  return Lo + (uint64_t)rand_r(Seed) % (Hi - Lo);
}

static void *worker(void *Arg) {
  unsigned Seed = (unsigned)(uintptr_t)Arg;
  while (nowNs() < Deadline) {
    hot(randomNs(&Seed, 200000, 2000000));
    cold(randomNs(&Seed, 200000, 2000000));
    // Off the package for a while: the number of running threads varies.
    frugal_sim_phase("idle", 0.0);
    struct timespec Pause = {0, (long)randomNs(&Seed, 100000, 3000000)};
    nanosleep(&Pause, NULL);
  }
  frugal_sim_thread_end();
  return NULL;
}

int main(int Argc, char **Argv) {
  if (Argc < 3) {
    fprintf(stderr, "usage: phases SECONDS alternating|random|threads N\n");
    return 2;
  }
  Deadline = nowNs() + (uint64_t)(atof(Argv[1]) * 1e9);
  const char *Mode = Argv[2];
  unsigned Seed = 1;
  if (!strcmp(Mode, "threads")) {
    int N = Argc > 3 ? atoi(Argv[3]) : 4;
    pthread_t Threads[64];
    for (int I = 0; I < N && I < 64; ++I)
      pthread_create(&Threads[I], NULL, worker, (void *)(uintptr_t)(I + 1));
    for (int I = 0; I < N && I < 64; ++I)
      pthread_join(Threads[I], NULL);
  } else {
    int Random = !strcmp(Mode, "random");
    while (nowNs() < Deadline) {
      hot(Random ? randomNs(&Seed, 100000, 900000) : 5000000);
      cold(Random ? randomNs(&Seed, 100000, 900000) : 5000000);
    }
  }
  frugal_sim_phase("idle", 0.0);
  return 0;
}
