/* T threads alive at once, each having run instrumented functions, while
 * the main thread prints the process's memory (memstat.c): what
 * bench/memory/bench.py derives the runtime's memory per thread from.
 *
 * Usage: threads T DEPTH
 * Each thread recurses DEPTH levels into nest() (DEPTH + 1 calls, calling
 * contexts and shadow-stack frames) and calls the 8 leaves at the bottom
 * (8 more calls and contexts, one frame), then waits on a barrier with the
 * others and main; main prints its memory once all have arrived, then lets them
 * end. main first waits for the energy sampler to run (nothing without the
 * runtime or energy), so that the sampler thread's start is over when memory is
 * read. */
#include "frugal/frugal.h"
#include "memstat.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_barrier_t Arrived, Leave;
static int Depth;
static volatile long Sink;

/* A loop in each: the pass's default filter instruments them. */
#define LEAF(K)                                                                \
  __attribute__((noinline)) long leaf##K(int n) {                              \
    long s = K;                                                                \
    for (int i = 0; i < n; ++i)                                                \
      s = s * 3 + i;                                                           \
    return s;                                                                  \
  }
LEAF(0)
LEAF(1)
LEAF(2)
LEAF(3)
LEAF(4)
LEAF(5)
LEAF(6)
LEAF(7)

static long (*const Leaves[])(int) = {leaf0, leaf1, leaf2, leaf3,
                                      leaf4, leaf5, leaf6, leaf7};

__attribute__((noinline)) long nest(int level, int n) {
  long s = 0;
  for (int i = 0; i < n; ++i)
    s += i ^ level;
  if (level == 0) {
    for (unsigned k = 0; k < sizeof Leaves / sizeof *Leaves; ++k)
      s += Leaves[k](n);
    return s;
  }
  /* Not a tail call, nor one an accumulator could turn into a loop. */
  return (nest(level - 1, n) >> 1) + s;
}

static void *run(void *arg) {
  (void)arg;
  Sink = nest(Depth, 100);
  pthread_barrier_wait(&Arrived);
  pthread_barrier_wait(&Leave);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: threads T DEPTH\n");
    return 2;
  }
  int t = atoi(argv[1]);
  Depth = atoi(argv[2]);
  if (t < 1 || t > 4096 || Depth < 0 || Depth > 1000) {
    fprintf(stderr, "threads: T in [1, 4096], DEPTH in [0, 1000]\n");
    return 2;
  }
  FRUGAL_ENERGY_WAIT(2000);
  pthread_t *ids = calloc((size_t)t, sizeof *ids);
  pthread_barrier_init(&Arrived, NULL, (unsigned)t + 1);
  pthread_barrier_init(&Leave, NULL, (unsigned)t + 1);
  for (int i = 0; i < t; ++i)
    if (pthread_create(&ids[i], NULL, run, NULL) != 0) {
      fprintf(stderr, "threads: cannot start thread %d\n", i);
      return 1;
    }
  pthread_barrier_wait(&Arrived);
  memstat_print("all threads alive");
  pthread_barrier_wait(&Leave);
  for (int i = 0; i < t; ++i)
    pthread_join(ids[i], NULL);
  free(ids);
  return 0;
}
