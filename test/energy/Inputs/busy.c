// Another process on the same package: busy at 20 W for random 50-200 ms,
// then idle as long, for SECONDS. Not instrumented.
#include "sim_phase.h"

#include <stdint.h>
#include <stdlib.h>
#include <time.h>

static uint64_t nowNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

int main(int Argc, char **Argv) {
  uint64_t Deadline = nowNs() + (uint64_t)(atof(Argc > 1 ? Argv[1] : "1") * 1e9);
  unsigned Seed = 7;
  while (nowNs() < Deadline) {
    frugal_sim_phase("busy", 20.0);
    uint64_t End = nowNs() + 50000000 + (uint64_t)rand_r(&Seed) % 150000000;
    while (nowNs() < End) {
    }
    frugal_sim_phase("busy-idle", 0.0);
    struct timespec Pause = {0, 50000000 + rand_r(&Seed) % 150000000};
    nanosleep(&Pause, NULL);
  }
  frugal_sim_thread_end();
  return 0;
}
