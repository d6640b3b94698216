// longjmp skips the exits of the frames it abandons; the runtime notices at
// the next exit (their frame addresses are no longer live) and drops them, so
// later calls land under the right parent.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O0 -g -fpass-plugin=%plugin %s %rtlink -o %t/o0
// RUN: env FRUGAL_OUTPUT=%t/o0.json %t/o0 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o0.json functions | FileCheck %s
// RUN: %query %t/o0.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/o0.json threads | FileCheck %s --check-prefix=RESYNC
// RUN: %clang -I%include -O2 -g -fpass-plugin=%plugin %s %rtlink -o %t/o2
// RUN: env FRUGAL_OUTPUT=%t/o2.json %t/o2 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o2.json functions | FileCheck %s
// RUN: %query %t/o2.json tree | FileCheck %s --check-prefix=TREE
// The same with sampled timing, whose hooks take their own fast paths and
// hand everything unusual (dead frames, new contexts) to the general ones.
// RUN: env FRUGAL_TIMING=sampled FRUGAL_OUTPUT=%t/o2s.json %t/o2 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o2s.json functions | FileCheck %s
// RUN: %query %t/o2s.json tree | FileCheck %s --check-prefix=TREE
// RUN: %query %t/o2s.json threads | FileCheck %s --check-prefix=RESYNC

// OUT: jumped 5
// CHECK-DAG: fn after calls=5 filtered=0
// CHECK-DAG: fn deep calls=5 filtered=0
// CHECK-DAG: fn middle calls=5 filtered=0
// TREE-DAG: path main;after calls=5
// TREE-DAG: path main;middle;deep calls=5
// TREE-NOT: deep;after
// TREE-NOT: middle;after
// RESYNC: thread {{.*}}resyncs={{[1-9]}}
#include <frugal/frugal.h>
#include <setjmp.h>
#include <stdio.h>

static jmp_buf Env;
volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void deep(int I) {
  Sink = I;
  longjmp(Env, I + 1);
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void middle(int I) {
  deep(I);
  Sink = -1;
}
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void after(void) {
  Sink = 0;
}

FRUGAL_ALWAYS_INSTRUMENT int main(void) {
  int Jumped = 0;
  for (volatile int I = 0; I < 5; ++I) {
    if (setjmp(Env) == 0)
      middle(I);
    else
      ++Jumped;
    after();
  }
  printf("jumped %d\n", Jumped);
  return 0;
}
