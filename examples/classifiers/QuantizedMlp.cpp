//===- QuantizedMlp.cpp - The MLP quantized to int8 (mlp-int8) ------------===//
//
// Post-training quantization of the fp32 MLP: every weight row (one output
// unit) becomes int8 with its own symmetric scale, max|w| / 127; at
// inference each sample's activations become int8 with a scale of their
// own, computed as they arrive (dynamic), the products accumulate in int32,
// and the sums are scaled back to float, where the bias is added.
//
//===----------------------------------------------------------------------===//
#include "Activations.h"
#include "Gemm.h"
#include "Mlp.h"
#include "Models.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>

namespace {

constexpr float Int8Max = 127.0F;

// Rows x Cols floats to int8, symmetric, one scale per row: Q = round(X /
// Scale[I]) with Scale[I] = max|row I| / 127 (1 for a row of zeros, which
// then stays zeros).
void quantizeRows(const float *X, int Rows, int Cols, int8_t *Q, float *Scale) {
  for (int I = 0; I < Rows; ++I) {
    const float *Row = X + static_cast<std::ptrdiff_t>(I) * Cols;
    float Max = 0.0F;
    for (int J = 0; J < Cols; ++J)
      Max = std::max(Max, std::fabs(Row[J]));
    const float S = Max > 0.0F ? Max / Int8Max : 1.0F;
    Scale[I] = S;
    const float Inverse = 1.0F / S;
    for (int J = 0; J < Cols; ++J) {
      const float V = std::min(std::max(Row[J] * Inverse, -Int8Max), Int8Max);
      // Rounds half away from zero, as std::lround does, without its call.
      Q[static_cast<std::ptrdiff_t>(I) * Cols + J] =
          static_cast<int8_t>(V + (V < 0.0F ? -0.5F : 0.5F));
    }
  }
}

// Y[I][J] = Acc[I][J] * RowScale[I] * ColScale[J] + Bias[J].
void dequantize(const int32_t *Acc, int Rows, int Cols, const float *RowScale,
                const float *ColScale, const float *Bias, float *Y) {
  for (int I = 0; I < Rows; ++I)
    for (int J = 0; J < Cols; ++J) {
      const std::ptrdiff_t K = static_cast<std::ptrdiff_t>(I) * Cols + J;
      Y[K] = static_cast<float>(Acc[K]) * RowScale[I] * ColScale[J] + Bias[J];
    }
}

// One int8 layer: weights Units x Inputs, their scales and the fp32 bias.
struct QuantizedLayer {
  int Inputs = 0;
  int Units = 0;
  std::vector<int8_t> Weights;
  std::vector<float> Scales;
  std::vector<float> Bias;

  void set(const std::vector<float> &W, const std::vector<float> &B,
           int NumUnits, int NumInputs) {
    Inputs = NumInputs;
    Units = NumUnits;
    Weights.resize(W.size());
    Scales.resize(Units);
    quantizeRows(W.data(), Units, Inputs, Weights.data(), Scales.data());
    Bias = B;
  }

  size_t bytes() const {
    return Weights.size() * sizeof(int8_t) +
           (Scales.size() + Bias.size()) * sizeof(float);
  }

  // Y (Rows x Units) = this layer applied to X (Rows x Inputs); QX, XScale
  // and Acc are scratch of Rows x Inputs, Rows and Rows x Units.
  void apply(const float *X, int Rows, float *Y, int8_t *QX, float *XScale,
             int32_t *Acc) const {
    quantizeRows(X, Rows, Inputs, QX, XScale);
    gemmInt8(Rows, Units, Inputs, QX, Inputs, Weights.data(), Inputs, Acc,
             Units);
    dequantize(Acc, Rows, Units, XScale, Scales.data(), Bias.data(), Y);
  }
};

class QuantizedMlp : public Classifier {
public:
  explicit QuantizedMlp(const HyperParameters &H) : H(H) {}

  void train(const Dataset &Train) override {
    std::mt19937 Rng(H.Seed);
    const MlpWeights W = trainFp32Mlp(Train, H, Rng);
    Layer1.set(W.W1, W.B1, W.Hidden, W.In);
    Layer2.set(W.W2, W.B2, W.Out, W.Hidden);
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    constexpr int Chunk = 256;
    const int In = Layer1.Inputs, Hid = Layer1.Units, Out = Layer2.Units;
    const size_t Widest = std::max(In, Hid);
    std::vector<int8_t> QX(Chunk * Widest);
    std::vector<float> XScale(Chunk);
    std::vector<int32_t> Acc(Chunk * static_cast<size_t>(std::max(Hid, Out)));
    std::vector<float> Hidden(static_cast<size_t>(Chunk) * Hid);
    std::vector<float> Logits(static_cast<size_t>(Chunk) * Out);
    for (int Start = 0; Start < Rows; Start += Chunk) {
      const int Count = std::min(Chunk, Rows - Start);
      Layer1.apply(X + static_cast<std::ptrdiff_t>(Start) * In, Count,
                   Hidden.data(), QX.data(), XScale.data(), Acc.data());
      reluInPlace(Hidden.data(), Count * Hid);
      Layer2.apply(Hidden.data(), Count, Logits.data(), QX.data(),
                   XScale.data(), Acc.data());
      argmaxRows(Logits.data(), Count, Out, Labels + Start);
    }
  }

  size_t modelBytes() const override { return Layer1.bytes() + Layer2.bytes(); }

private:
  HyperParameters H;
  QuantizedLayer Layer1, Layer2;
};

} // namespace

std::unique_ptr<Classifier> makeMlpInt8(const HyperParameters &H) {
  return std::make_unique<QuantizedMlp>(H);
}
