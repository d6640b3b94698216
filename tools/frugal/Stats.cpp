//===- Stats.cpp - Statistics for diff and proxies ------------------------===//
//
// Samples here are small (repeated runs) or moderate (a few thousand
// functions), so clarity wins over speed, with two exceptions: the linear
// fit's leave-one-out errors use the closed form (no refit per point), and
// the non-negative fit works on the normal equations, so that leaving a row
// out is a rank-one update of a small matrix instead of a pass over the
// data.
//
//===----------------------------------------------------------------------===//

#include "Stats.h"

#include "llvm/ADT/STLExtras.h"

#include <Eigen/Dense>
#include <boost/math/distributions/students_t.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

using namespace llvm;

namespace frugal::stats {

namespace {
// Report domain errors as NaN instead of throwing: callers check inputs,
// and the tools are not built around exceptions.
using QuietPolicy = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::ignore_error>,
    boost::math::policies::overflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<
        boost::math::policies::ignore_error>>;

constexpr double NaN = std::numeric_limits<double>::quiet_NaN();

double mean(ArrayRef<double> Values) {
  return std::accumulate(Values.begin(), Values.end(), 0.0) / Values.size();
}

// The sample variance (N - 1 denominator), two-pass for accuracy.
double sampleVariance(ArrayRef<double> Values, double Mean) {
  double Sum = 0;
  for (double V : Values)
    Sum += (V - Mean) * (V - Mean);
  return Sum / (Values.size() - 1);
}

// The 97.5 % quantile: the half-width of a 95 % interval in standard errors.
double t975(double DegreesOfFreedom) {
  return studentTQuantile(0.975, DegreesOfFreedom);
}

// Ranks from 1, ties given the mean of the ranks they span.
std::vector<double> ranks(ArrayRef<double> Values) {
  std::vector<size_t> Order(Values.size());
  std::iota(Order.begin(), Order.end(), 0);
  // Tied values share a rank, so their order does not matter.
  llvm::sort(Order, [&](size_t A, size_t B) { return Values[A] < Values[B]; });
  std::vector<double> Ranks(Values.size());
  for (size_t I = 0; I < Order.size();) {
    size_t J = I;
    while (J + 1 < Order.size() && Values[Order[J + 1]] == Values[Order[I]])
      ++J;
    // Positions I..J (0-based) hold ranks I+1..J+1; their mean:
    double Rank = (I + J) / 2.0 + 1;
    for (size_t K = I; K <= J; ++K)
      Ranks[Order[K]] = Rank;
    I = J + 1;
  }
  return Ranks;
}

bool allFinite(ArrayRef<double> Values) {
  return std::all_of(Values.begin(), Values.end(),
                     [](double V) { return std::isfinite(V); });
}

// 1 - SSres / SStot; None when Y is constant (nothing to explain).
std::optional<double> rSquared(ArrayRef<double> Y, ArrayRef<double> Predicted) {
  double YMean = mean(Y);
  double Residual = 0, Total = 0;
  for (size_t I = 0; I < Y.size(); ++I) {
    Residual += (Y[I] - Predicted[I]) * (Y[I] - Predicted[I]);
    Total += (Y[I] - YMean) * (Y[I] - YMean);
  }
  if (Total == 0)
    return std::nullopt;
  return 1 - Residual / Total;
}

// Mean of |predicted - Y| / |Y| over the points whose Y is not 0; None when
// every Y is 0.
std::optional<double> meanAbsolutePercentageError(ArrayRef<double> Y,
                                                  ArrayRef<double> Predicted) {
  double Sum = 0;
  size_t N = 0;
  for (size_t I = 0; I < Y.size(); ++I) {
    if (Y[I] == 0)
      continue;
    Sum += std::abs(Predicted[I] - Y[I]) / std::abs(Y[I]);
    ++N;
  }
  if (N == 0)
    return std::nullopt;
  return Sum / N;
}

using Eigen::MatrixXd;
using Eigen::VectorXd;

// Lawson and Hanson's active-set algorithm on the normal equations
// (G = XᵀX, B = XᵀY), as in Bro and de Jong's "fast NNLS": minimises
// |Y - X·C|² subject to C ≥ 0. The columns are expected scaled to unit
// norm, so that Tolerance is relative.
VectorXd solveNonNegative(const MatrixXd &G, const VectorXd &B) {
  const Eigen::Index P = G.rows();
  const double Tolerance = 1e-12 * std::max<Eigen::Index>(P, 1);
  VectorXd C = VectorXd::Zero(P);
  std::vector<bool> Passive(P, false);
  VectorXd Gradient = B; // B - G·C: the negative gradient / 2.

  // The unconstrained least squares on the passive columns, others 0.
  auto SolvePassive = [&]() {
    std::vector<Eigen::Index> Index;
    for (Eigen::Index J = 0; J < P; ++J)
      if (Passive[J])
        Index.push_back(J);
    const Eigen::Index K = Index.size();
    MatrixXd GP(K, K);
    VectorXd BP(K);
    for (Eigen::Index R = 0; R < K; ++R) {
      BP(R) = B(Index[R]);
      for (Eigen::Index S = 0; S < K; ++S)
        GP(R, S) = G(Index[R], Index[S]);
    }
    // Collinear proxies (time and cycles) make GP singular; the
    // minimum-norm solution still gives the best predictions.
    VectorXd SP = GP.completeOrthogonalDecomposition().solve(BP);
    VectorXd S = VectorXd::Zero(P);
    for (Eigen::Index R = 0; R < K; ++R)
      S(Index[R]) = SP(R);
    return S;
  };

  // Each outer step frees one coefficient; 3·P steps is Lawson and
  // Hanson's bound in practice (and scipy's), against cycling on ties.
  for (int Outer = 0; Outer < 3 * std::max<Eigen::Index>(P, 1); ++Outer) {
    Eigen::Index Best = -1;
    for (Eigen::Index J = 0; J < P; ++J)
      if (!Passive[J] && Gradient(J) > Tolerance &&
          (Best < 0 || Gradient(J) > Gradient(Best)))
        Best = J;
    if (Best < 0)
      break;
    Passive[Best] = true;
    VectorXd S = SolvePassive();
    // Inner loop: step towards S until every passive coefficient is
    // positive, dropping those that reach 0 on the way.
    for (int Inner = 0; Inner < 3 * P; ++Inner) {
      bool Feasible = true;
      for (Eigen::Index J = 0; J < P; ++J)
        if (Passive[J] && S(J) <= 0)
          Feasible = false;
      if (Feasible)
        break;
      double Alpha = 1;
      for (Eigen::Index J = 0; J < P; ++J)
        if (Passive[J] && S(J) <= 0) {
          double Gap = C(J) - S(J);
          Alpha = std::min(Alpha, Gap > 0 ? C(J) / Gap : 0.0);
        }
      C += Alpha * (S - C);
      for (Eigen::Index J = 0; J < P; ++J)
        if (Passive[J] && C(J) <= Tolerance) {
          Passive[J] = false;
          C(J) = 0;
        }
      S = SolvePassive();
    }
    C = S.cwiseMax(0.0);
    Gradient = B - G * C;
  }
  return C;
}
} // namespace

double studentTQuantile(double Probability, double DegreesOfFreedom) {
  if (!(Probability > 0 && Probability < 1) || !(DegreesOfFreedom > 0))
    return NaN;
  if (std::isinf(DegreesOfFreedom)) {
    boost::math::normal_distribution<double, QuietPolicy> Normal;
    return boost::math::quantile(Normal, Probability);
  }
  boost::math::students_t_distribution<double, QuietPolicy> T(DegreesOfFreedom);
  return boost::math::quantile(T, Probability);
}

MeanCI meanCI(ArrayRef<double> Values) {
  MeanCI Result;
  Result.N = Values.size();
  if (Values.empty())
    return Result;
  Result.Mean = mean(Values);
  if (Values.size() < 2)
    return Result;
  Result.Stddev = std::sqrt(sampleVariance(Values, Result.Mean));
  Result.HalfWidth95 =
      t975(Values.size() - 1) * Result.Stddev / std::sqrt(Values.size());
  return Result;
}

Difference welchDifference(ArrayRef<double> A, ArrayRef<double> B) {
  Difference Result;
  if (A.empty() || B.empty())
    return Result;
  double MeanA = mean(A), MeanB = mean(B);
  Result.Delta = MeanB - MeanA;
  if (A.size() < 2 || B.size() < 2)
    return Result;
  // Squared standard errors of each mean.
  double SA = sampleVariance(A, MeanA) / A.size();
  double SB = sampleVariance(B, MeanB) / B.size();
  double StdErr = std::sqrt(SA + SB);
  if (StdErr == 0) {
    // Both sides repeat one value exactly: the difference has no noise.
    Result.HalfWidth95 = 0;
    Result.Significant = Result.Delta != 0;
    return Result;
  }
  // Welch–Satterthwaite degrees of freedom.
  double Df = (SA + SB) * (SA + SB) /
              (SA * SA / (A.size() - 1) + SB * SB / (B.size() - 1));
  Result.HalfWidth95 = t975(Df) * StdErr;
  Result.Significant = std::abs(Result.Delta) > *Result.HalfWidth95;
  return Result;
}

std::optional<double> pearson(ArrayRef<double> X, ArrayRef<double> Y) {
  if (X.size() != Y.size() || X.size() < 3 || !allFinite(X) || !allFinite(Y))
    return std::nullopt;
  double XMean = mean(X), YMean = mean(Y);
  double Sxy = 0, Sxx = 0, Syy = 0;
  for (size_t I = 0; I < X.size(); ++I) {
    Sxy += (X[I] - XMean) * (Y[I] - YMean);
    Sxx += (X[I] - XMean) * (X[I] - XMean);
    Syy += (Y[I] - YMean) * (Y[I] - YMean);
  }
  if (Sxx == 0 || Syy == 0)
    return std::nullopt;
  return std::clamp(Sxy / std::sqrt(Sxx * Syy), -1.0, 1.0);
}

std::optional<double> spearman(ArrayRef<double> X, ArrayRef<double> Y) {
  if (X.size() != Y.size() || !allFinite(X) || !allFinite(Y))
    return std::nullopt;
  return pearson(ranks(X), ranks(Y));
}

std::optional<LinearFit> fitLinear(ArrayRef<double> X, ArrayRef<double> Y) {
  if (X.size() != Y.size() || X.size() < 3 || !allFinite(X) || !allFinite(Y))
    return std::nullopt;
  const size_t N = X.size();
  double XMean = mean(X), YMean = mean(Y);
  double Sxx = 0, Sxy = 0;
  for (size_t I = 0; I < N; ++I) {
    Sxx += (X[I] - XMean) * (X[I] - XMean);
    Sxy += (X[I] - XMean) * (Y[I] - YMean);
  }
  if (Sxx == 0)
    return std::nullopt;
  LinearFit Fit;
  Fit.Slope = Sxy / Sxx;
  Fit.Intercept = YMean - Fit.Slope * XMean;
  std::vector<double> Predicted(N), Loo(N);
  bool LooDefined = true;
  for (size_t I = 0; I < N; ++I) {
    Predicted[I] = Fit.Intercept + Fit.Slope * X[I];
    // Leaving point I out moves its prediction so that its residual
    // becomes e / (1 - h), h its leverage 1/N + (x - x̄)² / Sxx: the
    // closed form of refitting without it.
    double Leverage = 1.0 / N + (X[I] - XMean) * (X[I] - XMean) / Sxx;
    if (1 - Leverage < 1e-12) {
      // The others all share one X: no line through them.
      LooDefined = false;
      continue;
    }
    Loo[I] = Y[I] - (Y[I] - Predicted[I]) / (1 - Leverage);
  }
  Fit.R2 = rSquared(Y, Predicted);
  if (LooDefined)
    Fit.LooMape = meanAbsolutePercentageError(Y, Loo);
  return Fit;
}

std::optional<NonNegativeFit> fitNonNegative(ArrayRef<std::vector<double>> X,
                                             ArrayRef<double> Y) {
  const size_t N = X.size();
  if (N != Y.size() || N < 3 || X.front().empty() || !allFinite(Y))
    return std::nullopt;
  const size_t P = X.front().size();
  for (const std::vector<double> &Row : X)
    if (Row.size() != P || !allFinite(Row))
      return std::nullopt;

  // Columns scaled to unit norm (an all-zero one left as it is): the
  // solution scales back exactly, and the tolerances become relative.
  MatrixXd M(N, P);
  for (size_t I = 0; I < N; ++I)
    for (size_t J = 0; J < P; ++J)
      M(I, J) = X[I][J];
  VectorXd Scale = M.colwise().norm().transpose();
  for (Eigen::Index J = 0; J < Scale.size(); ++J)
    if (Scale(J) == 0)
      Scale(J) = 1;
  M = M * Scale.cwiseInverse().asDiagonal();
  VectorXd V = Eigen::Map<const VectorXd>(Y.data(), N);
  double YScale = V.norm() > 0 ? V.norm() : 1;
  V /= YScale;

  MatrixXd G = M.transpose() * M;
  VectorXd B = M.transpose() * V;
  VectorXd C = solveNonNegative(G, B);

  NonNegativeFit Fit;
  Fit.Coefficients.resize(P);
  for (size_t J = 0; J < P; ++J)
    Fit.Coefficients[J] = C(J) * YScale / Scale(J);
  std::vector<double> Predicted(N), Loo(N);
  for (size_t I = 0; I < N; ++I) {
    VectorXd Row = M.row(I).transpose();
    Predicted[I] = Row.dot(C) * YScale;
    // The fit without row I: its terms taken out of the normal equations.
    VectorXd CI = solveNonNegative(G - Row * Row.transpose(), B - V(I) * Row);
    Loo[I] = Row.dot(CI) * YScale;
  }
  Fit.R2 = rSquared(Y, Predicted);
  Fit.LooMape = meanAbsolutePercentageError(Y, Loo);
  return Fit;
}

} // namespace frugal::stats
