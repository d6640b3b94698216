// Busy functions on two threads; prints each one's CPU time as the program
// measures it itself (CLOCK_THREAD_CPUTIME_ID), for check_counters.py.
#include <frugal/frugal.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static volatile double Sink;

static long long threadCpuNs(void) {
  struct timespec T;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &T);
  return (long long)T.tv_sec * 1000000000LL + T.tv_nsec;
}

FRUGAL_NO_INSTRUMENT static void spin(long long Ns) {
  long long End = threadCpuNs() + Ns;
  while (threadCpuNs() < End)
    for (int I = 0; I < 2000; ++I)
      Sink = Sink + I * 0.5;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void heavy(void) {
  spin(150000000);
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void light(void) {
  spin(50000000);
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void background(void) {
  spin(100000000);
}

static long long WorkerCpu;
FRUGAL_ALWAYS_INSTRUMENT static void *worker(void *Arg) {
  (void)Arg;
  background();
  WorkerCpu = threadCpuNs(); // everything the thread ran
  return NULL;
}

FRUGAL_ALWAYS_INSTRUMENT int main(int Argc, char **Argv) {
  // Let the sampler start: counts before its first tick are unattributed.
  usleep(50000);
  pthread_t T;
  long long A = threadCpuNs();
  heavy();
  long long B = threadCpuNs();
  light();
  long long C = threadCpuNs();
  if (Argc > 1 && pthread_create(&T, NULL, worker, NULL) == 0)
    pthread_join(T, NULL);
  printf("heavy %lld\nlight %lld\nworker %lld\n", B - A, C - B, WorkerCpu);
  return 0;
}
