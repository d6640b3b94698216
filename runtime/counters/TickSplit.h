//===- TickSplit.h - A thread's counts in a tick, split over its nodes ----===//
#ifndef FRUGAL_RUNTIME_COUNTERS_TICKSPLIT_H
#define FRUGAL_RUNTIME_COUNTERS_TICKSPLIT_H

#include <stdint.h>

namespace frugal::rt::energy {
struct TickEntry;
} // namespace frugal::rt::energy

namespace frugal::rt::counters {

// Adds Delta to metric slot Slot of the entries' nodes in proportion to
// their time in the tick (the counts are taken as even over the tick); the
// shares add up to Delta exactly. Returns the part that had nowhere to go
// (no time in the tick, or nodes without metrics).
uint64_t splitOverTick(uint32_t Slot, uint64_t Delta,
                       const energy::TickEntry *Entries, uint32_t Count);

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_TICKSPLIT_H
