//===- ProfileMerge.h - Snapshot of all threads' data for one profile -----===//
//
// Walks every thread's context tree (while the threads may keep running: the
// trees are only ever extended, and counters are read atomically), merges
// the trees by path, and computes per-function and per-thread statistics.
// Calls still open are included up to "now" (or the thread's end). All
// memory comes from the caller's arena; times stay in ticks.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_PROFILEMERGE_H
#define FRUGAL_RUNTIME_PROFILEMERGE_H

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

class Arena;
struct ThreadState;

inline constexpr uint32_t NoParent = UINT32_MAX;

struct MergedNode {
  uint32_t Ref;    // 0 for the root
  uint32_t Parent; // index, NoParent for the root; always below the node's
  uint64_t Calls;
  uint64_t Inclusive;
  uint64_t Exclusive;
  uint64_t FoldedCalls;
};

// Energy of a node or function, per domain (energy::Domain order), when the
// snapshot collects energy: exclusive and inclusive, total and dynamic.
struct EnergyStats {
  static constexpr unsigned Domains = 6; // energy::NumDomains
  double ExclTotal[Domains];
  double ExclDynamic[Domains];
  double InclTotal[Domains];
  double InclDynamic[Domains];
};

// Event counts and allocation statistics (NodeMetrics.h), Slots values
// each: exclusive (the node's own) and inclusive (with its descendants; for
// the AllocPeakLive slot, the highest value instead of a sum).
struct MetricArrays {
  uint32_t Slots = 0;
  uint64_t *Exclusive = nullptr; // [index * Slots + slot]
  uint64_t *Inclusive = nullptr;
  const uint64_t *exclusive(uint32_t I) const {
    return Exclusive ? Exclusive + size_t(I) * Slots : nullptr;
  }
  const uint64_t *inclusive(uint32_t I) const {
    return Inclusive ? Inclusive + size_t(I) * Slots : nullptr;
  }
};

struct CallStats {
  uint64_t Calls;
  uint64_t Inclusive; // outermost activations only: no double counting
  uint64_t Exclusive;
};

struct ThreadFunctionStats {
  uint32_t Id;
  CallStats Stats;
};

struct ThreadSummary {
  uint32_t Index;
  int32_t Tid;
  bool Ended;
  char Name[16];
  uint64_t Calls; // all enters on the thread, folded and overflowed included
  uint64_t MaxDepth;
  uint64_t Resyncs;
  uint64_t GuardTakeovers;
  uint64_t OverflowFrames;
  ThreadFunctionStats *Functions; // sorted by id
  uint32_t NumFunctions;
  const uint64_t *Metrics; // the thread's totals (root inclusive), or null
};

struct ProfileSnapshot {
  MergedNode *Nodes = nullptr; // [0] is the root
  uint32_t NumNodes = 0;
  EnergyStats *NodeEnergy = nullptr;     // parallel to Nodes, when collected
  CallStats *Functions = nullptr;        // by id, [0, MaxId]
  EnergyStats *FunctionEnergy = nullptr; // by id, when collected
  uint32_t MaxId = 0;
  ThreadSummary *Threads = nullptr;
  uint32_t NumThreads = 0;
  uint64_t FoldedCalls = 0;
  // When nodes carry metrics: by merged node and by function id.
  MetricArrays NodeMetrics;
  MetricArrays FunctionMetrics;
};

struct SnapshotRequest {
  ThreadState *Threads = nullptr; // list head (ThreadState::Next)
  uint64_t Now = 0;               // ticks; closes open calls of live threads
  uint32_t MaxId = 0;             // ids above it get no function statistics
  bool RefreshNames = false;      // re-read running threads' names
  bool Energy = false;            // collect the nodes' attributed energy
  uint32_t MetricSlots = 0;       // NodeMetricLayout.Slots, 0: none
  uint32_t MaxSlot = UINT32_MAX;  // the slot combined by max (peak), if any
};

// False when memory ran out (Out is then unusable).
bool buildSnapshot(Arena &A, const SnapshotRequest &Request,
                   ProfileSnapshot &Out);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_PROFILEMERGE_H
