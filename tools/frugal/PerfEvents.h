//===- PerfEvents.h - Event names checked with libpfm4 and perf -*- C++ -*-===//
//
// What `frugal events` asks this machine: does libpfm4 know a name (encoded
// as the runtime encodes FRUGAL_EVENTS), and does perf_event_open accept it
// on the calling thread. The naming rules themselves are in EventNames.h.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_PERFEVENTS_H
#define FRUGAL_TOOLS_FRUGAL_PERFEVENTS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// Whether an event can be counted here; the profile's events[].status.
enum class EventStatus { Ok, Unavailable, Unknown };

/// "ok", "unavailable" or "unknown".
llvm::StringRef statusName(EventStatus Status);

/// One event name, checked on this machine.
struct EventCheck {
  std::string Name;      // As given.
  std::string Canonical; // PMU::EVENT[:UMASK...]; empty when unknown.
  EventStatus Status = EventStatus::Unknown;
  std::string Reason; // Why it cannot be counted; empty when it can.
  std::string Unit;   // "ns" or "count"; empty when unknown.
  /// For an unknown name: close matches among the generic names and the
  /// events of this machine's PMUs.
  std::vector<std::string> Suggestions;
};

/// Initialises libpfm4; call once before the rest.
llvm::Error initializeEvents();

/// Encodes \p Name with libpfm4 (user level, as the runtime does) and opens
/// it, disabled, on the calling thread.
EventCheck checkEvent(llvm::StringRef Name);

/// Every event of the PMUs present here, as "PMU::EVENT", in libpfm4's
/// order.
std::vector<std::string> pmuEventNames();

/// kernel.perf_event_paranoid; None when it cannot be read.
std::optional<int> perfEventParanoid();

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_PERFEVENTS_H
