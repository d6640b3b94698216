//===- TickSplit.cpp - A thread's counts in a tick, split over its nodes --===//
#include "counters/TickSplit.h"

#include "Compiler.h"
#include "NodeMetrics.h"
#include "energy/TickBuffer.h"

namespace frugal::rt::counters {

uint64_t splitOverTick(uint32_t Slot, uint64_t Delta,
                       const energy::TickEntry *Entries, uint32_t Count) {
  uint64_t Total = 0;
  for (uint32_t I = 0; I < Count; ++I)
    Total += Entries[I].Ticks;
  if (Total == 0)
    return Delta;
  // Cumulative rounding: entry I gets round(Delta * (its cumulative time) /
  // Total) minus what the ones before got.
  uint64_t Cumulative = 0, Given = 0, Lost = 0;
  for (uint32_t I = 0; I < Count; ++I) {
    Cumulative += Entries[I].Ticks;
    uint64_t Upto = uint64_t((unsigned __int128)Delta * Cumulative / Total);
    uint64_t Share = Upto - Given;
    Given = Upto;
    // Written by the sampler only (one writer per slot): a plain add.
    if (uint64_t *Slots = metricsOf(Entries[I].N))
      storeRelaxed(Slots[Slot], Slots[Slot] + Share);
    else
      Lost += Share;
  }
  return Lost;
}

} // namespace frugal::rt::counters
