//===- Overhead.cpp - Measuring what the hooks themselves cost ------------===//
#include "Overhead.h"

#include "Clock.h"

namespace frugal::rt {

HookCost measureHookCost(HookFn Enter, HookFn Exit, unsigned Batches,
                         unsigned PairsPerBatch) {
  HookCost Best;
  ThreadLimits Limits;
  Limits.MaxDepth = 8;
  Limits.MaxNodes = 4;
  ThreadState *Scratch = ThreadState::create(Limits, HookCost());
  if (!Scratch || PairsPerBatch == 0)
    return Best;
  // Never registered, so never in a profile; its id is one no module gets.
  frugal_func_record Dummy = {};
  Dummy.abi_version = FRUGAL_ABI_VERSION;
  Dummy.id = UINT32_MAX;
  // Through volatile pointers, so the calls stay real calls.
  HookFn volatile EnterFn = Enter;
  HookFn volatile ExitFn = Exit;

  ThreadState *Saved = CurrentThread;
  CurrentThread = Scratch;
  uint64_t BestPair = ~uint64_t(0), BestInner = ~uint64_t(0);
  // Batch 0 warms caches and faults the pages in; it is not counted.
  for (unsigned B = 0; B <= Batches; ++B) {
    Node *N = Scratch->Tree.root()->FirstChild;
    uint64_t InnerBefore = N ? N->InclusiveTicks : 0;
    uint64_t T0 = readTicks();
    // One frame address for all pairs: they are siblings, as consecutive
    // calls from one function are.
    void *Frame = __builtin_frame_address(0);
    for (unsigned I = 0; I < PairsPerBatch; ++I) {
      EnterFn(&Dummy, Frame);
      ExitFn(&Dummy, Frame);
    }
    uint64_t T1 = readTicks();
    N = Scratch->Tree.root()->FirstChild;
    if (B == 0 || !N)
      continue;
    uint64_t Pair = ((T1 - T0) << HookCost::FixedShift) / PairsPerBatch;
    uint64_t Inner = ((N->InclusiveTicks - InnerBefore)
                      << HookCost::FixedShift) / PairsPerBatch;
    if (Pair < BestPair)
      BestPair = Pair;
    if (Inner < BestInner)
      BestInner = Inner;
  }
  CurrentThread = Saved;
  ThreadState::destroy(Scratch);
  if (BestPair != ~uint64_t(0)) {
    Best.PairFixed = BestPair;
    Best.InnerFixed = BestInner < BestPair ? BestInner : BestPair;
  }
  return Best;
}

} // namespace frugal::rt
