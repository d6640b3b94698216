// A kernel in a static library, instrumented through frugal_instrument.
float dot(const float *A, const float *B, int N) {
  float Sum = 0;
  for (int I = 0; I < N; ++I)
    Sum += A[I] * B[I];
  return Sum;
}
