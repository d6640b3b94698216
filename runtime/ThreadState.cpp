//===- ThreadState.cpp - Per-thread state allocation ----------------------===//
#include "ThreadState.h"
#include "TimingMode.h"

#include "Memory.h"

#include <new>

namespace frugal::rt {

// A cache line of its own: every hook reads it, and it must not share a
// line with data written when threads start (the thread list).
alignas(64) constinit uint32_t SamplerEpoch = 0;
constinit bool SampledTiming = false;

__thread ThreadState *CurrentThread __attribute__((tls_model("initial-exec"))) =
    nullptr;

namespace {
// Constant-initialised: usable by hooks that run before any constructor.
constinit ThreadState Inert = [] {
  ThreadState S;
  S.InHook = GuardHeldForever;
  return S;
}();
} // namespace

ThreadState *inertThreadState() { return &Inert; }

ThreadState *ThreadState::create(const ThreadLimits &Limits,
                                 const HookCost &Cost) {
  uint32_t MaxDepth = Limits.MaxDepth ? Limits.MaxDepth : 1;
  size_t FramesOffset = (sizeof(ThreadState) + 63) & ~size_t(63);
  size_t TouchedOffset = FramesOffset + (size_t(MaxDepth) + 1) * sizeof(Frame);
  size_t Bytes = TouchedOffset + TouchedCapacity * sizeof(TouchedEntry);
  void *Mem = mapPages(Bytes);
  if (!Mem)
    return nullptr;
  auto *TS = new (Mem) ThreadState();
  TS->MappingBytes = Bytes;
  TS->MaxDepth = MaxDepth;
  TS->Cost = Cost;
  TS->Frames =
      reinterpret_cast<Frame *>(static_cast<char *>(Mem) + FramesOffset);
  TS->Touched = reinterpret_cast<TouchedEntry *>(static_cast<char *>(Mem) +
                                                 TouchedOffset);
  if (!TS->Tree.init(Limits.MaxNodes)) {
    unmapPages(Mem, Bytes);
    return nullptr;
  }
  // The root frame: never matched (Key 0), never popped by address (max).
  Frame &Root = TS->Frames[0];
  Root.Key = 0;
  Root.Ctx = TS->Tree.root();
  Root.FrameAddr = ~uintptr_t(0);
  TS->Depth = 1;
  return TS;
}

void ThreadState::destroy(ThreadState *TS) {
  // Tree chunks are left mapped: only calibration and tests destroy states,
  // and neither creates more than a chunk's worth of them.
  if (TS)
    unmapPages(TS, TS->MappingBytes);
}

} // namespace frugal::rt
