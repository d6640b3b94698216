//===- EventReport.h - What the profile says about each FRUGAL_EVENTS entry
//===//
#ifndef FRUGAL_RUNTIME_COUNTERS_EVENTREPORT_H
#define FRUGAL_RUNTIME_COUNTERS_EVENTREPORT_H

#include <stdint.h>

namespace frugal::rt::counters {

enum class EventStatus : uint8_t {
  Ok,          // opened and counted
  Unavailable, // a valid name the machine or its permissions cannot count
  Unknown,     // not an event name libpfm4 knows
};
enum class EventMethod : uint8_t {
  None,    // not counted
  Rdpmc,   // read in the hooks with rdpmc, per calling-context node
  Sampler, // read by the sampler thread per tick, split over the tick's nodes
};

struct EventReport {
  const char *Name = "";      // as written in FRUGAL_EVENTS
  const char *Canonical = ""; // libpfm4's name ("" when it has none)
  EventStatus Status = EventStatus::Unknown;
  const char *Reason = ""; // why it is not counted ("" when it is)
  EventMethod Method = EventMethod::None;
  int Slot = -1; // node metric slot (NodeMetrics.h), -1 when not counted
  const char *Unit = "count"; // "ns" for the clock events
  // Multiplexing: some reading ran for less than the time it was enabled
  // and was scaled by time_enabled / time_running; the lowest fraction.
  bool Scaled = false;
  double MinRunningFraction = 1;
  // All threads' counts, and the part no node received (counted before the
  // sampler's first tick, or in a tick whose nodes were lost).
  uint64_t Total = 0;
  uint64_t Unattributed = 0;
};

// The events of FRUGAL_EVENTS in the order given (unknown and unavailable
// ones included), with the totals of the sampler's last readings (for the
// final profile, the last collection of energy::beginEnergyWrite).
const EventReport *reportEvents(unsigned &Count);

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_EVENTREPORT_H
