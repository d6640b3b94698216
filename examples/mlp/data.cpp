//===- data.cpp - A deterministic synthetic classification data set -------===//
#include "model.h"

#include <random>

Dataset makeBlobs(const Options &O, unsigned Seed) {
  std::mt19937 Rng(Seed);
  std::normal_distribution<float> Noise(0.0F, 1.0F);
  std::vector<float> Centers(static_cast<size_t>(O.Classes) * O.Features);
  std::mt19937 CenterRng(O.Seed);
  std::uniform_real_distribution<float> Uniform(-2.0F, 2.0F);
  for (float &C : Centers)
    C = Uniform(CenterRng);
  Dataset D;
  D.Rows = O.Samples;
  D.Cols = O.Features;
  D.X.resize(static_cast<size_t>(D.Rows) * D.Cols);
  D.Y.resize(D.Rows);
  for (int I = 0; I < D.Rows; ++I) {
    int Label = I % O.Classes;
    D.Y[I] = Label;
    for (int F = 0; F < D.Cols; ++F)
      D.X[I * D.Cols + F] = Centers[Label * D.Cols + F] + 3.0F * Noise(Rng);
  }
  return D;
}

