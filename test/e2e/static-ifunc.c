// A static program runs ifunc resolvers before TLS exists. The pass does not
// instrument resolvers, and the hooks of an instrumented function they call
// (its record not yet registered) must not touch TLS: the program runs and
// its later calls are profiled.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O1 -g -static -I%include -fpass-plugin=%plugin %s %rtlibdir/libfrugal_rt.a -o %t/exe
// RUN: env FRUGAL_OUTPUT=%t/p.json %t/exe | FileCheck %s --check-prefix=OUT
// RUN: %query %t/p.json functions | FileCheck %s

// OUT: picked 7
// CHECK-NOT: fn resolvePicked
// CHECK: fn pickConstant calls=1 filtered=0
#include <frugal/frugal.h>
#include <stdio.h>

volatile int Sink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int pickConstant(void) {
  for (int I = 0; I < 3; ++I)
    Sink = I;
  return 7;
}

static int seven(void) { return 7; }

// Runs during relocation processing, before TLS and constructors.
static void *resolvePicked(void) {
  return pickConstant() == 7 ? (void *)seven : 0;
}
int picked(void) __attribute__((ifunc("resolvePicked")));

int main(void) {
  // The resolver's call came before registration (not counted); this one is.
  printf("picked %d\n", picked() * (pickConstant() == 7));
  return 0;
}
