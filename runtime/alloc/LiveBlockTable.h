//===- LiveBlockTable.h - Live blocks: address -> allocating node, size ---===//
//
// free() is given an address only; to charge the free to the node that made
// the block, and to know its size, allocation tracking remembers every live
// block here. It is called from inside malloc and free on every thread, so
// it takes no lock and never allocates: a fixed array of slots, mapped once,
// with open addressing (linear probing).
//
// A slot's key goes Empty -> Busy -> address -> Tombstone -> Busy -> ...,
// never back to Empty: so a lookup may stop at the first Empty slot (no key
// it looks for can lie beyond one), and must step over Tombstone and Busy.
// An insert claims an Empty or Tombstone slot with a CAS to Busy, fills it,
// then publishes the address with a release store; a remove stores
// Tombstone over the address (only the block's owner frees it, so no other
// thread writes that slot meanwhile). Probes are bounded (MaxProbes): a block
// that finds no slot is not remembered, and its free lowers nothing.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ALLOC_LIVEBLOCKTABLE_H
#define FRUGAL_RUNTIME_ALLOC_LIVEBLOCKTABLE_H

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {
struct Node;
} // namespace frugal::rt

namespace frugal::rt::alloc {

// What a free needs to know about a block.
struct LiveBlock {
  Node *Owner = nullptr; // the node charged; nullptr: unattributed
  uint64_t Size = 0;     // as requested
};

class LiveBlockTable {
public:
  // Slots looked at before an insert gives up (and the longest lookup).
  static constexpr unsigned MaxProbes = 64;
  static constexpr uint64_t MinCapacity = 64;

  // Maps Capacity slots (rounded up to a power of two, at least
  // MinCapacity); false when the mapping fails. Not thread-safe: before use.
  bool init(uint64_t Capacity);
  // Unmaps the slots (tests, a forked child starting afresh); not
  // thread-safe.
  void release();

  // False when no slot was free within MaxProbes: the block is untracked.
  // Key must not be 0, 1 or 2 (any malloc result is fine).
  bool insert(uintptr_t Key, const LiveBlock &Block);
  // Removes Key and returns what was stored; false when Key is absent.
  bool remove(uintptr_t Key, LiveBlock &Out);

  uint64_t capacity() const { return Mask + 1; }
  bool ready() const { return Slots != nullptr; }

private:
  struct Slot {
    uintptr_t Key;
    Node *Owner;
    uint64_t Size;
  };
  uint64_t home(uintptr_t Key) const;

  Slot *Slots = nullptr;
  uint64_t Mask = 0;
  unsigned Shift = 64;
};

} // namespace frugal::rt::alloc

#endif // FRUGAL_RUNTIME_ALLOC_LIVEBLOCKTABLE_H
