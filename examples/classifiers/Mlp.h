//===- Mlp.h - The fp32 multi-layer perceptron the MLP variants share -----===//
//
// One hidden layer: In -> Hidden (ReLU) -> Out (softmax), trained by
// mini-batch SGD with L2 on the softmax cross-entropy. mlp and mlp-blocked
// are this network as it is; mlp-int8 (QuantizedMlp.cpp) and mlp-pruned
// (PrunedMlp.cpp) train it, then transform its weights for inference.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_MLP_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_MLP_H

#include "Classifier.h"

#include <random>
#include <vector>

// The kernel that computes every matrix product, forward and backward.
enum class GemmKind { Naive, Blocked };

// A layer stores one row of weights per output unit (W1 is Hidden x In,
// W2 is Out x Hidden): per-unit quantization scales and the rows of a
// sparse layer are then rows of the matrix.
struct MlpWeights {
  int In = 0;
  int Hidden = 0;
  int Out = 0;
  std::vector<float> W1, B1, W2, B2;
};

// Where a mask is 0, training holds the weight at 0 (a pruned network).
struct MlpMask {
  std::vector<unsigned char> W1, W2;
};

// Biases 0; weights uniform in +-sqrt(6 / inputs of the layer) (He
// initialisation, for ReLU), drawn from Rng.
MlpWeights initMlp(int In, int Hidden, int Out, std::mt19937 &Rng);

// Epochs passes of mini-batch SGD over Train (H.Batch, H.LearningRate,
// H.L2; H.BlockSize for GemmKind::Blocked), each in an order drawn from
// Rng; with Mask, masked weights stay 0. Returns the last epoch's mean loss.
float trainMlp(MlpWeights &W, const Dataset &Train, const HyperParameters &H,
               int Epochs, GemmKind Kind, std::mt19937 &Rng,
               const MlpMask *Mask = nullptr);

// Labels[I] = the class W predicts for row I of X (Rows x W.In).
void predictMlp(const MlpWeights &W, const float *X, int Rows, int *Labels,
                GemmKind Kind, int Block);

// The network mlp trains (naive products, H.Epochs, Rng seeded with
// H.Seed): where mlp-int8 and mlp-pruned start from. Rng is left where
// training left it.
MlpWeights trainFp32Mlp(const Dataset &Train, const HyperParameters &H,
                        std::mt19937 &Rng);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_MLP_H
