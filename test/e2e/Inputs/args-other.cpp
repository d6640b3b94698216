// Compiled without argument recording and linked with record-args.cpp: a
// program may mix modules with and without.
#include <frugal/frugal.h>

volatile int OtherSink;

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) void other(int N) {
  for (int I = 0; I < N; ++I)
    OtherSink = I;
}
