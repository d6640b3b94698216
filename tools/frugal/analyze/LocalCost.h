//===- LocalCost.h - Loops, operations and memory of one body ---*- C++ -*-===//
//
// The intraprocedural half of the cost analysis: trip counts of the loops,
// the operations and bytes the body executes per call, its stack frame and
// its call sites, all as expressions over the function's parameters and the
// members and globals it reads.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_LOCALCOST_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_LOCALCOST_H

#include "FunctionSummary.h"

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace frugal::analysis {

class IdentityBuilder;

/// Fills Loops, Self, SelfConf, SelfReason, Calls and StackBytes of Out
/// from FD's body (FD must have one). Out.Params must already be set.
void analyzeBody(const clang::FunctionDecl &FD, clang::ASTContext &Ctx,
                 IdentityBuilder &Ids, FunctionSummary &Out);

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_LOCALCOST_H
