//===- LocalCostTest.cpp - Trip counts, operations and memory of bodies ---===//
//
// Each test parses a small kernel and checks what the local analysis gives
// its loops, operation counts, calls and memory. Values are compared as
// printed expressions where the form is unique, else by evaluating them.
//
//===----------------------------------------------------------------------===//

#include "LocalCost.h"
#include "ClangIdentity.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

using namespace frugal::analysis;

namespace {

class FindFunction : public clang::RecursiveASTVisitor<FindFunction> {
public:
  explicit FindFunction(llvm::StringRef Name) : Name(Name) {}
  bool shouldVisitTemplateInstantiations() const { return true; }
  bool VisitFunctionDecl(clang::FunctionDecl *FD) {
    if (!Found && FD->doesThisDeclarationHaveABody() &&
        FD->getNameAsString() == Name)
      Found = FD;
    return true;
  }
  std::string Name;
  clang::FunctionDecl *Found = nullptr;
};

/// Analyses function Name of Code (C++17, or C with Lang "c").
FunctionSummary analyze(llvm::StringRef Code, llvm::StringRef Name,
                        std::vector<std::string> Args = {"-std=c++17"}) {
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(Code, Args, "kernel.cpp");
  EXPECT_TRUE(AST);
  FindFunction Finder(Name);
  Finder.TraverseDecl(AST->getASTContext().getTranslationUnitDecl());
  EXPECT_TRUE(Finder.Found) << Name.str();
  FunctionSummary S;
  if (!Finder.Found)
    return S;
  IdentityBuilder Ids(AST->getASTContext(), "/tmp");
  Ids.identify(*Finder.Found, S);
  analyzeBody(*Finder.Found, AST->getASTContext(), Ids, S);
  return S;
}

/// E evaluated with the given symbol values.
double at(const Expr &E, llvm::StringMap<double> Values) {
  std::optional<double> V = E.evaluate(Values);
  EXPECT_TRUE(V) << E.str();
  return V.value_or(-1);
}

TEST(LocalCostTest, DotProductCountsOneAddAndMultiplyPerElement) {
  FunctionSummary S = analyze(R"(
    float dot(const float *a, const float *b, int n) {
      float s = 0;
      for (int i = 0; i < n; ++i)
        s += a[i] * b[i];
      return s;
    })",
                              "dot");
  ASSERT_EQ(S.Loops.size(), 1u);
  EXPECT_EQ(S.Loops[0].TripCount->str(), "n");
  EXPECT_EQ(S.Loops[0].Conf, Confidence::Exact);
  EXPECT_EQ(S.Loops[0].Depth, 1u);
  EXPECT_EQ(S.Self.FAdd.str(), "n");
  EXPECT_EQ(S.Self.FMul.str(), "n");
  EXPECT_TRUE(S.Self.FSub.isZero());
  EXPECT_EQ(S.Self.LoadBytes.str(), "8*n");
  EXPECT_TRUE(S.Self.StoreBytes.isZero()); // s and i live in registers
  EXPECT_EQ(S.Self.IntOps.str(), "2*n");   // i < n and ++i
  EXPECT_EQ(S.Self.BytesTouched.str(), "8*n");
  EXPECT_EQ(S.Self.Iterations.str(), "n");
  EXPECT_EQ(S.StackBytes.integerValue(), 8);
  EXPECT_EQ(S.SelfConf, Confidence::Exact);
  EXPECT_TRUE(S.Self.Uncounted.empty());
}

TEST(LocalCostTest, MatmulNestMultipliesTripCountsAndSpansEachMatrix) {
  FunctionSummary S = analyze(R"(
    void matmul(const float *A, const float *B, float *C, int m, int n,
                int k) {
      for (int i = 0; i < m; ++i)
        for (int j = 0; j < n; ++j) {
          float acc = 0.0f;
          for (int p = 0; p < k; ++p)
            acc += A[i * k + p] * B[p * n + j];
          C[i * n + j] = acc;
        }
    })",
                              "matmul");
  ASSERT_EQ(S.Loops.size(), 3u);
  EXPECT_EQ(S.Loops[2].Depth, 3u);
  EXPECT_EQ(S.Loops[2].TripCount->str(), "k");
  EXPECT_EQ(S.Self.FMul.str(S.Params), "m*n*k");
  EXPECT_EQ(S.Self.FAdd.str(S.Params), "m*n*k");
  llvm::StringMap<double> V{{"m", 3}, {"n", 5}, {"k", 7}};
  EXPECT_EQ(at(S.Self.StoreBytes, V), 4 * 3 * 5);
  EXPECT_EQ(at(S.Self.LoadBytes, V), 8 * 3 * 5 * 7);
  // A: m*k floats, B: k*n, C: m*n.
  EXPECT_EQ(at(S.Self.BytesTouched, V), 4 * (3 * 7 + 7 * 5 + 3 * 5));
  EXPECT_EQ(at(S.Self.Iterations, V), 3 + 3 * 5 + 3 * 5 * 7);
}

TEST(LocalCostTest, TriangularNestIsSummedOverTheOuterCounter) {
  FunctionSummary S = analyze(R"(
    int pairs(const int *x, int n) {
      int c = 0;
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < i; ++j)
          c += x[i] == x[j];
      return c;
    })",
                              "pairs");
  ASSERT_EQ(S.Loops.size(), 2u);
  EXPECT_EQ(S.Loops[1].TripCount->str(), "i");
  llvm::StringMap<double> V{{"n", 10}};
  EXPECT_EQ(at(S.Self.Iterations, V), 10 + 45);
  EXPECT_EQ(at(S.Self.LoadBytes, V), 45 * 8);
  EXPECT_EQ(S.SelfConf, Confidence::Exact);
}

TEST(LocalCostTest, ConstantAndStridedLoops) {
  FunctionSummary S = analyze(R"(
    void f(float *y, int n) {
      for (int i = 0; i < 16; ++i) y[i] = 0;
      for (int i = 0; i < n; i += 4) y[i] *= 2.0f;
      for (int i = n - 1; i >= 0; --i) y[i] -= 1.0f;
    })",
                              "f");
  ASSERT_EQ(S.Loops.size(), 3u);
  EXPECT_EQ(S.Loops[0].TripCount->integerValue(), 16);
  EXPECT_EQ(S.Loops[1].TripCount->str(), "(n + 3) / 4");
  EXPECT_EQ(S.Loops[2].TripCount->str(), "n");
  for (const LoopSummary &L : S.Loops)
    EXPECT_EQ(L.Conf, Confidence::Exact) << L.Line;
  EXPECT_EQ(at(S.Self.FMul, {{"n", 10}}), 3);
  EXPECT_EQ(at(S.Self.FSub, {{"n", 10}}), 10);
}

TEST(LocalCostTest, HalvingLoopsAreLogarithmicUpperBounds) {
  FunctionSummary S = analyze(R"(
    int search(const float *a, int n, float key) {
      int lo = 0, hi = n;
      while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (a[mid] < key) lo = mid + 1; else hi = mid;
      }
      return lo;
    }
    int bits(unsigned n) {
      int b = 0;
      while (n > 0) { n >>= 1; ++b; }
      return b;
    })",
                              "search");
  ASSERT_EQ(S.Loops.size(), 1u);
  ASSERT_TRUE(S.Loops[0].TripCount);
  EXPECT_EQ(S.Loops[0].Conf, Confidence::UpperBound);
  EXPECT_EQ(S.Loops[0].TripCount->str(), "log2(n) + 1");
  EXPECT_EQ(S.SelfConf, Confidence::UpperBound);

  FunctionSummary B = analyze(R"(
    int bits(unsigned n) {
      int b = 0;
      while (n > 0) { n >>= 1; ++b; }
      return b;
    })",
                              "bits");
  ASSERT_TRUE(B.Loops[0].TripCount);
  EXPECT_EQ(B.Loops[0].TripCount->str(), "log2(n) + 1");
}

TEST(LocalCostTest, DataDependentLoopIsUnknownAndItsBodyUncounted) {
  FunctionSummary S = analyze(R"(
    int walk(const int *next, int at) {
      int steps = 0;
      while (at >= 0) { at = next[at]; steps++; }
      return steps;
    })",
                              "walk");
  ASSERT_EQ(S.Loops.size(), 1u);
  EXPECT_FALSE(S.Loops[0].TripCount);
  EXPECT_EQ(S.Loops[0].Conf, Confidence::Unknown);
  EXPECT_FALSE(S.Loops[0].Reason.empty());
  EXPECT_EQ(S.SelfConf, Confidence::Unknown);
  ASSERT_FALSE(S.Self.Uncounted.empty());
  EXPECT_NE(S.Self.Uncounted[0].find("loop at line 4"), std::string::npos)
      << S.Self.Uncounted[0];
  EXPECT_TRUE(S.Self.LoadBytes.isZero()); // not counted as anything
}

TEST(LocalCostTest, CounterModifiedInTheBodyIsUnknown) {
  FunctionSummary S = analyze(R"(
    void skip(const int *x, int n) {
      for (int i = 0; i < n; ++i)
        if (x[i] == 0) i += 2;
    })",
                              "skip");
  EXPECT_FALSE(S.Loops[0].TripCount);
  EXPECT_EQ(S.Loops[0].Reason, "counter modified in the body");
}

TEST(LocalCostTest, EarlyExitGivesAnUpperBound) {
  FunctionSummary S = analyze(R"(
    int find(const int *x, int n, int v) {
      for (int i = 0; i < n; ++i)
        if (x[i] == v) return i;
      return -1;
    })",
                              "find");
  EXPECT_EQ(S.Loops[0].TripCount->str(), "n");
  EXPECT_EQ(S.Loops[0].Conf, Confidence::UpperBound);
  EXPECT_EQ(S.Loops[0].Reason, "early exit (return)");
}

TEST(LocalCostTest, CallsInLoopsCarryCountsAndArguments) {
  FunctionSummary S = analyze(R"(
    float dot(const float *a, const float *b, int n);
    void matvec(const float *A, const float *x, float *y, int m, int n) {
      for (int i = 0; i < m; ++i)
        y[i] = dot(A + i * n, x, n);
    })",
                              "matvec");
  ASSERT_EQ(S.Calls.size(), 1u);
  const CallSite &C = S.Calls[0];
  EXPECT_EQ(C.CalleeName, "dot");
  EXPECT_EQ(C.CalleeKey, "_Z3dotPKfS0_i");
  EXPECT_EQ(C.Count.str(), "m");
  ASSERT_EQ(C.Args.size(), 3u);
  EXPECT_FALSE(C.Args[0]); // a pointer
  EXPECT_EQ(C.Args[2]->str(), "n");
  EXPECT_EQ(S.Self.Calls.str(), "m");
}

TEST(LocalCostTest, ArgumentDependingOnTheCounterIsBoundedByItsLargestValue) {
  FunctionSummary S = analyze(R"(
    void work(int k);
    void grow(int n) {
      for (int i = 0; i < n; ++i) work(i);
    })",
                              "grow");
  ASSERT_EQ(S.Calls.size(), 1u);
  EXPECT_EQ(S.Calls[0].Args[0]->str(), "n - 1");
  EXPECT_EQ(S.Calls[0].CountConf, Confidence::UpperBound);
}

TEST(LocalCostTest, TiledLoopsUseTheTileForTripsAndTheMatrixForFootprint) {
  FunctionSummary S = analyze(R"(
    void scale(float *x, int n) {
      for (int ii = 0; ii < n; ii += 32)
        for (int i = ii; i < (ii + 32 < n ? ii + 32 : n); ++i)
          x[i] *= 2.0f;
    })",
                              "scale");
  ASSERT_EQ(S.Loops.size(), 2u);
  EXPECT_EQ(S.Loops[1].TripCount->integerValue(), 32);
  EXPECT_EQ(S.Loops[1].Conf, Confidence::UpperBound);
  EXPECT_EQ(at(S.Self.FMul, {{"n", 64}}), 64);
  EXPECT_EQ(S.Self.BytesTouched.str(), "4*n");
}

TEST(LocalCostTest, StackHeapAndTwoDimensionalArrays) {
  FunctionSummary S = analyze(R"(
    void conv(const float in[8][8], int n) {
      float buf[n];
      double tmp[4];
      float *h = new float[n * 2];
      float acc = 0;
      for (int y = 0; y < 8; ++y)
        for (int x = 0; x < 8; ++x)
          acc += in[y][x];
      buf[0] = acc; tmp[0] = acc; h[0] = acc;
      delete[] h;
    })",
                              "conv", {"-std=c++17", "-w"}); // a VLA in C++
  llvm::StringMap<double> V{{"n", 10}};
  // buf: 4n, tmp: 32, h: 8, acc: 4, y and x: 8.
  EXPECT_EQ(at(S.StackBytes, V), 40 + 32 + 8 + 4 + 8);
  EXPECT_EQ(S.Self.HeapBytes.str(), "8*n");
  // in: 64 floats; buf, tmp, h: one element each.
  EXPECT_EQ(at(S.Self.BytesTouched, V), 256 + 4 + 8 + 4);
}

TEST(LocalCostTest, VectorsAndRangeFor) {
  FunctionSummary S = analyze(R"(
    namespace std {
    template <class T> struct vector {
      vector(unsigned long n);
      unsigned long size() const;
      T &operator[](unsigned long i);
      const T &operator[](unsigned long i) const;
      T *begin() const; T *end() const;
    };
    }
    float total(const std::vector<float> &v, int n) {
      std::vector<float> h(n);
      float s = 0;
      for (float x : v) s += x;
      for (unsigned long i = 0; i < h.size(); ++i) s += h[i];
      return s;
    })",
                              "total");
  ASSERT_EQ(S.Loops.size(), 2u);
  EXPECT_EQ(S.Loops[0].TripCount->str(), "v.size()");
  EXPECT_EQ(S.Loops[1].TripCount->str(), "n");
  EXPECT_EQ(S.Self.HeapBytes.str(), "4*n");
  EXPECT_EQ(at(S.Self.FAdd, {{"n", 3}, {"v.size()", 5}}), 8);
}

TEST(LocalCostTest, OpenMPLoopIsCountedOnce) {
  FunctionSummary S = analyze(R"(
    void relu(float *x, int n) {
      #pragma omp parallel for
      for (int i = 0; i < n; ++i)
        x[i] = x[i] > 0 ? x[i] : 0;
    })",
                              "relu", {"-std=c++17", "-fopenmp"});
  ASSERT_EQ(S.Loops.size(), 1u);
  EXPECT_EQ(S.Loops[0].TripCount->str(), "n");
  EXPECT_EQ(S.Self.StoreBytes.str(), "4*n");
}

TEST(LocalCostTest, BackwardGotoMakesTheCostUnknown) {
  FunctionSummary S = analyze(R"(
    int g(int n) {
      int i = 0;
    again:
      if (++i < n) goto again;
      return i;
    })",
                              "g");
  EXPECT_EQ(S.SelfConf, Confidence::Unknown);
  EXPECT_FALSE(S.Self.Uncounted.empty());
}

TEST(LocalCostTest, MembersAreSymbolsAndThisPrefixesFollowTheObject) {
  FunctionSummary S = analyze(R"(
    struct Layer {
      int in, out;
      float *w;
      void forward(const float *x, float *y) const;
      void run(const float *x, float *y) {
        for (int o = 0; o < out; ++o)
          for (int i = 0; i < in; ++i)
            y[o] += w[o * in + i] * x[i];
      }
    };
    void net(Layer &l, Layer *p, const float *x, float *y) {
      l.forward(x, y);
      p->forward(x, y);
    })",
                              "run");
  EXPECT_EQ(S.Self.FMul.str(), "this->in*this->out");
  FunctionSummary N = analyze(R"(
    struct Layer { void forward(const float *x, float *y) const; };
    void net(Layer &l, Layer *p, const float *x, float *y) {
      l.forward(x, y);
      p->forward(x, y);
    })",
                              "net");
  ASSERT_EQ(N.Calls.size(), 2u);
  EXPECT_EQ(N.Calls[0].ThisPrefix, "l.");
  EXPECT_EQ(N.Calls[1].ThisPrefix, "p->");
}

TEST(LocalCostTest, RowPointersCountAsTheirMatrix) {
  FunctionSummary S = analyze(R"(
    void scaleRows(float *X, int m, int n) {
      for (int i = 0; i < m; ++i) {
        float *Row = X + i * n;
        for (int j = 0; j < n; ++j)
          Row[j] *= 0.5f;
      }
    })",
                              "scaleRows");
  EXPECT_EQ(S.Self.BytesTouched.str(S.Params), "4*m*n");
}

TEST(LocalCostTest, SwitchWithoutFallthroughCountsItsCostliestCase) {
  FunctionSummary S = analyze(R"(
    float act(int k, float x) {
      switch (k) {
      case 0: return x * x;
      case 1: return x / (1.0f + x);
      default: return x;
      }
    })",
                              "act");
  EXPECT_EQ(S.Self.FDiv.integerValue(), 1);
  EXPECT_EQ(S.Self.FAdd.integerValue(), 1);
  EXPECT_EQ(S.Self.FMul.integerValue(), 1); // not 1 + 1: one case runs
  FunctionSummary F = analyze(R"(
    float fall(int k, float x) {
      float y = 0;
      switch (k) {
      case 0: y += x;
      case 1: y *= x; break;
      }
      return y;
    })",
                              "fall");
  EXPECT_EQ(F.Self.FAdd.integerValue(), 1);
  EXPECT_EQ(F.Self.FMul.integerValue(), 1); // fallthrough: both
}

TEST(LocalCostTest, ConstructorInitializersAndMinAreCounted) {
  FunctionSummary S = analyze(R"(
    namespace std {
    template <class T> const T &min(const T &a, const T &b) {
      return b < a ? b : a;
    }
    }
    struct Box {
      int w, h;
      float *d;
      Box(int a, int b) : w(a), h(std::min(a, b)), d(new float[a * b]) {}
    };)",
                              "Box");
  EXPECT_EQ(S.Self.StoreBytes.integerValue(), 16); // w, h, d
  EXPECT_EQ(S.Self.HeapBytes.str(S.Params), "4*a*b");
  EXPECT_TRUE(S.Self.LoadBytes.isZero()); // std::min's result is no load
  EXPECT_TRUE(S.Calls.empty() || S.Calls[0].CalleeName != "std::min");
}

TEST(LocalCostTest, WhileWithAnExtraConditionIsAnUpperBound) {
  FunctionSummary S = analyze(R"(
    int len(const int *a, int n) {
      int i = 0;
      while (i < n && a[i] != 0) { i++; }
      return i;
    })",
                              "len");
  ASSERT_TRUE(S.Loops[0].TripCount);
  EXPECT_EQ(S.Loops[0].TripCount->str(), "n");
  EXPECT_EQ(S.Loops[0].Conf, Confidence::UpperBound);
  EXPECT_EQ(S.Loops[0].Reason, "data-dependent extra exit condition");
}

TEST(LocalCostTest, ConstantsAndMaxOperandsInMemory) {
  FunctionSummary S = analyze(R"(
    namespace std {
    template <class T> const T &max(const T &a, const T &b) {
      return a < b ? b : a;
    }
    }
    float maxval(const float *x, int n) {
      float m = -__builtin_inff();
      for (int i = 0; i < n; ++i) m = std::max(m, x[i]);
      return m;
    })",
                              "maxval");
  EXPECT_TRUE(S.Calls.empty()); // __builtin_inff() is folded
  EXPECT_EQ(S.Self.LoadBytes.str(S.Params), "4*n"); // x[i], read by max
  EXPECT_EQ(S.Self.BytesTouched.str(S.Params), "4*n");
}

} // namespace
