// Exact call counts under recursion, in C, at -O0 and -O2; inclusive time is
// not double counted (a recursive function's inclusive <= its caller's).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -I%include -O0 -g -fpass-plugin=%plugin %s %rtlink -o %t/o0
// RUN: env FRUGAL_OUTPUT=%t/o0.json %t/o0 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o0.json functions | FileCheck %s
// RUN: %query %t/o0.json check | FileCheck %s --check-prefix=OK
// RUN: %clang -I%include -O2 -g -fpass-plugin=%plugin %s %rtlink -o %t/o2
// RUN: env FRUGAL_OUTPUT=%t/o2.json %t/o2 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o2.json functions | FileCheck %s
// RUN: %query %t/o2.json check | FileCheck %s --check-prefix=OK
// RUN: env FRUGAL_TIMING=sampled FRUGAL_OUTPUT=%t/o2s.json %t/o2 | FileCheck %s --check-prefix=OUT
// RUN: %query %t/o2s.json functions | FileCheck %s
// RUN: %query %t/o2s.json check | FileCheck %s --check-prefix=OK
// RUN: %query %t/o2.json inclusive-le tree main | FileCheck %s --check-prefix=LE

// OUT: tree=1973 chain=101
// CHECK-DAG: fn chain calls=101 filtered=0
// CHECK-DAG: fn main calls=1 filtered=0
// CHECK-DAG: fn tree calls=1973 filtered=0
// OK: ok
// LE: ok
#include <frugal/frugal.h>
#include <stdio.h>

volatile int Sink;
// The program counts its own calls, so the profile is checked against an
// independent count.
static int TreeCalls, ChainCalls;

// Two recursive calls, neither in tail position, combined with a
// non-associative operation, so no optimisation removes a call.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int tree(int N) {
  ++TreeCalls;
  if (N < 2)
    return N;
  return (tree(N - 1) ^ tree(N - 2)) + 1;
}

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int chain(int N) {
  ++ChainCalls;
  if (N == 0)
    return 0;
  int R = chain(N - 1);
  Sink = R;
  return (R ^ N) + 1;
}

FRUGAL_ALWAYS_INSTRUMENT int main(void) {
  // 2*fib(16)-1 calls for N = 15.
  Sink = tree(15);
  Sink = chain(100);
  printf("tree=%d chain=%d\n", TreeCalls, ChainCalls);
  return 0;
}
