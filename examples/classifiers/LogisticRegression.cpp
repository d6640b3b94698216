//===- LogisticRegression.cpp - Softmax regression (logreg) ---------------===//
//
// Logits = X W^T + B, W one row per class, trained like the MLP (mini-batch
// SGD with L2 on the softmax cross-entropy) from zero weights: the loss is
// convex, so no random start is needed; only the batch order is random.
//
//===----------------------------------------------------------------------===//
#include "Activations.h"
#include "Gemm.h"
#include "Models.h"
#include "Sgd.h"

#include <algorithm>
#include <cstddef>
#include <random>

namespace {

class LogisticRegression : public Classifier {
public:
  explicit LogisticRegression(const HyperParameters &H) : H(H) {}

  void train(const Dataset &Train) override {
    In = Train.Cols;
    Classes = Train.Classes;
    W.assign(static_cast<size_t>(Classes) * In, 0.0F);
    B.assign(Classes, 0.0F);
    std::mt19937 Rng(H.Seed);
    const int Batch = std::max(1, std::min(H.Batch, Train.Rows));
    std::vector<int> Order(Train.Rows), Y(Batch);
    std::vector<float> X(static_cast<size_t>(Batch) * In);
    std::vector<float> Logits(static_cast<size_t>(Batch) * Classes);
    std::vector<float> DW(W.size()), DB(Classes);
    for (int Epoch = 0; Epoch < H.Epochs; ++Epoch) {
      shuffledOrder(Order.data(), Train.Rows, Rng);
      for (int Start = 0; Start < Train.Rows; Start += Batch) {
        const int Rows = std::min(Batch, Train.Rows - Start);
        gatherBatch(Train, Order.data() + Start, Rows, X.data(), Y.data());
        gemmNaive(false, true, Rows, Classes, In, 1.0F, X.data(), In, W.data(),
                  In, 0.0F, Logits.data(), Classes);
        addBias(Logits.data(), Rows, Classes, B.data());
        softmaxCrossEntropy(Logits.data(), Y.data(), Rows, Classes);
        softmaxCrossEntropyGradient(Logits.data(), Y.data(), Rows, Classes);
        gemmNaive(true, false, Classes, In, Rows, 1.0F, Logits.data(), Classes,
                  X.data(), In, 0.0F, DW.data(), In);
        biasGradient(Logits.data(), Rows, Classes, DB.data());
        sgdStep(W.data(), DW.data(), Classes * In, H.LearningRate, H.L2);
        sgdStep(B.data(), DB.data(), Classes, H.LearningRate, 0.0F);
      }
    }
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    constexpr int Chunk = 256;
    std::vector<float> Logits(static_cast<size_t>(Chunk) * Classes);
    for (int Start = 0; Start < Rows; Start += Chunk) {
      const int Count = std::min(Chunk, Rows - Start);
      gemmNaive(false, true, Count, Classes, In, 1.0F,
                X + static_cast<std::ptrdiff_t>(Start) * In, In, W.data(), In,
                0.0F, Logits.data(), Classes);
      addBias(Logits.data(), Count, Classes, B.data());
      argmaxRows(Logits.data(), Count, Classes, Labels + Start);
    }
  }

  size_t modelBytes() const override {
    return sizeof(float) * (W.size() + B.size());
  }

private:
  HyperParameters H;
  int In = 0;
  int Classes = 0;
  std::vector<float> W; // Classes x In.
  std::vector<float> B; // Classes.
};

} // namespace

std::unique_ptr<Classifier> makeLogisticRegression(const HyperParameters &H) {
  return std::make_unique<LogisticRegression>(H);
}
