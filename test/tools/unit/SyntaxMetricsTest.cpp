//===- SyntaxMetricsTest.cpp - Complexity metrics of a function's syntax --===//
//
// Each test parses a snippet (no #include: the builtin headers are not
// needed) and checks all four metrics of one function, written as
// {Statements, Cyclomatic, Cognitive, MaxLoopDepth}.
//
//===----------------------------------------------------------------------===//

#include "frugal/analyze/SyntaxMetrics.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"

#include "gtest/gtest.h"

#include <array>
#include <memory>
#include <string>
#include <vector>

using namespace clang;
using namespace clang::ast_matchers;
using frugal::analysis::measureSyntax;
using frugal::analysis::SyntaxMetrics;

namespace {

using Quad = std::array<unsigned, 4>;

const std::vector<std::string> Cxx17 = {"-std=c++17"};
const std::vector<std::string> C11 = {"-xc", "-std=c11"};

enum class Pick { Plain, Instantiation, Pattern };

struct Options {
  std::vector<std::string> Args = Cxx17;
  Pick Which = Pick::Plain;
  tooling::FileContentMappings Files = {};
  bool AllowErrors = false;
};

/// The metrics of the definition of the function Name in Code, as
/// {Statements, Cyclomatic, Cognitive, MaxLoopDepth}.
Quad measure(llvm::StringRef Code, llvm::StringRef Name,
             const Options &Opts = {}) {
  // Expected errors are not printed.
  IgnoringDiagConsumer Quiet;
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(
      Code, Opts.Args, "input.cc", "frugal-syntax-test",
      std::make_shared<PCHContainerOperations>(),
      tooling::getClangStripDependencyFileAdjuster(), Opts.Files,
      Opts.AllowErrors ? &Quiet : nullptr);
  if (!AST) {
    ADD_FAILURE() << "no AST";
    return {};
  }
  if (!Opts.AllowErrors && AST->getDiagnostics().hasErrorOccurred())
    ADD_FAILURE() << "the snippet does not compile";
  auto Matches =
      match(functionDecl(hasName(Name), isDefinition(), unless(isImplicit()))
                .bind("f"),
            AST->getASTContext());
  for (const BoundNodes &Match : Matches) {
    const auto *FD = Match.getNodeAs<FunctionDecl>("f");
    bool Instantiated = FD->isTemplateInstantiation();
    bool Pattern = FD->isTemplated();
    if (Instantiated != (Opts.Which == Pick::Instantiation) ||
        Pattern != (Opts.Which == Pick::Pattern))
      continue;
    SyntaxMetrics M = measureSyntax(*FD);
    return {M.Statements, M.Cyclomatic, M.Cognitive, M.MaxLoopDepth};
  }
  ADD_FAILURE() << "no definition of " << Name.str();
  return {};
}

/// How many OpenMP directives clang made of Code: checks that -fopenmp
/// took effect (without it the pragmas are ignored and the metrics would be
/// the same).
unsigned countOpenMPDirectives(llvm::StringRef Code,
                               const std::vector<std::string> &Args) {
  std::unique_ptr<ASTUnit> AST = tooling::buildASTFromCodeWithArgs(Code, Args);
  if (!AST)
    return 0;
  return match(stmt(ompExecutableDirective()), AST->getASTContext()).size();
}

TEST(SyntaxMetrics, StraightLine) {
  // Blocks and null statements are not statements; their contents are.
  EXPECT_EQ(measure(R"(
    int f(int a, int b) {
      int c = a + b;
      c *= 2;
      ;
      {
        int d = c;
        c += d;
      }
      return c;
    })",
                    "f"),
            (Quad{5, 1, 0, 0}));
}

TEST(SyntaxMetrics, EmptyBody) {
  EXPECT_EQ(measure("void f() {}", "f"), (Quad{0, 1, 0, 0}));
}

TEST(SyntaxMetrics, IfElseIfElseChain) {
  // Each `if` of the chain is a statement and +1 cyclomatic; cognitive is
  // +1 per if, else if and else, with no nesting penalty along the chain.
  EXPECT_EQ(measure(R"(
    int f(int x) {
      if (x < 0)
        return -1;
      else if (x == 0)
        return 0;
      else if (x < 10) {
        x = 10;
      } else
        x = 11;
      return x;
    })",
                    "f"),
            (Quad{8, 4, 4, 0}));
}

TEST(SyntaxMetrics, BranchesNest) {
  // if +1, nested if +2; else +1 and nests too: its if +2.
  EXPECT_EQ(measure(R"(
    void f(int a, int b) {
      if (a) {
        if (b) {}
      } else {
        if (b) {}
      }
    })",
                    "f"),
            (Quad{3, 4, 6, 0}));
  // else if nests its branch like if: 1 + 1 + 2.
  EXPECT_EQ(measure(R"(
    void f(int a, int b, int c) {
      if (a) {
      } else if (b) {
        if (c) {}
      }
    })",
                    "f"),
            (Quad{3, 4, 4, 0}));
}

TEST(SyntaxMetrics, MatmulInC) {
  EXPECT_EQ(measure(R"(
    void matmul(const float *A, const float *B, float *C, int n) {
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
          float s = 0;
          for (int k = 0; k < n; ++k)
            s += A[i * n + k] * B[k * n + j];
          C[i * n + j] = s;
        }
    })",
                    "matmul", {C11}),
            (Quad{6, 4, 1 + 2 + 3, 3}));
}

TEST(SyntaxMetrics, WhileDoAndDepth) {
  // A loop's condition is at the loop's own level; only the body nests.
  EXPECT_EQ(measure(R"(
    int f(int n) {
      int s = 0;
      while (n--) {
        do {
          s++;
        } while (s < 3 && n);
      }
      for (;;) {
        break;
      }
      return s;
    })",
                    "f"),
            (Quad{7, 5, 1 + 2 + 1 + 1, 2}));
}

TEST(SyntaxMetrics, LogicalOperatorSequences) {
  // Cyclomatic: each && and ||. Cognitive: each run of like operators in
  // the sequence as written; parentheses do not break a run, `!` and calls
  // do.
  EXPECT_EQ(
      measure("bool f(bool a, bool b, bool c) { return a && b && c; }", "f"),
      (Quad{1, 3, 1, 0}));
  EXPECT_EQ(
      measure("bool f(bool a, bool b, bool c) { return a && b || c; }", "f"),
      (Quad{1, 3, 2, 0}));
  EXPECT_EQ(
      measure("bool f(bool a, bool b, bool c, bool d) { return a || b && c "
              "|| d; }",
              "f"),
      (Quad{1, 4, 3, 0}));
  EXPECT_EQ(
      measure("bool f(bool a, bool b, bool c) { return a && !(b && c); }", "f"),
      (Quad{1, 3, 2, 0}));
  EXPECT_EQ(
      measure("bool f(bool a, bool b, bool c) { return a && (b && c); }", "f"),
      (Quad{1, 3, 1, 0}));
  EXPECT_EQ(measure(R"(
    bool g(bool);
    bool f(bool a, bool b, bool c) { return a && g(b && c); })",
                    "f"),
            (Quad{1, 3, 2, 0}));
  // The specification's example: if +1, then && || && +3.
  EXPECT_EQ(measure(R"(
    int f(int a, int b, int c, int d, int e, int g) {
      if (a && b && c || d || e && g)
        return 1;
      return 0;
    })",
                    "f", {C11}),
            (Quad{3, 7, 4, 0}));
}

TEST(SyntaxMetrics, SwitchGetWords) {
  // The specification's getWords: a switch is +1 however many cases;
  // cyclomatic counts the case labels, not default.
  EXPECT_EQ(measure(R"(
    const char *getWords(int number) {
      switch (number) {
      case 1:
        return "one";
      case 2:
        return "a couple";
      case 3:
        return "a few";
      default:
        return "lots";
      }
    })",
                    "getWords"),
            (Quad{5, 4, 1, 0}));
}

TEST(SyntaxMetrics, SwitchFallthroughNesting) {
  // A label, `case` or `default` is not a statement of its own; the
  // statement it labels is; `[[fallthrough]];` is a null statement. The if
  // inside the switch is at nesting 1.
  EXPECT_EQ(measure(R"(
    int f(int x, int y) {
      int r = 0;
      switch (x) {
      case 0:
      case 1:
        r = 1;
        [[fallthrough]];
      case 2:
        if (y)
          r = 2;
        break;
      default:
        break;
      }
      return r;
    })",
                    "f"),
            (Quad{8, 5, 1 + 2, 0}));
}

TEST(SyntaxMetrics, ConditionalOperator) {
  // The branches of ?: nest: the inner one is +2.
  EXPECT_EQ(measure(R"(
    int f(int a, int b) {
      int m = a > b ? a : b;
      return a ? (b ? 1 : 2) : m;
    })",
                    "f"),
            (Quad{2, 4, 1 + 1 + 2, 0}));
  // GNU a ?: b branches but is left out of cognitive complexity, like the
  // null-coalescing operators in the specification.
  EXPECT_EQ(measure("int f(int a, int b) { return a ?: b; }", "f",
                    {{"-xc", "-std=gnu11"}}),
            (Quad{1, 2, 0, 0}));
}

TEST(SyntaxMetrics, SumOfPrimesWithGoto) {
  // The specification's sumOfPrimes, its `continue OUT` written as a goto:
  // for +1, for +2, if +3, goto +1. The label on a null statement adds no
  // statement.
  EXPECT_EQ(measure(R"(
    int sumOfPrimes(int max) {
      int total = 0;
      for (int i = 1; i <= max; ++i) {
        for (int j = 2; j < i; ++j) {
          if (i % j == 0) {
            goto next;
          }
        }
        total += i;
      next:;
      }
      return total;
    })",
                    "sumOfPrimes", {C11}),
            (Quad{7, 4, 7, 2}));
}

TEST(SyntaxMetrics, TryCatch) {
  // try is free and does not nest; each catch is +1 (+ nesting) and nests.
  EXPECT_EQ(measure(R"(
    int f(int x) {
      try {
        if (x)
          throw x;
      } catch (int e) {
        if (e > 1)
          return e;
      } catch (...) {
        return -1;
      }
      return 0;
    })",
                    "f"),
            (Quad{7, 5, 1 + 1 + 2 + 1, 0}));
}

TEST(SyntaxMetrics, Recursion) {
  // +1 for a function that calls itself, once however many calls.
  EXPECT_EQ(measure("unsigned fact(unsigned n) { return n <= 1 ? 1 : n * "
                    "fact(n - 1); }",
                    "fact"),
            (Quad{1, 2, 2, 0}));
  EXPECT_EQ(measure(R"(
    int fib(int n) {
      if (n < 2)
        return n;
      return fib(n - 1) + fib(n - 2);
    })",
                    "fib", {C11}),
            (Quad{3, 2, 2, 0}));
  // Calling another overload is not recursion.
  EXPECT_EQ(measure(R"(
    int g(double x) { return 0; }
    int g(int x) { return g(1.0 * x); })",
                    "g"),
            (Quad{1, 1, 0, 0}));
}

TEST(SyntaxMetrics, LambdaAndLocalClassExcluded) {
  // The lambda's and the local class's bodies are functions of their own;
  // the init-capture runs in f and counts.
  const char *Code = R"(
    int f(int n) {
      int k = n > 0 ? 1 : 0;
      auto g = [k, m = n && k](int x) {
        if (x)
          return 1;
        for (;;) {
        }
        return x && k ? 2 : 3;
      };
      struct Local {
        int h(int y) { return y ? 1 : 2; }
      };
      return g(n);
    })";
  EXPECT_EQ(measure(Code, "f"), (Quad{4, 3, 2, 0}));
  // The lambda measured on its own.
  EXPECT_EQ(measure(Code, "operator()"), (Quad{4, 5, 4, 1}));
}

TEST(SyntaxMetrics, OpenMPParallelFor) {
  const Options OpenMP = {{"-xc", "-std=c11", "-fopenmp"}};
  const char *Scale = R"(
    void scale(float *x, int n, float a) {
    #pragma omp parallel for
      for (int i = 0; i < n; ++i)
        x[i] *= a;
    })";
  EXPECT_EQ(countOpenMPDirectives(Scale, OpenMP.Args), 1u);
  EXPECT_EQ(measure(Scale, "scale", OpenMP), (Quad{2, 2, 1, 1}));
  // Loops under directives keep their nesting; clauses do not count; a
  // stand-alone directive is a statement.
  EXPECT_EQ(measure(R"(
    void mm(const float *A, const float *B, float *C, int n) {
    #pragma omp parallel for collapse(2) if (n > 64 && n < 100000)
      for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) {
          float s = 0;
    #pragma omp simd reduction(+ : s)
          for (int k = 0; k < n; ++k)
            s += A[i * n + k] * B[k * n + j];
          C[i * n + j] = s;
        }
    #pragma omp barrier
    })",
                    "mm", OpenMP),
            (Quad{7, 4, 6, 3}));
  // A parallel region around a work-sharing loop, in C++.
  EXPECT_EQ(measure(R"(
    void relu(float *x, int n) {
    #pragma omp parallel
      {
    #pragma omp for
        for (int i = 0; i < n; ++i)
          if (x[i] < 0)
            x[i] = 0;
      }
    })",
                    "relu", {{"-std=c++17", "-fopenmp"}}),
            (Quad{3, 3, 3, 1}));
}

TEST(SyntaxMetrics, TemplateInstantiation) {
  const char *Code = R"(
    template <typename T, int N> T sum(const T (&a)[N]) {
      T s = 0;
      for (const T &x : a)
        if (x > 0)
          s += x;
      return s;
    }
    int use() {
      int a[3] = {1, 2, 3};
      return sum(a);
    })";
  EXPECT_EQ(measure(Code, "sum", {Cxx17, Pick::Instantiation}),
            (Quad{5, 3, 3, 1}));
  EXPECT_EQ(measure(Code, "sum", {Cxx17, Pick::Pattern}), (Quad{5, 3, 3, 1}));
}

TEST(SyntaxMetrics, IfConstexprInstantiation) {
  // The instantiation has the discarded branch emptied; the pattern has
  // both. The else stays, as an empty block.
  const char *Code = R"(
    template <bool B> int pick(int x) {
      if constexpr (B) {
        return x > 0 ? x : -x;
      } else {
        return 0;
      }
    }
    int use() { return pick<true>(3); })";
  EXPECT_EQ(measure(Code, "pick", {Cxx17, Pick::Instantiation}),
            (Quad{2, 3, 1 + 2 + 1, 0}));
  EXPECT_EQ(measure(Code, "pick", {Cxx17, Pick::Pattern}),
            (Quad{3, 3, 1 + 2 + 1, 0}));
}

TEST(SyntaxMetrics, DependentPattern) {
  EXPECT_EQ(measure(R"(
    template <typename C> int count(const C &c) {
      int n = 0;
      for (auto &x : c)
        if (x.ok() && x.size() > 2)
          ++n;
      return n;
    })",
                    "count", {Cxx17, Pick::Pattern}),
            (Quad{5, 4, 1 + 2 + 1, 1}));
}

TEST(SyntaxMetrics, ConstructorInitializersAndFunctionTryBlock) {
  // The written member initializers run in the constructor; a
  // function-try-block is not a statement.
  EXPECT_EQ(measure(R"(
    struct S {
      int a;
      S(int x, int y) try : a(x > y ? x : y) {
        if (x)
          a = 1;
      } catch (...) {
      }
    };)",
                    "S"),
            (Quad{2, 4, 3, 0}));
}

TEST(SyntaxMetrics, SystemMacrosDoNotCount) {
  // What a system header's macro expands to is the library's (glibc's
  // assert is a ?:, or in GNU C an if in a statement expression); the
  // expression passed to it is the user's, counted once even where the
  // macro expands it twice, and so is the statement given to a looping
  // macro.
  Options Sys = {{"-xc", "-std=gnu11", "-isystem", "/frugal-syntax-test/sys"}};
  Sys.Files = {{"/frugal-syntax-test/sys/sysassert.h", R"(
    void sys_fail(const char *);
    #define sys_assert(e) ((e) ? (void)0 : sys_fail(#e))
    #define sys_assert_gnu(e)                                              \
      ((void)sizeof((e) ? 1 : 0), __extension__({                          \
         if (e)                                                            \
           ;                                                               \
         else                                                              \
           sys_fail(#e);                                                   \
       }))
    #define SYS_MAX(a, b) ((a) > (b) ? (a) : (b))
    #define SYS_FOR(i, n) for (int i = 0; i < (n); ++i)
  )"}};
  EXPECT_EQ(measure(R"(
    #include <sysassert.h>
    int f(int a, int b, int *x) {
      sys_assert(a > 0);
      sys_assert_gnu(a && b);
      sys_assert(a || b);
      SYS_FOR(i, a) x[i] = 0;
      return SYS_MAX(a, b);
    })",
                    "f", Sys),
            (Quad{6, 3, 2, 0}));
}

TEST(SyntaxMetrics, UserMacrosCount) {
  // A user macro counts at each use; an argument it expands twice (the
  // a && b in MAX) counts once.
  EXPECT_EQ(measure(R"(
    #define user_assert(e) ((e) ? (void)0 : user_fail())
    #define MAX(a, b) ((a) > (b) ? (a) : (b))
    #define FOR(i, n) for (int i = 0; i < (n); ++i)
    void user_fail(void);
    int g(int a, int b, int *x) {
      user_assert(a > 0);
      FOR(i, a) FOR(j, b) x[i] += MAX(i, j);
      return MAX(a && b, a);
    })",
                    "g", {C11}),
            (Quad{5, 7, 1 + (1 + 2 + 3) + 2, 2}));
}

TEST(SyntaxMetrics, StatementExpressionNests) {
  // A GNU statement expression nests like a block (as in clang-tidy); its
  // statements are statements.
  EXPECT_EQ(measure(R"(
    int f(int a) {
      int r = ({
        int t = a;
        if (t)
          t = 2;
        t;
      });
      return r;
    })",
                    "f", {{"-xc", "-std=gnu11"}}),
            (Quad{6, 2, 2, 0}));
}

TEST(SyntaxMetrics, BrokenCodeDoesNotCrash) {
  // Recovery leaves holes in the AST; measuring must survive them.
  Quad M = measure(R"(
    int bad(int x) {
      if (x && undeclared)
        return y;
      for (int i = 0; i < x; ++i) {
        switch (x) { case 1: break; }
      }
      return x ? : 1;
    })",
                   "bad", {Cxx17, Pick::Plain, {}, /*AllowErrors=*/true});
  EXPECT_GE(M[1], 3u);
}

} // namespace
