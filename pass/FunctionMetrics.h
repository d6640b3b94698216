//===- FunctionMetrics.h - Static IR size of a function ---------*- C++ -*-===//
//
// The IR metrics stored in each record. They are measured before the pass
// adds anything, so they describe the program, not the instrumentation.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_FUNCTIONMETRICS_H
#define FRUGAL_PASS_FUNCTIONMETRICS_H

#include <cstdint>

namespace llvm {
class DataLayout;
class Function;
class LoopInfo;
} // namespace llvm

namespace frugal {

struct FunctionMetrics {
  uint32_t Instructions = 0; ///< debug intrinsics excluded
  uint32_t BasicBlocks = 0;
  uint32_t Loops = 0; ///< all loops, nested ones included
  uint32_t MaxLoopDepth = 0;
  uint32_t CallSites = 0;   ///< calls and invokes, intrinsics excluded
  uint64_t AllocaBytes = 0; ///< static allocas only
};

FunctionMetrics measureFunction(const llvm::Function &F,
                                const llvm::LoopInfo &LI,
                                const llvm::DataLayout &DL);

} // namespace frugal

#endif // FRUGAL_PASS_FUNCTIONMETRICS_H
