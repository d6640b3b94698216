//===- TickBuffer.cpp - One window of energy ticks ------------------------===//
#include "energy/TickBuffer.h"

#include "Memory.h"

#include <string.h>

namespace frugal::rt::energy {

bool TickBuffer::init(uint32_t TickCap, uint32_t EntryCap) {
  Ticks = static_cast<Tick *>(mapPages(size_t(TickCap) * sizeof(Tick)));
  Entries =
      static_cast<TickEntry *>(mapPages(size_t(EntryCap) * sizeof(TickEntry)));
  if (!Ticks || !Entries) {
    if (Ticks)
      unmapPages(Ticks, size_t(TickCap) * sizeof(Tick));
    if (Entries)
      unmapPages(Entries, size_t(EntryCap) * sizeof(TickEntry));
    Ticks = nullptr;
    Entries = nullptr;
    return false;
  }
  MaxTicks = TickCap;
  MaxEntries = EntryCap;
  clear();
  return true;
}

Tick &TickBuffer::beginTick() {
  Tick &T = Ticks[NumTicks];
  memset(&T, 0, sizeof(T));
  T.FirstEntry = NumEntries;
  return T;
}

} // namespace frugal::rt::energy
