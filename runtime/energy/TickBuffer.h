//===- TickBuffer.h - One window of energy ticks --------------------------===//
//
// A tick spans two observed updates of the CPU energy counter (or a fixed
// period for the model). For each tick the buffer keeps the energy of each
// domain and the exclusive time of every calling-context node that ran in
// it, summed over the tick. The buffer is bounded: when it fills, the
// attribution consumes it as one window (Attribution.h) and it starts over,
// so a run of hours needs no more memory than a run of seconds.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_TICKBUFFER_H
#define FRUGAL_RUNTIME_ENERGY_TICKBUFFER_H

#include "energy/Source.h"

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {
struct Node;
} // namespace frugal::rt

namespace frugal::rt::energy {

struct TickEntry {
  Node *N;        // a node of some thread's tree (Ref 0: a thread's root)
  uint64_t Ticks; // its exclusive time in the tick, timer ticks
};

struct Tick {
  uint64_t EndTicks;      // boundary that closed it (timer ticks)
  uint64_t DurationTicks; // since the previous boundary
  uint32_t FirstEntry;
  uint32_t NumEntries;
  double OthersCpuS; // other processes' CPU time (spread)
  // The times were collected well after the boundary (the sampler ran
  // late): calls that switched in between are on the wrong side of it, so
  // the attribution does not end a row here (see Attribution.h).
  bool SoftEnd;
  double EnergyJ[NumDomains]; // measured (or modelled) energy per domain
};

class TickBuffer {
public:
  static constexpr uint32_t DefaultMaxTicks = 16384;
  static constexpr uint32_t DefaultMaxEntries = 262144;

  // False when memory cannot be mapped.
  bool init(uint32_t MaxTicks = DefaultMaxTicks,
            uint32_t MaxEntries = DefaultMaxEntries);
  void clear() {
    NumTicks = 0;
    NumEntries = 0;
  }

  // Room for one more tick with up to Entries entries?
  bool hasRoom(uint32_t Entries) const {
    return NumTicks < MaxTicks && NumEntries + Entries <= MaxEntries;
  }
  uint32_t entryRoom() const { return MaxEntries - NumEntries; }

  // The tick being filled: beginTick, addEntry..., then commitTick.
  Tick &beginTick();
  void addEntry(Node *N, uint64_t Ticks) {
    Entries[NumEntries++] = TickEntry{N, Ticks};
  }
  void commitTick() {
    Ticks[NumTicks].NumEntries = NumEntries - Ticks[NumTicks].FirstEntry;
    ++NumTicks;
  }

  uint32_t numTicks() const { return NumTicks; }
  uint32_t numEntries() const { return NumEntries; }
  const TickEntry *entryAt(uint32_t I) const { return Entries + I; }
  Tick &tick(uint32_t I) { return Ticks[I]; }
  const Tick &tick(uint32_t I) const { return Ticks[I]; }
  const TickEntry *entries(const Tick &T) const {
    return Entries + T.FirstEntry;
  }

private:
  Tick *Ticks = nullptr;
  TickEntry *Entries = nullptr;
  uint32_t MaxTicks = 0;
  uint32_t MaxEntries = 0;
  uint32_t NumTicks = 0;
  uint32_t NumEntries = 0;
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_TICKBUFFER_H
