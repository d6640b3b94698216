// wake_floor.c - The cost of waking up periodically, without frugal: the
// floor under the energy sampler's CPU time (bench/run.sh energy).
//
//   wake_floor busy|idle SECONDS PERIOD_US
//
// A second thread sleeps until absolute deadlines PERIOD_US apart
// (clock_nanosleep TIMER_ABSTIME, timer slack 1 ns: what the sampler does)
// and does nothing else; the main thread spins (busy) or sleeps (idle)
// meanwhile. Prints "floor cpu_pct=... wakes_s=... us_per_wake=...
// late_us=...": the waking thread's CPU time as % of one core, wake-ups per
// second, CPU µs per wake-up, and the median lateness of the wake-ups.
// Built with plain clang -O2 -pthread (not instrumented).
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>

static uint64_t clockNs(clockid_t C) {
  struct timespec T;
  clock_gettime(C, &T);
  return (uint64_t)T.tv_sec * 1000000000u + (uint64_t)T.tv_nsec;
}

static double Seconds;
static uint64_t PeriodNs;
static volatile int Done;
static double CpuPct, WakesPerS, UsPerWake, LateUs;

static int cmpU64(const void *A, const void *B) {
  uint64_t X = *(const uint64_t *)A, Y = *(const uint64_t *)B;
  return X < Y ? -1 : X > Y;
}

static void *waker(void *Arg) {
  (void)Arg;
  prctl(PR_SET_TIMERSLACK, 1UL, 0, 0, 0);
  uint64_t Start = clockNs(CLOCK_MONOTONIC);
  uint64_t End = Start + (uint64_t)(Seconds * 1e9);
  uint64_t Cpu0 = clockNs(CLOCK_THREAD_CPUTIME_ID);
  size_t Max = (size_t)(Seconds * 1e9 / (double)PeriodNs) + 2, N = 0;
  uint64_t *Late = calloc(Max, sizeof(uint64_t));
  uint64_t Next = Start + PeriodNs;
  while (Next < End && N < Max) {
    struct timespec Ts = {(time_t)(Next / 1000000000u),
                          (long)(Next % 1000000000u)};
    while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &Ts, NULL) != 0) {
    }
    uint64_t Now = clockNs(CLOCK_MONOTONIC);
    Late[N++] = Now > Next ? Now - Next : 0;
    Next += PeriodNs;
    if (Next <= Now)
      Next = Now + PeriodNs;
  }
  uint64_t Cpu = clockNs(CLOCK_THREAD_CPUTIME_ID) - Cpu0;
  double Wall = (double)(clockNs(CLOCK_MONOTONIC) - Start) * 1e-9;
  qsort(Late, N, sizeof(uint64_t), cmpU64);
  CpuPct = (double)Cpu * 1e-9 / Wall * 100;
  WakesPerS = (double)N / Wall;
  UsPerWake = N ? (double)Cpu * 1e-3 / (double)N : 0;
  LateUs = N ? (double)Late[N / 2] * 1e-3 : 0;
  free(Late);
  Done = 1;
  return NULL;
}

int main(int Argc, char **Argv) {
  if (Argc != 4 || (strcmp(Argv[1], "busy") && strcmp(Argv[1], "idle"))) {
    fprintf(stderr, "usage: wake_floor busy|idle SECONDS PERIOD_US\n");
    return 2;
  }
  Seconds = atof(Argv[2]);
  PeriodNs = (uint64_t)(atof(Argv[3]) * 1000);
  pthread_t T;
  pthread_create(&T, NULL, waker, NULL);
  if (!strcmp(Argv[1], "busy")) {
    volatile uint64_t X = 1;
    while (!Done)
      X = X * 6364136223846793005ull + 1;
  }
  pthread_join(T, NULL);
  printf("floor cpu_pct=%.4f wakes_s=%.1f us_per_wake=%.2f late_us=%.1f\n",
         CpuPct, WakesPerS, UsPerWake, LateUs);
  return 0;
}
