/*===- RuntimeSmoke.c - A hand-instrumented C program ---------------------===*
 *
 * Stands in for what FrugalPass emits: a record array, a module constructor
 * and destructor, and enter/exit calls in each function. Built against both
 * libfrugal_rt.so and libfrugal_rt.a (with the C driver, which proves the
 * runtime needs no C++ library). Usage: RuntimeSmoke [leaf-calls]
 *
 *===----------------------------------------------------------------------===*/
#include "frugal/abi.h"
#include "TestFrame.h"
#include "frugal/frugal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RECORD(Name, Line)                                                     \
  {FRUGAL_ABI_VERSION, 0, 0, Line, Name, Name, "RuntimeSmoke.c",               \
   "/src/RuntimeSmoke.c", 10, 2, 1, 1, 1, 0, 0}

static struct frugal_func_record Records[] = {
    RECORD("main", 60), RECORD("work", 50), RECORD("leaf", 40),
    {FRUGAL_ABI_VERSION, FRUGAL_FN_FILTERED, 0, 30, "tiny", "tiny",
     "RuntimeSmoke.c", "/src/RuntimeSmoke.c", 2, 1, 0, 0, 0,
     FRUGAL_REASON_THRESHOLD, 0},
};
static const struct frugal_module_info Info = {
    FRUGAL_ABI_VERSION, 0, "RuntimeSmoke.c", "19.1.7", "threshold=0"};

__attribute__((constructor)) static void registerSmoke(void) {
  __frugal_register_module(&Info, Records, Records + 4);
}
__attribute__((destructor)) static void unregisterSmoke(void) {
  __frugal_unregister_module(&Info, Records, Records + 4);
}

static __attribute__((noinline)) unsigned leaf(unsigned X) {
  __frugal_enter(&Records[2], FRUGAL_TEST_FRAME());
  X = X * 2654435761u + 1;
  __frugal_exit(&Records[2], FRUGAL_TEST_FRAME());
  return X;
}

static __attribute__((noinline)) unsigned work(long N) {
  __frugal_enter(&Records[1], FRUGAL_TEST_FRAME());
  unsigned S = 0;
  for (long I = 0; I < N; ++I)
    S += leaf((unsigned)I);
  __frugal_exit(&Records[1], FRUGAL_TEST_FRAME());
  return S;
}

static double seconds(void) {
  struct timespec T;
  clock_gettime(CLOCK_MONOTONIC, &T);
  return T.tv_sec + T.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  __frugal_enter(&Records[0], FRUGAL_TEST_FRAME());
  long N = argc > 1 ? atol(argv[1]) : 1000000;
  FRUGAL_REGION_BEGIN("smoke-work");
  double T0 = seconds();
  unsigned S = work(N);
  double T1 = seconds();
  FRUGAL_REGION_END("smoke-work");
  printf("%ld instrumented leaf calls: %.2f ns per call (checksum %u)\n", N,
         (T1 - T0) * 1e9 / (N ? N : 1), S);
  int Rc = frugal_flush() == 0 ? 0 : 1;
  __frugal_exit(&Records[0], FRUGAL_TEST_FRAME());
  return Rc;
}
