//===- Dataset.h - Labelled samples, the digits and a synthetic generator -===//
//
// The classifiers share one representation: a dense row-major matrix of
// float features and one integer label per row, labels in [0, Classes).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_EXAMPLES_CLASSIFIERS_DATASET_H
#define FRUGAL_EXAMPLES_CLASSIFIERS_DATASET_H

#include <string>
#include <vector>

struct Dataset {
  int Rows = 0;
  int Cols = 0;
  int Classes = 0;
  std::vector<float> X; // Rows x Cols, row-major.
  std::vector<int> Y;   // Rows labels.

  const float *row(int I) const {
    return X.data() + static_cast<size_t>(I) * Cols;
  }
};

struct TrainTestSplit {
  Dataset Train;
  Dataset Test;
};

// Reads examples/data/digits.csv.gz (gzip, 65 comma-separated integers per
// line: 64 pixels 0..16, then the label) and splits it the fixed way
// (examples/data/README.md): line I is a test sample when I % 4 == 3.
// Pixels are scaled to [0, 1]. On failure returns false and sets Error to a
// one-line reason.
bool loadDigits(const std::string &Path, TrainTestSplit &Split,
                std::string &Error);

// Gaussian blobs: one centre per class drawn uniformly in [-1, 1]^Features
// from Seed, points at distance ~N(0, Spread^2) per feature around their
// centre, labels cycling 0..Classes-1. The same with every standard
// library (std::mt19937 with the library's own uniform and Box-Muller
// transforms, not std::*_distribution, whose results differ between
// standard libraries), up to libm's last-bit rounding of log and cos.
// The first three quarters of the rows train, the rest test.
TrainTestSplit makeSynthetic(int Samples, int Features, int Classes,
                             unsigned Seed, float Spread = 1.0F);

// The fraction of Predicted[I] == Labels[I] over N rows.
double accuracy(const int *Predicted, const int *Labels, int N);

#endif // FRUGAL_EXAMPLES_CLASSIFIERS_DATASET_H
