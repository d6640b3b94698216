//===- LoopBounds.h - Trip counts of loops ----------------------*- C++ -*-===//
//
// Recognises the counted loops of ML code at source level and gives their
// trip counts: `for (i = a; i < b; i += c)` and its <=, >, >=, != and
// decrementing forms; counters that double or halve (log2); while loops
// with a single unconditional counter step; binary-search halving; range
// `for` over arrays and containers. Anything else is unknown with the
// reason, never a guess.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_LOOPBOUNDS_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_LOOPBOUNDS_H

#include "Cost.h"
#include "SymExpr.h"

#include <optional>
#include <string>

namespace clang {
class Stmt;
class VarDecl;
} // namespace clang

namespace frugal::analysis {

class SymbolicValues;

/// The counter of a stride-1 loop takes each value of [Lo, Hi) once.
struct CounterRange {
  std::string Index; ///< the counter's symbol while the body is analysed
  Expr Lo, Hi;
};

struct LoopBound {
  /// Iterations per entry into the loop; none when unknown.
  std::optional<Expr> Trips;
  Confidence Conf = Confidence::Unknown;
  std::string Reason;
  /// The counter and its values, for stride-1 loops: the body's cost may
  /// then depend on the counter and is summed over Range.
  const clang::VarDecl *Counter = nullptr;
  std::optional<CounterRange> Range;
  /// A superset [Lo, Hi) of the counter's values, for any additive step
  /// (strided and min-bounded loops too): what array footprints need. Its
  /// Index is the counter's symbol whenever the loop has one.
  std::optional<CounterRange> Span;
};

/// The bound of a ForStmt, WhileStmt, DoStmt or CXXForRangeStmt, with
/// Values knowing the enclosing loops' counters.
LoopBound boundOf(const clang::Stmt *Loop, const SymbolicValues &Values);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_LOOPBOUNDS_H
