//===- ContextTree.h - One thread's calling-context tree ------------------===//
//
// A node per distinct path of function/region ids from the thread's root.
// Only the owning thread modifies a tree; the profile writer may walk it at
// the same time, so a node is fully built before it is published (release
// store into its parent's FirstChild) and counters are relaxed atomics.
// Nodes are never freed: the profile needs them after the thread ends.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_CONTEXTTREE_H
#define FRUGAL_RUNTIME_CONTEXTTREE_H

#include "Compiler.h"

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

// Two cache lines: the first holds what the hooks touch on every call, the
// second what only the slow paths and the energy sampler use.
struct alignas(64) Node {
  // --- Hooks ------------------------------------------------------------
  uint32_t Ref;   // function or region id; 0 for the root
  uint32_t Epoch; // sampler tick in which the owner last noted it (Tracer.h)
  Node *LastHit;  // owner-only cache: the child found last time
  uint64_t Calls;
  uint64_t InclusiveTicks; // after hook-cost correction
  // Raw time as the thread's top frame (no hook-cost correction): what the
  // energy sampler splits into ticks. Written by the owner only.
  uint64_t ExclusiveTicks;
  Node *Parent;
  Node *FirstChild;  // newest child first; published with release
  Node *NextSibling; // immutable once published
  // --- Rare ---------------------------------------------------------------
  uint64_t FoldedCalls; // calls folded into this node (bound, overflow)
  // Owned by the energy sampler (energy/TickCollector.cpp): exclusive time
  // already put into ticks, and the node's attributed energy (or nullptr).
  uint64_t CreditedTicks;
  void *Energy;
  uint64_t SamplerPass; // the sampler's collection that last visited it
  // Event counts and allocation statistics (NodeMetrics.h), or nullptr.
  uint64_t *Metrics;
  uint64_t Reserved[3];
};
static_assert(sizeof(Node) == 128, "two cache lines per node");

class ContextTree {
public:
  // 64 KiB chunks: one mmap per 512 new contexts.
  static constexpr size_t ChunkBytes = 64 << 10;
  static constexpr size_t NodesPerChunk = ChunkBytes / sizeof(Node);

  // MaxNodes counts the root. False when the first chunk cannot be mapped.
  bool init(uint64_t MaxNodes);

  Node *root() const { return Root; }
  uint64_t size() const { return loadRelaxed(NodeCount); }
  uint64_t maxNodes() const { return MaxNodes; }

  // The child of Parent for Ref, created when new; nullptr when the tree is
  // at its bound (or out of memory): the caller folds the call into Parent.
  // Updates Parent's LastHit cache.
  Node *findOrCreateChild(Node *Parent, uint32_t Ref);

private:
  Node *allocateNode();
  uint64_t *allocateMetrics();

  Node *Root = nullptr;
  uint64_t *MetricsCursor = nullptr;
  uint64_t *MetricsEnd = nullptr;
  Node *Cursor = nullptr;
  Node *ChunkEnd = nullptr;
  uint64_t NodeCount = 0;
  uint64_t MaxNodes = 0;
};

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_CONTEXTTREE_H
