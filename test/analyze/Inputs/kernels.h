// Included by a.cpp and b.cpp: its functions are reported once.
#ifndef KERNELS_H
#define KERNELS_H

template <typename T> T dot(const T *A, const T *B, int N) {
  T Sum = 0;
  for (int I = 0; I < N; ++I)
    Sum += A[I] * B[I];
  return Sum;
}

// Never instantiated: not reported.
template <typename T> T neverUsed(T X) { return X * X; }

inline int clampIndex(int I, int N) {
  return I < 0 ? 0 : (I >= N ? N - 1 : I);
}

#endif
