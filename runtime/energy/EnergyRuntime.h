//===- EnergyRuntime.h - Energy measurement for the whole process ---------===//
//
// Owns the sources, the sampler thread, the tick buffer and the attribution.
// The sampler thread alone touches the buffer and the attribution, except
// while a profile is written: the writer pauses the sampler (or stops it for
// the final profile), consumes the current window itself, reads the
// results, and lets the sampler go on. A pause makes one longer tick; no
// energy is lost.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_ENERGYRUNTIME_H
#define FRUGAL_RUNTIME_ENERGY_ENERGYRUNTIME_H

#include "energy/Attribution.h"
#include "energy/Source.h"
#include "energy/TickCollector.h"

#include <stdint.h>

namespace frugal::rt {
struct ThreadState;
} // namespace frugal::rt

namespace frugal::rt::energy {

inline constexpr unsigned MaxUnits = 16; // sockets / GPUs shown separately

struct DomainReport {
  bool Active = false;
  SourceKind Kind = SourceKind::None;
  bool Measured = false;
  double ResolutionJ = 0;
  const char *Note = "";
  // Per socket / GPU: energy measured over the sampled ticks.
  unsigned NumUnits = 0;
  uint16_t UnitIds[MaxUnits] = {};
  double UnitJ[MaxUnits] = {};
  uint64_t Wraps = 0;
  uint64_t Glitches = 0;   // samples rejected as implausible
  uint64_t Unreadable = 0; // reads that failed or did not parse
};

struct EnergyReport {
  const char *Method = "none"; // "regression", "time-split", "none"
  bool Sampled = false;        // a sampler ran
  bool PhaseLocked = false;    // most ticks followed the counter's updates
  double TickUs = 0;           // mean tick length
  double UpdatePeriodUs = 0;   // the counter's update period, as tracked
  double PollGuardUs = 0;      // polling starts this long before an update
  DomainReport Domains[NumDomains];
  const Attribution *Attr = nullptr;
  // Sampler health.
  uint64_t Ticks = 0;
  uint64_t SoftEnds = 0;      // ticks merged with the next (seen late)
  uint64_t UnlockedTicks = 0; // closed while not locked onto the updates
  uint64_t LockFallbacks = 0; // times locking gave way to periodic reads
  uint64_t Misses = 0;
  uint64_t LateWakes = 0;
  uint64_t Relocks = 0;
  uint64_t RingOverflows = 0;
  uint64_t DroppedEntries = 0;
  bool OthersCpu = false; // /proc/stat covariate available
  double SamplerCpuS = 0;
};

// Called for each thread at every tick (counters/Counters.cpp); set before
// startEnergy.
void setTickSink(const ThreadTickSink &Sink);

// Selects the sources and starts the sampler. Threads() lists the thread
// states (ThreadList::first). Never stops the host program: problems give a
// warning (or a verbose line) and less energy data.
void startEnergy(const EnergyConfig &Cfg, ThreadState *(*Threads)());

// Whether energy is being measured yet: the sampler thread first chooses
// its sources (tens of milliseconds), and what runs before its first tick
// gets no energy. Never: no sampler, or it found no source. Lock-free.
enum class EnergyReadiness { Starting, Measuring, Never };
EnergyReadiness energyReadiness();

// In a forked child: the parent's sampler thread does not exist there; a
// fresh one starts with the CPU source (NVML is not fork-safe: no gpu).
void restartEnergyInChild();

// Brackets a profile write. Final: the sampler stops for good, and a last
// collection gives the tick sink its threads' last counts. Returns the
// report to show, or nullptr when no energy is measured (the sampler may
// still run, for the counters).
const EnergyReport *beginEnergyWrite(bool Final);
void endEnergyWrite(bool Final);

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_ENERGYRUNTIME_H
