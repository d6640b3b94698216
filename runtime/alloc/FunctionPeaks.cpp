//===- FunctionPeaks.cpp - Live and peak bytes per function id ------------===//
#include "alloc/FunctionPeaks.h"

#include "Memory.h"

namespace frugal::rt::alloc {

FunctionPeaks::Counter *FunctionPeaks::counter(uint32_t Id) const {
  if (Id >= MaxIds)
    return nullptr;
  Counter *Chunk = __atomic_load_n(&Chunks[Id >> ChunkBits], __ATOMIC_ACQUIRE);
  return Chunk ? Chunk + (Id & (ChunkIds - 1)) : nullptr;
}

FunctionPeaks::Counter *FunctionPeaks::counterOrMap(uint32_t Id) {
  if (Counter *C = counter(Id))
    return C;
  if (Id >= MaxIds)
    return nullptr;
  // Rare (once per 4096 ids): map a zeroed chunk; of two threads racing to
  // install one, the loser unmaps its own.
  auto *Fresh = static_cast<Counter *>(mapPages(ChunkIds * sizeof(Counter)));
  if (!Fresh)
    return nullptr;
  Counter *Expected = nullptr;
  Counter *&Slot = Chunks[Id >> ChunkBits];
  if (!__atomic_compare_exchange_n(&Slot, &Expected, Fresh, false,
                                   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    unmapPages(Fresh, ChunkIds * sizeof(Counter));
    Fresh = Expected;
  }
  return Fresh + (Id & (ChunkIds - 1));
}

void FunctionPeaks::add(uint32_t Id, uint64_t Bytes) {
  Counter *C = counterOrMap(Id);
  if (!C)
    return;
  uint64_t Live = __atomic_add_fetch(&C->Live, Bytes, __ATOMIC_RELAXED);
  uint64_t Peak = __atomic_load_n(&C->Peak, __ATOMIC_RELAXED);
  while (Live > Peak &&
         !__atomic_compare_exchange_n(&C->Peak, &Peak, Live, /*weak=*/true,
                                      __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
  }
}

void FunctionPeaks::sub(uint32_t Id, uint64_t Bytes) {
  // The chunk exists: the block's add() mapped it (or failed, and then this
  // id is not followed at all).
  if (Counter *C = counter(Id))
    __atomic_sub_fetch(&C->Live, Bytes, __ATOMIC_RELAXED);
}

bool FunctionPeaks::peak(uint32_t Id, uint64_t &Out) const {
  Counter *C = counter(Id);
  if (!C)
    return false;
  Out = __atomic_load_n(&C->Peak, __ATOMIC_RELAXED);
  return true;
}

void FunctionPeaks::reset() {
  for (Counter *&Chunk : Chunks)
    if (Chunk) {
      unmapPages(Chunk, ChunkIds * sizeof(Counter));
      Chunk = nullptr;
    }
}

} // namespace frugal::rt::alloc
