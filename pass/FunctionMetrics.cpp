//===- FunctionMetrics.cpp - Static IR size of a function -----------------===//

#include "FunctionMetrics.h"

#include "llvm/Analysis/LoopInfo.h"
#include "llvm/IR/DataLayout.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicInst.h"

#include <algorithm>
#include <limits>

using namespace llvm;

namespace frugal {

namespace {
// Record fields are 32-bit; a function that large saturates rather than wraps.
uint32_t clamp32(uint64_t Value) {
  return static_cast<uint32_t>(
      std::min<uint64_t>(Value, std::numeric_limits<uint32_t>::max()));
}
} // namespace

FunctionMetrics measureFunction(const Function &F, const LoopInfo &LI,
                                const DataLayout &DL) {
  FunctionMetrics M;
  uint64_t Instructions = 0, Blocks = 0, CallSites = 0;
  for (const BasicBlock &BB : F) {
    ++Blocks;
    for (const Instruction &I : BB) {
      // Debug intrinsics come and go with -g; the size should not.
      if (isa<DbgInfoIntrinsic>(I))
        continue;
      ++Instructions;
      if (isa<CallInst, InvokeInst>(I) && !isa<IntrinsicInst>(I))
        ++CallSites;
      if (const auto *AI = dyn_cast<AllocaInst>(&I); AI && AI->isStaticAlloca())
        if (std::optional<TypeSize> Size = AI->getAllocationSize(DL);
            Size && !Size->isScalable())
          M.AllocaBytes += Size->getFixedValue();
    }
  }
  M.Instructions = clamp32(Instructions);
  M.BasicBlocks = clamp32(Blocks);
  M.CallSites = clamp32(CallSites);

  uint64_t Loops = 0;
  for (const Loop *L : LI.getLoopsInPreorder()) {
    ++Loops;
    M.MaxLoopDepth = std::max(M.MaxLoopDepth, L->getLoopDepth());
  }
  M.Loops = clamp32(Loops);
  return M;
}

} // namespace frugal
