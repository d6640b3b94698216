// With -flto and -flto=thin the code is instrumented exactly once when the
// link loads the plugin (frugal-clang++ arranges it); plain clang -flto
// without it warns at compile time and at run time instead of silently
// producing an uninstrumented binary.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %frugal-clangxx -O2 -flto -c %s -o %t/full.o
// RUN: %frugal-clangxx -O2 -flto %t/full.o -o %t/full
// RUN: env FRUGAL_OUTPUT=%t/full.json %t/full | FileCheck %s --check-prefix=OUT
// RUN: %query %t/full.json functions | FileCheck %s
// RUN: %frugal-clangxx -O2 -flto=thin -c %s -o %t/thin.o
// RUN: %frugal-clangxx -O2 -flto=thin %t/thin.o -o %t/thin
// RUN: env FRUGAL_OUTPUT=%t/thin.json %t/thin | FileCheck %s --check-prefix=OUT
// RUN: %query %t/thin.json functions | FileCheck %s
//
// Full LTO through plain clang without the link plugin.
// RUN: %clangxx -I%include -O2 -flto -I%include -fpass-plugin=%plugin -c %s -o %t/plain.o 2>&1 | FileCheck %s --check-prefix=WARN
// RUN: %clangxx -I%include -O2 -flto -fuse-ld=lld %t/plain.o %rtlink -o %t/plain
// RUN: env FRUGAL_OUTPUT=%t/plain.json %t/plain 2>&1 | FileCheck %s --check-prefix=RTWARN

// OUT: sum 4950
// CHECK-DAG: fn accumulate(int) calls=100 filtered=0
// CHECK-DAG: fn main calls=1 filtered=0
// WARN: frugal: warning: {{.*}}instrumentation is deferred to the LTO link
// RTWARN: frugal: warning: {{.*}}linked without the frugal plugin
#include <frugal/frugal.h>
#include <cstdio>

volatile int Sink;
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int accumulate(int I) {
  Sink = I;
  return I;
}

FRUGAL_ALWAYS_INSTRUMENT int main() {
  int Sum = 0;
  for (int I = 0; I < 100; ++I)
    Sum += accumulate(I);
  std::printf("sum %d\n", Sum);
  return 0;
}
