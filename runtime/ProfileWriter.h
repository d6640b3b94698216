//===- ProfileWriter.h - The profile document (docs/profile-format.md) ----===//
#ifndef FRUGAL_RUNTIME_PROFILEWRITER_H
#define FRUGAL_RUNTIME_PROFILEWRITER_H

#include "Clock.h"
#include "SystemInfo.h"
#include "ThreadState.h"

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

namespace energy {
struct EnergyReport;
} // namespace energy
namespace counters {
struct EventReport;
} // namespace counters
namespace alloc {
struct AllocReport;
} // namespace alloc

class JsonWriter;
class ProgramMetricTable;
class Registry;
class RegionTable;
struct ProfileSnapshot;

// Everything one profile shows, gathered by the caller.
struct ProfileDocument {
  // program
  const char *Argv = nullptr; // /proc/self/cmdline: NUL-separated
  size_t ArgvLen = 0;
  const char *Executable = "";
  int64_t Pid = 0;
  const char *Host = "";
  RankInfo Rank;
  uint64_t StartUnixNs = 0;
  uint64_t WallNs = 0;
  uint64_t PeakRssBytes = 0; // getrusage ru_maxrss; 0 when unknown
  const char *End = "exit";
  // frugal_metric's table, read lock-free; nullptr writes "metrics": {}
  const ProgramMetricTable *Metrics = nullptr;
  // machine
  const MachineInfo *Machine = nullptr;
  TimerKind Timer = TimerKind::Monotonic;
  bool TscInvariant = false;
  TickRate Rate;
  // timing
  bool OverheadCorrection = false;
  HookCost MeasuredCost; // reported even when correction is off
  // FRUGAL_TIMING=sampled: the tick and the stacks sampled by all threads.
  bool SampledTiming = false;
  uint64_t SamplePeriodUs = 0;
  uint64_t StackSamples = 0;
  // data; Modules is locked by the caller
  const Registry *Modules = nullptr;
  const RegionTable *Regions = nullptr;
  const ProfileSnapshot *Snapshot = nullptr;
  uint64_t MaxNodesPerThread = 0;
  // energy; nullptr when nothing is measured or modelled
  const energy::EnergyReport *Energy = nullptr;
  // FRUGAL_EVENTS, in the order given; metrics per node in the snapshot
  const counters::EventReport *Events = nullptr;
  unsigned NumEvents = 0;
  // FRUGAL_TRACK_ALLOC
  const alloc::AllocReport *Alloc = nullptr;
};

// Writes the whole document; the caller calls W.finish().
void emitProfile(JsonWriter &W, const ProfileDocument &Doc);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_PROFILEWRITER_H
