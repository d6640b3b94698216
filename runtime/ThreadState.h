//===- ThreadState.h - Everything a thread's hooks touch ------------------===//
//
// Reached through the runtime's only TLS variable, CurrentThread, which uses
// the initial-exec model (one load, no __tls_get_addr) and is a single
// pointer so that a dlopen'ed copy of the runtime fits in the static TLS
// surplus. The state itself lives in mmap'ed memory allocated at the
// thread's first hook and is never freed (the profile needs it after the
// thread ends).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_THREADSTATE_H
#define FRUGAL_RUNTIME_THREADSTATE_H

#include "ContextTree.h"
#include "ShadowStack.h"

#include <linux/perf_event.h>
#include <stddef.h>
#include <stdint.h>

namespace frugal::rt::counters {
struct ThreadCounters;
} // namespace frugal::rt::counters

namespace frugal::rt {

struct RegionInfo;

// Hook cost subtracted from measured intervals, in ticks << FixedShift so
// that sub-tick costs accumulate correctly over many descendants.
struct HookCost {
  static constexpr unsigned FixedShift = 8;
  uint64_t PairFixed = 0;  // one enter+exit pair
  uint64_t InnerFixed = 0; // part of a pair inside the callee's interval
};

// Ticks to subtract from a call's measured time: its own share of a hook
// pair plus a whole pair per instrumented call made below it. Saturating:
// a frame open for months of calls must not wrap around to a small cost.
inline uint64_t hookCostTicks(const HookCost &Cost, uint64_t Descendants) {
  uint64_t Fixed;
  if (__builtin_mul_overflow(Cost.PairFixed, Descendants, &Fixed) ||
      __builtin_add_overflow(Fixed, Cost.InnerFixed, &Fixed))
    return UINT64_MAX >> HookCost::FixedShift;
  return Fixed >> HookCost::FixedShift;
}

struct ThreadLimits {
  uint32_t MaxDepth = DefaultMaxDepth;   // frames beyond the root
  uint64_t MaxNodes = uint64_t(1) << 20; // context nodes, root included
};

struct RegionCacheEntry {
  const char *Name; // the caller's pointer, rechecked with strcmp
  RegionInfo *Info;
};

// A node noted in a thread's Touched ring, with the sampler tick it was
// noted in (the sampler drains a tick's entries only).
struct TouchedEntry {
  Node *N;
  uint32_t Epoch;
};

// An event this thread reads with rdpmc at every switch of its top frame
// (counters/Counters.h): its mmap page, the count at the last switch and
// the node metric slot the difference goes to.
struct RdpmcCounter {
  const perf_event_mmap_page *Page;
  uint64_t Last;
  uint32_t Slot;
};

// A guard value above every frame address: every hook is "nested" in it.
inline constexpr uintptr_t GuardHeldForever = UINTPTR_MAX;

struct ThreadState {
  static constexpr unsigned RegionCacheSize = 8;

  // --- Hot: touched by every hook -------------------------------------
  // Reentrancy guard: 0 when free, else the frame address of the hook that
  // holds it (GuardHeldForever for the inert state and a profile writer).
  uintptr_t InHook = 0;
  uint32_t Depth = 1; // frames in use, root included (release for writer)
  uint32_t MaxDepth = 0;
  uint32_t MaxDepthSeen = 0;
  uint32_t NumRdpmc = 0;          // events the hooks read (counters/), 0: none
  uint64_t CallsCounter = 0;      // enters counted on this thread
  uint64_t Overflow = 0;          // calls currently beyond MaxDepth
  uintptr_t OverflowBaseAddr = 0; // frame address of the first of them
  HookCost Cost;
  Frame *Frames = nullptr;       // MaxDepth + 1 entries
  RdpmcCounter *Rdpmc = nullptr; // NumRdpmc entries
  ContextTree Tree;

  // --- Energy ticks (see Tracer.h, switchTop) ------------------------------
  // When the top frame last changed, and a sequence counter that is odd
  // while it changes, so that the sampler reads the top node, its time and
  // LastSwitch consistently without a lock.
  uint64_t LastSwitch = 0;
  uint32_t SwitchSeq = 0;
  // Nodes whose ExclusiveTicks grew in the current sampler tick: a ring the
  // owner appends to (TouchedWrite, release) and the sampler drains
  // (TouchedRead). When the owner laps the sampler, the sampler walks the
  // whole tree instead.
  static constexpr uint32_t TouchedCapacity = 512;
  TouchedEntry *Touched = nullptr;
  uint64_t TouchedWrite = 0;
  uint64_t TouchedRead = 0; // sampler-owned
  // Sampler-owned: the thread ended before a tick boundary and everything
  // it ran has been put into ticks; it is not visited again.
  bool SamplerDrained = false;
  // Sampled timing (TimingMode.h), sampler-owned after creation: the time
  // up to which the thread's stacks have been charged (its start, at
  // first), and how many stacks were sampled.
  uint64_t SampledUpTo = 0;
  uint64_t StackSamples = 0;

  // The thread's perf_event group (counters/Counters.h), or nullptr.
  counters::ThreadCounters *Counters = nullptr;
  // NumRdpmc while a fork is in progress: a forked child has no perf
  // pages (the kernel does not copy them), so the forking thread's hooks
  // must not read them until its child has its own state.
  uint32_t NumRdpmcBeforeFork = 0;

  // --- Statistics -------------------------------------------------------
  uint64_t Resyncs = 0;        // frames dropped without their own exit
  uint64_t OverflowFrames = 0; // calls that did not fit the shadow stack
  uint64_t GuardTakeovers = 0; // guards of hooks abandoned by a longjmp

  // --- Identity and lifetime ---------------------------------------------
  ThreadState *Next = nullptr; // global list, append-only
  uint32_t Index = 0;          // order of registration
  int32_t Tid = 0;
  uint32_t Ended = 0;     // set by the thread-exit destructor
  uint64_t EndTicks = 0;  // when it ended: closes its open frames
  char Name[16] = {};     // at creation (written before publication)
  char ExitName[16] = {}; // at exit (written before Ended)

  RegionCacheEntry RegionCache[RegionCacheSize] = {};

  // Maps the state, its frames and the first tree chunk; nullptr on failure.
  static ThreadState *create(const ThreadLimits &Limits, const HookCost &Cost);
  // Unmaps a state that was never published (calibration, tests).
  static void destroy(ThreadState *TS);

  size_t MappingBytes = 0; // of the state and its frames, for destroy()
};

// The energy sampler's tick number, read (relaxed) by every hook: a node
// whose Epoch differs goes into its thread's Touched ring. 0 while no
// sampler runs, which nodes start with, so that without energy sampling
// nothing is ever appended.
extern uint32_t SamplerEpoch;

// The current thread's state: nullptr until its first hook, then either a
// real state or the inert one (runtime disabled, or being initialised).
extern __thread ThreadState *CurrentThread
    __attribute__((tls_model("initial-exec")));

// A state whose InHook is permanently set: hooks seeing it return at once.
ThreadState *inertThreadState();

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_THREADSTATE_H
