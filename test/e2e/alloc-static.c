// The static runtime has no interposer: FRUGAL_TRACK_ALLOC=1 is
// "unavailable", with one warning that says to link the shared runtime, and
// the program runs as usual.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O1 -g -I%include -fpass-plugin=%plugin %s %rtlibdir/libfrugal_rt.a -lpthread -ldl -o %t/exe
// RUN: env FRUGAL_TRACK_ALLOC=1 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/p.json %t/exe 2>&1 | FileCheck %s
// RUN: %python %S/Inputs/check_alloc.py %t/p.json status unavailable reason "static runtime" no-alloc

// CHECK: frugal: warning: FRUGAL_TRACK_ALLOC=1 but this program links the static runtime, which cannot interpose malloc: link libfrugal_rt.so {{.*}}; allocations are not tracked
// CHECK-NOT: frugal:
// CHECK: kept 1
#include <frugal/frugal.h>
#include <stdio.h>
#include <stdlib.h>

void *volatile Kept;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(void) {
  Kept = malloc(100);
}

int main(void) {
  work();
  printf("kept %d\n", Kept != NULL);
  free(Kept);
  return 0;
}
