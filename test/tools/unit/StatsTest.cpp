//===- StatsTest.cpp - Statistics of diff and proxies ---------------------===//
//
// Checked against values known independently of this code: published
// tables and textbook examples, or small cases worked out by hand (the
// arithmetic is in the comments).
//
//===----------------------------------------------------------------------===//

#include "frugal/Stats.h"

#include "gtest/gtest.h"

#include <cmath>
#include <limits>
#include <vector>

using namespace frugal::stats;

namespace {

TEST(StatsTest, StudentTQuantiles) {
  // Two-sided 95 % critical values of t tables.
  EXPECT_NEAR(studentTQuantile(0.975, 1), 12.706, 1e-3);
  EXPECT_NEAR(studentTQuantile(0.975, 4), 2.776, 1e-3);
  EXPECT_NEAR(studentTQuantile(0.975, 30), 2.042, 1e-3);
  // Infinitely many degrees of freedom: the normal distribution's 1.96.
  EXPECT_NEAR(studentTQuantile(0.975, std::numeric_limits<double>::infinity()),
              1.95996, 1e-5);
  EXPECT_NEAR(studentTQuantile(0.975, 1e9), 1.95996, 1e-5);
  // Symmetric about 0.
  EXPECT_NEAR(studentTQuantile(0.025, 4), -2.776, 1e-3);
  EXPECT_TRUE(std::isnan(studentTQuantile(0.975, 0)));
  EXPECT_TRUE(std::isnan(studentTQuantile(1.5, 4)));
}

TEST(StatsTest, MeanWithConfidenceInterval) {
  // 5 values: mean 3, s = sqrt(2.5), half-width t(0.975, 4)·s/√5.
  MeanCI M = meanCI({1, 2, 3, 4, 5});
  EXPECT_EQ(M.N, 5u);
  EXPECT_DOUBLE_EQ(M.Mean, 3);
  EXPECT_NEAR(M.Stddev, 1.5811388, 1e-7);
  ASSERT_TRUE(M.HalfWidth95);
  EXPECT_NEAR(*M.HalfWidth95, 2.7764451 * 1.5811388 / std::sqrt(5.0), 1e-6);

  // One value: a mean, but no interval.
  MeanCI One = meanCI({7});
  EXPECT_EQ(One.N, 1u);
  EXPECT_DOUBLE_EQ(One.Mean, 7);
  EXPECT_FALSE(One.HalfWidth95);
  EXPECT_EQ(meanCI({}).N, 0u);
}

TEST(StatsTest, WelchOnRSleepData) {
  // R's t.test(extra ~ group, data = sleep), Welch by default: the means
  // 0.75 and 2.33, t = -1.8608, df = 17.776, 95 % CI of group 1 - group 2
  // -3.3654832 .. 0.2054832: the difference is inside the noise.
  std::vector<double> Group1 = {0.7, -1.6, -0.2, -1.2, -0.1,
                                3.4, 3.7,  0.8,  0.0,  2.0};
  std::vector<double> Group2 = {1.9, 0.8, 1.1, 0.1, -0.1,
                                4.4, 5.5, 1.6, 4.6, 3.4};
  Difference D = welchDifference(Group1, Group2);
  EXPECT_NEAR(D.Delta, 1.58, 1e-9);
  ASSERT_TRUE(D.HalfWidth95);
  EXPECT_NEAR(*D.HalfWidth95, (3.3654832 + 0.2054832) / 2, 1e-6);
  EXPECT_FALSE(D.Significant);

  // Shifted by 5, group 2 is clearly above.
  for (double &V : Group2)
    V += 5;
  Difference Far = welchDifference(Group1, Group2);
  EXPECT_NEAR(Far.Delta, 6.58, 1e-9);
  EXPECT_TRUE(Far.Significant);
}

TEST(StatsTest, WelchDegenerateSamples) {
  // One value on a side: a difference, no interval, never significant.
  Difference D = welchDifference({1}, {5, 6});
  EXPECT_DOUBLE_EQ(D.Delta, 4.5);
  EXPECT_FALSE(D.HalfWidth95);
  EXPECT_FALSE(D.Significant);
  // Exact repeats: no noise, so any difference is real.
  Difference Exact = welchDifference({2, 2, 2}, {3, 3});
  ASSERT_TRUE(Exact.HalfWidth95);
  EXPECT_DOUBLE_EQ(*Exact.HalfWidth95, 0);
  EXPECT_TRUE(Exact.Significant);
  EXPECT_FALSE(welchDifference({2, 2}, {2, 2}).Significant);
}

// Anscombe's quartet: four data sets with the same statistics (to the
// published 2-3 digits): r 0.816, y = 3.00 + 0.500·x, R² 0.67.
struct AnscombeSet {
  std::vector<double> X, Y;
};
const std::vector<double> AnscombeX = {10, 8, 13, 9, 11, 14, 6, 4, 12, 7, 5};
const AnscombeSet Anscombe[] = {
    {AnscombeX,
     {8.04, 6.95, 7.58, 8.81, 8.33, 9.96, 7.24, 4.26, 10.84, 4.82, 5.68}},
    {AnscombeX,
     {9.14, 8.14, 8.74, 8.77, 9.26, 8.10, 6.13, 3.10, 9.13, 7.26, 4.74}},
    {AnscombeX,
     {7.46, 6.77, 12.74, 7.11, 7.81, 8.84, 6.08, 5.39, 8.15, 6.42, 5.73}},
    {{8, 8, 8, 8, 8, 8, 8, 19, 8, 8, 8},
     {6.58, 5.76, 7.71, 8.84, 8.47, 7.04, 5.25, 12.50, 5.56, 7.91, 6.89}},
};

TEST(StatsTest, AnscombeQuartet) {
  for (const AnscombeSet &S : Anscombe) {
    std::optional<double> R = pearson(S.X, S.Y);
    ASSERT_TRUE(R);
    EXPECT_NEAR(*R, 0.816, 1e-3);
    std::optional<LinearFit> Fit = fitLinear(S.X, S.Y);
    ASSERT_TRUE(Fit);
    EXPECT_NEAR(Fit->Slope, 0.500, 1e-3);
    EXPECT_NEAR(Fit->Intercept, 3.00, 1e-2);
    ASSERT_TRUE(Fit->R2);
    EXPECT_NEAR(*Fit->R2, 0.667, 1e-3);
    // A one-variable fit's R² is r².
    EXPECT_NEAR(*Fit->R2, *R * *R, 1e-12);
  }
  // The fourth set's x = 19 is alone: without it the other ten share x = 8,
  // so leave-one-out has no line to predict it with.
  EXPECT_FALSE(fitLinear(Anscombe[3].X, Anscombe[3].Y)->LooMape);
  EXPECT_TRUE(fitLinear(Anscombe[0].X, Anscombe[0].Y)->LooMape);
}

TEST(StatsTest, SpearmanWithTies) {
  // Ranks of X (1, 2, 2, 3): 1, 2.5, 2.5, 4; of Y: 1, 3, 2, 4. Deviations
  // from 2.5: (-1.5, 0, 0, 1.5) and (-1.5, .5, -.5, 1.5); Σdx·dy = 4.5,
  // Σdx² = 4.5, Σdy² = 5: ρ = 4.5 / √22.5 = 3 / √10.
  std::optional<double> Rho = spearman({1, 2, 2, 3}, {1, 3, 2, 4});
  ASSERT_TRUE(Rho);
  EXPECT_NEAR(*Rho, 3 / std::sqrt(10.0), 1e-12);
  // Monotonic but not linear: ρ = 1 where r < 1.
  std::vector<double> X = {1, 2, 3, 4, 5}, Y = {1, 8, 27, 64, 125};
  EXPECT_DOUBLE_EQ(*spearman(X, Y), 1);
  EXPECT_LT(*pearson(X, Y), 0.99);
  EXPECT_DOUBLE_EQ(*spearman(X, {5, 4, 3, 2, 1}), -1);
  // All tied on one side: undefined.
  EXPECT_FALSE(spearman({1, 1, 1}, {1, 2, 3}));
}

TEST(StatsTest, LeaveOneOutMapeByHand) {
  // X 1..4, Y 2, 4, 5, 9. Each point predicted by the line through the
  // other three:
  //   without (1, 2): y = -1.5 + 2.5x     → 1.0,  |1 - 2| / 2     = 1/2
  //   without (2, 4): y = -4/7 + 31/14 x  → 27/7, |27/7 - 4| / 4  = 1/28
  //   without (3, 5): y = -1/2 + 33/14 x  → 46/7, |46/7 - 5| / 5  = 11/35
  //   without (4, 9): y = 2/3 + 1.5x      → 20/3, |20/3 - 9| / 9  = 7/27
  std::vector<double> X = {1, 2, 3, 4}, Y = {2, 4, 5, 9};
  std::optional<LinearFit> Fit = fitLinear(X, Y);
  ASSERT_TRUE(Fit);
  // The fit to all four: x̄ 2.5, ȳ 5, Sxy 11, Sxx 5.
  EXPECT_NEAR(Fit->Slope, 2.2, 1e-12);
  EXPECT_NEAR(Fit->Intercept, -0.5, 1e-12);
  ASSERT_TRUE(Fit->LooMape);
  EXPECT_NEAR(*Fit->LooMape, (1.0 / 2 + 1.0 / 28 + 11.0 / 35 + 7.0 / 27) / 4,
              1e-12);

  // A point with Y = 0 is left out of the mean, not divided by.
  std::optional<LinearFit> WithZero = fitLinear({1, 2, 3, 4}, {0, 2, 4, 6});
  ASSERT_TRUE(WithZero && WithZero->LooMape);
  EXPECT_NEAR(*WithZero->LooMape, 0, 1e-12);
}

TEST(StatsTest, ExactLinearRelation) {
  std::vector<double> X = {3, 10, 200, 4000, 1e6};
  std::vector<double> Y;
  for (double V : X)
    Y.push_back(2e-9 * V);
  EXPECT_NEAR(*pearson(X, Y), 1, 1e-12);
  std::optional<LinearFit> Fit = fitLinear(X, Y);
  ASSERT_TRUE(Fit && Fit->R2 && Fit->LooMape);
  EXPECT_NEAR(Fit->Slope, 2e-9, 1e-20);
  EXPECT_NEAR(*Fit->R2, 1, 1e-12);
  EXPECT_NEAR(*Fit->LooMape, 0, 1e-9);
}

TEST(StatsTest, NonNegativeWhereLeastSquaresGoesNegative) {
  // Y = 2·x1 - 0.5·x2 exactly, so unconstrained least squares gives
  // (2, -0.5). With both ≥ 0 the optimum drops x2: C1 = Σx1·y / Σx1² =
  // 50 / 30, and the residual's correlation with x2 is negative (-25/3), so
  // adding x2 cannot help (the Kuhn-Tucker conditions hold).
  std::vector<std::vector<double>> X = {{1, 4}, {2, 3}, {3, 2}, {4, 1}};
  std::vector<double> Y = {0, 2.5, 5, 7.5};
  std::optional<NonNegativeFit> Fit = fitNonNegative(X, Y);
  ASSERT_TRUE(Fit);
  ASSERT_EQ(Fit->Coefficients.size(), 2u);
  EXPECT_NEAR(Fit->Coefficients[0], 5.0 / 3, 1e-12);
  EXPECT_EQ(Fit->Coefficients[1], 0);
  ASSERT_TRUE(Fit->R2);
  EXPECT_LT(*Fit->R2, 1);
}

TEST(StatsTest, NonNegativeDropsAColumnItTookFirst) {
  // Column 0 correlates best with Y and enters first, but once the others
  // are in, least squares wants it negative: it must leave again. The
  // optimum, found by solving the normal equations exactly on every subset
  // of columns and keeping the one that meets the Kuhn-Tucker conditions:
  // (0, 3587/6573, 2799/6573).
  std::vector<std::vector<double>> X = {
      {4, 8, 2}, {4, 4, 7}, {5, 7, 7}, {1, 0, 4}};
  std::vector<double> Y = {6, 5, 6, 3};
  std::optional<NonNegativeFit> Fit = fitNonNegative(X, Y);
  ASSERT_TRUE(Fit);
  EXPECT_EQ(Fit->Coefficients[0], 0);
  EXPECT_NEAR(Fit->Coefficients[1], 3587.0 / 6573, 1e-12);
  EXPECT_NEAR(Fit->Coefficients[2], 2799.0 / 6573, 1e-12);
}

TEST(StatsTest, NonNegativeRecoversPositiveCoefficients) {
  // Y = 3·x1 + 2·x2 exactly; a third column of zeros gets 0.
  std::vector<std::vector<double>> X = {
      {1, 5, 0}, {2, 1, 0}, {3, 7, 0}, {4, 2, 0}, {5, 5, 0}};
  std::vector<double> Y;
  for (const auto &Row : X)
    Y.push_back(3 * Row[0] + 2 * Row[1]);
  std::optional<NonNegativeFit> Fit = fitNonNegative(X, Y);
  ASSERT_TRUE(Fit && Fit->R2 && Fit->LooMape);
  EXPECT_NEAR(Fit->Coefficients[0], 3, 1e-10);
  EXPECT_NEAR(Fit->Coefficients[1], 2, 1e-10);
  EXPECT_EQ(Fit->Coefficients[2], 0);
  EXPECT_NEAR(*Fit->R2, 1, 1e-12);
  EXPECT_NEAR(*Fit->LooMape, 0, 1e-10);
}

TEST(StatsTest, NonNegativeLeaveOneOutByHand) {
  // One column, no intercept: C = Σxy / Σx² (61 / 30 for all four), and
  // without point i, C = (61 - x_i·y_i) / (30 - x_i²):
  //   i = 1: 59/29 → 59/29,     |59/29 - 2| / 2     = 1/58
  //   i = 2: 53/26 → 106/26,    |106/26 - 4| / 4    = 1/52
  //   i = 3: 46/21 → 138/21,    |138/21 - 5| / 5    = 33/105
  //   i = 4: 25/14 → 100/14,    |100/14 - 9| / 9    = 26/126
  std::vector<std::vector<double>> X = {{1}, {2}, {3}, {4}};
  std::vector<double> Y = {2, 4, 5, 9};
  std::optional<NonNegativeFit> Fit = fitNonNegative(X, Y);
  ASSERT_TRUE(Fit && Fit->LooMape);
  EXPECT_NEAR(Fit->Coefficients[0], 61.0 / 30, 1e-12);
  EXPECT_NEAR(*Fit->LooMape,
              (1.0 / 58 + 1.0 / 52 + 33.0 / 105 + 26.0 / 126) / 4, 1e-12);
}

TEST(StatsTest, CollinearColumnsStillPredict) {
  // x2 = 2·x1: many coefficient pairs fit; the predictions are exact.
  std::vector<std::vector<double>> X = {{1, 2}, {2, 4}, {3, 6}, {5, 10}};
  std::vector<double> Y = {4, 8, 12, 20};
  std::optional<NonNegativeFit> Fit = fitNonNegative(X, Y);
  ASSERT_TRUE(Fit && Fit->R2 && Fit->LooMape);
  EXPECT_NEAR(Fit->Coefficients[0] + 2 * Fit->Coefficients[1], 4, 1e-10);
  EXPECT_GE(Fit->Coefficients[0], 0);
  EXPECT_GE(Fit->Coefficients[1], 0);
  EXPECT_NEAR(*Fit->R2, 1, 1e-12);
  EXPECT_NEAR(*Fit->LooMape, 0, 1e-10);
}

TEST(StatsTest, DegenerateInputs) {
  // Constant X: no correlation, no line.
  EXPECT_FALSE(pearson({2, 2, 2, 2}, {1, 2, 3, 4}));
  EXPECT_FALSE(fitLinear({2, 2, 2, 2}, {1, 2, 3, 4}));
  // Constant Y: a line (flat), but r and R² are undefined.
  EXPECT_FALSE(pearson({1, 2, 3}, {5, 5, 5}));
  std::optional<LinearFit> Flat = fitLinear({1, 2, 3}, {5, 5, 5});
  ASSERT_TRUE(Flat);
  EXPECT_DOUBLE_EQ(Flat->Slope, 0);
  EXPECT_FALSE(Flat->R2);
  // Fewer than 3 points.
  EXPECT_FALSE(pearson({1, 2}, {3, 4}));
  EXPECT_FALSE(spearman({1, 2}, {3, 4}));
  EXPECT_FALSE(fitLinear({1, 2}, {3, 4}));
  EXPECT_FALSE(fitNonNegative({{1}, {2}}, {3, 4}));
  // Mismatched lengths, ragged rows, no columns, non-finite values.
  EXPECT_FALSE(pearson({1, 2, 3}, {1, 2}));
  EXPECT_FALSE(fitNonNegative({{1, 2}, {2}, {3, 1}}, {1, 2, 3}));
  EXPECT_FALSE(fitNonNegative({{}, {}, {}}, {1, 2, 3}));
  EXPECT_FALSE(fitLinear({1, 2, NAN}, {1, 2, 3}));
  // Every Y is 0: nothing to take a percentage of.
  std::optional<LinearFit> Zero = fitLinear({1, 2, 3}, {0, 0, 0});
  ASSERT_TRUE(Zero);
  EXPECT_FALSE(Zero->LooMape);
}

} // namespace
