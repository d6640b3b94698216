#include "kernels.h"

static float relu(float X) { return X < 0 ? 0 : X; }

float score(const float *A, int N) { return relu(dot(A, A, clampIndex(N, 8))); }
