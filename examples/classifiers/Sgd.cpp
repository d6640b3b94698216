//===- Sgd.cpp - Mini-batch SGD, shared by the gradient-trained models ----===//
#include "Sgd.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace {
// A uniform float in [0, 1): the top 24 bits of one 32-bit output, exactly
// representable.
float uniform01(std::mt19937 &Rng) {
  return static_cast<float>(static_cast<uint32_t>(Rng()) >> 8) * 0x1p-24F;
}

// A uniform integer in [0, Bound), Bound >= 1: one output scaled by
// multiply-and-shift (Lemire's method without its rejection step; its bias,
// under Bound / 2^32, does not matter for shuffling a data set).
int uniformBelow(std::mt19937 &Rng, int Bound) {
  return static_cast<int>((static_cast<uint64_t>(static_cast<uint32_t>(Rng())) *
                           static_cast<uint64_t>(Bound)) >>
                          32);
}
} // namespace

void initUniform(float *W, int N, float Limit, std::mt19937 &Rng) {
  for (int I = 0; I < N; ++I)
    W[I] = (2.0F * uniform01(Rng) - 1.0F) * Limit;
}

void shuffledOrder(int *Order, int N, std::mt19937 &Rng) {
  for (int I = 0; I < N; ++I)
    Order[I] = I;
  for (int I = N - 1; I > 0; --I)
    std::swap(Order[I], Order[uniformBelow(Rng, I + 1)]);
}

void gatherBatch(const Dataset &Data, const int *Order, int Count, float *X,
                 int *Y) {
  const int Cols = Data.Cols;
  for (int I = 0; I < Count; ++I) {
    const float *Row = Data.row(Order[I]);
    for (int J = 0; J < Cols; ++J)
      X[static_cast<std::ptrdiff_t>(I) * Cols + J] = Row[J];
    Y[I] = Data.Y[Order[I]];
  }
}

void applyMask(float *W, const unsigned char *Mask, int N) {
  for (int I = 0; I < N; ++I) {
    const float V = W[I]; // Read unconditionally: a select, vectorized.
    W[I] = Mask[I] != 0 ? V : 0.0F;
  }
}

void sgdStep(float *W, const float *G, int N, float LearningRate, float L2) {
  for (int I = 0; I < N; ++I)
    W[I] -= LearningRate * (G[I] + L2 * W[I]);
}
