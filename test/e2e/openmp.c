// OpenMP worker threads are profiled like any other thread.
// REQUIRES: openmp
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O2 -g %openmp -fpass-plugin=%plugin %s %rtlink -o %t/exe
// RUN: env OMP_NUM_THREADS=4 FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json functions | FileCheck %s
// RUN: %query %t/p.json threads | FileCheck %s --check-prefix=THREADS

// OUT: sum 1000
// CHECK: fn leaf calls=1000 filtered=0
// THREADS: threads 4
#include <frugal/frugal.h>
#include <stdio.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int leaf(int I) {
  return I >= 0;
}

int main(void) {
  int Sum = 0;
#pragma omp parallel for reduction(+ : Sum) num_threads(4) schedule(static, 1)
  for (int I = 0; I < 1000; ++I)
    Sum += leaf(I);
  printf("sum %d\n", Sum);
  return 0;
}
