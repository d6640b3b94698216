//===- PrunedMlp.cpp - The MLP magnitude-pruned, run sparse (mlp-pruned) --===//
//
// The fp32 MLP is trained, the smallest-magnitude H.Sparsity fraction of
// each weight matrix is set to 0, the rest are fine-tuned H.FineTuneEpochs
// epochs with the pruned ones held at 0, and the layers are stored as
// compressed sparse rows: inference multiplies only by the weights left.
//
//===----------------------------------------------------------------------===//
#include "Activations.h"
#include "Gemm.h"
#include "Mlp.h"
#include "Models.h"
#include "Sgd.h"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <numeric>

namespace {

// A mask that is 0 for the Fraction of W's N entries of smallest magnitude.
// Ties are broken by position, so the mask is the same on every platform.
std::vector<unsigned char> magnitudeMask(const std::vector<float> &W,
                                         float Fraction) {
  const size_t N = W.size();
  const float Clamped = std::min(std::max(Fraction, 0.0F), 1.0F);
  const size_t Pruned = static_cast<size_t>(Clamped * static_cast<float>(N));
  std::vector<size_t> ByMagnitude(N);
  std::iota(ByMagnitude.begin(), ByMagnitude.end(), size_t{0});
  std::sort(ByMagnitude.begin(), ByMagnitude.end(), [&](size_t A, size_t B) {
    const float MA = std::fabs(W[A]), MB = std::fabs(W[B]);
    return MA < MB || (MA == MB && A < B);
  });
  std::vector<unsigned char> Mask(N, 1);
  for (size_t I = 0; I < Pruned; ++I)
    Mask[ByMagnitude[I]] = 0;
  return Mask;
}

// A layer in compressed sparse rows (see spmmCsr): one row per output unit.
struct SparseLayer {
  int Inputs = 0;
  int Units = 0;
  std::vector<int> RowStart; // Units + 1 offsets into Columns and Values.
  std::vector<int> Columns;
  std::vector<float> Values;
  std::vector<float> Bias;

  void set(const std::vector<float> &W, const std::vector<float> &B,
           int NumUnits, int NumInputs) {
    Inputs = NumInputs;
    Units = NumUnits;
    RowStart.assign(1, 0);
    Columns.clear();
    Values.clear();
    for (int J = 0; J < Units; ++J) {
      for (int P = 0; P < Inputs; ++P) {
        const float V = W[static_cast<size_t>(J) * Inputs + P];
        if (V != 0.0F) {
          Columns.push_back(P);
          Values.push_back(V);
        }
      }
      RowStart.push_back(static_cast<int>(Columns.size()));
    }
    Bias = B;
  }

  size_t bytes() const {
    return (RowStart.size() + Columns.size()) * sizeof(int) +
           (Values.size() + Bias.size()) * sizeof(float);
  }

  // Y (Rows x Units) = X (Rows x Inputs) times the layer, plus the bias.
  void apply(const float *X, int Rows, float *Y) const {
    spmmCsr(Rows, Units, X, Inputs, RowStart.data(), Columns.data(),
            Values.data(), Y, Units);
    addBias(Y, Rows, Units, Bias.data());
  }
};

class PrunedMlp : public Classifier {
public:
  explicit PrunedMlp(const HyperParameters &H) : H(H) {}

  void train(const Dataset &Train) override {
    std::mt19937 Rng(H.Seed);
    MlpWeights W = trainFp32Mlp(Train, H, Rng);
    MlpMask Mask{magnitudeMask(W.W1, H.Sparsity),
                 magnitudeMask(W.W2, H.Sparsity)};
    applyMask(W.W1.data(), Mask.W1.data(), static_cast<int>(W.W1.size()));
    applyMask(W.W2.data(), Mask.W2.data(), static_cast<int>(W.W2.size()));
    trainMlp(W, Train, H, H.FineTuneEpochs, GemmKind::Naive, Rng, &Mask);
    Layer1.set(W.W1, W.B1, W.Hidden, W.In);
    Layer2.set(W.W2, W.B2, W.Out, W.Hidden);
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    constexpr int Chunk = 256;
    const int In = Layer1.Inputs, Hid = Layer1.Units, Out = Layer2.Units;
    std::vector<float> Hidden(static_cast<size_t>(Chunk) * Hid);
    std::vector<float> Logits(static_cast<size_t>(Chunk) * Out);
    for (int Start = 0; Start < Rows; Start += Chunk) {
      const int Count = std::min(Chunk, Rows - Start);
      Layer1.apply(X + static_cast<std::ptrdiff_t>(Start) * In, Count,
                   Hidden.data());
      reluInPlace(Hidden.data(), Count * Hid);
      Layer2.apply(Hidden.data(), Count, Logits.data());
      argmaxRows(Logits.data(), Count, Out, Labels + Start);
    }
  }

  size_t modelBytes() const override { return Layer1.bytes() + Layer2.bytes(); }

private:
  HyperParameters H;
  SparseLayer Layer1, Layer2;
};

} // namespace

std::unique_ptr<Classifier> makeMlpPruned(const HyperParameters &H) {
  return std::make_unique<PrunedMlp>(H);
}
