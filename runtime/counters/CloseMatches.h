//===- CloseMatches.h - "did you mean" for unknown event names ------------===//
#ifndef FRUGAL_RUNTIME_COUNTERS_CLOSEMATCHES_H
#define FRUGAL_RUNTIME_COUNTERS_CLOSEMATCHES_H

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt::counters {

// Levenshtein distance, ignoring ASCII case, of names up to 127 bytes
// (longer ones compare as far apart).
unsigned editDistance(const char *A, const char *B);

// The stem of an event name: without a "PMU::" prefix and without anything
// from the next ':' on ("perf::cycles:u" -> "cycles"). Copied into Out.
void eventStem(const char *Name, char *Out, size_t OutBytes);

// Keeps the few candidates closest to a name, nearest first (ties in the
// order offered), comparing stems: a candidate matches within 1 to
// clamp(stem length / 3, 1, 3) edits; candidates whose stems are equal
// ignoring case count once. The rule `frugal events` uses too
// (docs/counters.md, "Close matches").
class CloseMatches {
public:
  static constexpr unsigned Capacity = 3;
  static constexpr size_t NameBytes = 64;

  explicit CloseMatches(const char *Target);
  void offer(const char *Candidate);
  unsigned count() const { return Count; }
  const char *match(unsigned I) const { return Names[I]; }

private:
  char Target[NameBytes];
  unsigned Limit;
  unsigned Count = 0;
  unsigned Distances[Capacity] = {};
  char Names[Capacity][NameBytes] = {};
};

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_CLOSEMATCHES_H
