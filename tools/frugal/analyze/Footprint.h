//===- Footprint.h - Bytes a function's array accesses touch ----*- C++ -*-===//
//
// The memory footprint of a body: for each array (pointer, container) it
// indexes, the span of elements its accesses reach over the ranges of the
// enclosing loops' counters. Indices affine in the counters give exact spans
// (A[i*n + k] over i < m, k < n: m*n elements); other indices are bounded
// by the number of times the access executes. Different arrays are assumed
// not to overlap.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_FOOTPRINT_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_FOOTPRINT_H

#include "LoopBounds.h"
#include "SymExpr.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace frugal::analysis {

/// A loop around an access: its trip count and counter ranges.
struct LoopFrame {
  std::optional<Expr> Trips;
  std::optional<CounterRange> Range, Span;
};

/// One element access: Base[Index], Index counted in elements.
struct ArrayAccess {
  std::string Base; ///< identifies the array; same string, same array
  uint64_t ElementBytes = 0;
  std::optional<Expr> Index;    ///< over parameters and the loops' counters
  std::vector<LoopFrame> Loops; ///< enclosing loops, outermost first
  unsigned Line = 0;
};

/// The bytes the accesses touch, summed over arrays; accesses it cannot
/// bound (in a loop with an unknown trip count) are named in Uncounted.
Expr footprintBytes(const std::vector<ArrayAccess> &Accesses,
                    std::vector<std::string> &Uncounted);

/// max(A, B) where it can be decided (equal, or a constant difference),
/// else A + B: an upper bound either way.
Expr upperMax(const Expr &A, const Expr &B);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_FOOTPRINT_H
