//===- Tracer.cpp - Rare paths of enter and exit --------------------------===//
#include "Tracer.h"

#include "Log.h"

#include <signal.h>

namespace frugal::rt {

namespace {

constinit OnceFlag TailCallNote;

// A frame popped without its own exit: a longjmp or foreign unwind skipped
// it. It is closed at Now so its time stays inside its caller's.
void dropFrame(ThreadState &TS, const Frame &F, uint64_t Now) {
  if (!(F.Key & FoldedBit) && !SampledTiming)
    closeFrame(TS, F, Now);
  bumpRelaxed(TS.Resyncs);
}

void fold(const Frame &Parent, Frame &F, uintptr_t Key) {
  bumpRelaxed(Parent.Ctx->FoldedCalls);
  storeRelaxed(F.Key, Key | FoldedBit);
  storeRelaxed(F.Ctx, Parent.Ctx);
}

} // namespace

static uint32_t resyncFrames(ThreadState &TS, uintptr_t FrameAddr,
                             uint64_t Now);
static PopResult popFrames(ThreadState &TS, uintptr_t Key, uintptr_t FrameAddr,
                           uint64_t Now);

void prepareFrameSlow(ThreadState &TS, const Frame &Parent, Frame &F,
                      uintptr_t Key, uint32_t Id) {
  // Below a folded call everything folds: looking its callees up under the
  // ancestor's node would invent paths that never happened.
  if (Parent.Key & FoldedBit)
    return fold(Parent, F, Key);
  Node *Ctx = TS.Tree.findOrCreateChild(Parent.Ctx, Id);
  if (!Ctx)
    return fold(Parent, F, Key);
  bumpRelaxed(Ctx->Calls);
  storeRelaxed(F.Key, Key);
  storeRelaxed(F.Ctx, Ctx);
}

bool guardAbandoned(ThreadState &TS) {
  stack_t Alt;
  if (sigaltstack(nullptr, &Alt) == 0 && (Alt.ss_flags & SS_ONSTACK))
    return false;
  bumpRelaxed(TS.GuardTakeovers);
  return true;
}

void noteTouched(ThreadState &TS, Node *N, uint32_t Epoch) {
  storeRelaxed(N->Epoch, Epoch);
  uint64_t W = TS.TouchedWrite;
  TouchedEntry &E = TS.Touched[W % ThreadState::TouchedCapacity];
  storeRelaxed(E.N, N);
  storeRelaxed(E.Epoch, Epoch);
  storeRelease(TS.TouchedWrite, W + 1);
}

uint32_t resyncBeforeEnter(ThreadState &TS, uintptr_t FrameAddr, uint64_t Now) {
  // Whatever ran since the last change is charged to the frame on top now,
  // before dead frames go (their exits never ran). Sampled timing has no
  // switches to mark.
  if (SampledTiming)
    return resyncFrames(TS, FrameAddr, Now);
  beginSwitch(TS, TS.Frames[TS.Depth - 1].Ctx, Now);
  uint32_t D = resyncFrames(TS, FrameAddr, Now);
  endSwitch(TS);
  return D;
}

static uint32_t resyncFrames(ThreadState &TS, uintptr_t FrameAddr,
                             uint64_t Now) {
  if (TS.Overflow) {
    // Still below the first overflowed call: this one overflows too.
    if (FrameAddr < TS.OverflowBaseAddr)
      return TS.Depth;
    bumpRelaxed(TS.Resyncs, TS.Overflow);
    TS.Overflow = 0;
  }
  uint32_t D = TS.Depth;
  // The root frame's address is the maximum: it always stops the loop.
  for (;;) {
    uintptr_t Addr = TS.Frames[D - 1].FrameAddr;
    if (Addr > FrameAddr)
      break;
    dropFrame(TS, TS.Frames[D - 1], Now);
    --D;
  }
  storeRelease(TS.Depth, D);
  return D;
}

void pushOverflow(ThreadState &TS, uintptr_t FrameAddr) {
  if (TS.Overflow == 0)
    TS.OverflowBaseAddr = FrameAddr;
  ++TS.Overflow;
  bumpRelaxed(TS.OverflowFrames);
  bumpRelaxed(TS.Frames[TS.Depth - 1].Ctx->FoldedCalls);
  uint64_t Depth = uint64_t(TS.MaxDepth) + TS.Overflow;
  if (Depth > TS.MaxDepthSeen)
    TS.MaxDepthSeen = Depth > UINT32_MAX ? UINT32_MAX : uint32_t(Depth);
}

PopResult popSlow(ThreadState &TS, uintptr_t Key, uintptr_t FrameAddr,
                  uint64_t Now) {
  if (SampledTiming)
    return popFrames(TS, Key, FrameAddr, Now);
  beginSwitch(TS, TS.Frames[TS.Depth - 1].Ctx, Now);
  PopResult Result = popFrames(TS, Key, FrameAddr, Now);
  endSwitch(TS);
  return Result;
}

static PopResult popFrames(ThreadState &TS, uintptr_t Key, uintptr_t FrameAddr,
                           uint64_t Now) {
  if (TS.Overflow) {
    // Calls beyond the stack are only counted; their exits are matched by
    // count. An exit from above the first of them means they were all
    // skipped by a longjmp.
    if (FrameAddr <= TS.OverflowBaseAddr) {
      --TS.Overflow;
      return PopResult::Matched;
    }
    bumpRelaxed(TS.Resyncs, TS.Overflow);
    TS.Overflow = 0;
  }

  uint32_t D = TS.Depth;
  // Frames deeper in the machine stack than the exiting call (lower frame
  // address) are dead: a longjmp or foreign unwind skipped their exits. The
  // root frame's address is the maximum, so it always bounds the scan.
  uint32_t Cut = D; // frames [Cut, D) are below FrameAddr
  uint32_t SameKeyBelow = 0;
  while (TS.Frames[Cut - 1].FrameAddr < FrameAddr) {
    --Cut;
    if ((TS.Frames[Cut].Key & ~FoldedBit) == Key)
      SameKeyBelow = Cut;
  }
  // Then the exiting call's own frame, searched down from the top.
  uint32_t Match = 0;
  for (uint32_t I = Cut - 1; I >= 1; --I)
    if ((TS.Frames[I].Key & ~FoldedBit) == Key) {
      Match = I;
      break;
    }
  PopResult Result =
      Match == Cut - 1 ? PopResult::Matched : PopResult::Resynced;
  if (!Match && SameKeyBelow) {
    // The only frame of this call looked dead: the exit hook ran in a
    // shallower frame than the enter hook, which is what a tail-called exit
    // hook does. Take it as this call's exit rather than count a resync.
    Match = SameKeyBelow;
    Result = PopResult::Matched;
    if (TailCallNote.first())
      verbose("an exit hook ran above its call's frame (tail-called exit "
              "hook?); recursion may be mismatched");
  }
  if (!Match) {
    // Unknown call: drop only the dead frames.
    for (; D > Cut; --D)
      dropFrame(TS, TS.Frames[D - 1], Now);
    storeRelease(TS.Depth, D);
    return PopResult::NotFound;
  }
  for (; D > Match + 1; --D)
    dropFrame(TS, TS.Frames[D - 1], Now);
  const Frame &F = TS.Frames[Match];
  if (!(F.Key & FoldedBit) && !SampledTiming)
    closeFrame(TS, F, Now);
  storeRelease(TS.Depth, Match);
  return Result;
}

void replicateOpenCalls(const ThreadState &From, ThreadState &To,
                        uint64_t Now) {
  uint32_t Depth = From.Depth;
  for (uint32_t I = 1; I < Depth && To.Depth <= To.MaxDepth; ++I) {
    const Frame &Old = From.Frames[I];
    const Frame &Parent = To.Frames[To.Depth - 1];
    Frame &F = To.Frames[To.Depth];
    uintptr_t Key = Old.Key & ~FoldedBit;
    if (Old.Key & FoldedBit)
      fold(Parent, F, Key);
    else
      prepareFrameSlow(To, Parent, F, Key, Old.Ctx->Ref);
    F.FrameAddr = Old.FrameAddr;
    F.CallsAtEntry = To.CallsCounter;
    F.Start = Now;
    if (To.Depth > To.MaxDepthSeen)
      To.MaxDepthSeen = To.Depth;
    storeRelease(To.Depth, To.Depth + 1);
  }
  To.Overflow = From.Overflow;
  To.OverflowBaseAddr = From.OverflowBaseAddr;
  To.LastSwitch = Now;
}

} // namespace frugal::rt
