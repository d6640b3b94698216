//===- Diff.cpp - `frugal diff`: model variants side by side --------------===//
//
// Each positional argument is a variant, the first the baseline; a
// comma-separated list (A1.json,A2.json,A3.json) gives repeated runs of one
// variant, whose means come with 95 % intervals. DiffData computes the
// figures; this file reads the profiles and prints them: a 100-column table,
// CSV (one line per row and variant), JSON (docs/reports.md has its schema;
// the HTML page draws from it), Markdown, or HTML.
//
// --region NAME compares what ran inside region NAME only: each function's
// figures summed over the calling-context tree under the region.
//
// The programs' own metrics (frugal_metric) are shown per variant beside
// the rows: a short table, JSON's variants[].metrics, CSV's metric_ columns.
//
// Energy from a model is labelled MODELLED in every format, and variants
// whose energy was measured in one and modelled in another get a warning:
// the two are different quantities.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "DiffData.h"
#include "Html.h"
#include "Markdown.h"
#include "Options.h"
#include "OutputFile.h"
#include "Profile.h"
#include "ProgramMetrics.h"
#include "Table.h"
#include "Units.h"
#include "VariantArgs.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <map>

using namespace llvm;
using namespace frugal;
using namespace frugal::diff;

namespace {
enum class SortKey { Energy, Exclusive, Inclusive, Calls };
} // namespace

static cl::SubCommand
    DiffCommand("diff", "Compare model variants' profiles, per function and "
                        "in total, with confidence intervals over runs");
static cl::OptionCategory DiffCategory("frugal diff options");

static cl::list<std::string>
    VariantArgs(cl::Positional, cl::OneOrMore,
                cl::desc("<baseline.json> <variant.json>... (runs of one "
                         "variant: a1.json,a2.json,...)"),
                cl::sub(DiffCommand), cl::cat(DiffCategory));
static cl::opt<std::string>
    DomainName("domain",
               cl::desc("Energy domain compared (default: the first of the "
                        "first profile with energy: package, else core, "
                        "...)"),
               cl::value_desc("NAME"), cl::sub(DiffCommand),
               cl::cat(DiffCategory));
// The names of `frugal summary`, and those of `frugal report`'s columns
// for the same figures.
static cl::opt<SortKey, false, ValuesParser<SortKey>> Sort(
    "sort",
    cl::desc("The figure whose differences order the rows and fill the "
             "table (default: energy, or exclusive without energy)"),
    cl::values(clEnumValN(SortKey::Energy, "energy", "exclusive energy"),
               clEnumValN(SortKey::Energy, "self-energy", "the same as energy"),
               clEnumValN(SortKey::Exclusive, "exclusive", "exclusive time"),
               clEnumValN(SortKey::Exclusive, "self-time",
                          "the same as exclusive"),
               clEnumValN(SortKey::Inclusive, "inclusive", "inclusive time"),
               clEnumValN(SortKey::Inclusive, "time", "the same as inclusive"),
               clEnumValN(SortKey::Calls, "calls", "calls")),
    cl::init(SortKey::Energy), cl::sub(DiffCommand), cl::cat(DiffCategory));
static cl::opt<unsigned> Top("top",
                             cl::desc("Rows to show besides the total; 0 "
                                      "shows all"),
                             cl::value_desc("N"), cl::init(20),
                             cl::sub(DiffCommand), cl::cat(DiffCategory));
static cl::opt<ReportFormat, false, ValuesParser<ReportFormat>>
    Format("format", cl::desc("Output format"), reportFormatValues(),
           cl::init(ReportFormat::Table), cl::sub(DiffCommand),
           cl::cat(DiffCategory));
static cl::opt<std::string>
    OutputPath("o", cl::desc("Write the output to FILE (replaced atomically)"),
               cl::value_desc("FILE"), cl::sub(DiffCommand),
               cl::cat(DiffCategory));
static cl::opt<std::string> RegionName(
    "region",
    cl::desc("Compare what ran inside region NAME only: each function's "
             "figures summed over the calling contexts under the region; the "
             "total is the region's"),
    cl::value_desc("NAME"), cl::sub(DiffCommand), cl::cat(DiffCategory));
static cl::opt<bool> PerThousandItems(
    "per-1k-items",
    cl::desc("With --region: every run's figures per 1000 of the items the "
             "region counted (frugal_region_items), for variants that did "
             "different amounts of work"),
    cl::sub(DiffCommand), cl::cat(DiffCategory));
static cl::opt<std::string>
    Names("names",
          cl::desc("The variants' names, comma-separated, one per variant "
                   "(default: the profiles' file names)"),
          cl::value_desc("A,B,..."), cl::sub(DiffCommand),
          cl::cat(DiffCategory));

static constexpr unsigned TableWidth = 100;
// The table drops columns before names get narrower than this.
static constexpr unsigned MinNameWidth = 24;
// Variant names in the table's headers are cut to this width.
static constexpr unsigned MaxVariantHeaderWidth = 12;

static Metric metricOf(SortKey K) {
  switch (K) {
  case SortKey::Energy:
    return Energy;
  case SortKey::Exclusive:
    return Exclusive;
  case SortKey::Inclusive:
    return Inclusive;
  case SortKey::Calls:
    return Calls;
  }
  llvm_unreachable("unknown sort key");
}

// "energy", "exclusive time", ... for headers and legends.
static StringRef metricLabel(Metric M) {
  switch (M) {
  case Energy:
    return "energy";
  case Exclusive:
    return "exclusive time";
  case Inclusive:
    return "inclusive time";
  case Calls:
    return "calls";
  }
  llvm_unreachable("unknown metric");
}

//===----------------------------------------------------------------------===//
// Reading the variants.
//===----------------------------------------------------------------------===//

// Reads every run, one profile in memory at a time.
static Expected<DiffData> readDiff() {
  Expected<std::vector<Variant>> Variants = parseVariantArgs(
      VariantArgs,
      Names.getNumOccurrences() ? std::optional<StringRef>(Names)
                                : std::nullopt,
      "diff", 2);
  if (!Variants)
    return Variants.takeError();
  std::vector<std::vector<std::string>> Paths;
  for (const Variant &V : *Variants)
    Paths.push_back(V.Paths);
  DiffBuilder Builder(std::move(*Variants), DomainName);
  if (RegionName.getNumOccurrences()) {
    if (StringRef(RegionName).trim().empty())
      return makeError("--region names no region",
                       "give a region's name, e.g. --region=inference");
    Builder.restrictToRegion(RegionName);
    if (PerThousandItems)
      Builder.perThousandItems();
  } else if (PerThousandItems) {
    return makeError("--per-1k-items needs --region",
                     "name the region whose items divide the figures, e.g. "
                     "--region=inference --per-1k-items");
  }
  for (size_t V = 0; V < Paths.size(); ++V)
    for (size_t Run = 0; Run < Paths[V].size(); ++Run) {
      Expected<Profile> Prof = readProfile(Paths[V][Run]);
      if (!Prof)
        return Prof.takeError();
      Builder.add(V, Run, *Prof);
    }
  return Builder.finish(metricOf(Sort), Top);
}

//===----------------------------------------------------------------------===//
// Numbers as text.
//===----------------------------------------------------------------------===//

// A figure of metric \p M in its unit: "12.3 mJ", "4.56 ms", "1.23k".
static std::string formatValue(Metric M, double Value) {
  switch (M) {
  case Energy:
    return formatEnergy(Value);
  case Exclusive:
  case Inclusive:
    return formatDuration(std::llround(Value));
  case Calls:
    return formatCount(std::llround(Value));
  }
  llvm_unreachable("unknown metric");
}

// "+1.23 mJ", "-4.56 ms", "0 ns".
static std::string formatSigned(Metric M, double Value) {
  std::string Text = formatValue(M, std::abs(Value));
  if (Value > 0)
    return "+" + Text;
  if (Value < 0)
    return "-" + Text;
  return Text;
}

// "0.944", "1.00", "12.3", "156": three significant digits, or more.
static std::string formatRatio(double Ratio) {
  std::string Text;
  raw_string_ostream(Text) << format(Ratio >= 100 ? "%.0f" : "%#.3g", Ratio);
  return Text;
}

// Where a variant has no such function or region.
static constexpr StringLiteral Absent = "—";

// A variant's mean, with "± half-width" when \p WithInterval and it has one.
static std::string valueText(const Cell &C, Metric M, bool WithInterval) {
  if (!C.Present)
    return Absent.str();
  if (!C.Values[M])
    return "";
  std::string Text = formatValue(M, C.Values[M]->Mean);
  if (WithInterval && C.Values[M]->HalfWidth95)
    Text += " ± " + formatValue(M, *C.Values[M]->HalfWidth95);
  return Text;
}

// "+1.23 J ± 0.40 J", "≈-12 mJ ± 30 mJ" inside the noise.
static std::string changeText(const Cell &C, Metric M, bool WithInterval) {
  const std::optional<Change> &Ch = C.Changes[M];
  if (!Ch)
    return "";
  std::string Text = Ch->Significant == false ? "≈" : "";
  Text += formatSigned(M, Ch->Delta);
  if (WithInterval && Ch->HalfWidth95)
    Text += " ± " + formatValue(M, *Ch->HalfWidth95);
  return Text;
}

static std::string ratioText(const Cell &C, Metric M) {
  const std::optional<Change> &Ch = C.Changes[M];
  if (!Ch)
    return "";
  return Ch->Ratio ? formatRatio(*Ch->Ratio) : Absent.str();
}

// Unformatted, with the nine significant digits the runtime writes; whole
// numbers (nanoseconds, calls) in full.
static std::string numberText(double Value) {
  std::string Text;
  if (Value == std::floor(Value) && std::abs(Value) < 1e15)
    raw_string_ostream(Text) << format("%.0f", Value);
  else
    raw_string_ostream(Text) << format("%.9g", Value);
  return Text;
}

static std::string optionalText(std::optional<double> Value) {
  return Value ? numberText(*Value) : "";
}

//===----------------------------------------------------------------------===//
// Legends shared by the table and Markdown.
//===----------------------------------------------------------------------===//

static std::string runsText(size_t Runs) {
  return std::to_string(Runs) + (Runs == 1 ? " run" : " runs");
}

// "energy: package, measured (powercap) in every variant" or "... MODELLED
// in B (model)": whether each variant's figures are measurements.
static std::string energyLegend(const DiffData &Data) {
  if (!Data.Domain)
    return "energy: not measured in any variant; comparing time and calls";
  std::vector<std::string> Measured, Modelled, Without;
  std::vector<std::string> MeasuredSources, ModelledSources;
  for (const Variant &V : Data.Variants) {
    if (!V.HasEnergy) {
      Without.push_back(V.Name);
      continue;
    }
    auto &Names = V.Measured ? Measured : Modelled;
    auto &Sources = V.Measured ? MeasuredSources : ModelledSources;
    Names.push_back(V.Name);
    for (const std::string &S : V.Sources)
      if (!is_contained(Sources, S))
        Sources.push_back(S);
  }
  size_t N = Data.Variants.size();
  auto Who = [N](ArrayRef<std::string> Names) {
    return Names.size() == N ? std::string("every variant") : join(Names, ", ");
  };
  std::vector<std::string> Parts;
  if (!Measured.empty())
    Parts.push_back("measured (" + join(MeasuredSources, ", ") + ") in " +
                    Who(Measured));
  if (!Modelled.empty())
    Parts.push_back("MODELLED, not measured (" + join(ModelledSources, ", ") +
                    ") in " + Who(Modelled));
  if (!Without.empty())
    Parts.push_back("none in " + join(Without, ", "));
  return "energy: " + *Data.Domain + ", " + join(Parts, "; ") +
         "; exclusive J, the total is the " +
         (Data.Region ? "region's" : "whole run's");
}

// With --region: what the rows are.
static std::string regionLegend(const DiffData &Data) {
  std::string Text = "region " + *Data.Region +
                     ": the rows are what ran inside it, exclusive figures "
                     "and calls summed over all calling contexts there "
                     "(inclusive time: over the outermost calls)";
  if (Data.PerItemsUnit)
    Text += "; every figure per 1000 " + *Data.PerItemsUnit +
            " (--per-1k-items: each run's divided by the " +
            *Data.PerItemsUnit + " its region counted)";
  return Text;
}

// A variant's mean of metric \p M, "± half-width" with an interval; "—"
// when no run of the variant recorded it.
static std::string metricValueText(const MetricRow &M, size_t V,
                                   bool WithInterval) {
  const std::optional<stats::MeanCI> &Value = M.Values[V];
  if (!Value)
    return "—";
  std::string Text = formatMetricValue(Value->Mean);
  if (WithInterval && Value->HalfWidth95)
    Text += " ± " + formatMetricValue(*Value->HalfWidth95);
  return Text;
}

// "-0.0023", "≈+0.001 ± 0.004" inside the noise; empty without both sides.
static std::string metricChangeText(const MetricRow &M, size_t V,
                                    bool WithInterval) {
  const std::optional<Change> &Ch = M.Changes[V];
  if (!Ch)
    return "";
  std::string Text = Ch->Significant == false ? "≈" : "";
  Text += formatMetricChange(Ch->Delta);
  if (WithInterval && Ch->HalfWidth95)
    Text += " ± " + formatMetricValue(*Ch->HalfWidth95);
  return Text;
}

static constexpr StringLiteral MetricsLegend =
    "program metrics (frugal_metric): means over the runs that recorded "
    "them; Δ: minus the baseline's";

// What the intervals are, or why there are none.
static std::string intervalLegend(const DiffData &Data) {
  if (!Data.anyRepeated())
    return "no intervals: one run per variant (repeated runs, given as "
           "a1.json,a2.json,..., get 95 % intervals)";
  std::string Text = "95 % intervals over runs (Welch's t for Δ); ≈: "
                     "the difference is inside the noise";
  if (!Data.allRepeated()) {
    std::vector<std::string> Single;
    for (const Variant &V : Data.Variants)
      if (V.Paths.size() == 1)
        Single.push_back(V.Name);
    Text += "; none against " + join(Single, ", ") + " (1 run)";
  }
  return Text;
}

static bool hasUnattributed(const DiffData &Data) {
  return !Data.Rows.empty() && Data.Rows.back().Kind == RowKind::Unattributed;
}

// The table shows (unattributed) only by energy: it has no other figure.
static bool showsUnattributed(const DiffData &Data, bool AllMetrics) {
  return hasUnattributed(Data) && (AllMetrics || Data.Sort == Energy);
}

// (unattributed) is not counted: it comes last, outside --top.
static std::string rowsLegend(const DiffData &Data, bool AllMetrics) {
  bool Unattributed = hasUnattributed(Data);
  return "top " + std::to_string(Data.Rows.size() - Unattributed) + " of " +
         std::to_string(Data.Candidates - Unattributed) + " rows by |Δ| of " +
         metricLabel(Data.Sort).str() +
         " (differences before those inside the noise)" +
         (showsUnattributed(Data, AllMetrics) ? "; (unattributed) last" : "");
}

//===----------------------------------------------------------------------===//
// --format=table
//===----------------------------------------------------------------------===//

// Legend lines wrap rather than being cut: they say what the figures are.
static void printLegend(raw_ostream &OS, const Twine &Text,
                        StringRef Indent = "  ") {
  printWrapped(OS, Text.str(), TableWidth, Indent);
}

// The metric the table shows a ratio of beside the sorted one.
static std::optional<Metric> secondaryMetric(const DiffData &Data) {
  if (Data.Sort != Exclusive)
    return Exclusive;
  if (Data.Domain)
    return Energy;
  return Calls;
}

// The secondary ratio's header: which time it is, since the sorted figure
// may be a time too.
static StringRef secondaryLabel(Metric M) {
  switch (M) {
  case Energy:
    return "energy ";
  case Exclusive:
    return "excl. time ";
  case Inclusive:
    return "incl. time ";
  case Calls:
    return "calls ";
  }
  llvm_unreachable("unknown metric");
}

static std::string variantHeader(const Variant &V) {
  return truncateToWidth(V.Name, MaxVariantHeaderWidth);
}

// How much the table shows; each level drops something to leave names
// room (the other formats keep it all).
struct TableLevel {
  bool Secondary;      // The ratio of a second metric per variant.
  bool ChangeInterval; // "± half-width" on the differences.
  bool Ratios;         // The ratio of the sorted metric.
};
static constexpr TableLevel TableLevels[] = {{true, true, true},
                                             {false, true, true},
                                             {false, false, true},
                                             {false, false, false}};

// The baseline and the variants \p Shown (indexes into Data.Variants).
static Table buildTable(const DiffData &Data, ArrayRef<size_t> Shown,
                        TableLevel Level) {
  using Align = Table::Align;
  Metric M = Data.Sort;
  std::optional<Metric> Second = secondaryMetric(Data);
  const Variant &Base = Data.Variants.front();
  std::vector<Table::Column> Columns = {
      {"name", Align::Left, 0, /*Elastic=*/true},
      {variantHeader(Base), Align::Right}};
  for (size_t V : Shown)
    Columns.push_back({variantHeader(Data.Variants[V]), Align::Right});
  for (size_t V : Shown) {
    Columns.push_back({"Δ " + variantHeader(Data.Variants[V]), Align::Right});
    if (Level.Ratios)
      Columns.push_back(
          {variantHeader(Data.Variants[V]) + "/" + variantHeader(Base),
           Align::Right});
  }
  if (Level.Secondary)
    for (size_t V : Shown)
      Columns.push_back({secondaryLabel(*Second).str() +
                             variantHeader(Data.Variants[V]) + "/" +
                             variantHeader(Base),
                         Align::Right});
  Table T(std::move(Columns));
  auto AddRow = [&](const Row &R) {
    std::vector<std::string> Cells = {
        R.Name, valueText(R.Cells.front(), M, /*WithInterval=*/false)};
    for (size_t V : Shown)
      Cells.push_back(valueText(R.Cells[V], M, /*WithInterval=*/false));
    for (size_t V : Shown) {
      Cells.push_back(changeText(R.Cells[V], M, Level.ChangeInterval));
      if (Level.Ratios)
        Cells.push_back(ratioText(R.Cells[V], M));
    }
    if (Level.Secondary)
      for (size_t V : Shown)
        Cells.push_back(ratioText(R.Cells[V], *Second));
    T.addRow(std::move(Cells));
  };
  AddRow(Data.Total);
  for (const Row &R : Data.Rows)
    if (R.Kind != RowKind::Unattributed ||
        showsUnattributed(Data, /*AllMetrics=*/false))
      AddRow(R);
  return T;
}

// The fullest table of the variants \p Shown that leaves names
// \p NameWidth columns; None when even the barest does not.
static std::optional<Table>
fittingTable(const DiffData &Data, ArrayRef<size_t> Shown, unsigned NameWidth) {
  for (const TableLevel &Level : TableLevels) {
    Table T = buildTable(Data, Shown, Level);
    if (T.elasticWidth(TableWidth) >= NameWidth)
      return T;
  }
  return std::nullopt;
}

// The metrics' own small table, above the rows: one line per metric.
static void printMetricsTable(raw_ostream &OS, const DiffData &Data) {
  if (Data.ProgramMetrics.empty())
    return;
  printLegend(OS, MetricsLegend);
  using Align = Table::Align;
  std::vector<Table::Column> Columns = {
      {"metric", Align::Left, 0, /*Elastic=*/true}};
  for (const Variant &V : Data.Variants)
    Columns.push_back({variantHeader(V), Align::Right});
  for (const Variant &V : ArrayRef(Data.Variants).drop_front())
    Columns.push_back({"Δ " + variantHeader(V), Align::Right});
  Table T(std::move(Columns));
  for (const MetricRow &M : Data.ProgramMetrics) {
    std::vector<std::string> Cells = {M.Name};
    for (size_t V = 0; V < Data.Variants.size(); ++V)
      Cells.push_back(metricValueText(M, V, Data.anyRepeated()));
    for (size_t V = 1; V < Data.Variants.size(); ++V)
      Cells.push_back(metricChangeText(M, V, Data.anyRepeated()));
    T.addRow(std::move(Cells));
  }
  T.print(OS, TableWidth);
  OS << '\n';
}

static void printTable(raw_ostream &OS, const DiffData &Data) {
  const Variant &Base = Data.Variants.front();
  std::vector<std::string> Heads;
  for (const Variant &V : ArrayRef(Data.Variants).drop_front())
    Heads.push_back(V.Name + " (" + runsText(V.Paths.size()) + ")");
  printLegend(OS, "frugal diff: baseline " + Base.Name + " (" +
                      runsText(Base.Paths.size()) + ") vs " +
                      join(Heads, ", "));
  for (const Variant &V : Data.Variants)
    printLegend(OS, "  " + V.Name + ": " + join(V.Paths, ", "), "    ");
  printLegend(OS, energyLegend(Data));
  if (Data.Region)
    printLegend(OS, regionLegend(Data));
  for (const std::string &W : Data.Warnings)
    printLegend(OS, "warning: " + W);
  printLegend(OS, intervalLegend(Data));
  printLegend(OS, rowsLegend(Data, /*AllMetrics=*/false));
  OS << '\n';
  printMetricsTable(OS, Data);

  // Names keep MinNameWidth columns, or all they need when shorter. When
  // no table of every variant leaves them that, each variant gets a table
  // of its own beside the baseline.
  unsigned NameWidth = displayWidth(Data.Total.Name);
  for (const Row &R : Data.Rows)
    NameWidth = std::max(NameWidth, displayWidth(R.Name));
  NameWidth = std::min(NameWidth, MinNameWidth);
  std::vector<size_t> All;
  for (size_t V = 1; V < Data.Variants.size(); ++V)
    All.push_back(V);
  if (std::optional<Table> T = fittingTable(Data, All, NameWidth)) {
    T->print(OS, TableWidth);
  } else {
    for (size_t V : All) {
      const size_t Shown[] = {V};
      std::optional<Table> One = fittingTable(Data, Shown, NameWidth);
      if (!One)
        One = buildTable(Data, Shown, TableLevels[std::size(TableLevels) - 1]);
      if (V != All.front())
        OS << '\n';
      One->print(OS, TableWidth);
    }
  }
  OS << '\n';
  printLegend(OS, "Δ: the variant's mean minus the baseline's; —: not in "
                  "that variant (counted as 0 in Δ)");
  printLegend(OS, "--format=md, csv or json: every figure (energy, exclusive "
                  "and inclusive time, calls), with intervals");
}

//===----------------------------------------------------------------------===//
// --format=csv
//===----------------------------------------------------------------------===//

// One line per row and variant, the total's first, so that the columns do
// not depend on the number of variants.
static void printCsv(raw_ostream &OS, const DiffData &Data) {
  std::vector<std::string> Header = {
      "name",    "kind",          "linkage_name",   "file",
      "line",    "variant",       "baseline",       "runs",
      "present", "energy_domain", "energy_measured"};
  for (Metric M : AllMetrics) {
    std::string Key = metricKey(M).str();
    for (StringRef Suffix : {"", "_ci95", "_stddev", "_delta", "_delta_ci95",
                             "_ratio", "_significant", "_share"})
      Header.push_back(Key + Suffix.str());
  }
  // The variant's mean of each program metric, on each of its lines.
  for (const MetricRow &M : Data.ProgramMetrics)
    Header.push_back("metric_" + M.Name);
  writeCsvRow(OS, Header);
  auto PrintRow = [&](const Row &R) {
    for (size_t V = 0; V < Data.Variants.size(); ++V) {
      const Variant &Var = Data.Variants[V];
      const Cell &C = R.Cells[V];
      bool Energy = Data.Domain && Var.HasEnergy;
      std::vector<std::string> Fields = {
          R.Name,
          rowKindName(R.Kind).str(),
          R.LinkageName,
          R.File,
          R.Line ? std::to_string(R.Line) : "",
          Var.Name,
          V == 0 ? "true" : "false",
          std::to_string(Var.Paths.size()),
          C.Present ? "true" : "false",
          Energy ? *Data.Domain : "",
          Energy ? (Var.Measured ? "true" : "false") : ""};
      for (Metric M : AllMetrics) {
        const std::optional<stats::MeanCI> &Value = C.Values[M];
        Fields.push_back(Value ? numberText(Value->Mean) : "");
        Fields.push_back(Value ? optionalText(Value->HalfWidth95) : "");
        Fields.push_back(Value && Value->N > 1 ? numberText(Value->Stddev)
                                               : "");
        const std::optional<Change> &Ch = C.Changes[M];
        Fields.push_back(Ch ? numberText(Ch->Delta) : "");
        Fields.push_back(Ch ? optionalText(Ch->HalfWidth95) : "");
        Fields.push_back(Ch ? optionalText(Ch->Ratio) : "");
        Fields.push_back(
            Ch && Ch->Significant ? (*Ch->Significant ? "true" : "false") : "");
        Fields.push_back(Ch ? optionalText(Ch->Share) : "");
      }
      for (const MetricRow &M : Data.ProgramMetrics)
        Fields.push_back(M.Values[V] ? numberText(M.Values[V]->Mean) : "");
      writeCsvRow(OS, Fields);
    }
  };
  PrintRow(Data.Total);
  for (const Row &R : Data.Rows)
    PrintRow(R);
}

//===----------------------------------------------------------------------===//
// --format=json (and the data of --format=html)
//===----------------------------------------------------------------------===//

static json::Value optionalJson(std::optional<double> Value) {
  return Value ? json::Value(*Value) : json::Value(nullptr);
}

static json::Value rowJson(const DiffData &Data, const Row &R) {
  json::Array Values, Changes;
  for (size_t V = 0; V < Data.Variants.size(); ++V) {
    const Cell &C = R.Cells[V];
    if (!C.Present) {
      Values.push_back(nullptr);
    } else {
      json::Object Figures;
      for (Metric M : AllMetrics) {
        const std::optional<stats::MeanCI> &Value = C.Values[M];
        if (!Value) {
          Figures[metricKey(M)] = nullptr;
          continue;
        }
        Figures[metricKey(M)] =
            json::Object{{"mean", Value->Mean},
                         {"ci95", optionalJson(Value->HalfWidth95)},
                         {"stddev", Value->N > 1 ? json::Value(Value->Stddev)
                                                 : json::Value(nullptr)},
                         {"runs", static_cast<int64_t>(Value->N)}};
      }
      Values.push_back(std::move(Figures));
    }
    if (V == 0) {
      Changes.push_back(nullptr);
      continue;
    }
    json::Object Figures;
    for (Metric M : AllMetrics) {
      const std::optional<Change> &Ch = C.Changes[M];
      if (!Ch) {
        Figures[metricKey(M)] = nullptr;
        continue;
      }
      Figures[metricKey(M)] = json::Object{
          {"delta", Ch->Delta},
          {"ci95", optionalJson(Ch->HalfWidth95)},
          {"significant", Ch->Significant ? json::Value(*Ch->Significant)
                                          : json::Value(nullptr)},
          {"ratio", optionalJson(Ch->Ratio)},
          {"share", optionalJson(Ch->Share)}};
    }
    Changes.push_back(std::move(Figures));
  }
  return json::Object{
      {"name", R.Name},
      {"kind", rowKindName(R.Kind)},
      {"linkage_name", R.LinkageName.empty() ? json::Value(nullptr)
                                             : json::Value(R.LinkageName)},
      {"file", R.File.empty() ? json::Value(nullptr) : json::Value(R.File)},
      {"line", R.Line ? json::Value(R.Line) : json::Value(nullptr)},
      {"values", std::move(Values)},
      {"changes", std::move(Changes)}};
}

// Variant \p V's program metrics: each name's mean (null when no run of
// the variant recorded it) and, after the baseline, its change.
static json::Value variantMetricsJson(const DiffData &Data, size_t V) {
  json::Object Metrics;
  for (const MetricRow &M : Data.ProgramMetrics) {
    const std::optional<stats::MeanCI> &Value = M.Values[V];
    if (!Value) {
      Metrics[M.Name] = nullptr;
      continue;
    }
    json::Value ChangeJson = nullptr;
    if (const std::optional<Change> &Ch = M.Changes[V])
      ChangeJson = json::Object{
          {"delta", Ch->Delta},
          {"ci95", optionalJson(Ch->HalfWidth95)},
          {"significant", Ch->Significant ? json::Value(*Ch->Significant)
                                          : json::Value(nullptr)},
          {"ratio", optionalJson(Ch->Ratio)}};
    Metrics[M.Name] =
        json::Object{{"mean", Value->Mean},
                     {"ci95", optionalJson(Value->HalfWidth95)},
                     {"stddev", Value->N > 1 ? json::Value(Value->Stddev)
                                             : json::Value(nullptr)},
                     {"runs", static_cast<int64_t>(Value->N)},
                     {"change", std::move(ChangeJson)}};
  }
  return Metrics;
}

static json::Value diffJson(const DiffData &Data) {
  json::Array Variants;
  for (size_t I = 0; I < Data.Variants.size(); ++I) {
    const Variant &V = Data.Variants[I];
    json::Value Energy = nullptr;
    if (Data.Domain && V.HasEnergy)
      Energy = json::Object{{"domain", *Data.Domain},
                            {"measured", V.Measured},
                            {"sources", json::Array(V.Sources)}};
    Variants.push_back(
        json::Object{{"name", V.Name},
                     {"baseline", I == 0},
                     {"runs", static_cast<int64_t>(V.Paths.size())},
                     {"profiles", json::Array(V.Paths)},
                     {"energy", std::move(Energy)},
                     {"metrics", variantMetricsJson(Data, I)}});
  }
  json::Array Rows;
  for (const Row &R : Data.Rows)
    Rows.push_back(rowJson(Data, R));
  json::Array Metrics;
  for (Metric M : AllMetrics)
    Metrics.push_back(metricKey(M));
  return json::Object{{"kind", "diff"},
                      {"schema_version", 1},
                      {"generator", "frugal diff " FRUGAL_VERSION},
                      {"domain", Data.Domain ? json::Value(*Data.Domain)
                                             : json::Value(nullptr)},
                      {"region", Data.Region ? json::Value(*Data.Region)
                                             : json::Value(nullptr)},
                      {"per_1k_items", Data.PerItemsUnit
                                           ? json::Value(*Data.PerItemsUnit)
                                           : json::Value(nullptr)},
                      {"sort", metricKey(Data.Sort)},
                      {"metrics", std::move(Metrics)},
                      {"confidence_percent", 95},
                      {"variants", std::move(Variants)},
                      {"warnings", json::Array(Data.Warnings)},
                      {"rows_total", static_cast<int64_t>(Data.Candidates)},
                      {"rows", std::move(Rows)},
                      {"total", rowJson(Data, Data.Total)}};
}

//===----------------------------------------------------------------------===//
// --format=md
//===----------------------------------------------------------------------===//

static void printMarkdown(raw_ostream &OS, const DiffData &Data) {
  const Variant &Base = Data.Variants.front();
  OS << "## frugal diff\n\n";
  for (const Variant &V : Data.Variants)
    OS << "- **" << markdownCell(V.Name) << "**"
       << (&V == &Base ? " (baseline)" : "") << ": " << runsText(V.Paths.size())
       << ": " << join(V.Paths, ", ") << "\n";
  OS << "\n" << energyLegend(Data) << ".  \n";
  if (Data.Region)
    OS << markdownCell(regionLegend(Data)) << ".  \n";
  OS << intervalLegend(Data) << ".\n";
  for (const std::string &W : Data.Warnings)
    OS << "\n> **Warning:** " << W << "\n";
  OS << "\n"
     << rowsLegend(Data, /*AllMetrics=*/true)
     << "; Δ: the variant's mean minus the "
     << "baseline's; —: not in that variant (counted as 0 in Δ).\n\n";

  if (!Data.ProgramMetrics.empty()) {
    OS << MetricsLegend << ".\n\n| metric |";
    for (const Variant &V : Data.Variants)
      OS << " " << markdownCell(V.Name) << " |";
    for (const Variant &V : ArrayRef(Data.Variants).drop_front())
      OS << " Δ " << markdownCell(V.Name) << " |";
    OS << "\n|---|";
    for (size_t I = 1; I < 2 * Data.Variants.size(); ++I)
      OS << "---:|";
    OS << "\n";
    for (const MetricRow &M : Data.ProgramMetrics) {
      OS << "| " << markdownCell(M.Name) << " |";
      for (size_t V = 0; V < Data.Variants.size(); ++V)
        OS << " " << metricValueText(M, V, /*WithInterval=*/true) << " |";
      for (size_t V = 1; V < Data.Variants.size(); ++V)
        OS << " " << metricChangeText(M, V, /*WithInterval=*/true) << " |";
      OS << "\n";
    }
    OS << "\n";
  }

  std::vector<Metric> Metrics;
  for (Metric M : AllMetrics)
    if (M != Energy || Data.Domain)
      Metrics.push_back(M);
  std::vector<std::string> Header = {"name", "kind"};
  for (Metric M : Metrics) {
    for (const Variant &V : Data.Variants)
      Header.push_back(markdownCell(V.Name) + " " + metricLabel(M).str());
    for (const Variant &V : ArrayRef(Data.Variants).drop_front()) {
      Header.push_back("Δ " + markdownCell(V.Name) + " " +
                       metricLabel(M).str());
      Header.push_back(markdownCell(V.Name) + "/" + markdownCell(Base.Name));
    }
  }
  OS << "| " << join(Header, " | ") << " |\n|";
  for (size_t I = 0; I < Header.size(); ++I)
    OS << (I < 2 ? "---|" : "---:|");
  OS << "\n";
  auto PrintRow = [&](const Row &R) {
    std::vector<std::string> Cells = {
        R.Kind == RowKind::Total ? "**total**" : markdownCell(R.Name, true),
        rowKindName(R.Kind).str()};
    for (Metric M : Metrics) {
      for (const Cell &C : R.Cells)
        Cells.push_back(valueText(C, M, /*WithInterval=*/true));
      for (const Cell &C : ArrayRef(R.Cells).drop_front()) {
        Cells.push_back(changeText(C, M, /*WithInterval=*/true));
        Cells.push_back(ratioText(C, M));
      }
    }
    OS << "| " << join(Cells, " | ") << " |\n";
  };
  PrintRow(Data.Total);
  for (const Row &R : Data.Rows)
    PrintRow(R);
}

//===----------------------------------------------------------------------===//

static void printDiff(raw_ostream &OS, const DiffData &Data) {
  switch (Format) {
  case ReportFormat::Table:
    printTable(OS, Data);
    return;
  case ReportFormat::Csv:
    printCsv(OS, Data);
    return;
  case ReportFormat::Json:
    OS << formatv("{0:2}", diffJson(Data)) << '\n';
    return;
  case ReportFormat::Md:
    printMarkdown(OS, Data);
    return;
  case ReportFormat::Html: {
    std::vector<std::string> Names;
    for (const Variant &V : Data.Variants)
      Names.push_back(V.Name);
    writeHtml(OS, "frugal diff: " + join(Names, " vs "), diffJson(Data));
    return;
  }
  }
}

static int runDiff() {
  Expected<DiffData> Data = readDiff();
  if (!Data) {
    printError(Data.takeError());
    return ExitUsage;
  }
  echoWarnings(Format, OutputPath, Data->Warnings);
  if (Error E = writeOutput(OutputPath,
                            [&](raw_ostream &OS) { printDiff(OS, *Data); }))
    return reportError(std::move(E));
  return ExitSuccess;
}

static CommandRegistration Registered(DiffCommand, runDiff);
