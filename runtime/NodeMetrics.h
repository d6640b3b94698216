//===- NodeMetrics.h - Per-node counters and allocation statistics --------===//
//
// With FRUGAL_EVENTS or FRUGAL_TRACK_ALLOC, every calling-context node gets a
// block of 64-bit slots beside it (ContextTree allocates it with the node):
// first one exclusive count per opened hardware/software event, then the
// allocation statistics. The layout is fixed at initialisation, before any
// thread state exists, and never changes.
//
// Writers: a counter slot has one writer (the owner thread's hooks for
// rdpmc events, the sampler thread for sampled ones); the allocation slots
// are written by the owner thread, except FreedBytes/Frees, which the thread
// that frees a block adds to atomically (it may be another thread).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_NODEMETRICS_H
#define FRUGAL_RUNTIME_NODEMETRICS_H

#include "ContextTree.h"

#include <stdint.h>

namespace frugal::rt {

// The most events FRUGAL_EVENTS may open (more are reported unavailable).
inline constexpr unsigned MaxEvents = 8;

enum AllocSlot : unsigned {
  AllocBytes,      // bytes allocated while the node was on top
  AllocCount,      // allocations (malloc, calloc, new, ...; realloc counts)
  AllocFrees,      // frees of blocks allocated here (by any thread)
  AllocFreedBytes, // their bytes
  AllocPeakLive,   // highest Bytes - FreedBytes seen after an allocation
  NumAllocSlots
};

struct MetricLayout {
  uint32_t NumEvents = 0; // counter slots [0, NumEvents)
  bool Alloc = false;     // allocation slots at AllocBase
  uint32_t AllocBase = 0;
  uint32_t Slots = 0; // per node; 0: nodes get no block
};

// Fixed by initialisation (setMetricLayout) before the first thread state.
extern MetricLayout NodeMetricLayout;
void setMetricLayout(uint32_t NumEvents, bool Alloc);

// The slot merged by taking the highest value instead of the sum (the
// allocation peak), UINT32_MAX when there is none.
inline uint32_t maxMetricSlot() {
  const MetricLayout &L = NodeMetricLayout;
  return L.Alloc ? L.AllocBase + AllocPeakLive : UINT32_MAX;
}

// The node's slots, or nullptr when metrics are off (or the block could not
// be mapped).
inline uint64_t *metricsOf(const Node *N) { return N->Metrics; }

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_NODEMETRICS_H
