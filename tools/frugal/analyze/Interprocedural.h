//===- Interprocedural.h - Callee costs into their callers ------*- C++ -*-===//
//
// Bottom-up over the call graph of every analysed function: each call site
// gets its callee's total cost with the callee's parameters replaced by the
// call's arguments; calls of common library functions get built-in costs
// (Builtins.h). Recursion (a cycle in the call graph) makes the totals of
// the functions on the cycle unknown: never guessed.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_INTERPROCEDURAL_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_INTERPROCEDURAL_H

#include "FunctionSummary.h"

#include <vector>

namespace frugal::analysis {

/// Adds built-in library costs to each function's Self, then fills Total,
/// TotalConf, TotalReason, Recursive and BigO of every function.
void computeTotals(std::vector<FunctionSummary> &Functions);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_INTERPROCEDURAL_H
