// An exception thrown through several instrumented frames reports an exit for
// each of them: after the catch, the next call is a child of main again and
// the thrown-through functions have exact counts.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -I%include -O0 -g -fpass-plugin=%plugin %s %rtlink -o %t/o0
// RUN: env FRUGAL_OUTPUT=%t/o0.json %t/o0 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o0.json functions | FileCheck %s
// RUN: %query %t/o0.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/o0.json check | FileCheck %s --check-prefix=OK
// RUN: %clangxx -I%include -O2 -g -fpass-plugin=%plugin %s %rtlink -o %t/o2
// RUN: env FRUGAL_OUTPUT=%t/o2.json %t/o2 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o2.json functions | FileCheck %s
// RUN: %query %t/o2.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/o2.json threads | FileCheck %s --check-prefix=RESYNC

// OUT: caught 10
// CHECK-DAG: fn after() calls=10 filtered=0
// CHECK-DAG: fn level1(int) calls=10 filtered=0
// CHECK-DAG: fn level2(int) calls=10 filtered=0
// CHECK-DAG: fn level3(int) calls=10 filtered=0
// TREE-DAG: path main;after() calls=10
// TREE-DAG: path main;level1(int);level2(int);level3(int) calls=10
// TREE-NOT: level3(int);after()
// OK: ok
// The unwinding is reported by the cleanup pads: no frame needs resyncing.
// RESYNC: thread {{.*}}resyncs=0
#include <frugal/frugal.h>
#include <cstdio>
#include <stdexcept>

volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void level3(int I) {
  Sink = I;
  if (I >= 0)
    throw std::runtime_error("boom");
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void level2(int I) {
  level3(I);
  Sink = 2;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void level1(int I) {
  level2(I);
  Sink = 1;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void after() { Sink = 0; }

FRUGAL_ALWAYS_INSTRUMENT int main() {
  int Caught = 0;
  for (int I = 0; I < 10; ++I) {
    try {
      level1(I);
    } catch (const std::exception &) {
      ++Caught;
    }
    after();
  }
  std::printf("caught %d\n", Caught);
  return 0;
}
