//===- EventList.h - FRUGAL_EVENTS split into names -----------------------===//
#ifndef FRUGAL_RUNTIME_COUNTERS_EVENTLIST_H
#define FRUGAL_RUNTIME_COUNTERS_EVENTLIST_H

#include "Env.h"

#include <stddef.h>

namespace frugal::rt::counters {

// Names kept from FRUGAL_EVENTS: more than MaxEvents (NodeMetrics.h) can be
// listed, the extra ones are reported as not counted.
inline constexpr unsigned MaxListedEvents = 16;
inline constexpr size_t MaxEventNameBytes = 128;

struct EventList {
  unsigned Count = 0;
  char Names[MaxListedEvents][MaxEventNameBytes] = {};
};

// Splits Text at commas, trims blanks, skips empty items. A duplicate, a
// name too long or one beyond MaxListedEvents is dropped with one warning
// each (to Warn). Never fails: what is left is the list.
void parseEventList(const char *Text, EventList &Out, WarnSink Warn);

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_EVENTLIST_H
