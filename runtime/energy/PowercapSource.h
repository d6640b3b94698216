//===- PowercapSource.h - RAPL through /sys/class/powercap ----------------===//
//
// Zones intel-rapl:N (named package-X, package-X-die-Y or psys) and their
// subzones intel-rapl:N:M (core, uncore, dram); AMD's RAPL driver uses the
// same names. Each energy_uj is opened once and pread at offset 0 on every
// read, which re-runs the kernel's show function: no reopen per sample.
//
// intel-rapl-mmio:N zones are skipped: on the client parts that have them
// they report the same package energy as intel-rapl:N through another
// interface, and summing both would double it.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_POWERCAPSOURCE_H
#define FRUGAL_RUNTIME_ENERGY_POWERCAPSOURCE_H

#include "energy/Source.h"

namespace frugal::rt::energy {

class PowercapSource : public Source {
public:
  // Root: FRUGAL_POWERCAP_ROOT. nullptr with the reason and its fix in Why
  // when no zone can be read.
  static PowercapSource *create(const char *Root, Reason &Why);

  // Microjoules; channel i wraps at its zone's max_energy_range_uj + 1.
  ReadStatus read(uint64_t *Raw, bool *Valid) override;
  void close() override;

private:
  int *Fds = nullptr; // one energy_uj per channel; -1 once closed
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_POWERCAPSOURCE_H
