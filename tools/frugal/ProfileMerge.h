//===- ProfileMerge.h - Several processes' profiles as one ------*- C++ -*-===//
//
// `frugal merge`: the profiles of the processes of one job (MPI ranks, Slurm
// tasks, forked workers) joined into one profile that every command reads,
// with each process's own totals kept in "processes". The rules are in
// docs/profile-format.md ("Merged profiles").
//
// Profiles are added one at a time and may be dropped after add(), so that
// merging many large profiles needs memory for the result and one input.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_PROFILEMERGE_H
#define FRUGAL_TOOLS_FRUGAL_PROFILEMERGE_H

#include "Profile.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace frugal {

/// Functions' sampled arguments keep at most this many rows
/// (docs/profile-format.md, "Sampled arguments").
inline constexpr size_t MaxArgSamples = 16;

/// How many rows each of several processes' samples of one function gives
/// a merged sample of at most \p Max rows: in proportion to the process's
/// \p Calls of the function (largest remainder; ties go to the earlier
/// process), never more than its \p Rows, the rows a capped process cannot
/// give going to the others. All rows when they are at most \p Max.
std::vector<size_t> allocateSampleRows(llvm::ArrayRef<int64_t> Calls,
                                       llvm::ArrayRef<size_t> Rows, size_t Max);

class ProfileMerger {
public:
  /// \p Force accepts profiles of different executables, and the same
  /// process twice.
  explicit ProfileMerger(bool Force) : Force(Force) {}

  /// Adds the profile read from \p Path. Fails, adding nothing, when the
  /// profile cannot join the others (another executable, a process already
  /// added, a tree node that refers to no function or region): a usage
  /// error, since the user chose the files.
  llvm::Error add(const Profile &Prof, llvm::StringRef Path);

  /// The merged profile; call once, after the last add().
  Profile finish();

  /// Things the user should know about the result (one line each, without
  /// "warning:"), known once finish() returned.
  const std::vector<std::string> &warnings() const { return Warnings; }

private:
  /// A mean power being combined over processes: each process's mean
  /// weighted by the item's exclusive time there.
  struct PowerSum {
    unsigned Seen = 0;   // Processes with a power_w entry.
    unsigned Means = 0;  // ... of which with a mean.
    double Weight = 0;   // Σ t
    double Weighted = 0; // Σ t·mean
    double Variance = 0; // Σ (t·stderr)²
    double Plain = 0;    // Σ mean, for items whose times are all 0.
    double PlainVariance = 0;
    bool AllStderr = true;
    bool AllResolved = true;
    DomainPower First;
  };
  using PowerSums = std::map<std::string, PowerSum>;

  /// What one domain looked like in each process that had it.
  struct DomainState {
    unsigned Processes = 0;
    unsigned MeasuredIn = 0;
    std::set<std::string> Sources, Notes, Hosts;
    bool HostRepeated = false; // Two processes measured it on one host.
    bool BaselinesIdentified = true;
    double BaselineSum = 0;
  };

  struct EventState {
    unsigned CountedIn = 0;
    bool AllTotals = true;
  };

  /// A function's sampled arguments, per input whose parameters are the
  /// first's; the rows are chosen once all are known.
  struct ArgsState {
    std::vector<int64_t> Calls;
    std::vector<std::vector<std::vector<int64_t>>> Samples;
    unsigned Mismatched = 0;          // Inputs with other parameters.
    std::set<std::string> OtherNames; // Theirs, comma-separated.
  };

  /// A region's counted work (items) over the inputs: how many processes
  /// ran it and how many of those counted items, and the units they named.
  struct ItemsState {
    unsigned WithRegion = 0;
    unsigned WithItems = 0;
    std::set<std::string> Units;
  };

  /// A metric over the processes that recorded it: Σ value, how many.
  struct MetricSum {
    double Sum = 0;
    unsigned Processes = 0;
  };

  using FunctionKey = std::tuple<std::string, std::string, int64_t>;

  llvm::Error check(const Profile &Prof, llvm::StringRef Path);
  void addProcesses(const Profile &Prof, llvm::StringRef Path);
  void mergeProgram(const Profile &Prof);
  void mergeEnergy(const Profile &Prof);
  void mergeEvents(const Profile &Prof);
  void mergeAlloc(const Profile &Prof);
  void mergeMetrics(const Profile &Prof);
  void mergeFunctions(const Profile &Prof,
                      llvm::DenseMap<int64_t, int64_t> &Ids);
  void mergeRegions(const Profile &Prof, llvm::DenseMap<int64_t, int64_t> &Ids);
  void mergeTree(const Profile &Prof,
                 const llvm::DenseMap<int64_t, int64_t> &Ids);
  void finishEnergy();
  void finishEvents();
  void finishAlloc();
  void finishArgs();
  void finishMetrics();
  void finishItems();

  bool Force;
  unsigned Inputs = 0;       // Profiles added.
  unsigned ProcessCount = 0; // Processes in them (a merged input has many).
  Profile Out;
  std::vector<std::string> Warnings;
  std::map<std::string, DomainState> Domains;
  std::map<std::string, EventState> Events;
  bool EnergySeen = false;
  unsigned AllocOn = 0;    // Processes that tracked allocations.
  std::string NotOnStatus; // The first "unavailable" (or other) status.
  std::optional<std::string> NotOnReason;

  int64_t NextId = 1; // Functions and regions share one id space.
  std::map<FunctionKey, size_t> FunctionIndex;
  std::map<std::string, size_t> RegionIndex;
  std::map<std::pair<int64_t, int64_t>, size_t> NodeIndex;
  std::vector<PowerSums> FunctionPower, RegionPower, NodePower;
  std::vector<ArgsState> FunctionArgs; // Per function of Out.
  std::vector<ItemsState> RegionItems; // Per region of Out.
  std::map<std::string, MetricSum> Metrics;
};

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_PROFILEMERGE_H
