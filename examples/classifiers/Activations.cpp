//===- Activations.cpp - Element- and row-wise layer operations -----------===//
#include "Activations.h"

#include <cmath>
#include <cstddef>

void addBias(float *Y, int Rows, int Cols, const float *Bias) {
  for (int I = 0; I < Rows; ++I)
    for (int J = 0; J < Cols; ++J)
      Y[static_cast<std::ptrdiff_t>(I) * Cols + J] += Bias[J];
}

void biasGradient(const float *DY, int Rows, int Cols, float *Grad) {
  for (int J = 0; J < Cols; ++J)
    Grad[J] = 0.0F;
  for (int I = 0; I < Rows; ++I)
    for (int J = 0; J < Cols; ++J)
      Grad[J] += DY[static_cast<std::ptrdiff_t>(I) * Cols + J];
}

void reluInPlace(float *V, int N) {
  for (int I = 0; I < N; ++I)
    V[I] = V[I] > 0.0F ? V[I] : 0.0F;
}

void reluBackward(const float *Activation, float *Grad, int N) {
  // Grad is read on every iteration, not only where the unit is active, so
  // the loop is a select the compiler vectorizes rather than a branch.
  for (int I = 0; I < N; ++I) {
    const float G = Grad[I];
    Grad[I] = Activation[I] > 0.0F ? G : 0.0F;
  }
}

float softmaxCrossEntropy(float *Logits, const int *Labels, int Rows,
                          int Cols) {
  double Loss = 0.0;
  for (int I = 0; I < Rows; ++I) {
    float *Row = Logits + static_cast<std::ptrdiff_t>(I) * Cols;
    // Subtracting the largest logit keeps exp from overflowing.
    float Max = Row[0];
    for (int J = 1; J < Cols; ++J)
      Max = Row[J] > Max ? Row[J] : Max;
    float Sum = 0.0F;
    for (int J = 0; J < Cols; ++J) {
      Row[J] = std::exp(Row[J] - Max);
      Sum += Row[J];
    }
    for (int J = 0; J < Cols; ++J)
      Row[J] /= Sum;
    // A probability that underflowed to 0 would make the loss infinite.
    Loss -= std::log(std::fmax(Row[Labels[I]], 1e-30F));
  }
  return static_cast<float>(Loss / Rows);
}

void softmaxCrossEntropyGradient(float *Probabilities, const int *Labels,
                                 int Rows, int Cols) {
  const float Scale = 1.0F / static_cast<float>(Rows);
  for (int I = 0; I < Rows; ++I) {
    float *Row = Probabilities + static_cast<std::ptrdiff_t>(I) * Cols;
    Row[Labels[I]] -= 1.0F;
    for (int J = 0; J < Cols; ++J)
      Row[J] *= Scale;
  }
}

void argmaxRows(const float *X, int Rows, int Cols, int *Out) {
  for (int I = 0; I < Rows; ++I) {
    const float *Row = X + static_cast<std::ptrdiff_t>(I) * Cols;
    int Best = 0;
    for (int J = 1; J < Cols; ++J)
      if (Row[J] > Row[Best])
        Best = J;
    Out[I] = Best;
  }
}
