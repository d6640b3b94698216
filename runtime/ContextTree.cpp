//===- ContextTree.cpp - One thread's calling-context tree ----------------===//
#include "ContextTree.h"

#include "Log.h"
#include "Memory.h"
#include "NodeMetrics.h"

namespace frugal::rt {

namespace {
constinit OnceFlag OutOfMemoryWarning;
} // namespace

bool ContextTree::init(uint64_t Bound) {
  MaxNodes = Bound ? Bound : 1;
  Root = allocateNode();
  return Root != nullptr;
}

Node *ContextTree::allocateNode() {
  if (Cursor == ChunkEnd) {
    auto *Chunk = static_cast<Node *>(mapPages(ChunkBytes));
    if (!Chunk) {
      if (OutOfMemoryWarning.first())
        warning("cannot map memory for calling contexts; new contexts are "
                "folded into their callers");
      return nullptr;
    }
    Cursor = Chunk;
    ChunkEnd = Chunk + NodesPerChunk;
  }
  storeRelaxed(NodeCount, NodeCount + 1);
  Node *N = Cursor++; // mmap memory is zeroed: all fields start at 0
  // Before the node is published: readers see its block or none.
  if (NodeMetricLayout.Slots)
    N->Metrics = allocateMetrics();
  return N;
}

uint64_t *ContextTree::allocateMetrics() {
  uint32_t Slots = NodeMetricLayout.Slots;
  if (MetricsEnd - MetricsCursor < ptrdiff_t(Slots)) {
    auto *Chunk = static_cast<uint64_t *>(mapPages(ChunkBytes));
    if (!Chunk) {
      if (OutOfMemoryWarning.first())
        warning("cannot map memory for calling contexts' counters; some "
                "contexts have none");
      return nullptr;
    }
    MetricsCursor = Chunk;
    MetricsEnd = Chunk + ChunkBytes / sizeof(uint64_t);
  }
  uint64_t *Block = MetricsCursor;
  MetricsCursor += Slots;
  return Block;
}

constinit MetricLayout NodeMetricLayout;

void setMetricLayout(uint32_t NumEvents, bool Alloc) {
  MetricLayout L;
  L.NumEvents = NumEvents;
  L.Alloc = Alloc;
  L.AllocBase = NumEvents;
  L.Slots = NumEvents + (Alloc ? NumAllocSlots : 0);
  NodeMetricLayout = L;
}

Node *ContextTree::findOrCreateChild(Node *Parent, uint32_t Ref) {
  for (Node *C = Parent->FirstChild; C; C = C->NextSibling)
    if (C->Ref == Ref) {
      Parent->LastHit = C;
      return C;
    }
  if (NodeCount >= MaxNodes)
    return nullptr;
  Node *C = allocateNode();
  if (!C)
    return nullptr;
  C->Ref = Ref;
  C->Parent = Parent;
  C->NextSibling = Parent->FirstChild;
  storeRelease(Parent->FirstChild, C);
  Parent->LastHit = C;
  return C;
}

} // namespace frugal::rt
