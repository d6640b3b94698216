// 10,000 short-lived threads, 64 alive at a time, each making instrumented
// calls: the program's output and exit status are unchanged, every call is
// counted, every thread is in the profile, and the run takes seconds, not
// minutes (thread states are never freed, so each must stay small).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O1 -g -pthread -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %expect-exit 0 %python %S/Inputs/fault-time-limit.py 20 %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json threads | FileCheck %s --check-prefix=THREADS
// RUN: %query %t/p.json threads | grep -c 'ended=1' | FileCheck %s --check-prefix=ENDED
// OUT: threads 10000 sum 49995000
// OK: ok
// CHECK-DAG: fn leaf calls=30000 filtered=0
// CHECK-DAG: fn body calls=10000 filtered=0
// THREADS: threads 10001
// ENDED: 10000
#include <frugal/frugal.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

enum { Threads = 10000, Alive = 64 };

static volatile long Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) long leaf(long I) {
  return I + Sink;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void *body(void *Arg) {
  long I = (long)(intptr_t)Arg;
  return (void *)(intptr_t)(leaf(I) + leaf(0) + leaf(0));
}

int main(void) {
  long Sum = 0;
  for (int First = 0; First < Threads; First += Alive) {
    pthread_t T[Alive];
    int N = Threads - First < Alive ? Threads - First : Alive;
    for (int I = 0; I < N; ++I)
      if (pthread_create(&T[I], NULL, body, (void *)(intptr_t)(First + I)))
        return 1;
    for (int I = 0; I < N; ++I) {
      void *R;
      pthread_join(T[I], &R);
      Sum += (long)(intptr_t)R;
    }
  }
  printf("threads %d sum %ld\n", Threads, Sum);
  return 0;
}
