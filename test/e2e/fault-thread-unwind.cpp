// Exceptions, longjmp and pthread_exit inside threads (each thread has its
// own shadow stack to repair): 8 threads each throw through three
// instrumented frames, longjmp out of three, and finally leave through
// pthread_exit from three frames deep (a forced unwind, which runs the
// cleanups). Output and exit status are those of the plain build, counts
// are exact, the next call after each jump lands under the right parent,
// and the profile is valid.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -I%include -O1 -g -pthread -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: %clangxx -I%include -O1 -g -pthread %s -o %t/plain
// RUN: %expect-exit 6 %t/plain > %t/plain.out
// RUN: env FRUGAL_OUTPUT=%t/p.json %expect-exit 6 %t/exe > %t/p.out
// RUN: diff %t/plain.out %t/p.out
// RUN: FileCheck %s --check-prefix=OUT < %t/p.out
// RUN: %query %t/p.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/p.json threads | FileCheck %s --check-prefix=THREADS
// RUN: env FRUGAL_TIMING=sampled FRUGAL_OUTPUT=%t/s.json %expect-exit 6 %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/s.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/s.json functions | FileCheck %s
// RUN: %query %t/s.json tree | FileCheck %s --check-prefix=TREE
// OUT: caught 800 jumped 800 exited 8
// OK: ok
// CHECK-DAG: fn after() calls=1600 filtered=0
// CHECK-DAG: fn throwing(int) calls=2400 filtered=0
// CHECK-DAG: fn jumping(int, __jmp_buf_tag (*) [1]) calls=2400 filtered=0
// CHECK-DAG: fn exiting(int) calls=24 filtered=0
// CHECK-DAG: fn worker(void*) calls=8 filtered=0
// TREE-DAG: path worker(void*);after() calls=1600
// TREE-DAG: path worker(void*);throwing(int);throwing(int);throwing(int) calls=800
// TREE-DAG: path worker(void*);jumping{{[^;]*}};jumping{{[^;]*}};jumping{{[^;]*}} calls=800
// TREE-DAG: path worker(void*);exiting(int);exiting(int);exiting(int) calls=8
// TREE-NOT: throwing(int);after()
// TREE-NOT: jumping{{[^;]*}};after()
// TREE-NOT: exiting(int);exiting(int);exiting(int);exiting(int)
// THREADS: threads 9
// THREADS-COUNT-8: ended=1
#include <frugal/frugal.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdexcept>
#include <stdio.h>

enum { Threads = 8, Rounds = 100 };

static volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void throwing(int N) {
  if (N == 0)
    throw std::runtime_error("unwind");
  throwing(N - 1);
  Sink = Sink + 1;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void jumping(int N,
                                                                jmp_buf *Env) {
  if (N == 0)
    longjmp(*Env, 1);
  jumping(N - 1, Env);
  Sink = Sink + 1;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void exiting(int N) {
  if (N == 0)
    pthread_exit(reinterpret_cast<void *>(1));
  exiting(N - 1);
  Sink = Sink + 1;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void after() {
  Sink = Sink + 1;
}

struct Counts {
  int Caught = 0, Jumped = 0;
};

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void *worker(void *Arg) {
  Counts *C = static_cast<Counts *>(Arg);
  for (int I = 0; I < Rounds; ++I) {
    try {
      throwing(2);
    } catch (const std::runtime_error &) {
      ++C->Caught;
    }
    after();
    jmp_buf Env;
    if (setjmp(Env) == 0)
      jumping(2, &Env);
    else
      ++C->Jumped;
    after();
  }
  exiting(2);
  return nullptr;
}

int main() {
  pthread_t T[Threads];
  Counts C[Threads];
  for (int I = 0; I < Threads; ++I)
    pthread_create(&T[I], nullptr, worker, &C[I]);
  int Caught = 0, Jumped = 0, Exited = 0;
  for (int I = 0; I < Threads; ++I) {
    void *R = nullptr;
    pthread_join(T[I], &R);
    Exited += R == reinterpret_cast<void *>(1);
    Caught += C[I].Caught;
    Jumped += C[I].Jumped;
  }
  printf("caught %d jumped %d exited %d\n", Caught, Jumped, Exited);
  return 6;
}
