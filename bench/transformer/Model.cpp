//===- Model.cpp - A small decoder-only transformer -----------------------===//
#include "Model.h"
#include "Ops.h"

#include <cmath>
#include <cstddef>
#include <cstring>

float Random::uniform(float Bound) {
  const float Unit = static_cast<float>(Gen() >> 8) * 0x1p-24F; // [0, 1).
  return Bound * (2.0F * Unit - 1.0F);
}

int Random::below(int N) {
  // N is far below 2^32: the bias of the modulo is negligible here.
  return static_cast<int>(Gen() % static_cast<std::uint32_t>(N));
}

namespace {

std::vector<float> drawn(Random &R, std::size_t N, float Bound) {
  std::vector<float> V(N);
  for (float &X : V)
    X = R.uniform(Bound);
  return V;
}

std::size_t product(int A, int B) {
  return static_cast<std::size_t>(A) * static_cast<std::size_t>(B);
}

} // namespace

Transformer::Transformer(const ModelConfig &Config) : C(Config) {
  Random R(C.Seed);
  const int D = C.Dim;
  // Each matrix uniform in +-1/sqrt(inputs), so that activations keep
  // their scale from layer to layer; biases small, norms the identity.
  const float InBound = 1.0F / std::sqrt(static_cast<float>(D));
  const float WideBound = 1.0F / std::sqrt(static_cast<float>(4 * D));
  TokenEmbedding = drawn(R, product(C.Vocab, D), 1.0F);
  PositionEmbedding = drawn(R, product(C.MaxPositions, D), 0.1F);
  Layers.resize(C.Layers);
  for (Layer &L : Layers) {
    L.Norm1Gamma.assign(D, 1.0F);
    L.Norm1Beta.assign(D, 0.0F);
    L.Qkv = drawn(R, product(D, 3 * D), InBound);
    L.QkvBias = drawn(R, 3 * D, 0.02F);
    L.Proj = drawn(R, product(D, D), InBound);
    L.ProjBias = drawn(R, D, 0.02F);
    L.Norm2Gamma.assign(D, 1.0F);
    L.Norm2Beta.assign(D, 0.0F);
    L.Up = drawn(R, product(D, 4 * D), InBound);
    L.UpBias = drawn(R, 4 * D, 0.02F);
    L.Down = drawn(R, product(4 * D, D), WideBound);
    L.DownBias = drawn(R, D, 0.02F);
    L.Keys.assign(product(C.MaxPositions, D), 0.0F);
    L.Values.assign(product(C.MaxPositions, D), 0.0F);
  }
  FinalGamma.assign(D, 1.0F);
  FinalBeta.assign(D, 0.0F);
  Unembed = drawn(R, product(D, C.Vocab), InBound);
  UnembedBias.assign(C.Vocab, 0.0F);
  Scores.resize(C.MaxPositions);
}

void Transformer::embed(const int *Tokens, int N) {
  const int D = C.Dim;
  for (int R = 0; R < N; ++R) {
    const float *Token = TokenEmbedding.data() + product(Tokens[R], D);
    const float *Position = PositionEmbedding.data() + product(Length + R, D);
    float *Row = X.data() + product(R, D);
    for (int I = 0; I < D; ++I)
      Row[I] = Token[I] + Position[I];
  }
}

void Transformer::selfAttention(Layer &L, int N) {
  const int D = C.Dim;
  const int HeadDim = D / C.Heads;
  const float Scale = 1.0F / std::sqrt(static_cast<float>(HeadDim));
  layerNorm(X.data(), N, D, L.Norm1Gamma.data(), L.Norm1Beta.data(),
            Normed.data());
  matmul(Normed.data(), N, D, L.Qkv.data(), 3 * D, L.QkvBias.data(),
         QkvOut.data());
  // The new rows' keys and values join the cache first: row R attends to
  // every position up to its own (causal).
  for (int R = 0; R < N; ++R) {
    const float *Row = QkvOut.data() + product(R, 3 * D);
    std::memcpy(L.Keys.data() + product(Length + R, D), Row + D,
                sizeof(float) * D);
    std::memcpy(L.Values.data() + product(Length + R, D), Row + 2 * D,
                sizeof(float) * D);
  }
  for (int R = 0; R < N; ++R) {
    const int Keys = Length + R + 1;
    for (int H = 0; H < C.Heads; ++H) {
      const float *Query = QkvOut.data() + product(R, 3 * D) + H * HeadDim;
      attentionScores(Query, L.Keys.data() + H * HeadDim, Keys, HeadDim, D,
                      Scale, Scores.data());
      softmax(Scores.data(), Keys);
      attentionMix(Scores.data(), L.Values.data() + H * HeadDim, Keys, HeadDim,
                   D, Attended.data() + product(R, D) + H * HeadDim);
    }
  }
  matmul(Attended.data(), N, D, L.Proj.data(), D, L.ProjBias.data(),
         Normed.data());
  addInPlace(X.data(), Normed.data(), N * D);
}

void Transformer::feedForward(const Layer &L, int N) {
  const int D = C.Dim;
  layerNorm(X.data(), N, D, L.Norm2Gamma.data(), L.Norm2Beta.data(),
            Normed.data());
  matmul(Normed.data(), N, D, L.Up.data(), 4 * D, L.UpBias.data(),
         Hidden.data());
  gelu(Hidden.data(), N * 4 * D);
  matmul(Hidden.data(), N, 4 * D, L.Down.data(), D, L.DownBias.data(),
         Normed.data());
  addInPlace(X.data(), Normed.data(), N * D);
}

void Transformer::forward(const int *Tokens, int N, float *Logits) {
  const int D = C.Dim;
  X.resize(product(N, D));
  Normed.resize(product(N, D));
  QkvOut.resize(product(N, 3 * D));
  Attended.resize(product(N, D));
  Hidden.resize(product(N, 4 * D));
  embed(Tokens, N);
  for (Layer &L : Layers) {
    selfAttention(L, N);
    feedForward(L, N);
  }
  // Only the last row predicts the next token.
  layerNorm(X.data() + product(N - 1, D), 1, D, FinalGamma.data(),
            FinalBeta.data(), Normed.data());
  matmul(Normed.data(), 1, D, Unembed.data(), C.Vocab, UnembedBias.data(),
         Logits);
  Length += N;
}
