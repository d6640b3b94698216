// Included by join.cpp and join-other.cpp.
#ifndef JOIN_KERNELS_H
#define JOIN_KERNELS_H

template <typename T> T scaled(const T *X, int N, T A) {
  T Sum = 0;
  for (int I = 0; I < N; ++I)
    Sum += A * X[I];
  return Sum;
}

template <typename F> __attribute__((noinline)) int apply(F Fn, int X) {
  return Fn(X);
}

inline int clampIndex(int I, int N) { return I < 0 ? 0 : (I < N ? I : N); }

#endif
