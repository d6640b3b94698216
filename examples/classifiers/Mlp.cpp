//===- Mlp.cpp - The fp32 multi-layer perceptron (mlp, mlp-blocked) -------===//
#include "Mlp.h"

#include "Activations.h"
#include "Gemm.h"
#include "Models.h"
#include "Sgd.h"

#include <algorithm>
#include <cmath>
#include <cstddef>

namespace {

// C = op(A) * op(B) with the chosen kernel (see Gemm.h).
struct Product {
  GemmKind Kind;
  int Block;

  void operator()(bool TransA, bool TransB, int M, int N, int K, const float *A,
                  int Lda, const float *B, int Ldb, float *C, int Ldc) const {
    if (Kind == GemmKind::Naive)
      gemmNaive(TransA, TransB, M, N, K, 1.0F, A, Lda, B, Ldb, 0.0F, C, Ldc);
    else
      gemmBlocked(TransA, TransB, M, N, K, 1.0F, A, Lda, B, Ldb, 0.0F, C, Ldc,
                  Block);
  }
};

// Hidden = ReLU(X W1^T + B1), Logits = Hidden W2^T + B2 for Rows rows.
void forward(const MlpWeights &W, const Product &Mul, const float *X, int Rows,
             float *Hidden, float *Logits) {
  Mul(false, true, Rows, W.Hidden, W.In, X, W.In, W.W1.data(), W.In, Hidden,
      W.Hidden);
  addBias(Hidden, Rows, W.Hidden, W.B1.data());
  reluInPlace(Hidden, Rows * W.Hidden);
  Mul(false, true, Rows, W.Out, W.Hidden, Hidden, W.Hidden, W.W2.data(),
      W.Hidden, Logits, W.Out);
  addBias(Logits, Rows, W.Out, W.B2.data());
}

class MlpClassifier : public Classifier {
public:
  MlpClassifier(const HyperParameters &H, GemmKind Kind) : H(H), Kind(Kind) {}

  void train(const Dataset &Train) override {
    std::mt19937 Rng(H.Seed);
    Weights = initMlp(Train.Cols, H.Hidden, Train.Classes, Rng);
    trainMlp(Weights, Train, H, H.Epochs, Kind, Rng);
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    predictMlp(Weights, X, Rows, Labels, Kind, H.BlockSize);
  }

  size_t modelBytes() const override {
    return sizeof(float) * (Weights.W1.size() + Weights.B1.size() +
                            Weights.W2.size() + Weights.B2.size());
  }

private:
  HyperParameters H;
  GemmKind Kind;
  MlpWeights Weights;
};

} // namespace

MlpWeights initMlp(int In, int Hidden, int Out, std::mt19937 &Rng) {
  MlpWeights W;
  W.In = In;
  W.Hidden = Hidden;
  W.Out = Out;
  W.W1.resize(static_cast<size_t>(Hidden) * In);
  W.B1.assign(Hidden, 0.0F);
  W.W2.resize(static_cast<size_t>(Out) * Hidden);
  W.B2.assign(Out, 0.0F);
  initUniform(W.W1.data(), Hidden * In,
              std::sqrt(6.0F / static_cast<float>(In)), Rng);
  initUniform(W.W2.data(), Out * Hidden,
              std::sqrt(6.0F / static_cast<float>(Hidden)), Rng);
  return W;
}

float trainMlp(MlpWeights &W, const Dataset &Train, const HyperParameters &H,
               int Epochs, GemmKind Kind, std::mt19937 &Rng,
               const MlpMask *Mask) {
  const Product Mul{Kind, std::max(1, H.BlockSize)};
  const int Batch = std::max(1, std::min(H.Batch, Train.Rows));
  const int In = W.In, Hid = W.Hidden, Out = W.Out;
  std::vector<int> Order(Train.Rows), Y(Batch);
  std::vector<float> X(static_cast<size_t>(Batch) * In);
  std::vector<float> Hidden(static_cast<size_t>(Batch) * Hid);
  std::vector<float> Logits(static_cast<size_t>(Batch) * Out);
  std::vector<float> DHidden(static_cast<size_t>(Batch) * Hid);
  std::vector<float> DW1(W.W1.size()), DB1(Hid), DW2(W.W2.size()), DB2(Out);
  float EpochLoss = 0.0F;
  for (int Epoch = 0; Epoch < Epochs; ++Epoch) {
    shuffledOrder(Order.data(), Train.Rows, Rng);
    double LossSum = 0.0;
    for (int Start = 0; Start < Train.Rows; Start += Batch) {
      const int Rows = std::min(Batch, Train.Rows - Start);
      gatherBatch(Train, Order.data() + Start, Rows, X.data(), Y.data());
      forward(W, Mul, X.data(), Rows, Hidden.data(), Logits.data());
      LossSum += static_cast<double>(
                     softmaxCrossEntropy(Logits.data(), Y.data(), Rows, Out)) *
                 Rows;
      // Back-propagation: Logits now holds dLoss/dLogits.
      softmaxCrossEntropyGradient(Logits.data(), Y.data(), Rows, Out);
      Mul(true, false, Out, Hid, Rows, Logits.data(), Out, Hidden.data(), Hid,
          DW2.data(), Hid);
      biasGradient(Logits.data(), Rows, Out, DB2.data());
      Mul(false, false, Rows, Hid, Out, Logits.data(), Out, W.W2.data(), Hid,
          DHidden.data(), Hid);
      reluBackward(Hidden.data(), DHidden.data(), Rows * Hid);
      Mul(true, false, Hid, In, Rows, DHidden.data(), Hid, X.data(), In,
          DW1.data(), In);
      biasGradient(DHidden.data(), Rows, Hid, DB1.data());
      // Weight decay on the weights, not on the biases.
      sgdStep(W.W1.data(), DW1.data(), Hid * In, H.LearningRate, H.L2);
      sgdStep(W.B1.data(), DB1.data(), Hid, H.LearningRate, 0.0F);
      sgdStep(W.W2.data(), DW2.data(), Out * Hid, H.LearningRate, H.L2);
      sgdStep(W.B2.data(), DB2.data(), Out, H.LearningRate, 0.0F);
      if (Mask) {
        applyMask(W.W1.data(), Mask->W1.data(), Hid * In);
        applyMask(W.W2.data(), Mask->W2.data(), Out * Hid);
      }
    }
    EpochLoss = static_cast<float>(LossSum / Train.Rows);
  }
  return EpochLoss;
}

void predictMlp(const MlpWeights &W, const float *X, int Rows, int *Labels,
                GemmKind Kind, int Block) {
  // A chunk of rows at a time bounds the memory of the activations.
  constexpr int Chunk = 256;
  const Product Mul{Kind, std::max(1, Block)};
  std::vector<float> Hidden(static_cast<size_t>(Chunk) * W.Hidden);
  std::vector<float> Logits(static_cast<size_t>(Chunk) * W.Out);
  for (int Start = 0; Start < Rows; Start += Chunk) {
    const int Count = std::min(Chunk, Rows - Start);
    forward(W, Mul, X + static_cast<std::ptrdiff_t>(Start) * W.In, Count,
            Hidden.data(), Logits.data());
    argmaxRows(Logits.data(), Count, W.Out, Labels + Start);
  }
}

MlpWeights trainFp32Mlp(const Dataset &Train, const HyperParameters &H,
                        std::mt19937 &Rng) {
  MlpWeights W = initMlp(Train.Cols, H.Hidden, Train.Classes, Rng);
  trainMlp(W, Train, H, H.Epochs, GemmKind::Naive, Rng);
  return W;
}

std::unique_ptr<Classifier> makeMlpNaive(const HyperParameters &H) {
  return std::make_unique<MlpClassifier>(H, GemmKind::Naive);
}

std::unique_ptr<Classifier> makeMlpBlocked(const HyperParameters &H) {
  return std::make_unique<MlpClassifier>(H, GemmKind::Blocked);
}
