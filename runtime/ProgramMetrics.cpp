//===- ProgramMetrics.cpp - The program's own figures (frugal_metric) -----===//
#include "ProgramMetrics.h"

#include "Compiler.h"

#include <bit>
#include <string.h>
#include <string_view>

namespace frugal::rt {

namespace {

constinit ProgramMetricTable Metrics;

bool isFinite(double V) { return V == V && V - V == 0; }

const char *nonFiniteText(double V) {
  if (V != V)
    return "nan";
  return V > 0 ? "inf" : "-inf";
}

} // namespace

ProgramMetricTable &programMetrics() { return Metrics; }

unsigned ProgramMetricTable::size() const { return loadAcquire(Count); }

double ProgramMetricTable::value(unsigned I) const {
  return std::bit_cast<double>(loadRelaxed(Entries[I].Bits));
}

ProgramMetricTable::Entry *ProgramMetricTable::find(const char *Name,
                                                    size_t Len, unsigned N) {
  for (unsigned I = 0; I < N; ++I)
    if (!memcmp(Entries[I].Name, Name, Len + 1))
      return &Entries[I];
  return nullptr;
}

int ProgramMetricTable::record(const char *Name, double Value) {
  if (!Name || !*Name) {
    warnOnce(BadName, Name, Value);
    return -1;
  }
  // strnlen: a runaway string is not read past the limit.
  size_t Len = strnlen(Name, MaxNameBytes + 1);
  if (Len > MaxNameBytes) {
    warnOnce(LongName, Name, Value);
    return -1;
  }
  if (!isFinite(Value)) {
    warnOnce(NotFinite, Name, Value);
    return -1;
  }
  uint64_t Bits = std::bit_cast<uint64_t>(Value);
  // A known name needs no lock: its entry never moves.
  if (Entry *E = find(Name, Len, size())) {
    storeRelaxed(E->Bits, Bits);
    return 0;
  }
  lock();
  // Count is only written under the lock: a plain read is current here.
  unsigned N = Count;
  Entry *E = find(Name, Len, N);
  if (!E && N < Capacity) {
    E = &Entries[N];
    memcpy(E->Name, Name, Len + 1);
    storeRelaxed(E->Bits, Bits);
    storeRelease(Count, N + 1); // name and value first, then the entry
  } else if (E) {
    storeRelaxed(E->Bits, Bits); // another thread added it meanwhile
  }
  unlock();
  if (!E) {
    warnOnce(Full, Name, Value);
    return -1;
  }
  return 0;
}

void ProgramMetricTable::warnOnce(Problem P, const char *Name, double Value) {
  if (!Warned[P].first())
    return;
  switch (P) {
  case BadName:
    warning("frugal_metric(", Name ? "\"\"" : "NULL",
            ", ...): a metric needs a name; not recorded (said once)");
    break;
  case LongName:
    warning("frugal_metric(\"", std::string_view(Name, MaxNameBytes),
            "...\", ...): metric names are limited to ", MaxNameBytes,
            " bytes; not recorded (said once)");
    break;
  case NotFinite:
    warning("frugal_metric(\"", Name, "\", ", nonFiniteText(Value),
            "): the value is not finite; not recorded (said once)");
    break;
  case Full:
    warning("frugal_metric(\"", Name, "\", ...): ", Capacity,
            " metrics are recorded already, the most a profile holds; not "
            "recorded (said once)");
    break;
  case NumProblems:
    break;
  }
}

} // namespace frugal::rt
