//===- NaiveBayes.cpp - Gaussian naive Bayes ------------------------------===//
//
// Each feature of each class is a normal distribution fitted to the class's
// training samples; a sample's class is the one with the largest log prior
// plus the sum of its features' log-likelihoods. Variances get
// VarSmoothing times the largest feature variance of the training set added
// (as scikit-learn's var_smoothing): without it a pixel that is always 0 in
// one class would rule that class out for any sample where it is not.
//
//===----------------------------------------------------------------------===//
#include "Models.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace {

// Mean[F] and Var[F] of the Rows x Cols samples X whose label Y is Class
// (all samples when Class < 0); returns how many there were. Two passes:
// mean, then squared deviations.
int fitGaussians(const float *X, const int *Y, int Rows, int Cols, int Class,
                 double *Mean, double *Var) {
  int Count = 0;
  for (int F = 0; F < Cols; ++F) {
    Mean[F] = 0.0;
    Var[F] = 0.0;
  }
  for (int R = 0; R < Rows; ++R) {
    if (Class >= 0 && Y[R] != Class)
      continue;
    ++Count;
    for (int F = 0; F < Cols; ++F)
      Mean[F] += X[static_cast<size_t>(R) * Cols + F];
  }
  if (Count == 0)
    return 0;
  for (int F = 0; F < Cols; ++F)
    Mean[F] /= Count;
  for (int R = 0; R < Rows; ++R) {
    if (Class >= 0 && Y[R] != Class)
      continue;
    for (int F = 0; F < Cols; ++F) {
      double D = X[static_cast<size_t>(R) * Cols + F] - Mean[F];
      Var[F] += D * D;
    }
  }
  for (int F = 0; F < Cols; ++F)
    Var[F] /= Count;
  return Count;
}

// The class maximising LogNorm[C] - sum_F (Sample[F] - Mean[C][F])^2 *
// HalfPrecision[C][F]; ties go to the lower class.
int mostLikely(const float *Sample, const double *Mean,
               const double *HalfPrecision, const double *LogNorm, int Classes,
               int Cols) {
  int Best = 0;
  double BestScore = -std::numeric_limits<double>::infinity();
  for (int C = 0; C < Classes; ++C) {
    const double *M = Mean + static_cast<size_t>(C) * Cols;
    const double *P = HalfPrecision + static_cast<size_t>(C) * Cols;
    double Score = LogNorm[C];
    for (int F = 0; F < Cols; ++F) {
      double D = Sample[F] - M[F];
      Score -= D * D * P[F];
    }
    if (Score > BestScore) {
      BestScore = Score;
      Best = C;
    }
  }
  return Best;
}

class GaussianNaiveBayes : public Classifier {
public:
  explicit GaussianNaiveBayes(const HyperParameters &H)
      : VarSmoothing(H.VarSmoothing) {}

  void train(const Dataset &Train) override {
    Classes = Train.Classes;
    Cols = Train.Cols;
    size_t Size = static_cast<size_t>(Classes) * Cols;
    Mean.assign(Size, 0.0);
    HalfPrecision.assign(Size, 0.0);
    LogNorm.assign(Classes, 0.0);

    std::vector<double> AllMean(Cols), AllVar(Cols);
    fitGaussians(Train.X.data(), Train.Y.data(), Train.Rows, Cols, -1,
                 AllMean.data(), AllVar.data());
    double MaxVar = 0.0;
    for (int F = 0; F < Cols; ++F)
      MaxVar = std::max(MaxVar, AllVar[F]);
    // Some smoothing even when every feature is constant: 1/0 otherwise.
    double Epsilon = std::max(VarSmoothing * MaxVar, 1e-9);

    const double Pi = 3.141592653589793;
    std::vector<double> Var(Cols);
    for (int C = 0; C < Classes; ++C) {
      double *M = Mean.data() + static_cast<size_t>(C) * Cols;
      int Count = fitGaussians(Train.X.data(), Train.Y.data(), Train.Rows, Cols,
                               C, M, Var.data());
      if (Count == 0) { // Never seen: never predicted.
        LogNorm[C] = -std::numeric_limits<double>::infinity();
        continue;
      }
      double Log = std::log(static_cast<double>(Count) / Train.Rows);
      for (int F = 0; F < Cols; ++F) {
        double V = Var[F] + Epsilon;
        HalfPrecision[static_cast<size_t>(C) * Cols + F] = 0.5 / V;
        Log -= 0.5 * std::log(2.0 * Pi * V);
      }
      LogNorm[C] = Log;
    }
  }

  void predict(const float *X, int Rows, int *Labels) const override {
    for (int I = 0; I < Rows; ++I)
      Labels[I] =
          mostLikely(X + static_cast<size_t>(I) * Cols, Mean.data(),
                     HalfPrecision.data(), LogNorm.data(), Classes, Cols);
  }

  size_t modelBytes() const override {
    return (Mean.size() + HalfPrecision.size() + LogNorm.size()) *
           sizeof(double);
  }

private:
  double VarSmoothing;
  int Classes = 0;
  int Cols = 0;
  std::vector<double> Mean;          // Classes x Cols.
  std::vector<double> HalfPrecision; // 1 / (2 variance), Classes x Cols.
  std::vector<double> LogNorm;       // log prior + sum_F log 1/sqrt(2 pi var).
};

} // namespace

std::unique_ptr<Classifier> makeGaussianNaiveBayes(const HyperParameters &H) {
  return std::make_unique<GaussianNaiveBayes>(H);
}
