//===- ShadowStack.h - Per-thread stack of active calls -------------------===//
//
// One frame per active instrumented call or region, below a root frame at
// index 0 (so the hot path never checks for an empty stack). Frames are
// written by the owning thread only; the writer reads frames [0, Depth).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_SHADOWSTACK_H
#define FRUGAL_RUNTIME_SHADOWSTACK_H

#include <stdint.h>

namespace frugal::rt {

struct Node;

inline constexpr uint32_t DefaultMaxDepth = 4096;

// Set in Frame::Key when the call was folded into its caller's node (tree
// at its bound): the frame times nothing and its callees fold too.
inline constexpr uintptr_t FoldedBit = 1;

struct Frame {
  uintptr_t Key;         // record or region address (8-aligned) | FoldedBit
  Node *Ctx;             // the call's context node (the caller's if folded)
  uint64_t Start;        // ticks at entry
  uintptr_t FrameAddr;   // the hook's frame address: orders frames by depth
  uint64_t CallsAtEntry; // thread's call counter after counting this call
};

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_SHADOWSTACK_H
