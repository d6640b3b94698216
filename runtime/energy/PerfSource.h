//===- PerfSource.h - RAPL through the perf_event "power" PMU -------------===//
//
// The preferred interface: the kernel extends the counters to 64 bits (no
// wrap to handle), and access is governed by perf_event_paranoid /
// CAP_PERFMON rather than root-only files. The events are system-wide, so
// they are opened with pid -1 on the one CPU per package that the PMU's
// cpumask lists.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_PERFSOURCE_H
#define FRUGAL_RUNTIME_ENERGY_PERFSOURCE_H

#include "energy/Source.h"

namespace frugal::rt::energy {

// Opens one counting event (pid -1, group -1, close-on-exec): an fd, or -1
// with errno. Unit tests substitute one that hands back ordinary files.
using PerfOpener = int (*)(uint32_t Type, uint64_t Config, int Cpu);
// perf_event_open(2).
int openPerfEvent(uint32_t Type, uint64_t Config, int Cpu);

inline constexpr const char *DefaultParanoidPath =
    "/proc/sys/kernel/perf_event_paranoid";

class PerfSource : public Source {
public:
  // PerfRoot: FRUGAL_PERF_ROOT (its power/ directory is the PMU); CpuRoot:
  // FRUGAL_CPU_ROOT, for the package of each CPU in the cpumask. nullptr
  // with the reason and its fix in Why when no event can be opened.
  static PerfSource *create(const char *PerfRoot, const char *CpuRoot,
                            Reason &Why, PerfOpener Open = nullptr,
                            const char *ParanoidPath = DefaultParanoidPath);

  // 64-bit counts in units of the event's .scale joules.
  ReadStatus read(uint64_t *Raw, bool *Valid) override;
  void close() override;

private:
  struct Counter {
    int Fd = -1;
    // perf fds refuse pread (ESPIPE) and return the count on every read();
    // a regular file (unit tests) is read at offset 0 instead.
    bool Seekable = false;
  };
  Counter *Counters = nullptr; // one per channel
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_PERFSOURCE_H
