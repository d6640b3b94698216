//===- Variants.cpp - `frugal variants`: quality against energy -----------===//
//
// One row per model variant: the metric the program recorded (accuracy by
// default), the energy and time of training, those of inference per 1000
// units of work, the function that spent the most energy with its static
// complexity, and whether the variant is on the Pareto front of the metric
// against training or inference energy. VariantTable computes the figures;
// this file reads the profiles and prints them: a 100-column table, CSV,
// JSON (docs/reports.md has its schema; the HTML page draws from it),
// Markdown, or HTML with accuracy-against-energy charts.
//
// Modelled energy is labelled in every format: a line above the table and
// a '*' on every energy header, energy_measured in CSV and JSON, a banner
// and "(MODELLED)" on the page's axes.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "Html.h"
#include "Markdown.h"
#include "Options.h"
#include "OutputFile.h"
#include "Profile.h"
#include "StaticData.h"
#include "Table.h"
#include "Units.h"
#include "VariantArgs.h"
#include "VariantTable.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <set>

using namespace llvm;
using namespace frugal;
using namespace frugal::variants;

static cl::SubCommand VariantsCommand(
    "variants", "Compare model variants by quality and energy: the metric, "
                "training and inference energy, the costliest function, and "
                "the Pareto front");
static cl::OptionCategory VariantsCategory("frugal variants options");

static cl::list<std::string>
    VariantArgs(cl::Positional, cl::ZeroOrMore,
                cl::desc("<variant.json>... (runs of one variant: "
                         "a1.json,a2.json,...)"),
                cl::sub(VariantsCommand), cl::cat(VariantsCategory));
static cl::opt<std::string>
    Names("names",
          cl::desc("The variants' names, comma-separated, one per variant "
                   "(default: the profiles' file names)"),
          cl::value_desc("A,B,..."), cl::sub(VariantsCommand),
          cl::cat(VariantsCategory));
static cl::opt<std::string>
    StaticPath("static",
               cl::desc("Output of `frugal analyze --format=json`, for the top "
                        "functions' complexity"),
               cl::value_desc("FILE"), cl::sub(VariantsCommand),
               cl::cat(VariantsCategory));
static cl::opt<std::string>
    BuildDir("p",
             cl::desc("Run the analysis on BUILD_DIR/compile_commands.json "
                      "(instead of --static)"),
             cl::value_desc("BUILD_DIR"), cl::sub(VariantsCommand),
             cl::cat(VariantsCategory));
static cl::opt<std::string>
    MetricName("metric",
               cl::desc("The quality metric shown (frugal_metric; default: "
                        "accuracy when every profile has it, else the first "
                        "metric they all have); higher is better"),
               cl::value_desc("NAME"), cl::sub(VariantsCommand),
               cl::cat(VariantsCategory));
static cl::opt<std::string>
    TrainingRegion("training",
                   cl::desc("The region of training (default: training)"),
                   cl::value_desc("REGION"), cl::init("training"),
                   cl::sub(VariantsCommand), cl::cat(VariantsCategory));
static cl::opt<std::string> InferenceRegion(
    "inference",
    cl::desc("The region of inference, shown per 1000 of its items "
             "(default: inference)"),
    cl::value_desc("REGION"), cl::init("inference"), cl::sub(VariantsCommand),
    cl::cat(VariantsCategory));
static cl::opt<std::string>
    DomainName("domain",
               cl::desc("Energy domain (default: package, or the first "
                        "domain of the first profile with energy)"),
               cl::value_desc("NAME"), cl::sub(VariantsCommand),
               cl::cat(VariantsCategory));
static cl::opt<SortKey, false, ValuesParser<SortKey>>
    Sort("sort", cl::desc("Order of the rows (default: input)"),
         cl::values(clEnumValN(SortKey::Input, "input", "as given"),
                    clEnumValN(SortKey::Metric, "metric",
                               "the highest metric first"),
                    clEnumValN(SortKey::Training, "training",
                               "the least training energy first"),
                    clEnumValN(SortKey::Inference, "inference",
                               "the least inference energy (per item) first")),
         cl::init(SortKey::Input), cl::sub(VariantsCommand),
         cl::cat(VariantsCategory));
static cl::opt<ReportFormat, false, ValuesParser<ReportFormat>>
    Format("format", cl::desc("Output format"), reportFormatValues(),
           cl::init(ReportFormat::Table), cl::sub(VariantsCommand),
           cl::cat(VariantsCategory));
static cl::opt<std::string>
    OutputPath("o", cl::desc("Write the output to FILE (replaced atomically)"),
               cl::value_desc("FILE"), cl::sub(VariantsCommand),
               cl::cat(VariantsCategory));

static constexpr unsigned TableWidth = 100;
// Columns the table's variant, metric and complexity cells get at most.
static constexpr unsigned MaxVariantWidth = 16;
static constexpr unsigned MaxMetricWidth = 10;
static constexpr unsigned MaxComplexityWidth = 12;
// The top function's column, below which the header of inference energy
// leaves the items' unit to the legend.
static constexpr unsigned MinTopWidth = 20;
static constexpr StringLiteral Absent = "—";

//===----------------------------------------------------------------------===//
// Reading the variants.
//===----------------------------------------------------------------------===//

static Expected<VariantTable> readVariants() {
  if (VariantArgs.empty())
    return makeError("frugal variants needs one variant or more, got none",
                     "pass each variant's profile (runs of one variant as "
                     "a1.json,a2.json)");
  for (const cl::opt<std::string> *Region : {&TrainingRegion, &InferenceRegion})
    if (Region->empty())
      return makeError("empty region name for --" + Region->ArgStr,
                       "name a region of the profiles (frugal summary lists "
                       "them)");
  Expected<std::vector<diff::Variant>> Variants = parseVariantArgs(
      VariantArgs,
      Names.getNumOccurrences() ? std::optional<StringRef>(Names)
                                : std::nullopt,
      "variants", 1);
  if (!Variants)
    return Variants.takeError();
  // The profiles first: a typo in a path is told before a long analysis.
  std::vector<std::vector<std::string>> Paths;
  for (const diff::Variant &V : *Variants)
    Paths.push_back(V.Paths);
  for (const std::vector<std::string> &Runs : Paths)
    for (const std::string &Path : Runs)
      if (std::error_code EC =
              sys::fs::access(Path, sys::fs::AccessMode::Exist))
        return makeError("cannot read '" + Path + "': " + EC.message(),
                         "check the path; an instrumented program writes its "
                         "profile when it exits (see FRUGAL_OUTPUT)");
  Expected<std::optional<StaticAnalysis>> Static =
      loadStaticOption(StaticPath, BuildDir);
  if (!Static)
    return Static.takeError();

  Options Opts;
  Opts.Domain = DomainName;
  Opts.Metric = MetricName;
  Opts.TrainingRegion = TrainingRegion;
  Opts.InferenceRegion = InferenceRegion;
  Opts.Sort = Sort;
  VariantTableBuilder Builder(std::move(*Variants), Opts,
                              *Static ? &**Static : nullptr);
  for (size_t V = 0; V < Paths.size(); ++V)
    for (size_t Run = 0; Run < Paths[V].size(); ++Run) {
      Expected<Profile> Prof = readProfile(Paths[V][Run]);
      if (!Prof)
        return Prof.takeError();
      Builder.add(V, Run, *Prof);
    }
  return Builder.finish();
}

//===----------------------------------------------------------------------===//
// Numbers as text.
//===----------------------------------------------------------------------===//

// A metric as the program recorded it: whole numbers in full (bytes,
// counts), others with four significant digits (0.9733).
static std::string metricText(std::optional<double> Value) {
  if (!Value)
    return Absent.str();
  std::string Text;
  // Fractions (accuracy, F1) in fixed decimals, so that a column of them
  // aligns: 0.9710 beside 0.9755, not 0.971.
  if (*Value == std::floor(*Value) && std::abs(*Value) < 1e15)
    raw_string_ostream(Text) << format("%.0f", *Value);
  else if (std::abs(*Value) < 1)
    raw_string_ostream(Text) << format("%.4f", *Value);
  else
    raw_string_ostream(Text) << format("%.4g", *Value);
  return Text;
}

static std::string energyText(std::optional<double> J) {
  return J ? formatEnergy(*J) : Absent.str();
}

static std::string timeText(std::optional<double> Ns) {
  return Ns ? formatDuration(std::llround(*Ns)) : Absent.str();
}

// Unformatted, with the nine significant digits the runtime writes; whole
// numbers in full; empty when none.
static std::string rawText(std::optional<double> Value) {
  if (!Value)
    return "";
  std::string Text;
  if (*Value == std::floor(*Value) && std::abs(*Value) < 1e15)
    raw_string_ostream(Text) << format("%.0f", *Value);
  else
    raw_string_ostream(Text) << format("%.9g", *Value);
  return Text;
}

static std::string boolText(std::optional<bool> B) {
  return B ? (*B ? "true" : "false") : "";
}

// The inference column's figures: per 1000 items, or the whole region.
static std::optional<double> inferenceEnergy(const VariantTable &T,
                                             const VariantRow &R) {
  return T.InferencePerItem ? R.Inference.EnergyJPer1k : R.Inference.EnergyJ;
}
static std::optional<double> inferenceTime(const VariantTable &T,
                                           const VariantRow &R) {
  return T.InferencePerItem ? R.Inference.TimeNsPer1k : R.Inference.TimeNs;
}

// "T", "I", "TI": the fronts the variant is on.
static std::string frontText(const VariantRow &R) {
  return std::string(R.FrontTraining.value_or(false) ? "T" : "") +
         (R.FrontInference.value_or(false) ? "I" : "");
}

static std::string shareText(const TopFunction &Top) {
  return Top.Share ? formatPercent(100 * *Top.Share) : "";
}

static std::string complexityText(const VariantRow &R) {
  return R.Top && R.Top->Complexity ? *R.Top->Complexity : Absent.str();
}

static std::string runsText(size_t Runs) {
  return std::to_string(Runs) + (Runs == 1 ? " run" : " runs");
}

//===----------------------------------------------------------------------===//
// Legends shared by the table and Markdown.
//===----------------------------------------------------------------------===//

// Whether the energy headers carry the '*' of modelled energy.
static bool starred(const VariantTable &T) { return T.anyModelled(); }

static std::string energyHeader(const VariantTable &T, StringRef Header) {
  return Header.str() + (starred(T) ? "*" : "");
}

// How the energy was obtained, one line: measured, or MODELLED (never passed
// off as a measurement).
static std::string energyLegend(const VariantTable &T) {
  if (!T.Domain)
    return "energy: not measured in any profile; the table compares time";
  std::vector<std::string> Measured, Modelled, MeasuredSources;
  for (const VariantRow &R : T.Rows) {
    if (!R.HasEnergy)
      continue;
    (R.Measured ? Measured : Modelled).push_back(R.Name);
    if (R.Measured)
      for (const std::string &S : R.Sources)
        if (!is_contained(MeasuredSources, S))
          MeasuredSources.push_back(S);
  }
  std::string Text = "energy: " + *T.Domain + ", ";
  if (Modelled.empty())
    return Text + "measured (" + join(MeasuredSources, ", ") +
           ") in every variant";
  std::string ModelledText = "MODELLED from CPU time, not measured (* "
                             "modelled; no readable RAPL; docs/energy.md)";
  if (Measured.empty())
    return Text + ModelledText;
  return Text + "measured (" + join(MeasuredSources, ", ") + ") in " +
         join(Measured, ", ") + "; " + ModelledText + " in " +
         join(Modelled, ", ");
}

static std::string itemsUnit(const VariantTable &T) {
  return T.ItemsUnit.empty() ? "items" : T.ItemsUnit;
}

// The inference energy column's header, without the '*'; the unit of the
// items can be left to the legend when the table needs the room.
static std::string inferenceHeader(const VariantTable &T, bool WithUnit) {
  if (!T.InferencePerItem)
    return "infer J";
  return WithUnit ? "J/1k " + itemsUnit(T) : "J/1k";
}

static std::string inferenceTimeHeader(const VariantTable &T) {
  return T.InferencePerItem ? "time/1k" : "time";
}

static std::string regionsLegend(const VariantTable &T, bool WithUnit) {
  return "train J, time: region '" + T.TrainingRegion + "'; " +
         inferenceHeader(T, WithUnit) + ", " + inferenceTimeHeader(T) +
         ": region '" + T.InferenceRegion + "'" +
         (T.InferencePerItem ? ", per 1000 " + itemsUnit(T) : ", all of it");
}

static std::string frontLegend(const VariantTable &T) {
  if (!T.Metric)
    return "front: none without a metric";
  return "front: Pareto-optimal in " + *T.Metric +
         " (higher is better) against training (T) or inference (I) energy";
}

static std::string topLegend(const VariantTable &T) {
  // Without energy, the top function is the one with the most time.
  bool ByEnergy = false, ByTime = false;
  for (const VariantRow &R : T.Rows)
    if (R.Top)
      (R.Top->RankedByEnergy ? ByEnergy : ByTime) = true;
  std::string Text =
      "top function: the most exclusive " +
      std::string(!ByTime    ? "energy"
                  : ByEnergy ? "energy (time where a variant has none)"
                             : "time") +
      " over the whole run; O(): ";
  if (T.HasStatic)
    return Text + "its complexity (" + T.StaticSource + ")";
  return Text + "with --static FILE or -p BUILD_DIR";
}

// "3 per variant, VARIANT-1.json … VARIANT-3.json in DIR" when every
// variant has the same number (2 or more) of runs, named NAME-1.json,
// NAME-2.json, ... after the variant, all in one directory; None otherwise.
static std::optional<std::string> numberedRunsPattern(const VariantTable &T) {
  if (T.Rows.size() < 2 || T.Rows.front().Paths.size() < 2)
    return std::nullopt;
  size_t Runs = T.Rows.front().Paths.size();
  StringRef Dir = sys::path::parent_path(T.Rows.front().Paths.front());
  for (const VariantRow &R : T.Rows) {
    if (R.Paths.size() != Runs)
      return std::nullopt;
    for (size_t I = 0; I < Runs; ++I)
      if (sys::path::parent_path(R.Paths[I]) != Dir ||
          sys::path::filename(R.Paths[I]) !=
              R.Name + "-" + std::to_string(I + 1) + ".json")
        return std::nullopt;
  }
  return std::to_string(Runs) + " per variant, VARIANT-1.json … VARIANT-" +
         std::to_string(Runs) + ".json in " +
         (Dir.empty() ? std::string(".") : Dir.str());
}

static std::vector<std::string> legendLines(const VariantTable &T,
                                            bool WithUnit = true) {
  size_t Runs = 0;
  for (const VariantRow &R : T.Rows)
    Runs += R.Paths.size();
  std::vector<std::string> Lines = {
      "frugal variants: " + std::to_string(T.Rows.size()) + " variant" +
          (T.Rows.size() == 1 ? "" : "s") + ", " + runsText(Runs) +
          (Runs > T.Rows.size() ? " (means over each variant's runs)" : ""),
  };
  // Repeated runs are named, as means hide which profiles they came from:
  // in one line when every variant's runs are DIR/NAME-1.json ... (as the
  // demo writes them), else variant by variant.
  if (std::optional<std::string> Pattern = numberedRunsPattern(T))
    Lines.push_back("  runs: " + *Pattern);
  else
    for (const VariantRow &R : T.Rows)
      if (R.Paths.size() > 1)
        Lines.push_back("  " + R.Name + ": " + join(R.Paths, ", "));
  Lines.insert(Lines.end(), {energyLegend(T), regionsLegend(T, WithUnit),
                             frontLegend(T), topLegend(T)});
  for (const std::string &W : T.Warnings)
    Lines.push_back("warning: " + W);
  for (const std::string &N : T.Notes)
    Lines.push_back("note: " + N);
  return Lines;
}

//===----------------------------------------------------------------------===//
// --format=table
//===----------------------------------------------------------------------===//

// The top function's name in \p Width columns (0: any): the first that fits
// of its class and name with "(…)", without it (which only says that the
// function has parameters), its name with "(…)", its name; else cut.
static std::string topName(const VariantRow &R, unsigned Width) {
  if (!R.Top)
    return Absent.str();
  auto WithoutParams = [](std::string Name) {
    if (StringRef(Name).ends_with("(…)"))
      Name.resize(Name.size() - StringRef("(…)").size());
    return Name;
  };
  std::string Classed = shortFunctionName(R.Top->Name);
  std::string Bare = shortFunctionName(R.Top->Name, /*Scopes=*/1);
  for (const std::string &Name :
       {Classed, WithoutParams(Classed), Bare, WithoutParams(Bare)})
    if (!Width || displayWidth(Name) <= Width)
      return Name;
  return WithoutParams(Bare);
}

// The complexity as the table shows it: members without "this->", which
// says nothing in a narrow column.
static std::string complexityCell(const VariantRow &R) {
  std::string Text = complexityText(R);
  for (size_t At; (At = Text.find("this->")) != std::string::npos;)
    Text.erase(At, 6);
  return Text;
}

static Table buildTable(const VariantTable &T, unsigned TopWidth,
                        bool WithUnit) {
  using Align = Table::Align;
  std::vector<Table::Column> Columns = {
      {"variant", Align::Left, MaxVariantWidth}};
  if (T.Metric) {
    Columns.push_back({*T.Metric, Align::Right, MaxMetricWidth});
    Columns.push_back({"front", Align::Left});
  }
  Columns.push_back({energyHeader(T, "train J"), Align::Right});
  Columns.push_back({"time", Align::Right});
  Columns.push_back(
      {energyHeader(T, inferenceHeader(T, WithUnit)), Align::Right});
  Columns.push_back({inferenceTimeHeader(T), Align::Right});
  Columns.push_back({"top function", Align::Left, 0, /*Elastic=*/true});
  Columns.push_back({"O()", Align::Left, MaxComplexityWidth});
  Table Tab(std::move(Columns));
  for (const VariantRow &R : T.Rows) {
    std::vector<std::string> Cells = {R.Name};
    if (T.Metric) {
      Cells.push_back(metricText(R.Metric));
      Cells.push_back(frontText(R));
    }
    Cells.push_back(energyText(R.Training.EnergyJ));
    Cells.push_back(timeText(R.Training.TimeNs));
    Cells.push_back(energyText(inferenceEnergy(T, R)));
    Cells.push_back(timeText(inferenceTime(T, R)));
    Cells.push_back(topName(R, TopWidth));
    Cells.push_back(complexityCell(R));
    Tab.addRow(std::move(Cells));
  }
  return Tab;
}

static void printTable(raw_ostream &OS, const VariantTable &T) {
  // Laid out once to learn the width the top functions get; the items' unit
  // moves to the legend when the names would get less than they need, up
  // to MinTopWidth.
  unsigned Wanted = 0;
  for (const VariantRow &R : T.Rows)
    Wanted = std::max(Wanted, displayWidth(topName(R, 0)));
  bool WithUnit = buildTable(T, 0, true).elasticWidth(TableWidth) >=
                  std::min(Wanted, MinTopWidth);
  unsigned TopWidth = buildTable(T, 0, WithUnit).elasticWidth(TableWidth);
  for (const std::string &Line : legendLines(T, WithUnit))
    printWrapped(OS, Line, TableWidth, "  ");
  OS << '\n';
  buildTable(T, TopWidth, WithUnit).print(OS, TableWidth);
}

//===----------------------------------------------------------------------===//
// --format=csv
//===----------------------------------------------------------------------===//

// Every metric any variant has, for the CSV's columns.
static std::vector<std::string> allMetricNames(const VariantTable &T) {
  std::set<std::string> Names;
  for (const VariantRow &R : T.Rows)
    for (const auto &[Name, Value] : R.Metrics)
      Names.insert(Name);
  return {Names.begin(), Names.end()};
}

static void printCsv(raw_ostream &OS, const VariantTable &T) {
  std::vector<std::string> MetricNames = allMetricNames(T);
  std::vector<std::string> Header = {"variant",
                                     "runs",
                                     "profiles",
                                     "energy_domain",
                                     "energy_source",
                                     "energy_measured",
                                     "metric",
                                     "metric_value",
                                     "pareto_training",
                                     "pareto_inference",
                                     "training_energy_j",
                                     "training_time_ns",
                                     "training_calls",
                                     "inference_energy_j",
                                     "inference_time_ns",
                                     "inference_calls",
                                     "inference_items",
                                     "inference_items_unit",
                                     "inference_energy_j_per_1k_items",
                                     "inference_time_ns_per_1k_items",
                                     "total_energy_j",
                                     "wall_ns",
                                     "top_function",
                                     "top_function_linkage_name",
                                     "top_function_energy_j",
                                     "top_function_time_ns",
                                     "top_function_share",
                                     "top_function_complexity"};
  for (const std::string &Name : MetricNames)
    Header.push_back("metric:" + Name);
  writeCsvRow(OS, Header);
  for (const VariantRow &R : T.Rows) {
    bool Energy = T.Domain && R.HasEnergy;
    const TopFunction *Top = R.Top ? &*R.Top : nullptr;
    std::vector<std::string> Fields = {
        R.Name,
        std::to_string(R.Paths.size()),
        join(R.Paths, ";"),
        Energy ? *T.Domain : "",
        Energy ? join(R.Sources, ";") : "",
        Energy ? boolText(R.Measured) : "",
        T.Metric.value_or(""),
        rawText(R.Metric),
        boolText(R.FrontTraining),
        boolText(R.FrontInference),
        rawText(R.Training.EnergyJ),
        R.Training.Present ? rawText(R.Training.TimeNs) : "",
        R.Training.Present ? rawText(R.Training.Calls) : "",
        rawText(R.Inference.EnergyJ),
        R.Inference.Present ? rawText(R.Inference.TimeNs) : "",
        R.Inference.Present ? rawText(R.Inference.Calls) : "",
        rawText(R.Inference.Items),
        R.Inference.Items ? R.Inference.ItemsUnit : "",
        rawText(R.Inference.EnergyJPer1k),
        rawText(R.Inference.TimeNsPer1k),
        rawText(R.TotalEnergyJ),
        rawText(R.WallNs),
        Top ? Top->Name : "",
        Top ? Top->LinkageName : "",
        Top ? rawText(Top->EnergyJ) : "",
        Top ? rawText(Top->TimeNs) : "",
        Top ? rawText(Top->Share) : "",
        Top ? Top->Complexity.value_or("") : ""};
    for (const std::string &Name : MetricNames) {
      auto It = R.Metrics.find(Name);
      Fields.push_back(It == R.Metrics.end() ? "" : rawText(It->second));
    }
    writeCsvRow(OS, Fields);
  }
}

//===----------------------------------------------------------------------===//
// --format=json (and the data of --format=html)
//===----------------------------------------------------------------------===//

static json::Value optionalJson(std::optional<double> Value) {
  return Value ? json::Value(*Value) : json::Value(nullptr);
}

static json::Value optionalJson(std::optional<bool> Value) {
  return Value ? json::Value(*Value) : json::Value(nullptr);
}

static json::Value optionalJson(const std::optional<std::string> &Value) {
  return Value ? json::Value(*Value) : json::Value(nullptr);
}

static json::Value regionJson(const RegionFigures &F, bool Inference) {
  if (!F.Present)
    return nullptr;
  json::Object O{{"energy_j", optionalJson(F.EnergyJ)},
                 {"time_ns", F.TimeNs ? json::Value(*F.TimeNs) : nullptr},
                 {"calls", F.Calls}};
  if (Inference) {
    O["items"] = optionalJson(F.Items);
    O["items_unit"] = F.Items ? json::Value(F.ItemsUnit) : nullptr;
    O["energy_j_per_1k"] = optionalJson(F.EnergyJPer1k);
    O["time_ns_per_1k"] = optionalJson(F.TimeNsPer1k);
  }
  return O;
}

static StringRef sortName(SortKey K) {
  switch (K) {
  case SortKey::Input:
    return "input";
  case SortKey::Metric:
    return "metric";
  case SortKey::Training:
    return "training";
  case SortKey::Inference:
    return "inference";
  }
  llvm_unreachable("unknown sort key");
}

static json::Value variantsJson(const VariantTable &T) {
  json::Array Variants;
  std::vector<std::string> Sources;
  for (const VariantRow &R : T.Rows) {
    bool Energy = T.Domain && R.HasEnergy;
    for (const std::string &S : R.Sources)
      if (Energy && !is_contained(Sources, S))
        Sources.push_back(S);
    json::Object Metrics;
    for (const auto &[Name, Value] : R.Metrics)
      Metrics[Name] = Value;
    json::Value Top = nullptr;
    if (R.Top)
      Top = json::Object{
          {"name", R.Top->Name},
          {"short_name", shortFunctionName(R.Top->Name)},
          {"linkage_name", R.Top->LinkageName.empty()
                               ? json::Value(nullptr)
                               : json::Value(R.Top->LinkageName)},
          {"ranked_by", R.Top->RankedByEnergy ? "energy" : "exclusive_time"},
          {"energy_j", optionalJson(R.Top->EnergyJ)},
          {"time_ns", R.Top->TimeNs},
          {"share", optionalJson(R.Top->Share)},
          {"complexity", optionalJson(R.Top->Complexity)}};
    Variants.push_back(json::Object{
        {"name", R.Name},
        {"runs", static_cast<int64_t>(R.Paths.size())},
        {"profiles", json::Array(R.Paths)},
        {"energy_source",
         Energy ? json::Value(join(R.Sources, ",")) : json::Value(nullptr)},
        {"energy_measured",
         Energy ? json::Value(R.Measured) : json::Value(nullptr)},
        {"metric", optionalJson(R.Metric)},
        {"metrics", std::move(Metrics)},
        {"training", regionJson(R.Training, false)},
        {"inference", regionJson(R.Inference, true)},
        {"total_energy_j", optionalJson(R.TotalEnergyJ)},
        {"wall_ns", R.WallNs},
        {"top_function", std::move(Top)},
        {"pareto",
         json::Object{{"training", optionalJson(R.FrontTraining)},
                      {"inference", optionalJson(R.FrontInference)}}}});
  }
  // The energy's origin, in the shape report's JSON has it, so that every
  // reader (and the HTML check) finds modelled energy the same way.
  json::Value Energy =
      json::Object{{"status", T.energyStatus()}, {"domains", json::Array()}};
  if (T.Domain)
    Energy = json::Object{{"status", T.energyStatus()},
                          {"domains", json::Array{json::Object{
                                          {"name", *T.Domain},
                                          {"measured", !T.anyModelled()},
                                          {"sources", json::Array(Sources)}}}}};
  return json::Object{{"kind", "variants"},
                      {"schema_version", 1},
                      {"generator", "frugal variants " FRUGAL_VERSION},
                      {"domain", optionalJson(T.Domain)},
                      {"energy", std::move(Energy)},
                      {"metric", optionalJson(T.Metric)},
                      {"metric_better", "higher"},
                      {"metrics_shared", json::Array(T.MetricsEveryProfileHas)},
                      {"training_region", T.TrainingRegion},
                      {"inference_region", T.InferenceRegion},
                      {"inference_per_1k", T.InferencePerItem},
                      {"items_unit", T.InferencePerItem
                                         ? json::Value(itemsUnit(T))
                                         : json::Value(nullptr)},
                      {"static", T.HasStatic ? json::Value(T.StaticSource)
                                             : json::Value(nullptr)},
                      {"sort", sortName(T.Sort)},
                      {"warnings", json::Array(T.Warnings)},
                      {"notes", json::Array(T.Notes)},
                      {"variants", std::move(Variants)}};
}

//===----------------------------------------------------------------------===//
// --format=md
//===----------------------------------------------------------------------===//

static void printMarkdown(raw_ostream &OS, const VariantTable &T) {
  std::vector<std::string> Lines = legendLines(T);
  OS << "## " << Lines.front() << "\n\n";
  for (const std::string &Line : ArrayRef(Lines).drop_front())
    OS << (StringRef(Line).starts_with("warning: ")
               ? "> **Warning:** " + Line.substr(9)
               : markdownCell(Line))
       << "  \n";
  OS << "\n";
  std::vector<std::string> Header = {"variant", "runs"};
  if (T.Metric)
    Header.insert(Header.end(),
                  {markdownCell(*T.Metric), "front T", "front I"});
  std::string Per = T.InferencePerItem ? "/1k " + itemsUnit(T) : "";
  Header.insert(Header.end(),
                {energyHeader(T, "train J"), "train time",
                 energyHeader(T, "infer J" + Per), "infer time" + Per,
                 energyHeader(T, "total J"), "top function", "share", "O()"});
  // '*' would start emphasis in markdown.
  for (std::string &H : Header)
    H = markdownCell(H);
  for (std::string &H : Header)
    if (StringRef(H).ends_with("*"))
      H = H.substr(0, H.size() - 1) + "\\*";
  OS << "| " << join(Header, " | ") << " |\n|";
  for (size_t I = 0; I < Header.size(); ++I)
    OS << (I == 0 || Header[I] == "top function" || Header[I] == "O()"
               ? "---|"
               : "---:|");
  OS << "\n";
  for (const VariantRow &R : T.Rows) {
    auto Mark = [](std::optional<bool> B) {
      return B ? std::string(*B ? "**yes**" : "no") : Absent.str();
    };
    std::vector<std::string> Cells = {markdownCell(R.Name),
                                      std::to_string(R.Paths.size())};
    if (T.Metric)
      Cells.insert(Cells.end(), {metricText(R.Metric), Mark(R.FrontTraining),
                                 Mark(R.FrontInference)});
    Cells.insert(
        Cells.end(),
        {energyText(R.Training.EnergyJ), timeText(R.Training.TimeNs),
         energyText(inferenceEnergy(T, R)), timeText(inferenceTime(T, R)),
         energyText(R.TotalEnergyJ),
         R.Top ? markdownCell(R.Top->Name, /*Code=*/true) : Absent.str(),
         R.Top ? shareText(*R.Top) : "", markdownCell(complexityText(R))});
    OS << "| " << join(Cells, " | ") << " |\n";
  }
}

//===----------------------------------------------------------------------===//

static void printVariants(raw_ostream &OS, const VariantTable &T) {
  switch (Format) {
  case ReportFormat::Table:
    printTable(OS, T);
    return;
  case ReportFormat::Csv:
    printCsv(OS, T);
    return;
  case ReportFormat::Json:
    OS << formatv("{0:2}", variantsJson(T)) << '\n';
    return;
  case ReportFormat::Md:
    printMarkdown(OS, T);
    return;
  case ReportFormat::Html: {
    std::vector<std::string> Names;
    for (const VariantRow &R : T.Rows)
      Names.push_back(R.Name);
    writeHtml(OS, "frugal variants: " + join(Names, ", "), variantsJson(T));
    return;
  }
  }
}

static int runVariants() {
  Expected<VariantTable> T = readVariants();
  if (!T) {
    printError(T.takeError());
    return ExitUsage;
  }
  echoWarnings(Format, OutputPath, T->Warnings);
  if (Error E = writeOutput(OutputPath,
                            [&](raw_ostream &OS) { printVariants(OS, *T); }))
    return reportError(std::move(E));
  return ExitSuccess;
}

static CommandRegistration Registered(VariantsCommand, runVariants);
