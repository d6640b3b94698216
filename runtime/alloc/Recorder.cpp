//===- Recorder.cpp - Charging allocations and frees to calling contexts --===//
#include "alloc/Recorder.h"

#include "NodeMetrics.h"
#include "ThreadState.h"
#include "alloc/AllocReport.h"
#include "alloc/FunctionPeaks.h"

namespace frugal::rt::alloc {

constinit uint32_t Gate = GateUnresolved;

namespace {

// Process-wide counters that every thread adds to, kept on a line of their
// own. Only Live is touched by every allocation and free (the process's
// exact peak needs one order of all of them); the process's bytes, count
// and frees are the sums of its nodes' (fillTotals), plus those of the
// unattributed blocks, counted here.
struct alignas(64) Totals {
  uint64_t Live;
  uint64_t PeakLive;
  uint64_t UnattributedBytes;
  uint64_t UnattributedCount;
  uint64_t UnattributedFrees;
  uint64_t UnattributedFreedBytes;
  uint64_t Untracked;
};

constinit Totals Process = {};
constinit LiveBlockTable Table;
constinit FunctionPeaks Peaks;
constinit uint64_t TableSlots = 0;

FRUGAL_ALWAYS_INLINE void add(uint64_t &Counter, uint64_t By) {
  __atomic_fetch_add(&Counter, By, __ATOMIC_RELAXED);
}

void raise(uint64_t &Peak, uint64_t Value) {
  uint64_t Seen = __atomic_load_n(&Peak, __ATOMIC_RELAXED);
  while (Value > Seen &&
         !__atomic_compare_exchange_n(&Peak, &Seen, Value, /*weak=*/true,
                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

FRUGAL_ALWAYS_INLINE uint64_t *allocSlots(const Node *N) {
  uint64_t *M = metricsOf(N);
  return M ? M + NodeMetricLayout.AllocBase : nullptr;
}

// Charges an allocation to the calling thread's top node; nullptr when
// there is none to charge: no state yet (a thread before its first hook,
// a background thread of the runtime), or inside a hook or the runtime
// (InHook set; the inert state's is set for good, and so is a profile
// writer's), or a node without metric slots.
Node *chargeTop(uint64_t Size) {
  ThreadState *TS = CurrentThread;
  if (!TS || TS->InHook != 0)
    return nullptr;
  // Held while the owner-only slots change: an allocating signal handler
  // (or the hooks of its instrumented code) on this thread then sees a busy
  // thread and leaves them alone, instead of losing an update.
  TS->InHook = reinterpret_cast<uintptr_t>(__builtin_frame_address(0));
  signalFence();
  Node *N = TS->Frames[TS->Depth - 1].Ctx;
  uint64_t *A = N ? allocSlots(N) : nullptr;
  if (A) {
    bumpRelaxed(A[AllocBytes], Size);
    bumpRelaxed(A[AllocCount], uint64_t(1));
    // Frees of this node's blocks, by any thread, only ever follow their
    // allocation: Freed <= Bytes.
    uint64_t Live =
        A[AllocBytes] - __atomic_load_n(&A[AllocFreedBytes], __ATOMIC_RELAXED);
    if (Live > A[AllocPeakLive])
      storeRelaxed(A[AllocPeakLive], Live);
    if (N->Ref)
      Peaks.add(N->Ref, Size);
  }
  signalFence();
  TS->InHook = 0;
  return A ? N : nullptr;
}

} // namespace

bool prepareRecorder(uint64_t Slots) {
  if (Table.ready())
    return true;
  if (!Table.init(Slots))
    return false;
  TableSlots = Table.capacity();
  return true;
}

void startRecording() {
  if (Table.ready())
    __atomic_fetch_or(&Gate, uint32_t(GateRecording), __ATOMIC_RELEASE);
}

void recordAlloc(void *P, uint64_t Size) {
  raise(Process.PeakLive,
        __atomic_add_fetch(&Process.Live, Size, __ATOMIC_RELAXED));
  LiveBlock Block;
  Block.Owner = chargeTop(Size);
  Block.Size = Size;
  if (!Block.Owner) {
    add(Process.UnattributedBytes, Size);
    add(Process.UnattributedCount, 1);
  }
  // Unattributed blocks too: their frees lower the process's live bytes.
  if (!Table.insert(reinterpret_cast<uintptr_t>(P), Block))
    add(Process.Untracked, 1);
}

bool takeBlock(void *P, LiveBlock &Out) {
  return Table.remove(reinterpret_cast<uintptr_t>(P), Out);
}

void recordFree(const LiveBlock &Block) {
  __atomic_sub_fetch(&Process.Live, Block.Size, __ATOMIC_RELAXED);
  if (!Block.Owner) {
    add(Process.UnattributedFrees, 1);
    add(Process.UnattributedFreedBytes, Block.Size);
    return;
  }
  // Possibly another thread's node: atomic adds (NodeMetrics.h).
  uint64_t *A = allocSlots(Block.Owner);
  add(A[AllocFrees], 1);
  add(A[AllocFreedBytes], Block.Size);
  if (Block.Owner->Ref)
    Peaks.sub(Block.Owner->Ref, Block.Size);
}

void restoreBlock(void *P, const LiveBlock &Block) {
  if (!Table.insert(reinterpret_cast<uintptr_t>(P), Block))
    add(Process.Untracked, 1);
}

void fillTotals(AllocReport &R, const uint64_t *NodeSums) {
  auto Load = [](const uint64_t &V) {
    return __atomic_load_n(&V, __ATOMIC_RELAXED);
  };
  R.UnattributedBytes = Load(Process.UnattributedBytes);
  R.UnattributedCount = Load(Process.UnattributedCount);
  R.Bytes = R.UnattributedBytes + (NodeSums ? NodeSums[AllocBytes] : 0);
  R.Count = R.UnattributedCount + (NodeSums ? NodeSums[AllocCount] : 0);
  R.Frees =
      Load(Process.UnattributedFrees) + (NodeSums ? NodeSums[AllocFrees] : 0);
  R.FreedBytes = Load(Process.UnattributedFreedBytes) +
                 (NodeSums ? NodeSums[AllocFreedBytes] : 0);
  R.PeakLiveBytes = Load(Process.PeakLive);
  R.UntrackedBlocks = Load(Process.Untracked);
}

bool functionPeak(uint32_t Id, uint64_t &Out) { return Peaks.peak(Id, Out); }

void restartInChild() {
  if (!recording())
    return;
  Table.release();
  Peaks.reset();
  Process = Totals();
  // Fresh pages: the parent's table is dropped, not cleared page by page.
  if (!Table.init(TableSlots))
    __atomic_fetch_and(&Gate, ~uint32_t(GateRecording), __ATOMIC_RELAXED);
}

void resetRecorderForTesting() {
  __atomic_fetch_and(&Gate, ~uint32_t(GateRecording), __ATOMIC_RELAXED);
  if (Table.ready())
    Table.release();
  Peaks.reset();
  Process = Totals();
  TableSlots = 0;
}

} // namespace frugal::rt::alloc
