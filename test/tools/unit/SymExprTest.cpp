//===- SymExprTest.cpp - Symbolic cost expressions and costs --------------===//

#include "frugal/analyze/SymExpr.h"
#include "frugal/analyze/Cost.h"

#include "gtest/gtest.h"

#include <cmath>
#include <map>

using namespace frugal::analysis;

namespace frugal::analysis {
// Readable failures.
void PrintTo(const Expr &E, std::ostream *OS) { *OS << E.str(); }
} // namespace frugal::analysis

namespace {

Expr sym(llvm::StringRef N) { return Expr::symbol(N); }
Expr num(int64_t V) { return Expr::number(V); }

double eval(const Expr &E, const llvm::StringMap<double> &Values) {
  std::optional<double> V = E.evaluate(Values);
  EXPECT_TRUE(V.has_value()) << E.str();
  return V.value_or(NAN);
}

TEST(SymExpr, ZeroAndConstants) {
  Expr Z;
  EXPECT_TRUE(Z.isZero());
  EXPECT_TRUE(Z.isConstant());
  EXPECT_EQ(Z.integerValue(), 0);
  EXPECT_EQ(Z.str(), "0");
  EXPECT_EQ(num(0), Z);
  EXPECT_EQ(num(7).integerValue(), 7);
  EXPECT_EQ(num(-7).str(), "-7");
  EXPECT_EQ(num(3) + num(4), num(7));
  EXPECT_EQ(Expr::fraction(2, 4), Expr::fraction(-1, -2));
  EXPECT_EQ(Expr::fraction(1, 2).str(), "1 / 2");
  EXPECT_EQ(Expr::fraction(-1, 2).str(), "-1 / 2");
  EXPECT_EQ(Expr::fraction(1, 2).integerValue(), std::nullopt);
  EXPECT_EQ(Expr::fraction(1, 2).constantValue(), 0.5);
  EXPECT_EQ(Expr::fraction(6, 3).integerValue(), 2);
  EXPECT_EQ(Expr::fraction(1, 2) + Expr::fraction(1, 2), num(1));
  EXPECT_FALSE(sym("n").isConstant());
  EXPECT_EQ(sym("n").integerValue(), std::nullopt);
  EXPECT_EQ(sym("n").constantValue(), std::nullopt);
  EXPECT_TRUE((sym("n") - sym("n")).isZero());
}

TEST(SymExpr, CanonicalForm) {
  Expr N = sym("n"), M = sym("m");
  EXPECT_EQ(N * M, M * N);
  EXPECT_EQ((N + M) * (N + M), N * N + num(2) * N * M + M * M);
  EXPECT_EQ((N + num(1)) * (N - num(1)), N * N - num(1));
  EXPECT_NE(N, M);
  EXPECT_NE(N, N + num(1));
  EXPECT_EQ(N.degree(), 1u);
  EXPECT_EQ((N * N * M + N).degree(), 3u);
  EXPECT_EQ(num(5).degree(), 0u);
  Expr Copy = N * M;
  Expr Moved = std::move(Copy);
  EXPECT_EQ(Moved, M * N);
  Copy = Moved;
  EXPECT_EQ(Copy, Moved);
  std::map<std::string, Expr> Counts;
  Counts["exp"] += N;
  Counts["exp"] += N;
  EXPECT_EQ(Counts["exp"], num(2) * N);
  EXPECT_TRUE(Counts["log"].isZero());
}

TEST(SymExpr, PrintsC) {
  Expr N = sym("n"), M = sym("m"), K = sym("k");
  std::vector<std::string> Order = {"m", "n", "k"};
  EXPECT_EQ((num(2) * M * N * K + M * N).str(Order), "2*m*n*k + m*n");
  EXPECT_EQ((num(2) * M * N * K + M * N).str(), "2*k*m*n + m*n");
  EXPECT_EQ(((N * N - N) * Expr::fraction(1, 2)).str(), "(n*n - n) / 2");
  EXPECT_EQ((N * N * N).str(), "n*n*n");
  EXPECT_EQ((num(3) - N).str(), "-n + 3");
  EXPECT_EQ((num(-2) * N * M).str(), "-2*m*n");
  EXPECT_EQ((N * Expr::fraction(1, 2) + Expr::fraction(1, 3)).str(),
            "(3*n + 2) / 6");
  EXPECT_EQ((N * Expr::fraction(3, 2)).str(), "3*n / 2");
  EXPECT_EQ((Expr::log2(N) + num(1)).str(), "log2(n) + 1");
  EXPECT_EQ((N * Expr::log2(N) + N).str(), "n*log2(n) + n");
  EXPECT_EQ((Expr::floorDiv(N + num(31), 32) * num(32)).str(),
            "(n + 31) / 32 * 32");
  EXPECT_EQ(Expr::floorDiv(N * M, 4).str(), "m*n / 4");
  // Opaque names are never parenthesized.
  Expr R = sym("this->rows"), S = sym("v.size()");
  EXPECT_EQ((R * S + num(1)).str({"this->rows"}), "this->rows*v.size() + 1");
  EXPECT_EQ(Expr::floorDiv(S, 2).str(), "v.size() / 2");
}

TEST(SymExpr, PrintedDivisionsKeepCPrecedence) {
  Expr N = sym("n"), M = sym("m");
  Expr D = Expr::floorDiv(N + num(31), 32);
  EXPECT_EQ((D * M).str(), "(n + 31) / 32 * m");
  EXPECT_EQ((D * D).str(), "(n + 31) / 32 * ((n + 31) / 32)");
  EXPECT_EQ((num(0) - D).str(), "-((n + 31) / 32)");
  EXPECT_EQ((M - D * num(2)).str(), "m - (n + 31) / 32 * 2");
  EXPECT_EQ(Expr::floorDiv((N * N - N) * Expr::fraction(1, 2), 3).str(),
            "(n*n - n) / 2 / 3");
}

TEST(SymExpr, JSON) {
  EXPECT_EQ(num(42).toJSON(), llvm::json::Value(int64_t(42)));
  EXPECT_EQ(Expr().toJSON(), llvm::json::Value(int64_t(0)));
  EXPECT_EQ(Expr::fraction(1, 2).toJSON(), llvm::json::Value("1 / 2"));
  EXPECT_EQ((sym("n") + num(1)).toJSON(), llvm::json::Value("n + 1"));
}

TEST(SymExpr, Log2) {
  Expr N = sym("n");
  EXPECT_EQ(Expr::log2(num(1)), num(0));
  EXPECT_EQ(Expr::log2(num(1024)), num(10));
  EXPECT_EQ(Expr::log2(Expr::fraction(1, 8)), num(-3));
  Expr L12 = Expr::log2(num(12));
  EXPECT_FALSE(L12.isConstant());
  EXPECT_EQ(L12.str(), "log2(12)");
  EXPECT_NEAR(eval(L12, {}), std::log2(12.0), 1e-12);
  EXPECT_EQ(Expr::log2(N), Expr::log2(N));
  EXPECT_NE(Expr::log2(N), Expr::log2(N + num(1)));
  EXPECT_NEAR(eval(Expr::log2(N) * N, {{"n", 10}}), 10 * std::log2(10.0),
              1e-12);
  EXPECT_FALSE(Expr::log2(N).isPolynomialIn("n"));
  EXPECT_TRUE(Expr::log2(N).mentions("n"));
  EXPECT_EQ(Expr::log2(N * N).degree(), 2u);
}

TEST(SymExpr, FloorDiv) {
  Expr N = sym("n"), M = sym("m");
  EXPECT_EQ(Expr::floorDiv(num(7), 2), num(3));
  EXPECT_EQ(Expr::floorDiv(num(-7), 2), num(-4));
  EXPECT_EQ(Expr::floorDiv(Expr::fraction(15, 2), 2), num(3));
  EXPECT_EQ(Expr::floorDiv(num(4) * N + num(8) * M, 4), N + num(2) * M);
  EXPECT_EQ(Expr::floorDiv(N, 1), N);
  EXPECT_EQ(Expr::floorDiv(num(32) * N + num(31), 32), N);
  EXPECT_EQ(Expr::floorDiv(num(64) * N + M, 32),
            num(2) * N + Expr::floorDiv(M, 32));
  EXPECT_EQ(Expr::floorDiv(Expr::floorDiv(N, 4), 8), Expr::floorDiv(N, 32));
  Expr D = Expr::floorDiv(N - num(1), 4);
  EXPECT_EQ(D.str(), "(n - 1) / 4");
  EXPECT_FALSE(D.isPolynomialIn("n"));
  EXPECT_TRUE(D.isPolynomialIn("m"));
  for (double V : {1.0, 4.0, 5.0, 17.0})
    EXPECT_EQ(eval(D, {{"n", V}}), std::floor((V - 1) / 4)) << V;
  EXPECT_EQ(D.degree(), 1u);
  EXPECT_TRUE(Expr::floorDiv(N, 0).overflowed());
}

TEST(SymExpr, Symbols) {
  Expr E =
      sym("n") * Expr::log2(sym("m")) + Expr::floorDiv(sym("k"), 3) + sym("n");
  EXPECT_EQ(E.symbols(), (std::vector<std::string>{"k", "m", "n"}));
  EXPECT_TRUE(E.mentions("m"));
  EXPECT_TRUE(E.mentions("k"));
  EXPECT_FALSE(E.mentions("x"));
  EXPECT_TRUE(E.isPolynomialIn("n"));
  EXPECT_FALSE(E.isPolynomialIn("m"));
  EXPECT_FALSE(E.isPolynomialIn("k"));
  EXPECT_TRUE(num(3).symbols().empty());
}

TEST(SymExpr, Substitute) {
  Expr N = sym("n"), M = sym("m");
  llvm::StringMap<Expr> Swap;
  Swap["n"] = M;
  Swap["m"] = N;
  EXPECT_EQ((num(2) * N + M * M).substitute(Swap), num(2) * M + N * N);
  llvm::StringMap<Expr> V;
  V["n"] = num(8);
  EXPECT_EQ(Expr::floorDiv(N, 2).substitute(V), num(4));
  EXPECT_EQ(Expr::log2(N).substitute(V), num(3));
  EXPECT_EQ((Expr::log2(N) * M).substitute(V), num(3) * M);
  V["n"] = M + num(1);
  EXPECT_EQ((N * N).substitute(V), M * M + num(2) * M + num(1));
  EXPECT_EQ(Expr::log2(N * sym("k")).substitute(V),
            Expr::log2(M * sym("k") + sym("k")));
  EXPECT_EQ(sym("k").substitute(V), sym("k"));
  // Substituted members.
  llvm::StringMap<Expr> This;
  This["this->rows"] = sym("layer.rows");
  EXPECT_EQ((sym("this->rows") * num(4)).substitute(This).str(),
            "4*layer.rows");
}

TEST(SymExpr, Evaluate) {
  Expr N = sym("n"), M = sym("m");
  Expr E = (N * N - N) * Expr::fraction(1, 2) + num(3) * M;
  EXPECT_EQ(eval(E, {{"n", 10}, {"m", 2}}), 51);
  EXPECT_EQ(E.evaluate({{"n", 10}}), std::nullopt);
  EXPECT_EQ(eval(Expr::floorDiv(N + num(31), 32) * num(32), {{"n", 33}}), 64);
}

TEST(SymExpr, OverflowPoisons) {
  Expr Big = num(INT64_MAX);
  Expr O = Big + num(1);
  EXPECT_TRUE(O.overflowed());
  EXPECT_FALSE(O.isZero());
  EXPECT_FALSE(O.isConstant());
  EXPECT_EQ(O.integerValue(), std::nullopt);
  EXPECT_EQ(O.evaluate({}), std::nullopt);
  EXPECT_TRUE((O * num(0)).overflowed());
  EXPECT_TRUE((O - O).overflowed());
  EXPECT_TRUE((O + sym("n")).overflowed());
  EXPECT_TRUE(Expr::log2(O).overflowed());
  EXPECT_TRUE(Expr::floorDiv(O, 2).overflowed());
  EXPECT_TRUE((Big * sym("n") * num(2)).overflowed());
  EXPECT_TRUE((sym("n") * Big * Big).overflowed());
  llvm::StringMap<Expr> V;
  V["n"] = Big;
  EXPECT_TRUE((sym("n") * sym("n")).substitute(V).overflowed());
  EXPECT_TRUE((Expr::fraction(1, INT64_MAX) + Expr::fraction(1, INT64_MAX - 1))
                  .overflowed());
  EXPECT_EQ(bigO(O), "O(?)");
  // Exact results that fit are not overflows.
  EXPECT_FALSE((Big - num(1) + num(1)).overflowed());
  EXPECT_EQ(Expr::fraction(INT64_MAX, 3) * num(3), Big);
}

// Brute-force sum of Body over Index in [Lo, Hi).
double bruteSum(const Expr &Body, llvm::StringRef Index, int Lo, int Hi,
                llvm::StringMap<double> Values) {
  double S = 0;
  for (int I = Lo; I < Hi; ++I) {
    Values[Index] = I;
    S += eval(Body, Values);
  }
  return S;
}

TEST(SymExpr, SumOverSimple) {
  Expr N = sym("n"), I = sym("i");
  EXPECT_EQ(sumOver(num(1), "i", num(0), N), N);
  EXPECT_EQ(sumOver(I, "i", num(0), N)->str(), "(n*n - n) / 2");
  EXPECT_EQ(sumOver(sym("m"), "i", num(0), N), sym("m") * N);
  EXPECT_EQ(sumOver(num(1), "i", num(2), N), N - num(2));
  EXPECT_EQ(sumOver(Expr(), "i", num(0), N), Expr());
  EXPECT_EQ(sumOver(I * I, "i", num(0), N),
            (num(2) * N * N * N - num(3) * N * N + N) * Expr::fraction(1, 6));
}

TEST(SymExpr, SumOverNests) {
  Expr N = sym("n"), I = sym("i");
  Expr Tri = (N * N - N) * Expr::fraction(1, 2);
  // for i < n: for j < i.
  std::optional<Expr> Inner = sumOver(num(1), "j", num(0), I);
  ASSERT_TRUE(Inner);
  EXPECT_EQ(sumOver(*Inner, "i", num(0), N), Tri);
  // for i < n: for j = i+1 .. n-1.
  Inner = sumOver(num(1), "j", I + num(1), N);
  ASSERT_TRUE(Inner);
  EXPECT_EQ(sumOver(*Inner, "i", num(0), N), Tri);
}

TEST(SymExpr, SumOverMatchesBruteForce) {
  Expr N = sym("n"), M = sym("m"), I = sym("i");
  std::vector<Expr> Bodies = {
      I * I * I,
      I * I * I * I * I * I * I * I,
      num(3) * I * I * M - I * N + num(7),
      Expr::fraction(1, 3) * I * I + Expr::log2(M) * I,
      Expr::floorDiv(M + num(3), 4) * I,
  };
  for (const Expr &Body : Bodies) {
    for (auto [Lo, Hi] : std::vector<std::pair<Expr, Expr>>{
             {num(0), N}, {num(3), N}, {M, N + M}, {N - num(2), num(2) * N}}) {
      std::optional<Expr> S = sumOver(Body, "i", Lo, Hi);
      ASSERT_TRUE(S) << Body.str();
      EXPECT_FALSE(S->mentions("i"));
      // Hi >= Lo at every point.
      for (double NV : {3.0, 5.0, 9.0}) {
        for (double MV : {1.0, 4.0}) {
          llvm::StringMap<double> Vals = {{"n", NV}, {"m", MV}};
          int L = static_cast<int>(eval(Lo, Vals));
          int H = static_cast<int>(eval(Hi, Vals));
          double Want = bruteSum(Body, "i", L, H, Vals);
          EXPECT_NEAR(eval(*S, Vals), Want, 1e-6 * (1 + std::fabs(Want)))
              << Body.str() << " over [" << Lo.str() << ", " << Hi.str()
              << ") at n=" << NV << " m=" << MV << ": " << S->str();
        }
      }
    }
  }
}

TEST(SymExpr, SumOverRefuses) {
  Expr N = sym("n"), I = sym("i");
  EXPECT_FALSE(sumOver(Expr::log2(I), "i", num(0), N));
  EXPECT_FALSE(sumOver(Expr::floorDiv(I, 2), "i", num(0), N));
  EXPECT_FALSE(sumOver(num(1), "i", I, N));
  EXPECT_FALSE(sumOver(num(1), "i", num(0), I + N));
  Expr I9 = num(1);
  for (int K = 0; K < 9; ++K)
    I9 *= I;
  EXPECT_FALSE(sumOver(I9, "i", num(0), N));
}

TEST(SymExpr, BigO) {
  Expr N = sym("n"), M = sym("m"), K = sym("k");
  std::vector<std::string> Order = {"m", "n", "k"};
  EXPECT_EQ(bigO(Expr()), "O(1)");
  EXPECT_EQ(bigO(num(12)), "O(1)");
  EXPECT_EQ(bigO(Expr::log2(num(12))), "O(1)");
  EXPECT_EQ(bigO(num(2) * M * N * K + M * N, Order), "O(m*n*k)");
  EXPECT_EQ(bigO(N * N - N), "O(n^2)");
  EXPECT_EQ(bigO(N * M + K * K, {"n", "m", "k"}), "O(n*m + k^2)");
  EXPECT_EQ(bigO(Expr::log2(N) + num(1)), "O(log(n))");
  EXPECT_EQ(bigO(N * Expr::log2(N) + N), "O(n*log(n))");
  EXPECT_EQ(bigO(N * N + N * Expr::log2(N)), "O(n^2)");
  EXPECT_EQ(bigO(Expr::floorDiv(N + num(31), 32) * num(32)), "O(n)");
  EXPECT_EQ(bigO(Expr::log2(N * M), {"n", "m"}), "O(log(n*m))");
  EXPECT_EQ(bigO(Expr::log2(N * N + num(1))), "O(log(n))");
  EXPECT_EQ(bigO(N + M * Expr::log2(M)), "O(m*log(m) + n)");
  EXPECT_EQ(bigO(sym("this->rows") * sym("this->cols") * sym("this->cols")),
            "O(this->cols^2*this->rows)");
}

TEST(SymExpr, BigOIgnoresNegativeTerms) {
  Expr N = sym("n"), M = sym("m"), H = sym("h"), W = sym("w");
  EXPECT_EQ(bigO(N * N - N * M), "O(n^2)");
  EXPECT_EQ(bigO(H * W - H * sym("kw"), {"h", "w"}), "O(h*w)");
  EXPECT_EQ(bigO(N - M), "O(n)");
  EXPECT_EQ(bigO(num(0) - N), "O(1)");
  EXPECT_EQ(bigO(H - sym("kh") + num(1)), "O(h)");
}

TEST(SymExpr, DominantTerms) {
  Expr N = sym("n"), M = sym("m"), K = sym("k"), H = sym("h");
  EXPECT_EQ((H - sym("kh") + num(1)).dominantTerms(), H);
  EXPECT_EQ(((N * N - N) * Expr::fraction(1, 2)).dominantTerms(),
            Expr::fraction(1, 2) * N * N);
  EXPECT_EQ(((N * N - N) * Expr::fraction(1, 2)).dominantTerms().str(),
            "n*n / 2");
  EXPECT_EQ((num(2) * M * N * K + M * N).dominantTerms(), num(2) * M * N * K);
  EXPECT_EQ((N * M + K * K).dominantTerms(), N * M + K * K);
  EXPECT_EQ(num(5).dominantTerms(), num(5));
  EXPECT_EQ(Expr().dominantTerms(), Expr());
  EXPECT_EQ((num(3) - N).dominantTerms(), num(3));
  EXPECT_EQ((num(0) - N).dominantTerms(), Expr());
  EXPECT_EQ((Expr::log2(N) + num(1)).dominantTerms(), Expr::log2(N));
  EXPECT_EQ((N * Expr::log2(N) + N * num(7)).dominantTerms(),
            N * Expr::log2(N));
  // Divisions by a constant count as their numerator: equal growth, both
  // kept.
  Expr D = Expr::floorDiv(N + num(31), 32);
  EXPECT_EQ((D + N + num(1)).dominantTerms(), D + N);
  EXPECT_EQ((D * M + N).dominantTerms(), D * M);
  EXPECT_TRUE((num(INT64_MAX) + num(1)).dominantTerms().overflowed());
}

TEST(SymExpr, Quotient) {
  Expr N = sym("n"), M = sym("m"), BS = sym("bs");
  Expr Tiles = Expr::quotient(N + BS - num(1), BS);
  std::vector<std::string> O = {"n", "bs"};
  EXPECT_EQ(Tiles.str(), "(bs + n - 1) / bs");
  EXPECT_EQ(Tiles.str(O), "(n + bs - 1) / bs");
  EXPECT_FALSE(Tiles.isConstant());
  EXPECT_EQ(Tiles, Expr::quotient(BS + N - num(1), BS));
  EXPECT_NE(Tiles, Expr::quotient(N + BS - num(1), M));
  EXPECT_NE(Tiles, Expr::floorDiv(N + BS - num(1), 2));
  EXPECT_EQ(Expr::quotient(N + BS - num(1), num(2) * BS).str(O),
            "(n + bs - 1) / (2*bs)");
  EXPECT_EQ(Expr::quotient(N, BS + num(1)).str(), "n / (bs + 1)");
  EXPECT_EQ(Expr::quotient(N * M, BS).str(), "m*n / bs");
  EXPECT_EQ(Expr::quotient(N, Expr::log2(M)).str(), "n / log2(m)");
  // In products and sums: C precedence.
  EXPECT_EQ((Tiles * BS).str(O), "(n + bs - 1) / bs * bs");
  EXPECT_EQ((Tiles * Tiles).str(O), "(n + bs - 1) / bs * ((n + bs - 1) / bs)");
  EXPECT_EQ((num(0) - Tiles).str(O), "-((n + bs - 1) / bs)");
  EXPECT_EQ((M - Tiles * num(2)).str(O), "m - (n + bs - 1) / bs * 2");
  EXPECT_EQ(Expr::quotient(N, Expr::floorDiv(M, 4) + num(1)).str(),
            "n / (m / 4 + 1)");

  // Constant divisors.
  EXPECT_EQ(Expr::quotient(N + num(31), num(32)),
            Expr::floorDiv(N + num(31), 32));
  EXPECT_EQ(Expr::quotient(num(7), num(2)), num(3));
  EXPECT_TRUE(Expr::quotient(N, Expr()).overflowed());
  EXPECT_TRUE(Expr::quotient(N, Expr::fraction(1, 2)).overflowed());
  EXPECT_TRUE(Expr::quotient(N, num(INT64_MAX) + num(1)).overflowed());
  EXPECT_TRUE(Expr::quotient(num(INT64_MAX) + num(1), N).overflowed());

  // Trivial exact divisions and canonical form.
  EXPECT_EQ(Expr::quotient(Expr(), BS), Expr());
  EXPECT_EQ(Expr::quotient(N + M, N + M), num(1));
  EXPECT_EQ(Expr::quotient(num(3) * N + num(3) * M, N + M), num(3));
  EXPECT_EQ(Expr::quotient(N, num(2) * N), num(0));
  EXPECT_EQ(Expr::quotient(num(5) * N, num(2) * N), num(2));
  EXPECT_EQ(Expr::quotient(N * BS, BS), N);
  EXPECT_EQ(Expr::quotient(N * BS, num(2) * BS), Expr::floorDiv(N, 2));
  EXPECT_EQ(Expr::quotient(N * BS + BS, BS * M), Expr::quotient(N + num(1), M));
  EXPECT_EQ(Expr::quotient(num(2) * N + num(2), num(4) * BS),
            Expr::quotient(N + num(1), num(2) * BS));
  EXPECT_EQ(Expr::quotient(N * Expr::fraction(1, 2), BS * Expr::fraction(1, 3)),
            Expr::quotient(num(3) * N, num(2) * BS));
  // Nested divisions.
  EXPECT_EQ(Expr::quotient(Tiles, M), Expr::quotient(N + BS - num(1), BS * M));
  EXPECT_EQ(Expr::floorDiv(Tiles, 4),
            Expr::quotient(N + BS - num(1), num(4) * BS));
  EXPECT_EQ(Expr::quotient(Expr::floorDiv(N, 4), M),
            Expr::quotient(N, num(4) * M));

  // Queries.
  EXPECT_TRUE(Tiles.mentions("bs"));
  EXPECT_TRUE(Tiles.mentions("n"));
  EXPECT_FALSE(Tiles.mentions("m"));
  EXPECT_EQ((Tiles * M).symbols(), (std::vector<std::string>{"bs", "m", "n"}));
  EXPECT_FALSE(Tiles.isPolynomialIn("n"));
  EXPECT_FALSE(Tiles.isPolynomialIn("bs"));
  EXPECT_TRUE((Tiles * M).isPolynomialIn("m"));
  EXPECT_EQ(Tiles.degree(), 0u);
  EXPECT_EQ((Tiles * BS).degree(), 1u);
  EXPECT_EQ(Expr::quotient(N * N * M, BS).degree(), 2u);
  EXPECT_EQ(Expr::quotient(N, BS * M).degree(), 0u);
  EXPECT_EQ(Tiles.toJSON(O), llvm::json::Value("(n + bs - 1) / bs"));
}

TEST(SymExpr, QuotientEvaluateAndSubstitute) {
  Expr N = sym("n"), BS = sym("bs");
  Expr Tiles = Expr::quotient(N + BS - num(1), BS);
  for (double NV : {1.0, 7.0, 8.0, 9.0, 100.0})
    for (double BV : {1.0, 3.0, 8.0})
      EXPECT_EQ(eval(Tiles, {{"n", NV}, {"bs", BV}}),
                std::floor((NV + BV - 1) / BV))
          << NV << " " << BV;
  EXPECT_EQ(eval(Tiles * BS, {{"n", 10}, {"bs", 4}}), 12);
  EXPECT_EQ(Tiles.evaluate({{"n", 10}}), std::nullopt);
  EXPECT_EQ(Expr::quotient(N, BS).evaluate({{"n", 1}, {"bs", 0}}),
            std::nullopt);

  llvm::StringMap<Expr> V;
  V["bs"] = num(4);
  Expr D = Tiles.substitute(V);
  EXPECT_EQ(D, Expr::floorDiv(N + num(3), 4));
  EXPECT_EQ(D.str(), "(n + 3) / 4");
  EXPECT_EQ((Tiles * BS).substitute(V).str(), "(n + 3) / 4 * 4");
  V["n"] = num(10);
  EXPECT_EQ(Tiles.substitute(V), num(3));
  llvm::StringMap<Expr> Z;
  Z["bs"] = Expr();
  EXPECT_TRUE(Tiles.substitute(Z).overflowed());
  llvm::StringMap<Expr> Sym;
  Sym["bs"] = sym("tile");
  EXPECT_EQ(Tiles.substitute(Sym).str(), "(n + tile - 1) / tile");
  Sym["bs"] = N;
  EXPECT_EQ(Tiles.substitute(Sym), Expr::quotient(num(2) * N - num(1), N));
  // The divisor becomes a multiple of the numerator.
  llvm::StringMap<Expr> Same;
  Same["m"] = N + BS - num(1);
  EXPECT_EQ(Expr::quotient(sym("m"), N + BS - num(1)).substitute(Same), num(1));
}

TEST(SymExpr, QuotientSums) {
  Expr N = sym("n"), BS = sym("bs"), I = sym("i");
  Expr Tiles = Expr::quotient(N + BS - num(1), BS);
  EXPECT_FALSE(sumOver(Expr::quotient(N, I), "i", num(1), N));
  EXPECT_FALSE(sumOver(Expr::quotient(I, BS), "i", num(0), N));
  EXPECT_EQ(sumOver(Tiles * I, "i", num(0), N),
            Tiles * (N * N - N) * Expr::fraction(1, 2));

  // Tiled matmul:
  //   for (ii = 0; ii < n; ii += bs) for (jj ...) for (kk ...)
  //     for (i = ii; i < ii + bs; ++i) for (j ...) for (k ...) body
  // The tile loops run Tiles times, each point loop bs times.
  Expr Point = num(1);
  for (const char *Idx : {"k", "j", "i"}) {
    std::optional<Expr> S = sumOver(Point, Idx, sym("ii"), sym("ii") + BS);
    ASSERT_TRUE(S);
    Point = *S;
  }
  EXPECT_EQ(Point, BS * BS * BS);
  Expr Total = Point;
  for (const char *Idx : {"kk", "jj", "ii"}) {
    std::optional<Expr> S = sumOver(Total, Idx, num(0), Tiles);
    ASSERT_TRUE(S);
    Total = *S;
  }
  EXPECT_EQ(Total, Tiles * Tiles * Tiles * BS * BS * BS);
  EXPECT_EQ(eval(Total, {{"n", 10}, {"bs", 4}}), 27 * 64);
  EXPECT_EQ(eval(Total, {{"n", 8}, {"bs", 4}}), 512);
  EXPECT_EQ(bigO(Total, {"n", "bs"}), "O(n^3)");
  EXPECT_EQ(Total.dominantTerms(), Total);
  llvm::StringMap<Expr> V;
  V["bs"] = num(4);
  EXPECT_EQ(Total.substitute(V), Expr::floorDiv(N + num(3), 4) *
                                     Expr::floorDiv(N + num(3), 4) *
                                     Expr::floorDiv(N + num(3), 4) * num(64));
}

TEST(SymExpr, QuotientGrowth) {
  Expr N = sym("n"), M = sym("m"), BS = sym("bs");
  Expr Tiles = Expr::quotient(N + BS - num(1), BS);
  EXPECT_EQ(bigO(Tiles), "O(n/bs)");
  EXPECT_EQ(bigO(Tiles * N), "O(n^2/bs)");
  EXPECT_EQ(bigO(Tiles * BS * N * N), "O(n^3)");
  EXPECT_EQ(bigO(Tiles * BS), "O(n)");
  EXPECT_EQ(bigO(Tiles * Tiles * BS), "O(n^2/bs)");
  EXPECT_EQ(bigO(Expr::quotient(N, BS * M), {"n", "bs", "m"}), "O(n/(bs*m))");
  EXPECT_EQ(bigO(Expr::quotient(N * N, BS * BS)), "O(n^2/bs^2)");
  // Numerator terms the divisor dominates are O(1); several others each
  // divide.
  EXPECT_EQ(bigO(Expr::quotient(BS + num(1), BS)), "O(1)");
  EXPECT_EQ(bigO(Expr::quotient(N + M + BS, BS)), "O(m/bs + n/bs)");
  // A term whose exponents are all <= 0 is O(1).
  EXPECT_EQ(bigO(Expr::quotient(N, N * M + num(1))), "O(1)");
  EXPECT_EQ(bigO(Expr::quotient(N, N * M + num(1)) + N), "O(n)");
  EXPECT_EQ(bigO(Expr::quotient(N * Expr::log2(N), N)), "O(log(n))");
  EXPECT_EQ(bigO(Expr::quotient(N, Expr::log2(N))), "O(n/log(n))");
  // A divisor growing as several terms is an opaque factor.
  EXPECT_EQ(bigO(Expr::quotient(N, M + BS) * N, {"n", "m", "bs"}),
            "O(n*n/(m + bs))");
  EXPECT_EQ(bigO(Expr::quotient(N, M + BS) * Expr::quotient(N, M + BS),
                 {"n", "m", "bs"}),
            "O((n/(m + bs))^2)");
  // Cancelling exponents decide dominance.
  EXPECT_EQ(bigO(Tiles * BS + N * Expr::log2(N)), "O(n*log(n))");
  EXPECT_EQ(bigO(Tiles * BS * BS + N, {"n", "bs"}), "O(n*bs)");
  EXPECT_EQ(bigO(Tiles * BS * N + N * N + M), "O(n^2 + m)");

  // dominantTerms uses the same growth.
  EXPECT_EQ((Tiles * BS * N + N * N + num(1)).dominantTerms(),
            Tiles * BS * N + N * N);
  EXPECT_EQ((Tiles * BS * N * N + N).dominantTerms(), Tiles * BS * N * N);
  EXPECT_EQ((Tiles + num(1)).dominantTerms(), Tiles + num(1));
  EXPECT_EQ((Tiles * N + Tiles).dominantTerms(), Tiles * N);
}

TEST(Cost, ConfidenceNames) {
  EXPECT_EQ(confidenceName(Confidence::Exact), "exact");
  EXPECT_EQ(confidenceName(Confidence::UpperBound), "upper_bound");
  EXPECT_EQ(confidenceName(Confidence::Unknown), "unknown");
  EXPECT_EQ(worse(Confidence::Exact, Confidence::UpperBound),
            Confidence::UpperBound);
}

TEST(Cost, AddScaleSubstitute) {
  Expr N = sym("n");
  Cost A;
  A.FAdd = num(1);
  A.FMA = num(2);
  A.FMul = N;
  A.MathCalls["exp"] = num(1);
  A.LoadBytes = num(8);
  A.Uncounted.push_back("call to qsort at line 40");
  EXPECT_EQ(A.flops(), N + num(5));

  Cost B;
  B.FAdd = N;
  B.MathCalls["exp"] = num(2);
  B.MathCalls["sqrt"] = num(1);
  B.Uncounted = {"call to qsort at line 40", "loop at line 12"};
  A += B;
  EXPECT_EQ(A.FAdd, N + num(1));
  EXPECT_EQ(A.MathCalls["exp"], num(3));
  EXPECT_EQ(A.MathCalls["sqrt"], num(1));
  EXPECT_EQ(A.Uncounted, (std::vector<std::string>{"call to qsort at line 40",
                                                   "loop at line 12"}));

  Cost S = A.scaled(sym("m"));
  EXPECT_EQ(S.FAdd, (N + num(1)) * sym("m"));
  EXPECT_EQ(S.MathCalls["exp"], num(3) * sym("m"));
  EXPECT_EQ(S.LoadBytes, num(8) * sym("m"));
  EXPECT_EQ(S.Uncounted.size(), 2u);
  EXPECT_TRUE(S.mentions("m"));
  EXPECT_FALSE(A.mentions("m"));
  EXPECT_TRUE(A.mentions("n"));

  llvm::StringMap<Expr> V;
  V["n"] = num(10);
  Cost T = A.substituted(V);
  EXPECT_EQ(T.FAdd, num(11));
  EXPECT_EQ(T.flops(), num(25)); // 11 + 10 + 2*2
  EXPECT_FALSE(T.mentions("n"));
  EXPECT_FALSE(T.overflowed());

  Cost Sub;
  Sub.MathCalls["exp"] = N;
  EXPECT_TRUE(Sub.mentions("n"));
  Sub.MathCalls["exp"] = num(INT64_MAX) + num(1);
  EXPECT_TRUE(Sub.overflowed());
  Cost O;
  O.Iterations = num(INT64_MAX) * num(2);
  EXPECT_TRUE(O.overflowed());
  Cost Sum;
  Sum += O;
  EXPECT_TRUE(Sum.overflowed());
}

} // namespace

namespace {
using frugal::analysis::constantRatio;
using frugal::analysis::Expr;

TEST(SymExprRatio, ConstantRatiosAreFoundAndCheckedExactly) {
  Expr N = Expr::symbol("n"), M = Expr::symbol("m");
  EXPECT_EQ(constantRatio(Expr::number(2) * N, Expr::number(8) * N), 0.25);
  EXPECT_EQ(constantRatio(Expr::number(3) * N * M, Expr::number(9) * M * N),
            1.0 / 3);
  EXPECT_EQ(constantRatio(Expr::number(6), Expr::number(4)), 1.5);
  // 2*m*n / (8*m*n + 4*m) tends to 1/4 but is not constant.
  EXPECT_FALSE(constantRatio(Expr::number(2) * M * N,
                             Expr::number(8) * M * N + Expr::number(4) * M));
  EXPECT_FALSE(constantRatio(N, Expr()));
}
} // namespace
