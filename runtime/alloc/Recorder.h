//===- Recorder.h - Charging allocations and frees to calling contexts ----===//
//
// What the interposed allocator (Interpose.cpp, shared runtime only) calls
// once the real allocator has answered; kept apart from it so that the unit
// tests can drive it with fake blocks.
//
// An allocation is charged to the calling thread's top node (its function,
// region, or the thread's root) and remembered in the table of live blocks;
// a free, on any thread, finds the block there and lowers the live bytes of
// the node, of its function and of the process. No locks: owner-thread node
// slots are relaxed stores, shared counters are atomic adds.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ALLOC_RECORDER_H
#define FRUGAL_RUNTIME_ALLOC_RECORDER_H

#include "Compiler.h"
#include "alloc/LiveBlockTable.h"

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {
struct ThreadState;
} // namespace frugal::rt

namespace frugal::rt::alloc {

struct AllocReport;

// The interposers' one test: while it is 0 they just forward to the next
// allocator. GateUnresolved: Interpose.cpp has not yet looked the next
// allocator's functions up (it clears the bit once it has; nothing else
// does, so in the static runtime it stays set, unread). GateRecording:
// tracking is on.
enum : uint32_t { GateRecording = 1, GateUnresolved = 2 };
extern uint32_t Gate;
FRUGAL_ALWAYS_INLINE bool recording() {
  return loadRelaxed(Gate) & GateRecording;
}

// Maps the table of live blocks (Slots, rounded up to a power of two);
// false when that fails. Recording starts with startRecording().
bool prepareRecorder(uint64_t Slots);
void startRecording();

// Block P of Size bytes was just allocated (P is not null).
void recordAlloc(void *P, uint64_t Size);
// Forgets P's record before P goes back to the allocator (afterwards the
// address may be handed out again, on another thread); false when P was
// never tracked. Then recordFree, or restoreBlock if it was not freed
// after all (a realloc that failed).
bool takeBlock(void *P, LiveBlock &Out);
void recordFree(const LiveBlock &Block);
void restoreBlock(void *P, const LiveBlock &Block);
// takeBlock + recordFree.
FRUGAL_ALWAYS_INLINE void recordFreeOf(void *P) {
  LiveBlock B;
  if (P && takeBlock(P, B))
    recordFree(B);
}

// The process totals into R (Status and Reason are left alone): NodeSums,
// the allocation slots summed over every node of every thread (the merged
// root's inclusive values; nullptr: none), plus the unattributed blocks.
void fillTotals(AllocReport &R, const uint64_t *NodeSums);
// Function (or region) Id's peak live bytes; false when not followed.
bool functionPeak(uint32_t Id, uint64_t &Out);

// In a forked child: the parent's blocks, totals and peaks are forgotten,
// as the child's profile covers the child only (its frees of inherited
// blocks are forwarded untracked).
void restartInChild();
// Tests: stops recording, unmaps everything and zeroes the totals.
void resetRecorderForTesting();

} // namespace frugal::rt::alloc

#endif // FRUGAL_RUNTIME_ALLOC_RECORDER_H
