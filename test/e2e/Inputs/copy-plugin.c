// A plugin built twice (-DWORK=alpha_work, -DWORK=beta_work), each time with
// its own copy of the static runtime: see runtime-copies.c.
#include <frugal/frugal.h>
volatile int CopySink;
FRUGAL_ALWAYS_INSTRUMENT int WORK(int N) {
  for (int I = 0; I < N; ++I)
    CopySink = I;
  return 2 * N;
}
