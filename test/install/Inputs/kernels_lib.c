// An instrumented shared library of kernels, as an ML user would load it
// from Python with ctypes (test/install/python-ctypes.test).
__attribute__((noinline)) double scaledDot(const double *A, const double *B,
                                           int N, double Scale) {
  double Sum = 0;
  for (int I = 0; I < N; ++I)
    Sum += A[I] * B[I] * Scale;
  return Sum;
}

double run(int Reps) {
  double A[256], B[256];
  for (int I = 0; I < 256; ++I) {
    A[I] = I * 0.5;
    B[I] = 1.0;
  }
  double Sum = 0;
  for (int R = 0; R < Reps; ++R)
    Sum += scaledDot(A, B, 256, (double)R);
  return Sum;
}
