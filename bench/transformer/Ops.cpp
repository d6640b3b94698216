//===- Ops.cpp - The operations of a decoder-only transformer -------------===//
#include "Ops.h"

#include <cmath>
#include <cstddef>

void matmul(const float *X, int Rows, int In, const float *W, int Out,
            const float *Bias, float *Y) {
  for (int R = 0; R < Rows; ++R) {
    float *YRow = Y + static_cast<std::ptrdiff_t>(R) * Out;
    for (int O = 0; O < Out; ++O)
      YRow[O] = Bias[O];
    for (int I = 0; I < In; ++I) {
      const float XV = X[static_cast<std::ptrdiff_t>(R) * In + I];
      const float *WRow = W + static_cast<std::ptrdiff_t>(I) * Out;
      for (int O = 0; O < Out; ++O)
        YRow[O] += XV * WRow[O];
    }
  }
}

void layerNorm(const float *X, int Rows, int Cols, const float *Gamma,
               const float *Beta, float *Y) {
  const float Epsilon = 1e-5F;
  for (int R = 0; R < Rows; ++R) {
    const float *XRow = X + static_cast<std::ptrdiff_t>(R) * Cols;
    float *YRow = Y + static_cast<std::ptrdiff_t>(R) * Cols;
    float Mean = 0.0F;
    for (int C = 0; C < Cols; ++C)
      Mean += XRow[C];
    Mean /= static_cast<float>(Cols);
    float Variance = 0.0F;
    for (int C = 0; C < Cols; ++C)
      Variance += (XRow[C] - Mean) * (XRow[C] - Mean);
    Variance /= static_cast<float>(Cols);
    const float InvStd = 1.0F / std::sqrt(Variance + Epsilon);
    for (int C = 0; C < Cols; ++C)
      YRow[C] = (XRow[C] - Mean) * InvStd * Gamma[C] + Beta[C];
  }
}

void gelu(float *V, int N) {
  // 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))), as GPT-2 has it.
  const float SqrtTwoOverPi = 0.7978845608F;
  for (int I = 0; I < N; ++I) {
    const float X = V[I];
    V[I] = 0.5F * X *
           (1.0F + std::tanh(SqrtTwoOverPi * (X + 0.044715F * X * X * X)));
  }
}

void addInPlace(float *Y, const float *X, int N) {
  for (int I = 0; I < N; ++I)
    Y[I] += X[I];
}

void attentionScores(const float *Q, const float *K, int Keys, int Dim,
                     int Stride, float Scale, float *Scores) {
  for (int J = 0; J < Keys; ++J) {
    const float *KRow = K + static_cast<std::ptrdiff_t>(J) * Stride;
    float Dot = 0.0F;
    for (int D = 0; D < Dim; ++D)
      Dot += Q[D] * KRow[D];
    Scores[J] = Scale * Dot;
  }
}

void softmax(float *V, int N) {
  // Subtracting the largest value keeps exp from overflowing.
  float Max = V[0];
  for (int I = 1; I < N; ++I)
    Max = V[I] > Max ? V[I] : Max;
  float Sum = 0.0F;
  for (int I = 0; I < N; ++I) {
    V[I] = std::exp(V[I] - Max);
    Sum += V[I];
  }
  for (int I = 0; I < N; ++I)
    V[I] /= Sum;
}

void attentionMix(const float *Weights, const float *V, int Keys, int Dim,
                  int Stride, float *Out) {
  for (int D = 0; D < Dim; ++D)
    Out[D] = 0.0F;
  for (int J = 0; J < Keys; ++J) {
    const float *VRow = V + static_cast<std::ptrdiff_t>(J) * Stride;
    for (int D = 0; D < Dim; ++D)
      Out[D] += Weights[J] * VRow[D];
  }
}

int argmax(const float *V, int N) {
  int Best = 0;
  for (int I = 1; I < N; ++I)
    if (V[I] > V[Best])
      Best = I;
  return Best;
}
