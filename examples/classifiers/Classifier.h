//===- Classifier.h - What every model variant offers ---------------------===//
//
// Ordinary ML code: no frugal calls anywhere in the models. frugal
// instruments them at compile time; the driver (examples/classify/main.cpp)
// marks training and inference as regions.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_CLASSIFIER_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_CLASSIFIER_H

#include "Dataset.h"

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

// Every hyper-parameter of every variant, with the defaults the demo uses;
// each variant reads the ones it needs (classify --help lists them).
struct HyperParameters {
  unsigned Seed = 42;
  // Gradient-trained models (logistic regression, the MLPs).
  int Epochs = 30;
  int Batch = 32;
  float LearningRate = 0.5F;
  float L2 = 1e-4F;
  // MLPs.
  int Hidden = 64;
  int BlockSize = 32;     // mlp-blocked: the matmul's tile edge.
  float Sparsity = 0.8F;  // mlp-pruned: fraction of weights set to 0.
  int FineTuneEpochs = 5; // mlp-pruned: epochs with the mask applied.
  // Decision tree (CART, Gini impurity).
  int MaxDepth = 12;
  int MinSamplesLeaf = 2;
  // k-nearest neighbours (Euclidean).
  int K = 3;
  // Gaussian naive Bayes: added to every variance, times the largest one.
  float VarSmoothing = 1e-2F;
};

class Classifier {
public:
  virtual ~Classifier() = default;
  // Learns from Train (labels in [0, Train.Classes)).
  virtual void train(const Dataset &Train) = 0;
  // Labels[I] = the predicted class of row I of X (Rows x Cols, row-major,
  // Cols as in training).
  virtual void predict(const float *X, int Rows, int *Labels) const = 0;
  // Bytes of the trained model's parameters (weights, tree nodes, stored
  // samples): the memory inference needs besides its input.
  virtual size_t modelBytes() const = 0;
};

struct VariantInfo {
  const char *Name;        // As given to classify --model.
  const char *Description; // One line for --help and the docs.
};

// Every variant, in the order the demo runs them.
const std::vector<VariantInfo> &variants();

// The variant called Name, or null when there is none.
std::unique_ptr<Classifier> makeClassifier(const std::string &Name,
                                           const HyperParameters &H);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_CLASSIFIER_H
