// A program that links its own allocator (tcmalloc, jemalloc; here a
// stand-in that counts its calls) after the runtime keeps it: the
// interposer forwards to the next definition, and tracking works. Linked
// before the runtime, that allocator is the program's malloc and tracking
// is "unavailable", naming it.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %clang -O1 -shared -fPIC %S/Inputs/next-allocator.c -o %t/libnextalloc.so
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s %rtlink -L%t -Wl,-rpath,%t -lnextalloc -o %t/after
// RUN: env FRUGAL_TRACK_ALLOC=1 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/after.json %t/after 2>&1 | FileCheck %s --check-prefix=AFTER
// RUN: %python %S/Inputs/check_alloc.py %t/after.json status on fn work 1836 5 5 1836 1000
// RUN: %clang -I%include -O1 -g -fpass-plugin=%plugin %s -L%t -Wl,-rpath,%t -lnextalloc %rtlink -o %t/before
// RUN: env FRUGAL_TRACK_ALLOC=1 FRUGAL_ENERGY=none FRUGAL_GPU=0 FRUGAL_OUTPUT=%t/before.json %t/before 2>&1 | FileCheck %s --check-prefix=BEFORE
// RUN: %python %S/Inputs/check_alloc.py %t/before.json status unavailable reason libnextalloc.so no-alloc

// AFTER-NOT: frugal:
// AFTER: served by the program's allocator: 1
// BEFORE: frugal: warning: FRUGAL_TRACK_ALLOC=1 but malloc resolves to {{.*}}libnextalloc.so, not to libfrugal_rt.so
// BEFORE: served by the program's allocator: 1
#include <frugal/frugal.h>
#include <stdio.h>
#include <stdlib.h>

unsigned long next_allocator_calls(void);
void *volatile Kept[4];

// 100 + 200 + 512 + 24 live at once (836); the 100 grows to 1000 once the
// others are freed: peak 1000.
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void work(void) {
  Kept[0] = malloc(100);
  Kept[1] = calloc(2, 100);
  Kept[2] = aligned_alloc(64, 512);
  void *P = 0;
  if (posix_memalign(&P, 32, 24) == 0)
    Kept[3] = P;
  free(Kept[1]);
  free(Kept[2]);
  free(Kept[3]);
  Kept[0] = realloc(Kept[0], 1000);
  free(Kept[0]);
}

int main(void) {
  unsigned long Before = next_allocator_calls();
  work();
  printf("served by the program's allocator: %d\n",
         next_allocator_calls() >= Before + 9);
  return 0;
}
