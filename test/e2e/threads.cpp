// 8 std::threads and 8 pthreads call the same functions: counts are exact and
// every thread appears, including those that ended before the profile was
// written.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -I%include -O2 -g -pthread -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json threads | FileCheck %s --check-prefix=THREADS
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK

// OUT: done 16
// CHECK-DAG: fn leaf(int) calls=160000 filtered=0
// CHECK-DAG: fn worker(int) calls=16 filtered=0
// CHECK-DAG: fn pthreadEntry(void*) calls=8 filtered=0
// THREADS: threads 17
// THREADS-COUNT-16: thread calls={{[0-9]+}} ended=1
// OK: ok
#include <frugal/frugal.h>
#include <cstdio>
#include <pthread.h>
#include <thread>
#include <vector>

volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void leaf(int I) {
  Sink = I;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void worker(int N) {
  for (int I = 0; I < N; ++I)
    leaf(I);
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void *pthreadEntry(void *) {
  worker(10000);
  return nullptr;
}

int main() {
  std::vector<std::thread> Threads;
  for (int T = 0; T < 8; ++T)
    Threads.emplace_back(worker, 10000);
  pthread_t P[8];
  for (pthread_t &Id : P)
    pthread_create(&Id, nullptr, pthreadEntry, nullptr);
  for (std::thread &T : Threads)
    T.join();
  for (pthread_t Id : P)
    pthread_join(Id, nullptr);
  std::printf("done %d\n", 16);
  return 0;
}
