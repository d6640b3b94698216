//===- Powercap.h - fake powercap zone files --------------------*- C++ -*-===//
//
// What a reader of /sys/class/powercap sees: the files of one zone, and the
// counter arithmetic of the hardware (energy in whole quanta, shown in
// integer microjoules, wrapping at max_energy_range_uj).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TEST_SIM_POWERCAP_H
#define FRUGAL_TEST_SIM_POWERCAP_H

#include <cstddef>
#include <cstdint>
#include <string>

namespace frugal::sim {

/// Turns exact energy into the counter value the hardware would show.
class EnergyCounter {
public:
  EnergyCounter(double QuantumUj, uint64_t MaxRangeUj, uint64_t StartUj)
      : QuantumUj(QuantumUj), MaxRangeUj(MaxRangeUj), StartUj(StartUj) {}

  /// The counter for EnergyJ joules since the start. Never goes back: a
  /// smaller energy (a late phase event lowered the integral) shows the last
  /// value until the energy catches up, like a monotonic register.
  uint64_t valueFor(long double EnergyJ);
  /// Times the counter has wrapped up to the last valueFor().
  uint64_t wraps() const { return Wraps; }
  uint64_t startUj() const { return StartUj; }

private:
  double QuantumUj;
  uint64_t MaxRangeUj;
  uint64_t StartUj;
  uint64_t Quanta = 0;
  uint64_t Wraps = 0;
};

/// The files of one zone. energy_uj is rewritten in place (pwrite at offset
/// 0, then ftruncate when the text got shorter): a reader keeps its file
/// descriptor open and preads it, as on sysfs, so the inode must not change.
class ZoneFile {
public:
  ZoneFile() = default;
  ZoneFile(const ZoneFile &) = delete;
  ZoneFile &operator=(const ZoneFile &) = delete;
  ~ZoneFile();

  /// Creates Dir (one level) with name, max_energy_range_uj and energy_uj.
  bool create(const std::string &Dir, const std::string &ZoneName,
              uint64_t MaxRangeUj, std::string &Error);
  bool writeValue(uint64_t ValueUj);
  /// Any content, for fault injection.
  bool writeText(const char *Text, size_t Len);

private:
  int Fd = -1;
  size_t Len = 0;
};

/// Writes a small file in one go (name, max_energy_range_uj).
bool writeSmallFile(const std::string &Path, const std::string &Text,
                    std::string &Error);

} // namespace frugal::sim

#endif
