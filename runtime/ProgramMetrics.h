//===- ProgramMetrics.h - The program's own figures (frugal_metric) -------===//
//
// A fixed table of name -> double that the program fills with figures of its
// run that are not costs (accuracy, loss, model size), written as the
// profile's "metrics". Insertion takes a mutex (it is not a hot path);
// updates of a known name and every read are lock-free, so the profile
// writer can read the table in a signal handler without allocating.
//
// Entries are published by a release store of the count after their name
// and first value are in place, and never move or disappear; a value is a
// double's bits stored atomically, so the last store wins.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_PROGRAMMETRICS_H
#define FRUGAL_RUNTIME_PROGRAMMETRICS_H

#include "Log.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

class ProgramMetricTable {
public:
  static constexpr unsigned Capacity = 64;
  static constexpr size_t MaxNameBytes = 63;

  constexpr ProgramMetricTable() = default;
  ProgramMetricTable(const ProgramMetricTable &) = delete;
  ProgramMetricTable &operator=(const ProgramMetricTable &) = delete;

  // Sets Name to Value: 0, or -1 when the name is null, empty or longer than
  // MaxNameBytes, the value is not finite, or the table is full. The first
  // failure of each kind warns once (per table).
  int record(const char *Name, double Value);

  // Lock-free readers: entries [0, size()) are complete.
  unsigned size() const;
  const char *name(unsigned I) const { return Entries[I].Name; }
  double value(unsigned I) const;

  // Held across fork by the pthread_atfork handlers, so that a child never
  // inherits it locked.
  void lock() { pthread_mutex_lock(&Mutex); }
  void unlock() { pthread_mutex_unlock(&Mutex); }

private:
  struct Entry {
    char Name[MaxNameBytes + 1];
    uint64_t Bits; // the double's bits, atomically
  };
  enum Problem : unsigned { BadName, LongName, NotFinite, Full, NumProblems };

  // The published entry named Name among the first Count, if any.
  Entry *find(const char *Name, size_t Len, unsigned Count);
  void warnOnce(Problem P, const char *Name, double Value);

  pthread_mutex_t Mutex = PTHREAD_MUTEX_INITIALIZER;
  unsigned Count = 0; // published entries; release-stored under Mutex
  Entry Entries[Capacity] = {};
  OnceFlag Warned[NumProblems];
};

// The process's table: constant-initialised, usable before the runtime is.
ProgramMetricTable &programMetrics();

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_PROGRAMMETRICS_H
