//===- Models.h - Constructors of the model variants ----------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_MODELS_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_MODELS_H

#include "Classifier.h"

// Softmax regression trained by mini-batch SGD with L2 (LogisticRegression.cpp).
std::unique_ptr<Classifier> makeLogisticRegression(const HyperParameters &H);
// One-hidden-layer MLP (ReLU, softmax, cross-entropy, mini-batch SGD), fp32,
// whose matrix products use the naive triple loop (Mlp.cpp).
std::unique_ptr<Classifier> makeMlpNaive(const HyperParameters &H);
// The same MLP with a cache-blocked matrix product (H.BlockSize tiles).
std::unique_ptr<Classifier> makeMlpBlocked(const HyperParameters &H);
// The fp32 MLP trained as above, then quantized after training: int8
// weights (symmetric, per output unit) and int8 activations (symmetric,
// per sample, at inference), int32 accumulation (QuantizedMlp.cpp).
std::unique_ptr<Classifier> makeMlpInt8(const HyperParameters &H);
// The fp32 MLP trained as above, its smallest-magnitude weights pruned to
// H.Sparsity, fine-tuned H.FineTuneEpochs with the mask held, and run as
// compressed sparse rows at inference (PrunedMlp.cpp).
std::unique_ptr<Classifier> makeMlpPruned(const HyperParameters &H);
// CART: binary splits on one feature minimising Gini impurity
// (DecisionTree.cpp).
std::unique_ptr<Classifier> makeDecisionTree(const HyperParameters &H);
// Brute-force k-nearest neighbours, Euclidean distance, majority vote
// (Knn.cpp).
std::unique_ptr<Classifier> makeKnn(const HyperParameters &H);
// Gaussian naive Bayes (NaiveBayes.cpp).
std::unique_ptr<Classifier> makeGaussianNaiveBayes(const HyperParameters &H);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_MODELS_H
