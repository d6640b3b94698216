//===- Cost.h - What executing a piece of code costs ------------*- C++ -*-===//
//
// The counted quantities of `frugal analyze` (docs/static-format.md), as
// symbolic expressions: operations, bytes moved, heap allocated, bytes
// touched and loop iterations. A Cost scales (a loop body times its trip
// count), adds up (statements, callees) and is substituted (a callee's cost
// over its parameters becomes one over the caller's arguments).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_COST_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_COST_H

#include "SymExpr.h"

#include "llvm/ADT/StringRef.h"

#include <array>

#include <map>
#include <string>
#include <vector>

namespace frugal::analysis {

/// How far a figure can be trusted. Ordered: a combination is as weak as its
/// weakest part (see worse()).
enum class Confidence { Exact, UpperBound, Unknown };

/// "exact", "upper_bound", "unknown": the spelling in the JSON output.
llvm::StringRef confidenceName(Confidence C);
inline Confidence worse(Confidence A, Confidence B) { return A > B ? A : B; }

struct Cost {
  // Floating-point operations written in the source. `a += b * c` is one
  // add and one multiply; only explicit fma()/fmaf() calls are FMAs.
  Expr FAdd, FSub, FMul, FDiv, FMA;
  /// Calls of math library functions, by base name ("exp" for exp, expf,
  /// expl and std::exp).
  std::map<std::string, Expr> MathCalls;
  /// Integer arithmetic, bitwise, shift and comparison operations.
  Expr IntOps;
  /// Bytes read and written through memory (arrays, pointers, references,
  /// members, globals); local scalars are taken to live in registers.
  Expr LoadBytes, StoreBytes;
  /// Calls made, library and user functions alike.
  Expr Calls;
  /// Heap bytes allocated (malloc, calloc, realloc, new, new[], std::vector
  /// sizes).
  Expr HeapBytes;
  /// Distinct bytes the accesses in loops touch (footprint), summed over
  /// callees: an upper bound across calls.
  Expr BytesTouched;
  /// Loop iterations executed.
  Expr Iterations;
  /// Iterations with every trip count replaced by its leading positive
  /// terms ((h - kh + 1) -> h): what the complexity is computed from, so
  /// that a convolution is O(h*w*kh*kw), not a sum of cross terms. Not
  /// reported.
  Expr Growth;
  /// What could not be counted, one line each ("loop at line 12: unknown
  /// trip count (data-dependent exit); its body's operations",
  /// "call to qsort at line 40: library function without a built-in cost").
  /// Never silently zero: everything not counted is named here.
  std::vector<std::string> Uncounted;

  /// Every quantity but the math calls, in one fixed order: what code
  /// that treats them all alike goes through, so that a new quantity is
  /// added here once.
  std::array<Expr *, 13> scalars();
  std::array<const Expr *, 13> scalars() const;
  /// Calls F on every quantity, the math calls included.
  template <class Fn> void forEachQuantity(Fn F) {
    for (Expr *E : scalars())
      F(*E);
    for (auto &Entry : MathCalls)
      F(Entry.second);
  }
  template <class Fn> void forEachQuantity(Fn F) const {
    for (const Expr *E : scalars())
      F(*E);
    for (const auto &Entry : MathCalls)
      F(Entry.second);
  }

  /// FAdd + FSub + FMul + FDiv + 2 * FMA.
  Expr flops() const;

  /// Adds every quantity of O; appends O's uncounted lines not already here.
  Cost &operator+=(const Cost &O);
  /// Every quantity times Times (uncounted lines unchanged).
  Cost scaled(const Expr &Times) const;
  /// Every quantity with Expr::substitute applied.
  Cost substituted(const llvm::StringMap<Expr> &Values) const;
  /// Whether any quantity mentions Symbol.
  bool mentions(llvm::StringRef Symbol) const;
  /// Whether any quantity overflowed.
  bool overflowed() const;
};

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_COST_H
