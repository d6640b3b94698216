//===- VariantTable.h - Model variants by quality and energy ----*- C++ -*-===//
//
// What `frugal variants` computes, apart from how it is printed: one row per
// model variant (one profile, or the mean of repeated runs) with the quality
// metric the program recorded (frugal_metric: accuracy...), the energy and
// time of its training region, those of its inference region per 1000 units
// of work (frugal_region_items: samples...), the function that spent the
// most energy and its static complexity, and whether the variant is on the
// Pareto front of quality against energy: "as well with less".
//
// Runs are added one profile at a time, so that a profile can be dropped
// once added: memory is one profile and the rows' figures.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_VARIANTTABLE_H
#define FRUGAL_TOOLS_FRUGAL_VARIANTTABLE_H

#include "DiffData.h"
#include "Profile.h"
#include "StaticData.h"

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace frugal::variants {

/// The order of the rows: as given, best metric first, or cheapest
/// training or inference first.
enum class SortKey { Input, Metric, Training, Inference };

/// One region of one variant, as the mean over its runs; None where a run
/// lacks the region, or the domain for energy.
struct RegionFigures {
  bool Present = false;          // Every run has the region.
  std::optional<double> EnergyJ; // Inclusive energy of the domain.
  std::optional<double> TimeNs;  // Inclusive time.
  double Calls = 0;
  /// Units of work (frugal_region_items), when every run counted some.
  std::optional<double> Items;
  std::string ItemsUnit;
  /// Per 1000 items: each run's figure over its own items, then the mean.
  std::optional<double> EnergyJPer1k;
  std::optional<double> TimeNsPer1k;
};

/// The function that spent the most exclusive energy over the whole run
/// (exclusive time when the variant has no energy), as the mean over runs.
struct TopFunction {
  std::string Name; // Demangled.
  std::string LinkageName;
  bool RankedByEnergy = true;
  std::optional<double> EnergyJ;
  double TimeNs = 0;
  /// Of the whole run's energy (totals), or of all functions' and regions'
  /// exclusive time when ranked by time.
  std::optional<double> Share;
  /// big-O of the static analysis joined to it; None without the analysis,
  /// when the analysis does not have the function or could not tell.
  std::optional<std::string> Complexity;
};

struct VariantRow {
  std::string Name;
  std::vector<std::string> Paths; // One per run.
  /// Every run has the energy domain; Measured: in every run.
  bool HasEnergy = false;
  bool Measured = true;
  std::vector<std::string> Sources; // The domain's sources, each once.
  /// The metrics every run recorded, as means over the runs.
  std::map<std::string, double> Metrics;
  std::optional<double> Metric; // The chosen metric (VariantTable::Metric).
  RegionFigures Training, Inference;
  std::optional<double> TotalEnergyJ; // The whole run's (totals).
  double WallNs = 0;
  std::optional<TopFunction> Top;
  /// On the Pareto front of the metric against that energy; None when the
  /// variant lacks either figure.
  std::optional<bool> FrontTraining, FrontInference;
  size_t InputIndex = 0; // Its position on the command line.
};

struct VariantTable {
  std::vector<VariantRow> Rows; // Sorted.
  /// The energy domain shown; None when no profile has energy.
  std::optional<std::string> Domain;
  std::optional<std::string> Metric; // None: no metric every profile has.
  std::vector<std::string> MetricsEveryProfileHas;
  std::string TrainingRegion, InferenceRegion;
  /// The inference column is per 1000 items (every run counted items of one
  /// unit); false: the region's whole energy and time.
  bool InferencePerItem = false;
  std::string ItemsUnit; // When InferencePerItem.
  bool HasStatic = false;
  std::string StaticSource;
  SortKey Sort = SortKey::Input;
  /// Lines for the reader: what a column shows or lacks, and why.
  std::vector<std::string> Notes;
  /// Lines about figures that do not compare (measured beside modelled,
  /// a variant without the domain).
  std::vector<std::string> Warnings;

  bool anyModelled() const; // Some variant's energy is modelled.
  bool anyMeasured() const;
  /// "measured", "modelled", "mixed" or "none".
  llvm::StringRef energyStatus() const;
};

/// Where a variant is on the front of (Metric up, Energy down): for each
/// point, None when it lacks a figure, else whether no other point has a
/// metric at least as high and an energy at most as low, one of them
/// strictly. Equal points are all on the front.
std::vector<std::optional<bool>>
paretoFront(const std::vector<std::optional<double>> &Metric,
            const std::vector<std::optional<double>> &Energy);

/// "Mlp::forward(…)" for "frugal::Mlp::forward(std::span<float const>) const":
/// the last \p Scopes scopes, without the return type, and with the
/// parameters and template arguments elided, for a narrow column (where
/// analysis::shortFunctionName keeps every scope and cuts the middle).
std::string shortFunctionName(llvm::StringRef Name, unsigned Scopes = 2);

struct Options {
  std::string Domain; // --domain; empty: the first profile's default.
  std::string Metric; // --metric; empty: accuracy, else the first shared.
  std::string TrainingRegion = "training";
  std::string InferenceRegion = "inference";
  SortKey Sort = SortKey::Input;
};

class VariantTableBuilder {
public:
  VariantTableBuilder(std::vector<diff::Variant> Variants, Options Opts,
                      const StaticAnalysis *Static);

  /// Adds run \p Run of variant \p V.
  void add(size_t V, size_t Run, const Profile &Prof);

  /// Computes the rows; call once, after the last add(). Fails (a usage
  /// error) when --domain or --metric names something no profile has, or
  /// --sort metric has no metric to sort by.
  llvm::Expected<VariantTable> finish();

private:
  /// One run's figures of a region; None: the run lacks it.
  struct RegionRun {
    std::optional<double> EnergyJ; // None: no energy in the domain.
    int64_t TimeNs = 0;
    int64_t Calls = 0;
    std::optional<RegionItems> Items;
  };
  struct Run {
    std::map<std::string, double> Metrics;
    std::optional<RegionRun> Training, Inference;
    std::optional<double> TotalEnergyJ;
    int64_t WallNs = 0;
    int64_t ExclusiveNs = 0; // Of all functions and regions.
    bool HasDomain = false;
    bool Measured = false;
    std::string Source;
  };
  /// A function's figures summed over a variant's runs.
  struct FunctionSum {
    std::string Name, LinkageName;
    double EnergyJ = 0;
    double TimeNs = 0;
    std::optional<std::string> Complexity;
  };

  RegionFigures regionFigures(size_t V, bool Training,
                              bool &PerItemPossible) const;

  std::vector<diff::Variant> Variants;
  Options Opts;
  const StaticAnalysis *Static;
  std::string Domain;
  bool DomainChosen = false;
  std::set<std::string> DomainsSeen, MetricsSeen, RegionsSeen;
  std::vector<std::vector<Run>> Runs; // Per variant, per run.
  /// Per variant: functions by key (linkage name, else name).
  std::vector<llvm::StringMap<FunctionSum>> Functions;
};

} // namespace frugal::variants

#endif // FRUGAL_TOOLS_FRUGAL_VARIANTTABLE_H
