// Cost of one malloc(64)/free pair in an instrumented function, with
// FRUGAL_TRACK_ALLOC off and on (bench/run.sh alloc; docs/performance.md).
// Usage: alloc_pairs [live] [threads]: live keeps 4096 blocks alive (a ring:
// free the oldest, allocate one of 64-127 bytes); threads 1 or 2 run the
// same function at once. Prints ns per pair, best of 5 runs of 10^7 pairs.
#include <frugal/frugal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void *volatile Sink;
static int Live;

FRUGAL_NO_INSTRUMENT static double now(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return T.tv_sec + T.tv_nsec * 1e-9;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) double pairs(long N) {
  static __thread void *Ring[4096];
  double T0 = now();
  for (long I = 0; I < N; ++I) {
    if (Live) {
      void **Slot = &Ring[I & 4095];
      free(*Slot);
      *Slot = malloc(64 + (I & 63));
      Sink = *Slot;
    } else {
      void *P = malloc(64);
      Sink = P; // the pair is not elided
      free(P);
    }
  }
  double Ns = (now() - T0) / N * 1e9;
  if (Live)
    for (int I = 0; I < 4096; ++I) {
      free(Ring[I]);
      Ring[I] = NULL;
    }
  return Ns;
}

static void *run(void *Out) {
  double Best = 1e30;
  for (int R = 0; R < 5; ++R) {
    double Ns = pairs(10000000);
    if (Ns < Best)
      Best = Ns;
  }
  *(double *)Out = Best;
  return NULL;
}

int main(int Argc, char **Argv) {
  int Threads = 1;
  for (int I = 1; I < Argc; ++I) {
    if (!strcmp(Argv[I], "live"))
      Live = 1;
    else
      Threads = atoi(Argv[I]) == 2 ? 2 : 1;
  }
  double Result[2] = {0, 0};
  pthread_t T;
  if (Threads == 2)
    pthread_create(&T, NULL, run, &Result[1]);
  run(&Result[0]);
  if (Threads == 2)
    pthread_join(T, NULL);
  printf("%.1f\n", Threads == 2 ? (Result[0] + Result[1]) / 2 : Result[0]);
  return 0;
}
