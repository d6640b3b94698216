//===- Model.h - A small decoder-only transformer ---------------*- C++ -*-===//
//
// GPT-2's shape: token and position embeddings; per layer a pre-norm causal
// multi-head self-attention over a key/value cache and a pre-norm GELU MLP
// (4 x wider), each with a residual connection; a final layer norm and the
// logits. The weights are random but deterministic: drawn from mt19937's raw
// output, whose sequence the C++ standard fixes (its distributions it does
// not), so that every standard library gives the same model.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_BENCH_TRANSFORMER_MODEL_H
#define FRUGAL_BENCH_TRANSFORMER_MODEL_H

#include <cstdint>
#include <random>
#include <vector>

// The sizes (main.cpp's options give the defaults). Heads divides Dim.
struct ModelConfig {
  int Dim = 0;
  int Layers = 0;
  int Heads = 0;
  int Vocab = 0;
  int MaxPositions = 0; // Prompt and generated tokens together.
  unsigned Seed = 0;
};

// Uniform draws from mt19937's raw output, the same on every platform.
class Random {
public:
  explicit Random(unsigned Seed) : Gen(Seed) {}
  // In [-Bound, Bound): the top 24 bits, exact in a float.
  float uniform(float Bound);
  // In [0, N).
  int below(int N);

private:
  std::mt19937 Gen;
};

class Transformer {
public:
  explicit Transformer(const ModelConfig &C);

  // Runs N tokens at the next N positions, appending their keys and values
  // to the cache, and writes the logits (Vocab values) of the last one.
  void forward(const int *Tokens, int N, float *Logits);

  // Positions used so far.
  int length() const { return Length; }

private:
  struct Layer {
    std::vector<float> Norm1Gamma, Norm1Beta;
    std::vector<float> Qkv, QkvBias;   // Dim x 3 Dim: queries, keys, values.
    std::vector<float> Proj, ProjBias; // Dim x Dim.
    std::vector<float> Norm2Gamma, Norm2Beta;
    std::vector<float> Up, UpBias;     // Dim x 4 Dim.
    std::vector<float> Down, DownBias; // 4 Dim x Dim.
    std::vector<float> Keys, Values;   // MaxPositions x Dim: the cache.
  };

  void embed(const int *Tokens, int N);
  void selfAttention(Layer &L, int N);
  void feedForward(const Layer &L, int N);

  ModelConfig C;
  std::vector<float> TokenEmbedding;    // Vocab x Dim.
  std::vector<float> PositionEmbedding; // MaxPositions x Dim.
  std::vector<Layer> Layers;
  std::vector<float> FinalGamma, FinalBeta;
  std::vector<float> Unembed, UnembedBias; // Dim x Vocab.
  int Length = 0;
  // Activations of the rows in flight (N x ...), reused across calls.
  std::vector<float> X, Normed, QkvOut, Attended, Hidden, Scores;
};

#endif // FRUGAL_BENCH_TRANSFORMER_MODEL_H
