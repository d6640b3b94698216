//===- Profile.h - A frugal profile, read and validated ---------*- C++ -*-===//
//
// The in-memory form of the JSON profile described in docs/profile-format.md.
// Reading validates it once, so subcommands can trust every field they use.
// Keys a subcommand needs are required; descriptive extras are optional, so
// that older or hand-trimmed profiles still read.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_PROFILE_H
#define FRUGAL_TOOLS_FRUGAL_PROFILE_H

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// The schema_versions this frugal reads: 3 added counters and allocations
/// (optional fields), so a version-2 profile reads as one without them.
/// 4 added functions' sampled argument values ("args", optional).
/// 5 added the program's "metrics" and regions' "items" (both optional).
inline constexpr int64_t OldestSchemaVersion = 2;
inline constexpr int64_t SupportedSchemaVersion = 5;

/// Nanoseconds; "time_ns" in the profile.
struct Times {
  int64_t Inclusive = 0;
  int64_t Exclusive = 0;
};

struct ProgramInfo {
  std::vector<std::string> Argv;
  std::string Executable;
  int64_t Pid = 0;
  std::string Host;
  std::optional<int64_t> Rank;
  std::optional<int64_t> StartUnixNs; // None: not in the profile.
  int64_t WallNs = 0;
  std::string End;
  std::optional<int64_t> PeakRssBytes; // None: unknown (or an older profile)
};

struct MachineInfo {
  std::string CpuModel;
  int64_t Cores = 0;
  std::string Timer;
};

/// How calls were timed ("timing" in the profile): "exact" (each call's
/// entry and exit read the clock; profiles without the key), "sampled"
/// (FRUGAL_TIMING=sampled: the time between the sampler's ticks went to the
/// stack seen at each tick) or, for merged profiles, "mixed".
struct TimingInfo {
  std::string Mode = "exact";
  int64_t SamplePeriodUs = 0;
  int64_t StackSamples = 0;

  bool sampled() const { return Mode != "exact"; }
  /// "sampled every 1 ms, 3,456 stack samples" and the like.
  std::string describe() const;
};

/// Joules of one energy domain spent in a function, region or tree node;
/// "energy_j" in the profile.
struct DomainEnergy {
  double Inclusive = 0;
  double Exclusive = 0;
  double Dynamic = 0; // Exclusive energy above the baseline (idle) power.
  double DynamicInclusive = 0;
};

/// The mean power of a function or region while it ran, in one domain;
/// "power_w" in the profile.
struct DomainPower {
  std::optional<double> MeanW;   // None: no estimate.
  std::optional<double> StderrW; // None: no estimate of the error.
  bool Resolved = false; // False: the data could not separate it from others.
};

/// Per-item figures, by domain name ("package", "gpu", ...).
using EnergyByDomain = std::map<std::string, DomainEnergy>;
using PowerByDomain = std::map<std::string, DomainPower>;

/// The energy one socket or GPU of a domain measured.
struct EnergyUnit {
  int64_t Unit = 0;
  double EnergyJ = 0;
};

/// How the regression that splits a domain's energy fitted.
struct RegressionInfo {
  bool BaselineIdentified = false;
  double BaselineStderrW = 0;
  double OthersWPerCpuS = 0;
  double PooledW = 0;
  double ResidualStdJ = 0;
};

/// One energy domain and the source that produced its figures.
struct EnergyDomain {
  std::string Name;   // package, core, uncore, dram, psys or gpu.
  std::string Source; // perf, powercap, msr, model or nvml.
  /// False: the figures are a model's estimates, never to be shown as
  /// measurements. The "model" source is never measured.
  bool Measured = false;
  double ResolutionJ = 0;
  std::string Note;
  std::vector<EnergyUnit> Units;
  int64_t Wraps = 0;
  int64_t RejectedSamples = 0;
  int64_t Rows = 0;
  std::optional<RegressionInfo> Regression;
};

/// The health of the energy sampler thread.
struct SamplerInfo {
  int64_t Ticks = 0;
  int64_t Windows = 0;
  int64_t MissedUpdates = 0;
  int64_t LateWakes = 0;
  int64_t Relocks = 0;
  int64_t RingOverflows = 0;
  int64_t DroppedEntries = 0;
  int64_t FunctionColumns = 0;
  int64_t FunctionsInRest = 0;
  bool OthersCpuCovariate = false;
  double CpuS = 0;
};

struct EnergyInfo {
  /// measured, modelled, mixed or not-measured; reading checks that it
  /// agrees with the domains' Measured flags.
  std::string Status;
  std::string Method = "none"; // regression, time-split or none.
  std::optional<double> TickUs;
  bool PhaseLocked = false;
  /// In the order package, core, uncore, dram, psys, gpu (then any other
  /// name, alphabetically); empty when nothing was measured or modelled.
  std::vector<EnergyDomain> Domains;
  /// Baseline (idle) power by domain; None: not identified.
  std::map<std::string, std::optional<double>> BaselineW;
  std::optional<SamplerInfo> Sampler; // None when not measured.

  /// True when the profile has energy figures, measured or modelled.
  bool hasEnergy() const { return !Domains.empty(); }
  /// The domain called \p Name, or null.
  const EnergyDomain *domain(llvm::StringRef Name) const;
  /// The domain commands show without --domain: package, else the first;
  /// null without energy.
  const EnergyDomain *defaultDomain() const;
  /// The baseline power of domain \p Name, None when not identified.
  std::optional<double> baselineW(llvm::StringRef Name) const;
};

/// Where domain \p Name goes in EnergyInfo::Domains: package, core, uncore,
/// dram, psys, gpu rank 0 to 5, any other name ranks after them (names of
/// one rank sort alphabetically).
unsigned energyDomainRank(llvm::StringRef Name);

/// "totals": whole-run energy per domain. For each domain, the exclusive
/// energy of all functions and regions plus the unattributed energy is the
/// total.
struct EnergyTotals {
  std::map<std::string, double> EnergyJ;
  std::map<std::string, double> UnattributedJ;
  std::optional<double> SampledS;
};

/// One event's counts in a function, region or tree node; "counters" in the
/// profile. Nanoseconds for the clock events (EventInfo::Unit "ns").
struct EventCounts {
  int64_t Inclusive = 0;
  int64_t Exclusive = 0;
};

/// Per-item counts, by event name (EventInfo::Name); only counted events.
using CountsByEvent = std::map<std::string, EventCounts>;

/// The allocations made while an item was on top, and the frees of those
/// blocks; "alloc" in the profile.
struct AllocCounts {
  int64_t Bytes = 0;
  int64_t Count = 0;
  int64_t Frees = 0;
  int64_t FreedBytes = 0;
  int64_t PeakLiveBytes = 0;
  int64_t InclusiveBytes = 0; // With the callees' allocations.
  int64_t InclusiveCount = 0;
};

/// One name of FRUGAL_EVENTS and what became of it; "events" in the profile
/// (schema_version 3).
struct EventInfo {
  std::string Name;                     // The key of "counters".
  std::optional<std::string> Canonical; // None when unknown.
  std::string Status;                   // ok, unavailable or unknown.
  std::optional<std::string> Reason;    // Why it was not counted.
  std::optional<std::string> Method;    // rdpmc or sampler; None: not counted.
  std::string Unit = "count";           // count, or ns for the clock events.
  /// Multiplexed: some readings were scaled by time_enabled / time_running,
  /// the lowest of which is RunningFraction.
  bool Scaled = false;
  std::optional<double> RunningFraction;
  std::optional<int64_t> Total;
  std::optional<int64_t> Unattributed; // The part of Total no node got.

  /// True when the profile has figures for it.
  bool counted() const { return Status == "ok"; }
  /// True when its counts are nanoseconds.
  bool isTime() const { return Unit == "ns"; }
};

/// "alloc_tracking": whether allocations were tracked, and the process's
/// totals when they were.
struct AllocTracking {
  std::string Status = "off"; // on, off or unavailable.
  std::optional<std::string> Reason;
  int64_t Bytes = 0;
  int64_t Count = 0;
  int64_t Frees = 0;
  int64_t FreedBytes = 0;
  int64_t PeakLiveBytes = 0;
  int64_t UnattributedBytes = 0; // Allocations in no function.
  int64_t UnattributedCount = 0;
  int64_t UntrackedBlocks = 0; // Blocks the live-block table had no room for.

  bool on() const { return Status == "on"; }
};

/// The values of a function's integer parameters in a bounded sample of its
/// calls, recorded when the program was compiled with argument recording
/// (docs/instrumentation.md); "args" in the profile (schema_version 4).
struct ArgSamples {
  std::vector<std::string> Names; // The recorded parameters, in source order.
  /// One row per sampled call, one value per name.
  std::vector<std::vector<int64_t>> Samples;
  /// Why fewer parameters (or none) were recorded; empty when all were.
  std::string Note;
};

struct FunctionRecord {
  int64_t Id = 0;
  std::string Name;
  std::string LinkageName;
  std::string Module;
  std::string File;
  std::string ResolvedFile;
  int64_t Line = 0;
  int64_t Calls = 0;
  Times Time;
  bool Filtered = false;
  std::string FilterReason;
  EnergyByDomain Energy;            // Empty when energy was not measured.
  PowerByDomain Power;              // Empty also when never called.
  CountsByEvent Counters;           // Empty when no event was counted.
  std::optional<AllocCounts> Alloc; // None unless allocations were tracked.
  std::optional<ArgSamples> Args;   // None unless arguments were recorded.
};

/// Units of work a region did, as the program counted them with
/// frugal_region_items (samples predicted, tokens...); "items" in the
/// profile (schema_version 5).
struct RegionItems {
  int64_t Count = 0;
  std::string Unit; // "items" when the program named none.
};

struct RegionRecord {
  int64_t Id = 0;
  std::string Name;
  int64_t Calls = 0;
  Times Time;
  EnergyByDomain Energy;
  PowerByDomain Power;
  CountsByEvent Counters;
  std::optional<AllocCounts> Alloc;
  std::optional<RegionItems> Items; // None when the program counted none.
};

struct TreeNode {
  int64_t Id = 0;
  std::optional<int64_t> Parent; // None for the root.
  std::optional<int64_t> Ref;    // A function or region id; None for root.
  int64_t Calls = 0;
  Times Time;
  int64_t FoldedCalls = 0;
  EnergyByDomain Energy;
  PowerByDomain Power; // Empty for the root.
  CountsByEvent Counters;
  std::optional<AllocCounts> Alloc;
};

struct CallTree {
  int64_t MaxNodesPerThread = 0;
  int64_t FoldedCalls = 0;
  std::vector<TreeNode> Nodes;
};

struct ThreadRecord {
  int64_t Index = 0;
  int64_t Tid = 0;
  std::string Name;
  bool Ended = false;
  int64_t Calls = 0;
  /// What the thread's nodes received, by counted event.
  std::map<std::string, int64_t> Counters;
};

/// One process of a merged profile (`frugal merge`): its own totals, kept
/// beside the sums; "processes" in the profile (optional, any
/// schema_version).
struct ProcessInfo {
  std::string Profile; // The path merge read it from.
  std::string Executable;
  int64_t Pid = 0;
  std::optional<int64_t> Rank;
  std::string Host;
  std::optional<int64_t> StartUnixNs;
  int64_t WallNs = 0;
  std::string End;
  std::optional<int64_t> PeakRssBytes;
  /// Exclusive time of all its functions and regions, all threads.
  int64_t TimeNs = 0;
  int64_t Calls = 0; // Of its functions and regions.
  int64_t Threads = 0;
  /// totals.energy_j of the process, by domain, and whether each domain was
  /// measured there (false: modelled).
  std::map<std::string, double> EnergyJ;
  std::map<std::string, bool> Measured;
  /// The process's own "metrics" (frugal_metric); the merged profile's are
  /// their means. Optional: empty when it recorded none.
  std::map<std::string, double> Metrics;
};

struct Profile {
  int64_t SchemaVersion = 0;
  std::string Generator;
  ProgramInfo Program;
  MachineInfo Machine;
  TimingInfo Timing;
  EnergyInfo Energy;
  std::vector<FunctionRecord> Functions;
  std::vector<RegionRecord> Regions;
  CallTree Tree;
  std::vector<ThreadRecord> Threads;
  /// Present when Energy has domains (optional otherwise).
  std::optional<EnergyTotals> Totals;
  /// FRUGAL_EVENTS in the order given; empty before schema_version 3.
  std::vector<EventInfo> Events;
  AllocTracking Alloc; // "off" before schema_version 3.
  /// The processes a merged profile joins; empty for one process's profile.
  std::vector<ProcessInfo> Processes;
  /// Figures the program recorded with frugal_metric (test accuracy,
  /// loss...), by name; "metrics" in the profile (schema_version 5).
  std::map<std::string, double> Metrics;

  /// The event called \p Name, or null.
  const EventInfo *event(llvm::StringRef Name) const;
  /// The events with figures, in the profile's order, each name once.
  std::vector<const EventInfo *> countedEvents() const;
};

/// Reads and validates the profile at \p Path. Errors say what is wrong
/// (with the JSON line and column, or the path of the bad key) and how to fix
/// it, as printError expects.
llvm::Expected<Profile> readProfile(llvm::StringRef Path);

/// Validates profile text; \p Path is only used in messages.
llvm::Expected<Profile> parseProfile(llvm::StringRef Text,
                                     llvm::StringRef Path);

/// Writes \p Prof as a profile that readProfile reads back: the keys this
/// struct holds (not the runtime's diagnostics that frugal does not read:
/// build, the hook costs, modules, ir, per-thread function lists), at
/// schema_version SupportedSchemaVersion, streamed (no JSON tree in memory).
/// Writes "events": [...] as the profile has it, into an open object of
/// \p J (frugal merge's profiles and frugal summary's JSON).
void writeEventsJson(llvm::json::OStream &J, llvm::ArrayRef<EventInfo> Events);

void writeProfile(llvm::raw_ostream &OS, const Profile &Prof);

/// A profile's functions and regions by id (a tree node's ref is either).
struct ItemsById {
  llvm::DenseMap<int64_t, const FunctionRecord *> Functions;
  llvm::DenseMap<int64_t, const RegionRecord *> Regions;
};
ItemsById indexItems(const Profile &Prof);

/// The name to show for \p F: demangled, even when the runtime could not.
std::string displayName(const FunctionRecord &F);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_PROFILE_H
