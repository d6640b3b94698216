#include <frugal/frugal.h>
#include <stdio.h>
FRUGAL_ALWAYS_INSTRUMENT __attribute__((noinline)) int work(int N) {
  volatile int S = 0;
  for (int I = 0; I < N; ++I)
    S = S + I;
  return S;
}
FRUGAL_ALWAYS_INSTRUMENT int main(void) {
  printf("hello from the program\n");
  return work(1000) ? 3 : 4;
}
