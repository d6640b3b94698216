//===- ExprEvalTest.cpp - Evaluating frugal analyze's expressions ---------===//
//
// The evaluator must read back what SymExpr prints: for expressions built
// with SymExpr, evaluating the printed text equals SymExpr's own value.
//
//===----------------------------------------------------------------------===//

#include "frugal/ExprEval.h"
#include "frugal/analyze/SymExpr.h"

#include "llvm/ADT/StringMap.h"

#include "gtest/gtest.h"

#include <cmath>

using namespace frugal;
using frugal::analysis::Expr;
using llvm::StringMap;
using llvm::StringRef;

namespace {

ExprValue eval(StringRef Text, const StringMap<double> &Values) {
  return evaluateExpression(Text, [&](StringRef Name) -> std::optional<double> {
    auto It = Values.find(Name);
    if (It == Values.end())
      return std::nullopt;
    return It->second;
  });
}

TEST(ExprEvalTest, ArithmeticAndPrecedence) {
  StringMap<double> V{{"n", 10}, {"m", 3}};
  EXPECT_EQ(eval("2*m*n + 4", V).Value, 64);
  EXPECT_EQ(eval("2*(m + n)", V).Value, 26);
  EXPECT_EQ(eval("-m + n", V).Value, 7);
  EXPECT_EQ(eval("n - m - 1", V).Value, 6); // Left-associative.
  EXPECT_EQ(eval("(n*n - n) / 2", V).Value, 45);
  EXPECT_EQ(eval("(n + 31) / 32 * 32", V).Value, 32); // C's integer division.
  EXPECT_EQ(eval("n / m * m", V).Value, 9);
  EXPECT_EQ(eval("12345678901", V).Value, 12345678901.0);
}

TEST(ExprEvalTest, LogarithmsAndMembers) {
  StringMap<double> V{{"n", 8}, {"this->rows", 4}, {"cfg.k", 2}};
  EXPECT_EQ(eval("log2(n) + 1", V).Value, 4);
  EXPECT_EQ(eval("this->rows*cfg.k", V).Value, 8);
  EXPECT_EQ(eval("n*log2(n*n)", V).Value, 48);
}

TEST(ExprEvalTest, MissingNamesAndSyntaxErrorsSayWhy) {
  StringMap<double> V{{"n", 8}};
  ExprValue Missing = eval("2*n*k", V);
  EXPECT_FALSE(Missing.Value);
  EXPECT_EQ(Missing.Error, "no value for k");
  EXPECT_EQ(Missing.MissingName, "k");
  ExprValue Member = eval("this->cols + n", V);
  EXPECT_EQ(Member.Error, "no value for this->cols");
  EXPECT_EQ(Member.MissingName, "this->cols");
  EXPECT_EQ(eval("2*(n", V).MissingName, "");
  EXPECT_FALSE(eval("2*(n", V).Value);
  EXPECT_NE(eval("2*(n", V).Error.find("missing ')'"), std::string::npos);
  EXPECT_FALSE(eval("2 $ n", V).Value);
  EXPECT_FALSE(eval("", V).Value);
  EXPECT_FALSE(eval("n / (n - 8)", V).Value); // Division by zero.
  EXPECT_FALSE(eval("log2(n - 8)", V).Value);
}

// What frugal analyze prints, read back: SymExpr's printer and this parser
// must agree on precedence, parentheses and division.
TEST(ExprEvalTest, ReadsBackWhatSymExprPrints) {
  Expr N = Expr::symbol("n"), M = Expr::symbol("m"), K = Expr::symbol("k");
  Expr Bs = Expr::symbol("bs"), Rows = Expr::symbol("this->rows");
  std::vector<Expr> Cases = {
      Expr::number(2) * M * N * K + M * N,
      Expr::fraction(1, 2) * (N * N - N),
      Expr::quotient(N + Bs - Expr::number(1), Bs) * Bs,
      Expr::floorDiv(N + Expr::number(31), 32) * Expr::number(32),
      Expr::log2(N) + Expr::number(1),
      N * Expr::log2(N * M) - Expr::number(3) * K,
      Expr::number(4) * Rows * Expr::quotient(M * K, N + Expr::number(1)),
      Expr::number(0) - Expr::number(2) * N + M * M,
      Expr::floorDiv(M * M - M, 2) * Expr::quotient(K, Bs),
  };
  std::vector<StringMap<double>> Points = {
      {{"n", 64}, {"m", 7}, {"k", 5}, {"bs", 16}, {"this->rows", 3}},
      {{"n", 1000}, {"m", 33}, {"k", 1}, {"bs", 7}, {"this->rows", 128}},
      {{"n", 3}, {"m", 2}, {"k", 9}, {"bs", 4}, {"this->rows", 1}},
  };
  for (const Expr &E : Cases) {
    std::string Text = E.str();
    for (const StringMap<double> &P : Points) {
      std::optional<double> Want = E.evaluate(P);
      ASSERT_TRUE(Want) << Text;
      ExprValue Got = eval(Text, P);
      ASSERT_TRUE(Got.Value) << Text << ": " << Got.Error;
      EXPECT_NEAR(*Got.Value, *Want, 1e-9 * std::max(1.0, std::fabs(*Want)))
          << Text;
    }
  }
}

} // namespace
