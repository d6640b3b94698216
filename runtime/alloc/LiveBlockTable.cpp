//===- LiveBlockTable.cpp - Live blocks: address -> allocating node, size -===//
#include "alloc/LiveBlockTable.h"

#include "Compiler.h"
#include "Memory.h"

namespace frugal::rt::alloc {

namespace {

constexpr uintptr_t Empty = 0;
constexpr uintptr_t Tombstone = 1;
constexpr uintptr_t Busy = 2; // claimed by an insert that is filling it

bool claim(uintptr_t &Key, uintptr_t Seen) {
  return __atomic_compare_exchange_n(&Key, &Seen, Busy, /*weak=*/false,
                                     __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

} // namespace

bool LiveBlockTable::init(uint64_t Capacity) {
  unsigned Bits = 6;
  while ((uint64_t(1) << Bits) < Capacity && Bits < 40)
    ++Bits;
  uint64_t N = uint64_t(1) << Bits;
  auto *S = static_cast<Slot *>(mapPages(N * sizeof(Slot)));
  if (!S)
    return false;
  Slots = S;
  Mask = N - 1;
  Shift = 64 - Bits;
  return true;
}

void LiveBlockTable::release() {
  unmapPages(Slots, capacity() * sizeof(Slot));
  Slots = nullptr;
  Mask = 0;
  Shift = 64;
}

// Fibonacci hashing of the address without its alignment bits: malloc
// results are 16-byte aligned and often consecutive, and the high bits of
// the product spread them over the whole table.
uint64_t LiveBlockTable::home(uintptr_t Key) const {
  return ((uint64_t(Key) >> 4) * 0x9E3779B97F4A7C15ull) >> Shift;
}

bool LiveBlockTable::insert(uintptr_t Key, const LiveBlock &Block) {
  uint64_t H = home(Key);
  for (unsigned I = 0; I < MaxProbes; ++I) {
    Slot &S = Slots[(H + I) & Mask];
    uintptr_t Seen = __atomic_load_n(&S.Key, __ATOMIC_RELAXED);
    // The same address still present means its free was never seen (freed
    // through a path we do not interpose): the slot is stale, reuse it so
    // that the new block is the one found by its free.
    if (Seen != Empty && Seen != Tombstone && Seen != Key)
      continue;
    if (!claim(S.Key, Seen))
      continue; // another insert took it: look further
    storeRelaxed(S.Owner, Block.Owner);
    storeRelaxed(S.Size, Block.Size);
    __atomic_store_n(&S.Key, Key, __ATOMIC_RELEASE);
    return true;
  }
  return false;
}

bool LiveBlockTable::remove(uintptr_t Key, LiveBlock &Out) {
  uint64_t H = home(Key);
  for (unsigned I = 0; I < MaxProbes; ++I) {
    Slot &S = Slots[(H + I) & Mask];
    uintptr_t Seen = __atomic_load_n(&S.Key, __ATOMIC_ACQUIRE);
    if (Seen == Empty)
      return false;
    if (Seen != Key)
      continue;
    // The program owns the block until this free, so nothing else writes
    // the slot meanwhile (a double free racing with this one is the
    // program's undefined behaviour; a later one finds nothing): a store
    // frees it, no CAS needed. Release: the reads above come before an
    // insert that reuses the slot.
    Out.Owner = loadRelaxed(S.Owner);
    Out.Size = loadRelaxed(S.Size);
    __atomic_store_n(&S.Key, Tombstone, __ATOMIC_RELEASE);
    return true;
  }
  return false;
}

} // namespace frugal::rt::alloc
