//===- ops.cpp - Dense-layer kernels of the MLP ---------------------------===//
//
// Plain loops, as a first version of a model's kernels is often written: the
// functions frugal should show as the hot spots.
//
//===----------------------------------------------------------------------===//
#include "ops.h"

#include <cmath>
#include <cstddef>
#include <cstring>

void denseForward(const float *X, const float *W, const float *B, float *Y,
                  int M, int K, int N) {
  for (int I = 0; I < M; ++I) {
    for (int J = 0; J < N; ++J)
      Y[I * N + J] = B[J];
    for (int P = 0; P < K; ++P) {
      float XV = X[I * K + P];
      for (int J = 0; J < N; ++J)
        Y[I * N + J] += XV * W[P * N + J];
    }
  }
}

void reluInPlace(float *V, int N) {
  for (int I = 0; I < N; ++I)
    V[I] = V[I] > 0.0F ? V[I] : 0.0F;
}

float softmaxCrossEntropy(float *Logits, const int *Labels, int M, int N) {
  double Loss = 0.0;
  for (int I = 0; I < M; ++I) {
    float *Row = Logits + static_cast<std::ptrdiff_t>(I) * N;
    float Max = Row[0];
    for (int J = 1; J < N; ++J)
      Max = std::fmax(Max, Row[J]);
    float Sum = 0.0F;
    for (int J = 0; J < N; ++J) {
      Row[J] = std::exp(Row[J] - Max);
      Sum += Row[J];
    }
    for (int J = 0; J < N; ++J)
      Row[J] /= Sum;
    Loss -= std::log(std::fmax(Row[Labels[I]], 1e-12F));
  }
  return static_cast<float>(Loss / M);
}

void denseBackward(const float *X, const float *W, const float *DY, float *DW,
                   float *DB, float *DX, int M, int K, int N) {
  std::memset(DW, 0, sizeof(float) * K * N);
  std::memset(DB, 0, sizeof(float) * N);
  for (int I = 0; I < M; ++I) {
    for (int J = 0; J < N; ++J)
      DB[J] += DY[I * N + J];
    for (int P = 0; P < K; ++P) {
      float XV = X[I * K + P];
      float Acc = 0.0F;
      for (int J = 0; J < N; ++J) {
        DW[P * N + J] += XV * DY[I * N + J];
        Acc += DY[I * N + J] * W[P * N + J];
      }
      if (DX)
        DX[I * K + P] = Acc;
    }
  }
}

void sgdUpdate(float *W, const float *G, int N, float LearningRate) {
  for (int I = 0; I < N; ++I)
    W[I] -= LearningRate * G[I];
}

