//===- StackSampling.cpp - Time of sampled timing, from the stacks seen ---===//
#include "StackSampling.h"

#include "Compiler.h"
#include "ThreadState.h"

#include <sched.h>

namespace frugal::rt {

namespace {

constinit uint32_t SamplingBusy = 0;

} // namespace

Node *sampleStack(ThreadState &TS, uint64_t Now) {
  uint64_t End = Now;
  if (loadAcquire(TS.Ended) && TS.EndTicks < End)
    End = TS.EndTicks;
  if (End <= TS.SampledUpTo)
    return nullptr;
  uint64_t Span = End - TS.SampledUpTo;
  TS.SampledUpTo = End;

  uint32_t Depth = loadAcquire(TS.Depth);
  if (Depth == 0 || Depth > TS.MaxDepth + 1)
    Depth = Depth == 0 ? 1 : TS.MaxDepth + 1;
  Node *Top = TS.Tree.root();
  // Each node once: a folded frame shares its caller's node, and the root
  // frame's node is the root.
  for (uint32_t I = 1; I < Depth; ++I) {
    Node *N = loadRelaxed(TS.Frames[I].Ctx);
    if (!N || N == Top)
      continue;
    bumpRelaxed(N->InclusiveTicks, Span);
    Top = N;
  }
  bumpRelaxed(Top->ExclusiveTicks, Span);
  ++TS.StackSamples;
  return Top;
}

bool tryBeginSampling(uint32_t SpinLimit) {
  for (uint32_t I = 0;; ++I) {
    if (!__atomic_exchange_n(&SamplingBusy, 1u, __ATOMIC_ACQUIRE))
      return true;
    if (I >= SpinLimit)
      return false;
    if ((I & 1023) == 1023)
      sched_yield();
  }
}

void endSampling() { __atomic_store_n(&SamplingBusy, 0u, __ATOMIC_RELEASE); }

void resetSamplingAfterFork() { endSampling(); }

bool sampleAllStacks(ThreadState *Threads, uint64_t Now) {
  if (!tryBeginSampling())
    return false;
  for (ThreadState *TS = Threads; TS; TS = loadAcquire(TS->Next))
    sampleStack(*TS, Now);
  endSampling();
  return true;
}

} // namespace frugal::rt
