//===- InterproceduralTest.cpp - Totals over the call graph, built-ins ----===//

#include "frugal/analyze/Interprocedural.h"
#include "frugal/analyze/Builtins.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <cstdint>
#include <limits>

using namespace frugal::analysis;

namespace {

Expr sym(llvm::StringRef Name) { return Expr::symbol(Name); }
Expr num(int64_t V) { return Expr::number(V); }

FunctionSummary fn(llvm::StringRef Key, std::vector<std::string> Params = {}) {
  FunctionSummary F;
  F.Key = Key.str();
  F.Name = Key.str();
  F.LinkageName = Key.str();
  F.Params = std::move(Params);
  return F;
}

/// computeTotals, with each hand-built Self's growth equal to its
/// iterations (as LocalCost gives loops whose trip counts have no negative
/// terms).
void totals(std::vector<FunctionSummary> &Fs) {
  for (FunctionSummary &F : Fs)
    if (F.Self.Growth.isZero())
      F.Self.Growth = F.Self.Iterations;
  computeTotals(Fs);
}

CallSite call(llvm::StringRef Name, unsigned Line, Expr Count,
              std::vector<std::optional<Expr>> Args = {}) {
  CallSite CS;
  CS.CalleeKey = Name.str();
  CS.CalleeName = Name.str();
  CS.Line = Line;
  CS.Count = std::move(Count);
  CS.Args = std::move(Args);
  return CS;
}

/// A leaf over parameter N: N iterations, N multiplies and adds, 8N bytes.
FunctionSummary dotFn() {
  FunctionSummary F = fn("dot", {"x", "y", "n"});
  F.Self.FMul = sym("n");
  F.Self.FAdd = sym("n");
  F.Self.LoadBytes = num(8) * sym("n");
  F.Self.Iterations = sym("n");
  return F;
}

const FunctionSummary &get(const std::vector<FunctionSummary> &Fs,
                           llvm::StringRef Key) {
  for (const FunctionSummary &F : Fs)
    if (F.Key == Key)
      return F;
  ADD_FAILURE() << "no function " << Key.str();
  return Fs.front();
}

bool hasLine(const Cost &C, llvm::StringRef Line) {
  return std::count(C.Uncounted.begin(), C.Uncounted.end(), Line.str()) == 1;
}

double at(const Expr &E, llvm::StringMap<double> Values) {
  std::optional<double> V = E.evaluate(Values);
  EXPECT_TRUE(V.has_value()) << E.str();
  return V.value_or(-1);
}

// matvec: for (i < m) y[i] = dot(A + i*n, x, n).
std::vector<FunctionSummary> matvecProgram() {
  FunctionSummary Matvec = fn("matvec", {"A", "x", "y", "m", "n"});
  Matvec.Self.Iterations = sym("m");
  Matvec.Self.StoreBytes = num(4) * sym("m");
  Matvec.Self.Calls = sym("m");
  Matvec.Calls.push_back(
      call("dot", 7, sym("m"), {std::nullopt, std::nullopt, sym("n")}));
  return {Matvec, dotFn()};
}

TEST(InterproceduralTest, CalleeInALoop) {
  std::vector<FunctionSummary> Fs = matvecProgram();
  totals(Fs);
  const FunctionSummary &M = get(Fs, "matvec");
  EXPECT_EQ(M.Total.FMul.str(M.Params), "m*n");
  EXPECT_EQ(M.Total.FAdd.str(M.Params), "m*n");
  EXPECT_EQ(M.Total.Iterations.str(M.Params), "m*n + m");
  EXPECT_EQ(at(M.Total.flops(), {{"m", 3}, {"n", 5}}), 30);
  EXPECT_EQ(at(M.Total.LoadBytes, {{"m", 3}, {"n", 5}}), 120);
  EXPECT_EQ(at(M.Total.StoreBytes, {{"m", 3}, {"n", 5}}), 12);
  EXPECT_EQ(M.TotalConf, Confidence::Exact);
  EXPECT_EQ(M.TotalReason, "");
  EXPECT_FALSE(M.Recursive);
  EXPECT_EQ(M.BigO, "O(m*n)");
  // Self stays the body's own cost.
  EXPECT_TRUE(M.Self.FMul.isZero());

  const FunctionSummary &D = get(Fs, "dot");
  EXPECT_EQ(D.Total.FMul.str(), "n");
  EXPECT_EQ(D.BigO, "O(n)");
}

TEST(InterproceduralTest, OrderIndependent) {
  std::vector<FunctionSummary> A = matvecProgram();
  std::vector<FunctionSummary> B = {A[1], A[0]}; // callee first
  totals(A);
  totals(B);
  const FunctionSummary &MA = get(A, "matvec"), &MB = get(B, "matvec");
  EXPECT_EQ(MA.Total.FMul, MB.Total.FMul);
  EXPECT_EQ(MA.Total.Iterations, MB.Total.Iterations);
  EXPECT_EQ(MA.Total.LoadBytes, MB.Total.LoadBytes);
  EXPECT_EQ(MA.BigO, MB.BigO);
  EXPECT_EQ(MB.Total.FMul.str(MB.Params), "m*n");
}

TEST(InterproceduralTest, ArgumentNotExpressible) {
  std::vector<FunctionSummary> Fs = matvecProgram();
  Fs[0].Calls[0].Args = {std::nullopt, std::nullopt, std::nullopt};
  totals(Fs);
  const FunctionSummary &M = get(Fs, "matvec");
  const char *Line = "call to dot at line 7: cost depends on dot's parameter "
                     "n, not expressible in the caller's parameters";
  EXPECT_TRUE(hasLine(M.Total, Line));
  EXPECT_EQ(M.TotalConf, Confidence::Unknown);
  EXPECT_EQ(M.TotalReason, Line);
  EXPECT_EQ(M.BigO, std::nullopt);
  // Nothing of dot's was added.
  EXPECT_TRUE(M.Total.FMul.isZero());
  EXPECT_EQ(M.Total.Iterations.str(), "m");
}

TEST(InterproceduralTest, DefaultArgumentsAreNone) {
  std::vector<FunctionSummary> Fs = matvecProgram();
  Fs[0].Calls[0].Args = {std::nullopt, std::nullopt}; // n defaulted
  totals(Fs);
  EXPECT_EQ(get(Fs, "matvec").TotalConf, Confidence::Unknown);

  // A parameter the callee's cost does not mention needs no argument.
  Fs = matvecProgram();
  Fs[1].Params.push_back("unused");
  totals(Fs);
  EXPECT_EQ(get(Fs, "matvec").TotalConf, Confidence::Exact);
}

TEST(InterproceduralTest, ArgumentsSubstituteSimultaneously) {
  // f(a, b) costs a*a + b; g(m, n) calls f(n, m).
  FunctionSummary F = fn("f", {"a", "b"});
  F.Self.Iterations = sym("a") * sym("a") + sym("b");
  FunctionSummary G = fn("g", {"m", "n"});
  G.Calls.push_back(call("f", 2, num(1), {sym("n"), sym("m")}));
  std::vector<FunctionSummary> Fs = {G, F};
  totals(Fs);
  const FunctionSummary &R = get(Fs, "g");
  EXPECT_EQ(R.Total.Iterations.str(R.Params), "n*n + m");
  EXPECT_EQ(at(R.Total.Iterations, {{"m", 2}, {"n", 3}}), 11);
}

TEST(InterproceduralTest, ThisPrefix) {
  FunctionSummary Forward = fn("Layer::forward");
  Forward.Self.Iterations = sym("this->n");
  Forward.Self.FMul = sym("this->n") * sym("this->k");
  FunctionSummary Run = fn("run", {"steps"});
  CallSite CS = call("Layer::forward", 9, sym("steps"));
  CS.ThisPrefix = "layer.";
  Run.Calls.push_back(CS);
  std::vector<FunctionSummary> Fs = {Run, Forward};
  totals(Fs);
  const FunctionSummary &R = get(Fs, "run");
  EXPECT_EQ(R.Total.Iterations.str(R.Params), "steps*layer.n");
  EXPECT_EQ(at(R.Total.FMul, {{"steps", 2}, {"layer.n", 3}, {"layer.k", 5}}),
            30);
  EXPECT_FALSE(R.Total.Iterations.mentions("this->n"));
  EXPECT_EQ(R.TotalConf, Confidence::Exact);

  // A member call on the caller's own object keeps "this->".
  Fs = {Run, Forward};
  Fs[0].Calls[0].ThisPrefix = "this->";
  totals(Fs);
  EXPECT_TRUE(get(Fs, "run").Total.Iterations.mentions("this->n"));

  // An object without a symbolic name.
  Fs = {Run, Forward};
  Fs[0].Calls[0].ThisPrefix.reset();
  totals(Fs);
  const FunctionSummary &U = get(Fs, "run");
  EXPECT_EQ(U.TotalConf, Confidence::Unknown);
  EXPECT_TRUE(hasLine(U.Total, "call to Layer::forward at line 9: cost "
                               "depends on this->k, and the object has no "
                               "name in the caller"));
  EXPECT_EQ(U.BigO, std::nullopt);
}

TEST(InterproceduralTest, SymbolsRootedAtAParameter) {
  // fill(const Config &cfg) loops cfg.n times; g passes its this->cfg.
  FunctionSummary Fill = fn("fill", {"cfg"});
  Fill.Self.Iterations = sym("cfg.n");
  FunctionSummary G = fn("g");
  CallSite CS = call("fill", 4, num(2), {std::nullopt});
  CS.ArgNames = {std::string("this->cfg")};
  G.Calls.push_back(CS);
  std::vector<FunctionSummary> Fs = {G, Fill};
  totals(Fs);
  EXPECT_EQ(get(Fs, "g").Total.Iterations.str(), "2*this->cfg.n");
  EXPECT_EQ(get(Fs, "g").TotalConf, Confidence::Exact);

  // Without the argument's name, "cfg.n" means nothing in the caller.
  Fs = {G, Fill};
  Fs[0].Calls[0].ArgNames.clear();
  totals(Fs);
  EXPECT_EQ(get(Fs, "g").TotalConf, Confidence::Unknown);
  EXPECT_TRUE(
      hasLine(get(Fs, "g").Total,
              "call to fill at line 4: cost depends on fill's parameter cfg "
              "(cfg.n), not expressible in the caller's parameters"));
}

TEST(InterproceduralTest, GlobalsStay) {
  FunctionSummary F = fn("f", {"n"});
  F.Self.Iterations = sym("g_size") * sym("n");
  FunctionSummary G = fn("g", {"m"});
  G.Calls.push_back(call("f", 3, num(1), {sym("m")}));
  std::vector<FunctionSummary> Fs = {G, F};
  totals(Fs);
  EXPECT_EQ(get(Fs, "g").Total.Iterations.str({"m"}), "m*g_size");
}

TEST(InterproceduralTest, SelfRecursion) {
  FunctionSummary Fact = fn("fact", {"n"});
  Fact.Self.IntOps = num(2);
  Fact.Calls.push_back(call("fact", 3, num(1), {sym("n") - num(1)}));
  Fact.Calls.push_back(call("expf", 4, num(1), {std::nullopt}));
  FunctionSummary Main = fn("main");
  Main.Calls.push_back(call("fact", 10, num(1), {num(10)}));
  std::vector<FunctionSummary> Fs = {Main, Fact};
  totals(Fs);

  const FunctionSummary &F = get(Fs, "fact");
  EXPECT_TRUE(F.Recursive);
  EXPECT_EQ(F.TotalConf, Confidence::Unknown);
  EXPECT_EQ(F.TotalReason, "recursion (fact \u2192 fact)");
  EXPECT_EQ(F.BigO, std::nullopt);
  EXPECT_TRUE(hasLine(F.Total, "recursive call to fact at line 3"));
  // Its own work, built-ins included, is still there.
  EXPECT_EQ(F.Total.IntOps.str(), "2");
  EXPECT_EQ(F.Total.MathCalls.at("exp").str(), "1");

  const FunctionSummary &M = get(Fs, "main");
  EXPECT_FALSE(M.Recursive);
  EXPECT_EQ(M.TotalConf, Confidence::Unknown);
  EXPECT_EQ(M.TotalReason,
            "call to fact at line 10: recursion (fact \u2192 fact)");
  EXPECT_EQ(M.BigO, std::nullopt);
  EXPECT_TRUE(hasLine(M.Total, "in fact: recursive call to fact at line 3"));
}

TEST(InterproceduralTest, MutualRecursion) {
  // f -> g -> f, and f calls the leaf dot outside the cycle.
  FunctionSummary F = fn("f", {"n"});
  F.Calls.push_back(call("g", 2, num(1), {sym("n")}));
  F.Calls.push_back(
      call("dot", 3, num(1), {std::nullopt, std::nullopt, sym("n")}));
  FunctionSummary G = fn("g", {"n"});
  G.Calls.push_back(call("f", 5, num(1), {sym("n") - num(1)}));
  std::vector<FunctionSummary> Fs = {F, dotFn(), G};
  totals(Fs);

  const FunctionSummary &RF = get(Fs, "f");
  EXPECT_TRUE(RF.Recursive);
  EXPECT_EQ(RF.TotalConf, Confidence::Unknown);
  EXPECT_EQ(RF.TotalReason, "recursion (f \u2192 g \u2192 f)");
  EXPECT_EQ(RF.BigO, std::nullopt);
  EXPECT_EQ(RF.Total.FMul.str(), "n");
  EXPECT_TRUE(hasLine(RF.Total, "recursive call to g at line 2"));

  const FunctionSummary &RG = get(Fs, "g");
  EXPECT_TRUE(RG.Recursive);
  EXPECT_EQ(RG.TotalReason, "recursion (g \u2192 f \u2192 g)");
  EXPECT_TRUE(RG.Total.FMul.isZero());
  EXPECT_TRUE(hasLine(RG.Total, "recursive call to f at line 5"));

  EXPECT_FALSE(get(Fs, "dot").Recursive);
  EXPECT_EQ(get(Fs, "dot").BigO, "O(n)");
}

TEST(InterproceduralTest, UnknownLibraryFunction) {
  FunctionSummary F = fn("sortAll", {"n"});
  F.Self.Iterations = sym("n");
  F.Calls.push_back(call("qsort", 4, num(1)));
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  const char *Line =
      "call to qsort at line 4: no definition analyzed and no built-in cost";
  EXPECT_TRUE(hasLine(Fs[0].Self, Line));
  EXPECT_TRUE(hasLine(Fs[0].Total, Line));
  EXPECT_EQ(Fs[0].TotalConf, Confidence::Unknown);
  EXPECT_EQ(Fs[0].TotalReason, Line);
  EXPECT_EQ(Fs[0].BigO, std::nullopt);
  EXPECT_EQ(Fs[0].Total.Iterations.str(), "n");
}

TEST(InterproceduralTest, IndirectCall) {
  FunctionSummary F = fn("apply");
  CallSite CS = call("", 6, num(1));
  F.Calls.push_back(CS);
  CS.CalleeName = "Layer::forward"; // virtual
  CS.Line = 8;
  F.Calls.push_back(CS);
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  EXPECT_TRUE(hasLine(Fs[0].Total, "indirect call at line 6: target not known "
                                   "statically"));
  EXPECT_TRUE(hasLine(Fs[0].Total, "indirect call to Layer::forward at line "
                                   "8: target not known statically"));
  EXPECT_EQ(Fs[0].TotalConf, Confidence::Unknown);
  EXPECT_EQ(Fs[0].TotalReason,
            "indirect call at line 6: target not known statically");
}

TEST(InterproceduralTest, UserDefinitionBeforeBuiltin) {
  FunctionSummary Exp = fn("exp", {"x"});
  Exp.Self.FMul = num(20);
  FunctionSummary F = fn("f", {"n"});
  F.Calls.push_back(call("exp", 2, sym("n"), {std::nullopt}));
  std::vector<FunctionSummary> Fs = {F, Exp};
  totals(Fs);
  const FunctionSummary &R = get(Fs, "f");
  EXPECT_EQ(R.Total.FMul.str(), "20*n");
  EXPECT_TRUE(R.Total.MathCalls.empty() ||
              R.Total.MathCalls.count("exp") == 0 ||
              R.Total.MathCalls.at("exp").isZero());
}

TEST(InterproceduralTest, MathBuiltins) {
  FunctionSummary F = fn("softmax", {"n"});
  F.Self.Iterations = sym("n");
  F.Calls.push_back(call("expf", 3, sym("n"), {std::nullopt}));
  F.Calls.push_back(call("std::exp", 4, num(1), {std::nullopt}));
  F.Calls.push_back(call("sqrtf", 5, num(2), {std::nullopt}));
  F.Calls.push_back(call("fmaf", 6, sym("n"), {}));
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  const FunctionSummary &R = Fs[0];
  EXPECT_EQ(R.Self.MathCalls.at("exp").str(), "n + 1");
  EXPECT_EQ(R.Total.MathCalls.at("exp").str(), "n + 1");
  EXPECT_EQ(R.Total.MathCalls.at("sqrt").str(), "2");
  EXPECT_EQ(R.Total.MathCalls.count("fma"), 0u);
  EXPECT_EQ(R.Total.FMA.str(), "n");
  EXPECT_EQ(R.Total.flops().str(), "2*n");
  EXPECT_EQ(R.Total.Iterations.str(), "n");
  EXPECT_EQ(R.TotalConf, Confidence::Exact);
  EXPECT_TRUE(R.Total.Uncounted.empty());
  EXPECT_EQ(R.BigO, "O(n)");
}

TEST(InterproceduralTest, Gemm) {
  FunctionSummary F = fn("matmul", {"A", "B", "C", "m", "n", "k"});
  std::optional<Expr> None;
  F.Calls.push_back(
      call("cblas_sgemm", 12, num(1),
           {num(101), num(111), num(111), sym("m"), sym("n"), sym("k"), None,
            None, sym("k"), None, sym("n"), None, None, sym("n")}));
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  const FunctionSummary &R = Fs[0];
  EXPECT_EQ(R.Total.flops().str(R.Params), "2*m*n*k");
  EXPECT_EQ(R.Total.Iterations.str(R.Params), "m*n*k");
  EXPECT_EQ(R.BigO, "O(m*n*k)");
  llvm::StringMap<double> V = {{"m", 2}, {"n", 3}, {"k", 5}};
  EXPECT_EQ(at(R.Total.LoadBytes, V), 4 * (10 + 15 + 6));
  EXPECT_EQ(at(R.Total.StoreBytes, V), 4 * 6);
  EXPECT_EQ(at(R.Total.BytesTouched, V), 4 * (10 + 15 + 6));
  EXPECT_EQ(R.TotalConf, Confidence::Exact);
}

TEST(InterproceduralTest, Memcpy) {
  FunctionSummary F = fn("copy", {"dst", "src", "n"});
  F.Calls.push_back(call("memcpy", 7, num(1),
                         {std::nullopt, std::nullopt, num(4) * sym("n")}));
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  const FunctionSummary &R = Fs[0];
  EXPECT_EQ(R.Total.LoadBytes.str(), "4*n");
  EXPECT_EQ(R.Total.StoreBytes.str(), "4*n");
  EXPECT_EQ(R.Total.BytesTouched.str(), "8*n");
  EXPECT_EQ(R.Total.Iterations.str(), "4*n");
  EXPECT_EQ(R.BigO, "O(n)");

  // Unknown size: nothing counted but the line, and no complexity.
  Fs = {F};
  Fs[0].Calls[0].Args[2].reset();
  totals(Fs);
  const char *Line =
      "memcpy at line 7: size not expressible in the caller's parameters";
  EXPECT_TRUE(hasLine(Fs[0].Total, Line));
  EXPECT_TRUE(Fs[0].Total.LoadBytes.isZero());
  EXPECT_EQ(Fs[0].TotalConf, Confidence::Unknown);
  EXPECT_EQ(Fs[0].TotalReason, Line);
  EXPECT_EQ(Fs[0].BigO, std::nullopt);
}

TEST(InterproceduralTest, ConstantCostAndIO) {
  FunctionSummary F = fn("report", {"n"});
  F.Calls.push_back(call("printf", 12, num(1)));
  F.Calls.push_back(call("rand", 13, sym("n")));
  F.Calls.push_back(call("free", 14, num(1), {std::nullopt}));
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  const FunctionSummary &R = Fs[0];
  EXPECT_EQ(R.Total.Uncounted,
            std::vector<std::string>{"printf at line 12: I/O, not counted"});
  EXPECT_TRUE(R.Total.Iterations.isZero());
  EXPECT_EQ(R.TotalConf, Confidence::Exact);
  EXPECT_EQ(R.BigO, "O(1)");
}

TEST(InterproceduralTest, UnknownCallCount) {
  FunctionSummary F = fn("scan", {"n"});
  CallSite Exp = call("expf", 5, num(1), {std::nullopt});
  Exp.CountConf = Confidence::Unknown;
  F.Calls.push_back(Exp);
  CallSite Dot = call("dot", 6, num(1), {std::nullopt, std::nullopt, sym("n")});
  Dot.CountConf = Confidence::Unknown;
  F.Calls.push_back(Dot);
  CallSite Rand = call("rand", 7, num(1));
  Rand.CountConf = Confidence::Unknown;
  F.Calls.push_back(Rand);
  std::vector<FunctionSummary> Fs = {F, dotFn()};
  totals(Fs);
  const FunctionSummary &R = get(Fs, "scan");
  // A constant-cost call counts nothing however often it runs.
  EXPECT_EQ(R.Total.Uncounted.size(), 2u);
  EXPECT_TRUE(R.Total.MathCalls.empty() ||
              R.Total.MathCalls.at("exp").isZero());
  EXPECT_TRUE(R.Total.FMul.isZero());
  EXPECT_TRUE(hasLine(R.Total, "call to expf at line 5: in a loop with an "
                               "unknown trip count, not counted"));
  EXPECT_TRUE(hasLine(R.Total, "call to dot at line 6: in a loop with an "
                               "unknown trip count, not counted"));
  EXPECT_EQ(R.TotalConf, Confidence::Unknown);
  EXPECT_EQ(R.BigO, std::nullopt);
}

TEST(InterproceduralTest, ConfidencePropagates) {
  // The callee's own loop is an upper bound: so is the caller's total.
  std::vector<FunctionSummary> Fs = matvecProgram();
  Fs[1].SelfConf = Confidence::UpperBound;
  Fs[1].SelfReason = "loop at line 3: early exit";
  totals(Fs);
  const FunctionSummary &M = get(Fs, "matvec");
  EXPECT_EQ(M.TotalConf, Confidence::UpperBound);
  EXPECT_EQ(M.TotalReason, "call to dot at line 7: loop at line 3: early exit");
  EXPECT_EQ(M.BigO, "O(m*n)");

  // The caller's own reason comes first when as weak.
  Fs = matvecProgram();
  Fs[0].SelfConf = Confidence::UpperBound;
  Fs[0].SelfReason = "mine";
  Fs[1].SelfConf = Confidence::UpperBound;
  Fs[1].SelfReason = "theirs";
  totals(Fs);
  EXPECT_EQ(get(Fs, "matvec").TotalReason, "mine");

  // Unknown is worse than an upper bound, whatever came first.
  Fs = matvecProgram();
  Fs[0].SelfConf = Confidence::UpperBound;
  Fs[0].SelfReason = "mine";
  Fs[1].SelfConf = Confidence::Unknown;
  Fs[1].SelfReason = "loop at line 3: data-dependent exit";
  totals(Fs);
  EXPECT_EQ(get(Fs, "matvec").TotalConf, Confidence::Unknown);
  EXPECT_EQ(get(Fs, "matvec").TotalReason,
            "call to dot at line 7: loop at line 3: data-dependent exit");
}

TEST(InterproceduralTest, UncountedPropagatesOnceThroughADiamond) {
  // top -> left, right; left, right -> bottom.
  FunctionSummary Bottom = fn("bottom", {"n"});
  Bottom.Self.Iterations = sym("n");
  Bottom.Self.Uncounted = {"loop at line 3: body's calls"};
  FunctionSummary Left = fn("left", {"n"});
  Left.Calls.push_back(call("bottom", 2, num(1), {sym("n")}));
  FunctionSummary Right = fn("right", {"n"});
  Right.Calls.push_back(call("bottom", 2, num(1), {sym("n")}));
  FunctionSummary Top = fn("top", {"n"});
  Top.Calls.push_back(call("left", 5, num(1), {sym("n")}));
  Top.Calls.push_back(call("right", 6, num(1), {num(2) * sym("n")}));
  Top.Calls.push_back(call("left", 7, num(1), {sym("n")}));
  std::vector<FunctionSummary> Fs = {Top, Right, Bottom, Left};
  totals(Fs);

  const FunctionSummary &T = get(Fs, "top");
  EXPECT_EQ(T.Total.Iterations.str(), "4*n");
  EXPECT_EQ(T.Total.Uncounted,
            (std::vector<std::string>{
                "in left: in bottom: loop at line 3: body's calls",
                "in right: in bottom: loop at line 3: body's calls"}));
  EXPECT_EQ(T.TotalConf, Confidence::Exact);
  EXPECT_EQ(T.BigO, "O(n)");
  EXPECT_FALSE(T.Recursive);
  EXPECT_EQ(
      get(Fs, "left").Total.Uncounted,
      std::vector<std::string>{"in bottom: loop at line 3: body's calls"});
}

TEST(InterproceduralTest, Overflow) {
  FunctionSummary F = fn("f");
  F.Self.Iterations = num(std::numeric_limits<int64_t>::max() / 2);
  FunctionSummary G = fn("g");
  G.Calls.push_back(call("f", 1, num(4)));
  std::vector<FunctionSummary> Fs = {G, F};
  totals(Fs);
  const FunctionSummary &R = get(Fs, "g");
  EXPECT_TRUE(R.Total.overflowed());
  EXPECT_EQ(R.TotalConf, Confidence::Unknown);
  EXPECT_EQ(R.TotalReason, "count overflowed");
  EXPECT_EQ(R.BigO, std::nullopt);
  EXPECT_EQ(get(Fs, "f").BigO, "O(1)");
}

TEST(InterproceduralTest, DuplicateKeysAreOneFunction) {
  // An inline dot analysed in two translation units.
  std::vector<FunctionSummary> Fs = matvecProgram();
  Fs.push_back(dotFn());
  Fs.back().File = "other.cpp";
  totals(Fs);
  EXPECT_EQ(get(Fs, "matvec").Total.FMul.str(Fs[0].Params), "m*n");
  EXPECT_EQ(Fs[2].Total.FMul.str(), "n");
  EXPECT_EQ(Fs[2].BigO, "O(n)");
}

TEST(InterproceduralTest, VectorMembers) {
  FunctionSummary F = fn("collect", {"n"});
  F.Self.Iterations = sym("n");
  CallSite Push =
      call("std::vector<float>::push_back", 4, sym("n"), {std::nullopt});
  Push.ElementBytes = 4;
  F.Calls.push_back(Push);
  CallSite Size = call("std::vector<float>::size", 5, sym("n"));
  F.Calls.push_back(Size);
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  EXPECT_EQ(Fs[0].Total.HeapBytes.str(), "4*n");
  EXPECT_EQ(Fs[0].Total.StoreBytes.str(), "4*n");
  EXPECT_EQ(Fs[0].TotalConf, Confidence::Exact);

  // resize counts growing from empty: an upper bound.
  CallSite Resize = call("std::vector<double>::resize", 6, num(1), {sym("n")});
  Resize.ElementBytes = 8;
  Fs = {F};
  Fs[0].Calls.push_back(Resize);
  totals(Fs);
  EXPECT_EQ(Fs[0].Total.HeapBytes.str(), "12*n");
  EXPECT_EQ(Fs[0].Total.Iterations.str(), "2*n");
  EXPECT_EQ(Fs[0].TotalConf, Confidence::UpperBound);
  EXPECT_EQ(Fs[0].TotalReason, "std::vector<double>::resize at line 6: "
                               "counted as growing from empty");
  EXPECT_EQ(Fs[0].BigO, "O(n)");
}

TEST(InterproceduralTest, StreamOutputIsIO) {
  FunctionSummary F = fn("log");
  F.Calls.push_back(call("std::operator<<<std::char_traits<char>>", 3, num(1)));
  F.Calls.push_back(call("std::basic_ostream<char>::operator<<", 3, num(1)));
  std::vector<FunctionSummary> Fs = {F};
  totals(Fs);
  EXPECT_EQ(Fs[0].TotalConf, Confidence::Exact);
  EXPECT_EQ(Fs[0].Total.Uncounted.size(), 2u);
}

TEST(BuiltinTest, Names) {
  EXPECT_EQ(builtinName("expf"), "exp");
  EXPECT_EQ(builtinName("expl"), "exp");
  EXPECT_EQ(builtinName("std::exp"), "exp");
  EXPECT_EQ(builtinName("::exp"), "exp");
  EXPECT_EQ(builtinName("__builtin_expf"), "exp");
  EXPECT_EQ(builtinName("tanhf"), "tanh");
  EXPECT_EQ(builtinName("powf"), "pow");
  EXPECT_EQ(builtinName("erf"), "erf");
  EXPECT_EQ(builtinName("erff"), "erf");
  EXPECT_EQ(builtinName("modf"), "modf");
  EXPECT_EQ(builtinName("fmaf"), "fma");
  EXPECT_EQ(builtinName("fmal"), "fma");
  EXPECT_EQ(builtinName("__memcpy_chk"), "memcpy");
  EXPECT_EQ(builtinName("std::max<float>"), "max");
  EXPECT_EQ(builtinName("std::vector<float>::push_back"), "vector::push_back");
  EXPECT_EQ(builtinName("std::__1::vector<std::pair<int, int>, "
                        "std::allocator<std::pair<int, int>>>::emplace_back"),
            "vector::emplace_back");
  EXPECT_EQ(builtinName("std::basic_ostream<char>::operator<<"),
            "basic_ostream::operator<<");
  EXPECT_EQ(builtinName("std::operator<<<std::char_traits<char>>"),
            "operator<<");
  EXPECT_EQ(builtinName("Layer::forward"), "Layer::forward");
  // Not libm: no suffix stripped.
  EXPECT_EQ(builtinName("self"), "self");
}

CallSite site(llvm::StringRef Name, std::vector<std::optional<Expr>> Args) {
  return call(Name, 1, num(1), std::move(Args));
}

TEST(BuiltinTest, Blas) {
  std::optional<Expr> None;
  Expr N = sym("n"), M = sym("m");
  auto Dot = builtinCost(site("cblas_ddot", {N, None, num(1), None, num(1)}));
  ASSERT_TRUE(Dot);
  EXPECT_EQ(Dot->PerCall.FMul.str(), "n");
  EXPECT_EQ(Dot->PerCall.FAdd.str(), "n");
  EXPECT_EQ(Dot->PerCall.LoadBytes.str(), "16*n");
  EXPECT_EQ(Dot->PerCall.Iterations.str(), "n");

  auto Axpy =
      builtinCost(site("cblas_saxpy", {N, None, None, num(1), None, num(1)}));
  ASSERT_TRUE(Axpy);
  EXPECT_EQ(Axpy->PerCall.flops().str(), "2*n");
  EXPECT_EQ(Axpy->PerCall.LoadBytes.str(), "8*n");
  EXPECT_EQ(Axpy->PerCall.StoreBytes.str(), "4*n");

  auto Scal = builtinCost(site("cblas_sscal", {N, None, None, num(1)}));
  ASSERT_TRUE(Scal);
  EXPECT_EQ(Scal->PerCall.flops().str(), "n");
  EXPECT_EQ(Scal->PerCall.LoadBytes.str(), "4*n");
  EXPECT_EQ(Scal->PerCall.StoreBytes.str(), "4*n");

  auto Gemv =
      builtinCost(site("cblas_dgemv", {num(101), num(111), M, N, None, None, N,
                                       None, num(1), None, None, num(1)}));
  ASSERT_TRUE(Gemv);
  EXPECT_EQ(Gemv->PerCall.flops().str({"m", "n"}), "2*m*n");
  EXPECT_EQ(at(Gemv->PerCall.LoadBytes, {{"m", 2}, {"n", 3}}), 8 * 11);
  EXPECT_EQ(Gemv->PerCall.StoreBytes.str(), "8*m");
  EXPECT_EQ(Gemv->PerCall.Iterations.str({"m", "n"}), "m*n");

  auto Unknown = builtinCost(site("cblas_sgemm", {num(101), num(111)}));
  ASSERT_TRUE(Unknown);
  EXPECT_EQ(Unknown->Conf, Confidence::Unknown);
  EXPECT_EQ(Unknown->Reason, "cblas_sgemm at line 1: dimensions (M, N, K) not "
                             "expressible in the caller's parameters");
  EXPECT_TRUE(Unknown->PerCall.flops().isZero());
}

TEST(BuiltinTest, Memory) {
  std::optional<Expr> None;
  Expr N = sym("n");
  auto Malloc = builtinCost(site("malloc", {num(4) * N}));
  ASSERT_TRUE(Malloc);
  EXPECT_EQ(Malloc->PerCall.HeapBytes.str(), "4*n");
  EXPECT_TRUE(Malloc->PerCall.Iterations.isZero());

  auto Calloc = builtinCost(site("calloc", {N, num(8)}));
  ASSERT_TRUE(Calloc);
  EXPECT_EQ(Calloc->PerCall.HeapBytes.str(), "8*n");
  EXPECT_EQ(Calloc->PerCall.StoreBytes.str(), "8*n");

  EXPECT_EQ(builtinCost(site("realloc", {None, N}))->PerCall.HeapBytes.str(),
            "n");
  EXPECT_EQ(
      builtinCost(site("aligned_alloc", {num(64), N}))->PerCall.HeapBytes.str(),
      "n");
  EXPECT_EQ(builtinCost(site("posix_memalign", {None, num(64), N}))
                ->PerCall.HeapBytes.str(),
            "n");

  auto Memset = builtinCost(site("memset", {None, num(0), N}));
  ASSERT_TRUE(Memset);
  EXPECT_EQ(Memset->PerCall.StoreBytes.str(), "n");
  EXPECT_TRUE(Memset->PerCall.LoadBytes.isZero());
  EXPECT_EQ(Memset->PerCall.Iterations.str(), "n");

  auto Free = builtinCost(site("free", {None}));
  ASSERT_TRUE(Free);
  EXPECT_TRUE(Free->PerCall.Uncounted.empty());
  EXPECT_EQ(Free->Conf, Confidence::Exact);

  CallSite Push = site("std::vector<float>::push_back", {None});
  Push.ElementBytes = 4;
  auto PushBack = builtinCost(Push);
  ASSERT_TRUE(PushBack);
  EXPECT_EQ(PushBack->PerCall.StoreBytes.str(), "4");
  EXPECT_EQ(PushBack->PerCall.HeapBytes.str(), "4");

  Push.ElementBytes = 0;
  EXPECT_EQ(builtinCost(Push)->Conf, Confidence::Unknown);
}

TEST(BuiltinTest, NotBuiltIn) {
  EXPECT_FALSE(builtinCost(site("qsort", {})));
  EXPECT_FALSE(builtinCost(site("Layer::forward", {})));
  EXPECT_FALSE(builtinCost(site("mylib::exp", {})));
  // A user's operator<< is no stream output.
  EXPECT_FALSE(builtinCost(site("operator<<", {})));
  EXPECT_TRUE(builtinCost(site("std::operator<<<std::char_traits<char>>", {})));
  // std::move(first, last, out) is the algorithm.
  EXPECT_TRUE(builtinCost(site("std::move<float &>", {std::nullopt})));
  EXPECT_FALSE(builtinCost(
      site("std::move", {std::nullopt, std::nullopt, std::nullopt})));
}

} // namespace
