//===- model.cpp - A one-hidden-layer MLP trained with mini-batch SGD -----===//
#include "model.h"

#include "ops.h"

#include <algorithm>
#include <cmath>
#include <random>

Mlp initModel(const Options &O) {
  Mlp Model{O.Features, O.Hidden, O.Classes, {}, {}, {}, {}};
  std::mt19937 Rng(O.Seed + 1);
  auto Init = [&Rng](std::vector<float> &W, int FanIn, size_t N) {
    std::normal_distribution<float> Dist(0.0F, std::sqrt(2.0F / FanIn));
    W.resize(N);
    for (float &V : W)
      V = Dist(Rng);
  };
  Init(Model.W1, Model.In, static_cast<size_t>(Model.In) * Model.Hidden);
  Init(Model.W2, Model.Hidden, static_cast<size_t>(Model.Hidden) * Model.Out);
  Model.B1.assign(Model.Hidden, 0.0F);
  Model.B2.assign(Model.Out, 0.0F);
  return Model;
}

float trainStep(Mlp &Model, const float *X, const int *Y, int M,
                float LearningRate) {
  std::vector<float> H(static_cast<size_t>(M) * Model.Hidden);
  std::vector<float> Logits(static_cast<size_t>(M) * Model.Out);
  denseForward(X, Model.W1.data(), Model.B1.data(), H.data(), M, Model.In,
               Model.Hidden);
  reluInPlace(H.data(), M * Model.Hidden);
  denseForward(H.data(), Model.W2.data(), Model.B2.data(), Logits.data(), M,
               Model.Hidden, Model.Out);
  float Loss = softmaxCrossEntropy(Logits.data(), Y, M, Model.Out);

  // dLogits = (softmax - onehot) / M
  for (int I = 0; I < M; ++I) {
    Logits[I * Model.Out + Y[I]] -= 1.0F;
    for (int J = 0; J < Model.Out; ++J)
      Logits[I * Model.Out + J] /= static_cast<float>(M);
  }
  std::vector<float> DW2(Model.W2.size()), DB2(Model.B2.size());
  std::vector<float> DH(H.size()), DW1(Model.W1.size()), DB1(Model.B1.size());
  denseBackward(H.data(), Model.W2.data(), Logits.data(), DW2.data(),
                DB2.data(), DH.data(), M, Model.Hidden, Model.Out);
  for (size_t I = 0; I < H.size(); ++I)
    if (H[I] <= 0.0F)
      DH[I] = 0.0F;
  denseBackward(X, Model.W1.data(), DH.data(), DW1.data(), DB1.data(), nullptr,
                M, Model.In, Model.Hidden);
  sgdUpdate(Model.W1.data(), DW1.data(), static_cast<int>(DW1.size()),
            LearningRate);
  sgdUpdate(Model.B1.data(), DB1.data(), static_cast<int>(DB1.size()),
            LearningRate);
  sgdUpdate(Model.W2.data(), DW2.data(), static_cast<int>(DW2.size()),
            LearningRate);
  sgdUpdate(Model.B2.data(), DB2.data(), static_cast<int>(DB2.size()),
            LearningRate);
  return Loss;
}

float train(Mlp &Model, const Dataset &D, const Options &O) {
  float Loss = 0.0F;
  for (int Epoch = 0; Epoch < O.Epochs; ++Epoch) {
    double Sum = 0.0;
    int Steps = 0;
    for (int Start = 0; Start < D.Rows; Start += O.Batch) {
      int M = std::min(O.Batch, D.Rows - Start);
      Sum += trainStep(Model, &D.X[static_cast<size_t>(Start) * D.Cols],
                       &D.Y[Start], M, O.LearningRate);
      ++Steps;
    }
    Loss = static_cast<float>(Sum / Steps);
  }
  return Loss;
}

double evaluate(const Mlp &Model, const Dataset &D) {
  std::vector<float> H(Model.Hidden), Logits(Model.Out);
  int Correct = 0;
  for (int I = 0; I < D.Rows; ++I) {
    denseForward(&D.X[static_cast<size_t>(I) * D.Cols], Model.W1.data(),
                 Model.B1.data(), H.data(), 1, Model.In, Model.Hidden);
    reluInPlace(H.data(), Model.Hidden);
    denseForward(H.data(), Model.W2.data(), Model.B2.data(), Logits.data(), 1,
                 Model.Hidden, Model.Out);
    int Best = 0;
    for (int J = 1; J < Model.Out; ++J)
      if (Logits[J] > Logits[Best])
        Best = J;
    Correct += Best == D.Y[I];
  }
  return static_cast<double>(Correct) / D.Rows;
}

