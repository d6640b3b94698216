#include <frugal/frugal.h>
volatile int ShlibSink;
FRUGAL_ALWAYS_INSTRUMENT int shlib_work(int N) {
  for (int I = 0; I < N; ++I)
    ShlibSink = I;
  return N;
}
