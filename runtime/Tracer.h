//===- Tracer.h - What enter and exit do to a thread's state --------------===//
//
// The hot path of the hooks: no locks, no system calls, no allocation
// except the rare mmap of a tree chunk. The caller holds the thread's
// reentrancy guard (see Api.cpp). The common cases are inline here; the
// rare ones (new context, fold, overflow, longjmp resync) are in Tracer.cpp.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_TRACER_H
#define FRUGAL_RUNTIME_TRACER_H

#include "Compiler.h"
#include "ThreadState.h"
#include "TimingMode.h"
#include "counters/MmapCounter.h"

namespace frugal::rt {

// Sets F.Key and F.Ctx for a call whose context is not the parent's cached
// child: finds or creates it, or folds the call into the parent's node.
void prepareFrameSlow(ThreadState &TS, const Frame &Parent, Frame &F,
                      uintptr_t Key, uint32_t Id);
// A call beyond MaxDepth: counted, not timed.
void pushOverflow(ThreadState &TS, uintptr_t FrameAddr);

enum class PopResult : uint8_t {
  Matched,  // the frame was on top (possibly after dropping dead frames)
  Resynced, // found deeper: live-looking frames above it were dropped
  NotFound, // no frame for Key: nothing popped but dead frames
};
PopResult popSlow(ThreadState &TS, uintptr_t Key, uintptr_t FrameAddr,
                  uint64_t Now);

// Adds a closing frame's corrected time to its node.
FRUGAL_ALWAYS_INLINE void closeFrame(const ThreadState &TS, const Frame &F,
                                     uint64_t Now) {
  uint64_t Elapsed = Now > F.Start ? Now - F.Start : 0;
  uint64_t Descendants = TS.CallsCounter - F.CallsAtEntry;
  uint64_t Cost = hookCostTicks(TS.Cost, Descendants);
  Elapsed = Elapsed > Cost ? Elapsed - Cost : 0;
  bumpRelaxed(F.Ctx->InclusiveTicks, Elapsed);
}

// Appends N to the thread's Touched ring for sampler tick Epoch (rare: at
// most once per node and tick).
void noteTouched(ThreadState &TS, Node *N, uint32_t Epoch);

// Events read with rdpmc: what they counted since the last switch goes to
// the node that was on top.
FRUGAL_ALWAYS_INLINE void chargeRdpmc(ThreadState &TS, Node *WasTop) {
  uint64_t *Slots = WasTop->Metrics;
  for (uint32_t I = 0; I < TS.NumRdpmc; ++I) {
    RdpmcCounter &C = TS.Rdpmc[I];
    uint64_t Now = counters::readMmapCounter(C.Page, counters::HardwarePmc{});
    if (Slots)
      bumpRelaxed(Slots[C.Slot], Now - C.Last);
    storeRelaxed(C.Last, Now);
  }
}

// The top frame is about to change (enter, exit, resync): WasTop's node gets
// the time since the last change, and the sampler learns that it moved. The
// sequence counter is odd from beginSwitch to endSwitch; the caller changes
// Depth in between.
FRUGAL_ALWAYS_INLINE void beginSwitch(ThreadState &TS, Node *WasTop,
                                      uint64_t Now) {
  // Odd, whatever it was: a siglongjmp out of a handler that interrupted
  // a switch may have left it odd, and parity must not stay inverted.
  storeRelaxed(TS.SwitchSeq, TS.SwitchSeq | 1);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  uint64_t Since = TS.LastSwitch;
  bumpRelaxed(WasTop->ExclusiveTicks, Now > Since ? Now - Since : 0);
  storeRelaxed(TS.LastSwitch, Now);
  uint32_t Epoch = loadRelaxed(SamplerEpoch);
  if (FRUGAL_UNLIKELY(WasTop->Epoch != Epoch))
    noteTouched(TS, WasTop, Epoch);
  if (TS.NumRdpmc)
    chargeRdpmc(TS, WasTop);
}
FRUGAL_ALWAYS_INLINE void endSwitch(ThreadState &TS) {
  storeRelease(TS.SwitchSeq, TS.SwitchSeq + 1);
}

// Before an entry: drops frames a longjmp left behind (the frames at or
// below FrameAddr) and overflowed calls that are dead for the same reason.
// Returns the new depth.
uint32_t resyncBeforeEnter(ThreadState &TS, uintptr_t FrameAddr, uint64_t Now);

// Entry of a function (Key = record address) or region (Key = RegionInfo).
//
// FrameAddr is the call's return-address slot (see abi.h): a live caller's
// is strictly above its callee's, and two calls from the same frame share
// one. So a frame on top whose address is at or below the entering call's
// is dead: a longjmp skipped its exit. frugal_region_begin passes its own
// slot (the depth of a call made where the region opens), while the region's
// frame keeps the address of the call it is opened in, so that it lives as
// long as that call and is not taken for a dead sibling of later calls.
template <class ClockT, bool IsRegion = false>
FRUGAL_ALWAYS_INLINE void pushFrame(ThreadState &TS, uintptr_t Key, uint32_t Id,
                                    uintptr_t FrameAddr) {
  uint32_t D = TS.Depth;
  uint64_t Calls = TS.CallsCounter + 1;
  storeRelaxed(TS.CallsCounter, Calls);
  uintptr_t Above = TS.Frames[D - 1].FrameAddr; // D - 1 <= MaxDepth
  bool Dead = Above <= FrameAddr;
  if (FRUGAL_UNLIKELY(D > TS.MaxDepth || Dead)) {
    D = resyncBeforeEnter(TS, FrameAddr, ClockT::now());
    if (D > TS.MaxDepth) {
      pushOverflow(TS, FrameAddr);
      return;
    }
  }
  const Frame &Parent = TS.Frames[D - 1];
  Frame &F = TS.Frames[D];
  Node *Ctx = Parent.Ctx->LastHit;
  if (FRUGAL_LIKELY(Ctx && Ctx->Ref == Id && !(Parent.Key & FoldedBit))) {
    bumpRelaxed(Ctx->Calls);
    storeRelaxed(F.Key, Key);
    storeRelaxed(F.Ctx, Ctx);
  } else {
    prepareFrameSlow(TS, Parent, F, Key, Id);
  }
  storeRelaxed(F.FrameAddr, IsRegion ? Parent.FrameAddr : FrameAddr);
  if (D > TS.MaxDepthSeen)
    TS.MaxDepthSeen = D;
  if constexpr (clockTimes<ClockT>()) {
    storeRelaxed(F.CallsAtEntry, Calls);
    // Last: everything before this point is outside the callee's interval.
    uint64_t Now = ClockT::now();
    storeRelaxed(F.Start, Now);
    beginSwitch(TS, Parent.Ctx, Now);
    storeRelease(TS.Depth, D + 1);
    endSwitch(TS);
  } else {
    // Sampled timing: the sampler reads Depth, then the frames below it.
    storeRelease(TS.Depth, D + 1);
  }
}

// Exit of the call identified by Key, with the exiting hook's frame address
// and the time read first thing in the hook (Timed = false: sampled timing,
// no time).
template <bool Timed = true>
FRUGAL_ALWAYS_INLINE PopResult popFrame(ThreadState &TS, uintptr_t Key,
                                        uintptr_t FrameAddr, uint64_t Now) {
  uint32_t D = TS.Depth;
  const Frame &Top = TS.Frames[D - 1];
  // A deeper frame of the same function (recursion, then longjmp) has a
  // lower address and must not be taken for this one.
  if (FRUGAL_LIKELY(TS.Overflow == 0 && Top.Key == Key &&
                    Top.FrameAddr >= FrameAddr)) {
    if constexpr (Timed) {
      closeFrame(TS, Top, Now);
      beginSwitch(TS, Top.Ctx, Now);
      storeRelease(TS.Depth, D - 1);
      endSwitch(TS);
    } else {
      storeRelease(TS.Depth, D - 1);
    }
    return PopResult::Matched;
  }
  return popSlow(TS, Key, FrameAddr, Now);
}

// For a forked child: rebuilds From's open calls on the fresh state To (new
// nodes along the same path, one call each, starting at Now) so that the
// child's exits still match and its profile covers the child only.
void replicateOpenCalls(const ThreadState &From, ThreadState &To, uint64_t Now);

// The guard is held by a hook whose frame is not below HookFrame's: it is
// not running beneath us, so a longjmp (siglongjmp out of a signal handler
// that interrupted it) abandoned it. True (and counted) when this hook may
// take the guard over; false when we run nested after all (a handler on a
// sigaltstack placed above the thread's stack).
bool guardAbandoned(ThreadState &TS);

// Reentrancy guard: a hook that runs while this thread is inside a hook (a
// signal handler's instrumented code, on the stack below it) is ignored, its
// exit too, because the guard is still held when that exit runs. HookFrame
// is the calling hook's frame address.
FRUGAL_ALWAYS_INLINE bool acquireGuard(ThreadState &TS, uintptr_t HookFrame) {
  uintptr_t Owner = TS.InHook;
  if (FRUGAL_UNLIKELY(Owner != 0) && (Owner > HookFrame || !guardAbandoned(TS)))
    return false;
  TS.InHook = HookFrame;
  signalFence();
  return true;
}
FRUGAL_ALWAYS_INLINE void releaseGuard(ThreadState &TS) {
  signalFence();
  TS.InHook = 0;
}

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_TRACER_H
