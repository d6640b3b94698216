//===- Stats.h - Statistics for diff and proxies ----------------*- C++ -*-===//
//
// The statistics `frugal diff` and `frugal proxies` report: means with
// Student-t confidence intervals, Welch's difference of two means,
// correlations, least-squares fits with leave-one-out errors and a
// non-negative least-squares model. Quantiles come from Boost.Math, linear
// algebra from Eigen.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_STATS_H
#define FRUGAL_TOOLS_FRUGAL_STATS_H

#include "llvm/ADT/ArrayRef.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace frugal::stats {

/// The \p Probability quantile of Student's t distribution with
/// \p DegreesOfFreedom (> 0; infinity gives the normal distribution's).
/// NaN for arguments out of range.
double studentTQuantile(double Probability, double DegreesOfFreedom);

/// A sample's mean, with the half-width of its 95 % confidence interval
/// (Student's t, N - 1 degrees of freedom); no interval below 2 values.
struct MeanCI {
  size_t N = 0;
  double Mean = 0;
  double Stddev = 0;                 // Sample standard deviation (N - 1).
  std::optional<double> HalfWidth95; // Mean ± HalfWidth95.
};
MeanCI meanCI(llvm::ArrayRef<double> Values);

/// B's mean minus A's, with the 95 % interval of Welch's t (unequal
/// variances, Welch–Satterthwaite degrees of freedom). Significant is false
/// when the interval contains 0 — the difference is inside the noise — or
/// when there is no interval (fewer than 2 values on a side). When both
/// sides repeat one value exactly, the interval is 0 wide.
struct Difference {
  double Delta = 0;
  std::optional<double> HalfWidth95;
  bool Significant = false;
};
Difference welchDifference(llvm::ArrayRef<double> A, llvm::ArrayRef<double> B);

/// Correlation coefficients; None when undefined (fewer than 3 points, or
/// a constant side).
std::optional<double> pearson(llvm::ArrayRef<double> X,
                              llvm::ArrayRef<double> Y);
/// Spearman's rho: Pearson's r of the ranks, ties given their mean rank.
std::optional<double> spearman(llvm::ArrayRef<double> X,
                               llvm::ArrayRef<double> Y);

/// Y ≈ Intercept + Slope·X by least squares, with R² of the fit and the
/// mean absolute percentage error of leave-one-out predictions (each point
/// predicted by the fit to the others; points whose Y is 0 are left out of
/// the mean). None where undefined.
struct LinearFit {
  double Intercept = 0;
  double Slope = 0;
  std::optional<double> R2;
  std::optional<double> LooMape; // A fraction: 0.12 is 12 %.
};
std::optional<LinearFit> fitLinear(llvm::ArrayRef<double> X,
                                   llvm::ArrayRef<double> Y);

/// Y ≈ Σ_j Coef_j·X[i][j] with every Coef_j ≥ 0 (Lawson–Hanson), with R²
/// and the leave-one-out MAPE as in LinearFit. Rows are observations.
struct NonNegativeFit {
  std::vector<double> Coefficients;
  std::optional<double> R2;
  std::optional<double> LooMape;
};
std::optional<NonNegativeFit>
fitNonNegative(llvm::ArrayRef<std::vector<double>> X, llvm::ArrayRef<double> Y);

} // namespace frugal::stats

#endif // FRUGAL_TOOLS_FRUGAL_STATS_H
