//===- DiffData.h - Profiles of model variants, compared --------*- C++ -*-===//
//
// What `frugal diff` computes, apart from how it is printed: per function
// (matched across variants by linkage name, else by name; regions by name),
// per variant, the mean of each metric over the variant's runs with its 95 %
// interval, and for each variant after the first (the baseline) the
// difference from the baseline with Welch's interval, the ratio, and the
// difference's share of the total difference. Rows come sorted: the
// differences that explain most of the total first.
//
// With a region (--region), the rows are what ran inside it: each
// function's figures summed over the calling-context tree under the
// region's nodes (RegionScope.h), the total being the region's.
//
// The programs' own figures (frugal_metric: accuracy, model size) are
// compared too: per variant, the mean over the runs that recorded each.
//
// Runs are added one profile at a time, so that a profile can be dropped
// once added: comparing large profiles needs memory for one profile and the
// rows' numbers.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_DIFFDATA_H
#define FRUGAL_TOOLS_FRUGAL_DIFFDATA_H

#include "Profile.h"
#include "Stats.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Error.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace frugal::diff {

/// The figures compared, in the order of every output.
enum Metric : unsigned { Energy, Exclusive, Inclusive, Calls };
inline constexpr unsigned NumMetrics = 4;
inline constexpr Metric AllMetrics[] = {Energy, Exclusive, Inclusive, Calls};

/// The metric's key in JSON and CSV: energy_j, exclusive_ns, inclusive_ns,
/// calls.
llvm::StringRef metricKey(Metric M);

/// One variant: one or more runs (profiles) of one build.
struct Variant {
  std::string Name;
  std::vector<std::string> Paths; // One per run.
  /// Every run has the energy domain (DiffData::Domain).
  bool HasEnergy = true;
  /// Every run measured the domain; false: some run's figures are modelled.
  bool Measured = true;
  std::vector<std::string> Sources;     // The domain's sources, each once.
  std::vector<std::string> TimingModes; // Of its runs, each once.
};

enum class RowKind { Function, Region, Unattributed, Total };
llvm::StringRef rowKindName(RowKind K); // function, region, ...

/// A variant's figure minus the baseline's.
struct Change {
  double Delta = 0;
  std::optional<double> HalfWidth95; // None: fewer than 2 runs on a side.
  /// None: no interval, so no verdict. False: inside the noise.
  std::optional<bool> Significant;
  std::optional<double> Ratio; // None: absent from a side, or a 0 baseline.
  std::optional<double> Share; // Of the total row's Delta; None if that is 0.
};

/// One variant's figures in one row.
struct Cell {
  bool Present = false; // In some run of the variant.
  /// None: the metric does not apply (no energy domain; time of the
  /// unattributed energy) or the row is absent from the variant.
  std::array<std::optional<stats::MeanCI>, NumMetrics> Values;
  /// Versus the baseline; None for the baseline, and where a side has no
  /// figures. An absent row counts as zero, so that a function that
  /// disappeared still explains its share of the difference.
  std::array<std::optional<Change>, NumMetrics> Changes;
};

/// A figure the programs recorded with frugal_metric, per variant: the
/// mean over the variant's runs that recorded it, and its change from the
/// baseline's.
struct MetricRow {
  std::string Name;
  /// Per variant; None when no run of the variant recorded it.
  std::vector<std::optional<stats::MeanCI>> Values;
  /// Per variant: None for the baseline and where a side has no value.
  /// Share is not set (metrics have no total).
  std::vector<std::optional<Change>> Changes;
};

struct Row {
  RowKind Kind = RowKind::Function;
  std::string Name; // Demangled, as displayName gives it.
  std::string LinkageName;
  std::string File;
  int64_t Line = 0;
  std::vector<Cell> Cells; // One per variant.

  /// The largest |Delta| of \p M over the variants; 0 without changes.
  double largestChange(Metric M) const;
  /// True when some variant's change of \p M is not inside the noise.
  bool explainsDifference(Metric M) const;
};

struct DiffData {
  std::vector<Variant> Variants; // The first is the baseline.
  /// The energy domain compared; None when no profile has energy.
  std::optional<std::string> Domain;
  /// The region the rows are restricted to (--region); None: the whole run.
  std::optional<std::string> Region;
  /// With --per-1k-items: the unit of the region's items (frugal_region_items)
  /// that every run's figures are divided by, per 1000; None: totals.
  std::optional<std::string> PerItemsUnit;
  Metric Sort = Energy;
  size_t Candidates = 0; // Rows before --top, (unattributed) included.
  /// Sorted, cut to --top; (unattributed), when there is energy, comes last
  /// and is not counted by --top.
  std::vector<Row> Rows;
  Row Total;
  /// The programs' metrics, by name.
  std::vector<MetricRow> ProgramMetrics;
  std::vector<std::string> Warnings;

  bool anyRepeated() const; // Some variant has 2 runs or more.
  bool allRepeated() const; // Every variant has.
  bool anyModelled() const; // Some variant's energy is modelled.
};

class DiffBuilder {
public:
  /// \p Variants give names and paths; \p Domain is --domain (empty: the
  /// first domain of the first profile with energy).
  DiffBuilder(std::vector<Variant> Variants, llvm::StringRef Domain);

  /// Compares what ran inside region \p Name only; call before add().
  void restrictToRegion(llvm::StringRef Name);
  /// With restrictToRegion(): every run's figures per 1000 of the region's
  /// items (frugal_region_items), for variants that did different amounts
  /// of work; call before add().
  void perThousandItems() { PerItems = true; }

  /// Adds run \p Run of variant \p V.
  void add(size_t V, size_t Run, const Profile &Prof);

  /// Sorts by \p Sort (Energy falls back to Exclusive without energy) and
  /// keeps the first \p Top rows (0: all) and (unattributed). Call once, after
  /// the last add(). Fails (a usage error) when --domain named a domain no
  /// profile has, when a profile lacks the region of restrictToRegion(), or
  /// when its tree refers to no function or region.
  llvm::Expected<DiffData> finish(Metric Sort, unsigned Top);

private:
  struct Pending {
    RowKind Kind;
    std::string Name, LinkageName, File;
    int64_t Line = 0;
    std::vector<bool> Present;  // Per variant.
    std::vector<double> Values; // Per run (all variants') and metric.
  };

  Pending &row(llvm::StringRef Key, RowKind Kind);
  Pending &functionRow(const FunctionRecord &F,
                       const llvm::StringSet<> &Ambiguous);
  void addRegionScope(size_t V, size_t Run, const Profile &Prof,
                      const EnergyDomain *D);
  llvm::Error regionError() const;
  void finishMetrics(DiffData &Data) const;
  void set(Pending &P, size_t V, size_t Run, Metric M, double Value);
  Row finishRow(const Pending &P) const;

  std::vector<Variant> Variants;
  std::vector<size_t> FirstRun; // Index of variant V's run 0 in Values.
  size_t TotalRuns = 0;
  std::string Domain;
  bool DomainChosen = false;              // Domain is --domain, or was picked.
  std::set<std::string> DomainsSeen;      // In any profile, for messages.
  std::vector<std::string> MissingDomain; // Per variant: a run without it.
  llvm::StringMap<size_t> Index;
  std::vector<Pending> Rows;
  Pending Unattributed, Total;
  /// Per variant, per metric name: the values of the runs that have it.
  std::vector<std::map<std::string, std::vector<double>>> MetricRuns;
  std::string Region;                       // Empty: the whole run.
  std::vector<std::string> RegionMissingIn; // Profiles without it.
  /// Regions every profile has, and any has, for the message when some
  /// profile lacks Region.
  std::optional<std::set<std::string>> CommonRegions;
  std::set<std::string> AnyRegions;
  std::string ScopeError; // The first profile whose tree could not be read.
  std::vector<std::string> FoldedIn; // Profiles where region calls folded.
  bool PerItems = false;
  std::vector<std::string> ItemsMissingIn; // Profiles whose region has none.
  std::set<std::string> ItemUnits;         // Of the region's items, each once.
};

} // namespace frugal::diff

#endif // FRUGAL_TOOLS_FRUGAL_DIFFDATA_H
