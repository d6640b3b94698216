//===- AllocReport.h - What the profile says about allocation tracking ----===//
#ifndef FRUGAL_RUNTIME_ALLOC_ALLOCREPORT_H
#define FRUGAL_RUNTIME_ALLOC_ALLOCREPORT_H

#include <stdint.h>

namespace frugal::rt::alloc {

struct AllocReport {
  const char *Status = "off"; // "on", "off" or "unavailable"
  const char *Reason = "";    // why not "on" (or a limit that was hit)
  // The whole process, tracked allocations only.
  uint64_t Bytes = 0;
  uint64_t Count = 0;
  uint64_t Frees = 0;
  uint64_t FreedBytes = 0;
  uint64_t PeakLiveBytes = 0;
  // Allocations made where no node is known (a thread before its first
  // hook, the runtime's own start-up): counted here, in no function.
  uint64_t UnattributedBytes = 0;
  uint64_t UnattributedCount = 0;
  // Blocks whose size could not be remembered (the table of live blocks
  // was full): their frees do not lower any live count.
  uint64_t UntrackedBlocks = 0;
};

// The report for a profile being written; Status "off" when
// FRUGAL_TRACK_ALLOC is not set. NodeSums: the allocation slots
// (NodeMetrics.h) summed over every node, from the profile's snapshot.
const AllocReport &reportAlloc(const uint64_t *NodeSums);

// The highest live bytes of the blocks a function allocated (all threads,
// all its contexts together); false when not tracked.
bool functionPeakLiveBytes(uint32_t Id, uint64_t &Out);

} // namespace frugal::rt::alloc

#endif // FRUGAL_RUNTIME_ALLOC_ALLOCREPORT_H
