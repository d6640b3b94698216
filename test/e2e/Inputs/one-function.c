// A program with one instrumented function and exit status 3, for tests of
// where and how its profile is written (security-*.test).
#include <frugal/frugal.h>

FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int work(int N) {
  volatile int S = 0;
  for (int I = 0; I < N; ++I)
    S += I;
  return S;
}

int main(void) { return work(1000) ? 3 : 0; }
