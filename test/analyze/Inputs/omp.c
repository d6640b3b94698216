void scale(float *X, int N, float A) {
#pragma omp parallel for
  for (int I = 0; I < N; ++I)
    X[I] *= A;
}
