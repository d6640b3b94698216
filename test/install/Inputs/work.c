// A small C program with one function worth instrumenting (it has a loop).
#include <stdio.h>

__attribute__((noinline)) int work(int N) {
  int Sum = 0;
  for (int I = 0; I < N; ++I)
    Sum += I % 7;
  return Sum;
}

int main(void) {
  printf("%d\n", work(100000));
  return 0;
}
