//===- Pfm.h - libpfm4, loaded on demand
//-----------------------------------===//
//
// libpfm4 turns event names (generic, PMU-specific, software) into
// perf_event_attr encodings. It is loaded with dlopen only when
// FRUGAL_EVENTS is set, so programs that do not count events need neither
// the library nor its start-up cost. It allocates with malloc, at start-up
// only (the runtime's own code never does).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_COUNTERS_PFM_H
#define FRUGAL_RUNTIME_COUNTERS_PFM_H

#include "counters/CloseMatches.h"

#include <linux/perf_event.h>
#include <stddef.h>

namespace frugal::rt::counters {

inline constexpr size_t CanonicalBytes = 192;

// PMU::EVENT[:UMASK...] from libpfm4's full string: the "name=value"
// modifiers it appends (u=1:k=0:precise=0 ...) are dropped; a modifier the
// user wrote without a value stays.
void canonicalEventName(const char *Full, char *Out, size_t OutBytes);

class PfmLibrary {
public:
  // dlopen(Path) and pfm_initialize; false with Why set when unusable.
  bool load(const char *Path, const char *&Why);
  enum class Encoding { Ok, Unknown, Invalid };
  // Encodes Name for counting in user space on the calling thread (libpfm4's
  // default privilege level PLM3 unless the name says otherwise).
  Encoding encode(const char *Name, perf_event_attr &Attr, char *Canonical,
                  const char *&Why);
  // Offers every event name of the present PMUs, and perf's generic
  // aliases, to Matches.
  void offerNames(CloseMatches &Matches);

private:
  void *Handle = nullptr;
};

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_PFM_H
