//===- OtherLoad.h - CPU time of other processes --------------------------===//
//
// Other processes on the same package draw power in the same ticks. Their
// CPU time is a covariate of the regression: all CPUs' busy time from
// /proc/stat minus this process's CPU time. /proc/stat counts in USER_HZ
// units (10 ms), so it is read over windows of at least MinWindowNs and
// spread over the ticks of the window by their length.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_OTHERLOAD_H
#define FRUGAL_RUNTIME_ENERGY_OTHERLOAD_H

#include <stdint.h>

namespace frugal::rt::energy {

class OtherLoad {
public:
  static constexpr uint64_t MinWindowNs = 10000000;

  // False when /proc/stat cannot be read (the covariate is then 0).
  bool open(const char *ProcStat = "/proc/stat");
  void close();
  bool available() const { return Fd >= 0; }
  // Other processes' CPU seconds since the previous call (the first call
  // starts the count and returns 0).
  double sample();

private:
  bool readBusy(uint64_t &BusyUnits);

  int Fd = -1;
  long UnitsPerSecond = 100;
  bool Started = false;
  uint64_t FirstBusy = 0, LastBusy = 0;
  uint64_t FirstOwnNs = 0, LastOwnNs = 0;
  double Reported = 0; // others' seconds returned so far
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_OTHERLOAD_H
