#include "join-kernels.h"

// join.cpp has a relu too.
static float relu(float X) { return X < 0 ? 0 : X; }

float other(const double *X, int N) {
  return relu(static_cast<float>(scaled(X, N, 2.0))) + clampIndex(N, 2);
}
