// Named regions from the C macros and the C++ scope guard: measured like
// functions, listed under "regions", and parents of the calls made inside.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clangxx -I%include -O2 -g -I%include -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json regions | FileCheck %s
// RUN: %query %t/p.json tree | FileCheck %s --check-prefix=TREE
// Without the runtime the region calls are no-ops.
// RUN: %clangxx -I%include -O2 -I%include %s -o %t/plain
// RUN: %t/plain | FileCheck %s --check-prefix=OUT

// OUT: trained 3 evaluated 1
// CHECK-DAG: region inference calls=1
// CHECK-DAG: region training calls=3
// TREE-DAG: path main;training;step() calls=30
// TREE-DAG: path main;inference;predict() calls=1
#include <frugal/frugal.h>
#include <cstdio>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void step() { Sink = 1; }
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void predict() { Sink = 2; }

FRUGAL_ALWAYS_INSTRUMENT int main() {
  int Trained = 0;
  for (int Epoch = 0; Epoch < 3; ++Epoch) {
    FRUGAL_REGION_BEGIN("training");
    for (int I = 0; I < 10; ++I)
      step();
    FRUGAL_REGION_END("training");
    ++Trained;
  }
  {
    frugal::Region Inference("inference");
    predict();
  }
  std::printf("trained %d evaluated 1\n", Trained);
  return 0;
}
