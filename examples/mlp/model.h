//===- model.h - Options, data set and the MLP ----------------------------===//
#ifndef FRUGAL_EXAMPLES_MLP_MODEL_H
#define FRUGAL_EXAMPLES_MLP_MODEL_H

#include <vector>

struct Options {
  int Samples = 8000;
  int Features = 32;
  int Classes = 4;
  int Hidden = 128;
  int Epochs = 10;
  int Batch = 32;
  float LearningRate = 0.05F;
  unsigned Seed = 42;
};

struct Dataset {
  int Rows = 0;
  int Cols = 0;
  std::vector<float> X;
  std::vector<int> Y;
};

struct Mlp {
  int In, Hidden, Out;
  std::vector<float> W1, B1, W2, B2;
};

// Gaussian blobs, one per class, with centres drawn from O.Seed and points
// from Seed: deterministic for given options.
Dataset makeBlobs(const Options &O, unsigned Seed);
Mlp initModel(const Options &O);
// One SGD step on a mini-batch of M rows; returns the batch loss.
float trainStep(Mlp &Model, const float *X, const int *Y, int M,
                float LearningRate);
// O.Epochs epochs of mini-batch SGD; returns the last epoch's mean loss.
float train(Mlp &Model, const Dataset &D, const Options &O);
// Fraction of rows whose arg-max class equals the label.
double evaluate(const Mlp &Model, const Dataset &D);

#endif
