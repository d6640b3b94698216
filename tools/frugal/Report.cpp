//===- Report.cpp - frugal report: measured energy beside static estimates ===//
//
// `frugal report PROFILE [--static FILE | -p BUILD_DIR]`: a row per function
// and region with its calls, times, energy (marked measured or MODELLED),
// power, energy per call and counters, and — with an analysis — its
// complexity, flops and bytes per call (evaluated with the sampled argument
// values) and the joules per flop. The program's metrics (frugal_metric) and
// the regions' energy and time per 1000 items of work (frugal_region_items)
// come with them. docs/reports.md documents it.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "Html.h"
#include "Markdown.h"
#include "Options.h"
#include "OutputFile.h"
#include "Profile.h"
#include "ProgramMetrics.h"
#include "ReportRows.h"
#include "StaticData.h"
#include "Table.h"
#include "Units.h"
#include "analyze/StaticOutput.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Path.h"

#include <cmath>
#include <functional>
#include <map>
#include <tuple>

using namespace llvm;
using namespace frugal;

static cl::SubCommand
    ReportCommand("report", "Show each function's measured energy and time "
                            "beside its static estimates");
static cl::OptionCategory ReportCategory("frugal report options");

static cl::opt<std::string> ProfilePath(cl::Positional, cl::Required,
                                        cl::desc("<profile.json>"),
                                        cl::sub(ReportCommand),
                                        cl::cat(ReportCategory));
static cl::opt<std::string> StaticPath(
    "static", cl::desc("Output of `frugal analyze --format=json` to join"),
    cl::value_desc("FILE"), cl::sub(ReportCommand), cl::cat(ReportCategory));
static cl::opt<std::string>
    BuildDir("p",
             cl::desc("Run the analysis on BUILD_DIR/compile_commands.json "
                      "and join it (instead of --static)"),
             cl::value_desc("BUILD_DIR"), cl::sub(ReportCommand),
             cl::cat(ReportCategory));
static cl::opt<std::string> SortName(
    "sort",
    cl::desc("Order of the rows, largest first: self-energy (the default "
             "with energy), energy, self-time (the default without), time, "
             "calls, energy-per-call, flops (total), j-per-flop, alloc, "
             "name, or an event the profile counted (exclusive)"),
    cl::value_desc("KEY"), cl::sub(ReportCommand), cl::cat(ReportCategory));
static cl::opt<unsigned>
    Top("top",
        cl::desc("Rows to show (default: 20 in tables, all in csv, json, md "
                 "and html); 0 shows all"),
        cl::value_desc("N"), cl::sub(ReportCommand), cl::cat(ReportCategory));
static cl::opt<std::string> ColumnNames(
    "columns",
    cl::desc("The table's and markdown's columns, comma-separated (see "
             "docs/reports.md; `--columns=list` lists them). CSV and JSON "
             "always carry them all"),
    cl::value_desc("NAME,..."), cl::sub(ReportCommand),
    cl::cat(ReportCategory));
static cl::opt<std::string>
    DomainName("domain",
               cl::desc("Energy domain of the energy columns (default: "
                        "package, or the first the profile has)"),
               cl::value_desc("NAME"), cl::sub(ReportCommand),
               cl::cat(ReportCategory));
static cl::opt<ReportFormat, false, ValuesParser<ReportFormat>>
    Format("format", cl::desc("Output format"), reportFormatValues(),
           cl::init(ReportFormat::Table), cl::sub(ReportCommand),
           cl::cat(ReportCategory));
static cl::opt<std::string> OutputPath("o", cl::desc("Write to FILE"),
                                       cl::value_desc("FILE"),
                                       cl::sub(ReportCommand),
                                       cl::cat(ReportCategory));

static constexpr unsigned TableWidth = 100;
static constexpr unsigned DefaultTableRows = 20;

namespace {

/// What the cells need besides the row.
struct ReportContext {
  const Profile *Prof = nullptr;
  const EnergyDomain *Domain = nullptr; // Null: no energy.
  bool HasStatic = false;
  bool HasItems = false; // Some region counted its work.
};

/// A column: its key for --columns, header, and cells for people (table,
/// markdown) and for programs (CSV: unformatted, empty when none).
struct Column {
  std::string Key;
  std::string Header;
  Table::Align Alignment = Table::Align::Right;
  unsigned MaxWidth = 0;
  std::function<std::string(const ReportRow &)> Text;
  std::function<std::string(const ReportRow &)> Raw;
};

} // namespace

// The mark of a static figure's confidence, as frugal analyze's table
// shows it: ≤ an upper bound, ~ neither bound nor exact.
static std::string confidenceMark(const ReportRow &R) {
  if (!R.Static)
    return "";
  if (R.Static->Confidence == "upper_bound")
    return "≤";
  if (R.Static->Confidence == "unknown")
    return "~";
  return R.Static->Uncounted ? "≥" : "";
}

static std::string rawNumber(std::optional<double> V) {
  if (!V)
    return "";
  if (std::isfinite(*V) && *V == std::floor(*V) && std::fabs(*V) < 9e15)
    return std::to_string(static_cast<int64_t>(*V));
  std::string S;
  raw_string_ostream(S) << format("%.9g", *V);
  return S;
}

// "12.3M" when it evaluated, the expression when it did not, "-" without
// a static record.
static std::string perCallText(const ReportRow &R, const StaticQuantity &Q,
                               bool Bytes) {
  if (!Q.Expr)
    return "-";
  if (!Q.PerCall.PerCall)
    return Q.Expr->known() ? Q.Expr->Text : "?";
  double V = *Q.PerCall.PerCall;
  return confidenceMark(R) +
         (Bytes ? formatBytes(std::llround(V)) : formatCount(std::llround(V)));
}

static std::string energyText(std::optional<double> J) {
  return J ? formatEnergy(*J) : "-";
}

// A row with no measurement says why in its first figure column.
static std::string notMeasured(const ReportRow &R) {
  if (!R.InProfile)
    return "not run";
  if (!R.Instrumented)
    return "filtered";
  return "";
}

static std::vector<Column> allColumns(const ReportContext &Ctx) {
  using Align = Table::Align;
  std::vector<Column> C;
  std::string D = Ctx.Domain ? Ctx.Domain->Name : "";
  // Figures of a row that was not measured are blank; its calls cell says
  // why (filtered, not run).
  auto Measured = [](const ReportRow &R, std::string Text) {
    return notMeasured(R).empty() ? Text : std::string();
  };
  C.push_back({"name", "function", Align::Left, 0,
               [](const ReportRow &R) {
                 std::string Name = R.Name;
                 if (R.RowKind == ReportRow::Kind::Region)
                   Name = "[region] " + Name;
                 return Name;
               },
               [](const ReportRow &R) { return R.Name; }});
  C.push_back({"location", "file:line", Align::Left, 24,
               [](const ReportRow &R) {
                 if (R.File.empty())
                   return std::string("-");
                 std::string S = sys::path::filename(R.File).str();
                 return R.Line ? S + ":" + std::to_string(R.Line) : S;
               },
               [](const ReportRow &R) {
                 return R.File.empty() ? std::string()
                                       : R.File + ":" + std::to_string(R.Line);
               }});
  C.push_back({"calls", "calls", Align::Right, 0,
               [](const ReportRow &R) {
                 std::string Why = notMeasured(R);
                 return Why.empty() ? formatCount(R.Calls) : Why;
               },
               [](const ReportRow &R) {
                 return R.measured() ? std::to_string(R.Calls) : "";
               }});
  C.push_back({"time", "time", Align::Right, 0,
               [=](const ReportRow &R) {
                 return Measured(R, formatDuration(R.Time.Inclusive));
               },
               [](const ReportRow &R) {
                 return R.measured() ? std::to_string(R.Time.Inclusive) : "";
               }});
  C.push_back({"self-time", "self time", Align::Right, 0,
               [=](const ReportRow &R) {
                 return Measured(R, formatDuration(R.Time.Exclusive));
               },
               [](const ReportRow &R) {
                 return R.measured() ? std::to_string(R.Time.Exclusive) : "";
               }});
  if (Ctx.Domain) {
    C.push_back(
        {"energy", "energy", Align::Right, 0,
         [=](const ReportRow &R) {
           return Measured(R, energyText(R.inclusiveJ(D)));
         },
         [=](const ReportRow &R) { return rawNumber(R.inclusiveJ(D)); }});
    C.push_back(
        {"self-energy", "self energy", Align::Right, 0,
         [=](const ReportRow &R) {
           return Measured(R, energyText(R.exclusiveJ(D)));
         },
         [=](const ReportRow &R) { return rawNumber(R.exclusiveJ(D)); }});
    auto PowerOf = [=](const ReportRow &R) -> std::optional<double> {
      if (!R.Power || !R.measured())
        return std::nullopt;
      auto It = R.Power->find(D);
      return It == R.Power->end() ? std::nullopt : It->second.MeanW;
    };
    C.push_back({"power", "power", Align::Right, 0,
                 [=](const ReportRow &R) {
                   std::optional<double> W = PowerOf(R);
                   return Measured(R, W ? formatPower(*W) : "-");
                 },
                 [=](const ReportRow &R) { return rawNumber(PowerOf(R)); }});
    auto PerCall = [=](const ReportRow &R) -> std::optional<double> {
      std::optional<double> J = R.inclusiveJ(D);
      if (!J || !R.Calls)
        return std::nullopt;
      return *J / R.Calls;
    };
    C.push_back({"energy-per-call", "J/call", Align::Right, 0,
                 [=](const ReportRow &R) {
                   return Measured(R, energyText(PerCall(R)));
                 },
                 [=](const ReportRow &R) { return rawNumber(PerCall(R)); }});
  }
  for (const EventInfo *E : Ctx.Prof->countedEvents()) {
    std::string Name = E->Name;
    bool IsTime = E->isTime();
    auto Count = [=](const ReportRow &R) -> std::optional<int64_t> {
      if (!R.Counters)
        return std::nullopt;
      auto It = R.Counters->find(Name);
      if (It == R.Counters->end())
        return std::nullopt;
      return It->second.Exclusive;
    };
    C.push_back({Name, truncateToWidth(Name, 12), Align::Right, 0,
                 [=](const ReportRow &R) {
                   std::optional<int64_t> N = Count(R);
                   if (!N)
                     return Measured(R, "-");
                   return Measured(R, IsTime ? formatDuration(*N)
                                             : formatCount(*N));
                 },
                 [=](const ReportRow &R) {
                   std::optional<int64_t> N = Count(R);
                   return N ? std::to_string(*N) : std::string();
                 }});
  }
  if (Ctx.Prof->Alloc.on())
    C.push_back(
        {"alloc", "alloc", Align::Right, 0,
         [=](const ReportRow &R) {
           return Measured(R, R.AllocBytes ? formatBytes(*R.AllocBytes) : "-");
         },
         [](const ReportRow &R) {
           return R.AllocBytes ? std::to_string(*R.AllocBytes) : std::string();
         }});
  if (Ctx.HasItems) {
    // A region's counted work, and its inclusive figures per 1000 items.
    C.push_back({"items", "items", Align::Right, 0,
                 [=](const ReportRow &R) {
                   if (!R.Items)
                     return Measured(R, "-");
                   return std::to_string(R.Items->Count) + " " + R.Items->Unit;
                 },
                 [](const ReportRow &R) {
                   return R.Items ? std::to_string(R.Items->Count)
                                  : std::string();
                 }});
    if (Ctx.Domain)
      C.push_back({"energy-per-1k", "J/1k items", Align::Right, 0,
                   [=](const ReportRow &R) {
                     return Measured(R, energyText(R.energyPerThousandJ(D)));
                   },
                   [=](const ReportRow &R) {
                     return rawNumber(R.energyPerThousandJ(D));
                   }});
    C.push_back(
        {"time-per-1k", "time/1k items", Align::Right, 0,
         [=](const ReportRow &R) {
           std::optional<double> Ns = R.timePerThousandNs();
           return Measured(R, Ns ? formatDuration(std::llround(*Ns)) : "-");
         },
         [](const ReportRow &R) { return rawNumber(R.timePerThousandNs()); }});
  }
  if (!Ctx.HasStatic)
    return C;
  auto StaticInt = [](int64_t StaticFunction::*Field) {
    return [=](const ReportRow &R) {
      return R.Static ? std::to_string(R.Static->*Field) : std::string();
    };
  };
  C.push_back({"big-o", "O()", Align::Left, 14,
               [](const ReportRow &R) {
                 if (!R.Static)
                   return std::string("-");
                 return R.Static->BigO ? confidenceMark(R) + *R.Static->BigO
                                       : std::string("?");
               },
               [](const ReportRow &R) {
                 return R.Static && R.Static->BigO ? *R.Static->BigO
                                                   : std::string();
               }});
  C.push_back({"cyclomatic", "cyc", Align::Right, 0,
               [=](const ReportRow &R) {
                 std::string S = StaticInt(&StaticFunction::Cyclomatic)(R);
                 return S.empty() ? "-" : S;
               },
               StaticInt(&StaticFunction::Cyclomatic)});
  C.push_back({"cognitive", "cog", Align::Right, 0,
               [=](const ReportRow &R) {
                 std::string S = StaticInt(&StaticFunction::Cognitive)(R);
                 return S.empty() ? "-" : S;
               },
               StaticInt(&StaticFunction::Cognitive)});
  struct QuantityColumn {
    const char *Key, *Header, *TotalKey, *TotalHeader;
    StaticQuantity ReportRow::*Field;
    bool Bytes;
  };
  static const QuantityColumn Quantities[] = {
      {"flops", "flops/call", "flops-total", "flops", &ReportRow::Flops, false},
      {"bytes", "bytes/call", "bytes-total", "bytes", &ReportRow::BytesTouched,
       true},
      {"stack", "stack", nullptr, nullptr, &ReportRow::StackBytes, true},
      {"heap", "heap/call", "heap-total", "heap", &ReportRow::HeapBytes, true},
  };
  for (const QuantityColumn &Q : Quantities) {
    StaticQuantity ReportRow::*Field = Q.Field;
    bool Bytes = Q.Bytes;
    C.push_back(
        {Q.Key, Q.Header, Align::Right, 12,
         [=](const ReportRow &R) { return perCallText(R, R.*Field, Bytes); },
         [=](const ReportRow &R) {
           return rawNumber((R.*Field).PerCall.PerCall);
         }});
    // The expression itself, for programs.
    C.push_back({std::string(Q.Key) + "-expr", std::string(Q.Header) + " expr",
                 Align::Left, 24,
                 [=](const ReportRow &R) {
                   const StaticQuantity &V = R.*Field;
                   return V.Expr && V.Expr->known() ? V.Expr->Text
                                                    : std::string("-");
                 },
                 [=](const ReportRow &R) {
                   const StaticQuantity &V = R.*Field;
                   return V.Expr ? V.Expr->Text : std::string();
                 }});
    if (!Q.TotalKey)
      continue;
    C.push_back(
        {Q.TotalKey, Q.TotalHeader, Align::Right, 0,
         [=](const ReportRow &R) {
           const StaticQuantity &V = R.*Field;
           if (!V.Total)
             return std::string("-");
           return confidenceMark(R) +
                  (Bytes ? formatBytes(std::llround(*V.Total))
                         : formatCount(std::llround(*V.Total)));
         },
         [=](const ReportRow &R) { return rawNumber((R.*Field).Total); }});
  }
  // Per call from the evaluated flops and bytes when both evaluated (not by
  // evaluating the quotient: its `/` would truncate as C's does).
  C.push_back({"intensity", "flop/B", Align::Right, 12,
               [](const ReportRow &R) {
                 if (std::optional<double> I = R.intensity()) {
                   std::string S;
                   raw_string_ostream(S) << format("%.3g", *I);
                   return S;
                 }
                 if (!R.Static || R.Static->ArithmeticIntensity.empty())
                   return std::string("-");
                 return R.Static->ArithmeticIntensity;
               },
               [](const ReportRow &R) { return rawNumber(R.intensity()); }});
  C.push_back({"intensity-expr", "flop/B expr", Align::Left, 24,
               [](const ReportRow &R) {
                 if (!R.Static || R.Static->ArithmeticIntensity.empty())
                   return std::string("-");
                 return R.Static->ArithmeticIntensity;
               },
               [](const ReportRow &R) {
                 return R.Static ? R.Static->ArithmeticIntensity
                                 : std::string();
               }});
  // The body's own work, beside the exclusive (self) measurements.
  C.push_back({"self-flops", "own flops/call", Align::Right, 12,
               [](const ReportRow &R) {
                 return perCallText(R, R.SelfFlops, /*Bytes=*/false);
               },
               [](const ReportRow &R) {
                 return rawNumber(R.SelfFlops.PerCall.PerCall);
               }});
  C.push_back({"self-bytes", "own bytes/call", Align::Right, 12,
               [](const ReportRow &R) {
                 return perCallText(R, R.SelfBytes, /*Bytes=*/true);
               },
               [](const ReportRow &R) {
                 return rawNumber(R.SelfBytes.PerCall.PerCall);
               }});
  if (Ctx.Domain)
    C.push_back(
        {"j-per-flop", "J/flop", Align::Right, 0,
         [=](const ReportRow &R) {
           std::optional<double> J = R.joulesPerFlop(D);
           return J ? formatEnergy(*J) : std::string("-");
         },
         [=](const ReportRow &R) { return rawNumber(R.joulesPerFlop(D)); }});
  return C;
}

static std::vector<std::string> defaultColumns(const ReportContext &Ctx) {
  if (Ctx.HasStatic && Ctx.Domain)
    return {"name",  "calls", "self-time", "self-energy",
            "big-o", "flops", "j-per-flop"};
  if (Ctx.HasStatic)
    return {"name",  "calls", "time",       "self-time",
            "big-o", "flops", "flops-total"};
  if (Ctx.Domain)
    return {"name",        "calls",  "time",  "self-time",
            "self-energy", "energy", "power", "energy-per-call"};
  return {"name", "location", "calls", "time", "self-time"};
}

// Columns of the regions' counted work (frugal_region_items).
static bool isItemsKey(StringRef Key) {
  static const StringRef Keys[] = {"items", "energy-per-1k", "time-per-1k"};
  return is_contained(Keys, Key);
}

static Error noItems(StringRef Option, StringRef Key) {
  return makeError(Option + "=" + Key +
                       " needs regions' counts of work "
                       "(frugal_region_items), which " +
                       ProfilePath + " does not have",
                   "count work in a region with frugal_region_items, or "
                   "leave out " +
                       Key);
}

// The columns --columns names, in its order; unknown names are an error
// listing the known ones.
static Expected<std::vector<Column>> selectColumns(const ReportContext &Ctx,
                                                   std::vector<Column> All) {
  std::vector<std::string> Wanted;
  if (ColumnNames.getNumOccurrences()) {
    SmallVector<StringRef, 16> Parts;
    StringRef(ColumnNames).split(Parts, ',', -1, /*KeepEmpty=*/false);
    for (StringRef P : Parts)
      Wanted.push_back(P.trim().str());
  } else {
    Wanted = defaultColumns(Ctx);
  }
  std::vector<Column> Selected;
  for (const std::string &Key : Wanted) {
    auto It = find_if(All, [&](const Column &C) { return C.Key == Key; });
    if (It == All.end()) {
      if (!Ctx.HasItems && isItemsKey(Key))
        return noItems("--columns", Key);
      std::vector<std::string> Keys;
      for (const Column &C : All)
        Keys.push_back(C.Key);
      return makeError(
          "unknown column '" + Key + "' for --columns" +
              (Ctx.HasStatic ? "" : " (static columns need --static or -p)"),
          "use some of: " + join(Keys, ", "));
    }
    Selected.push_back(*It);
  }
  if (Selected.empty())
    return makeError("--columns names no column",
                     "name at least one, e.g. --columns=name,energy");
  return Selected;
}

//===----------------------------------------------------------------------===//
// Sorting
//===----------------------------------------------------------------------===//

using SortValue = std::function<std::optional<double>(const ReportRow &)>;

// Columns that need the analysis, or energy; a sort or column key among them
// is explained rather than called unknown.
static bool isStaticKey(StringRef Key) {
  static const StringRef Keys[] = {
      "big-o",       "cyclomatic", "cognitive",  "flops",
      "flops-total", "flops-expr", "bytes",      "bytes-total",
      "bytes-expr",  "stack",      "stack-expr", "heap",
      "heap-total",  "heap-expr",  "intensity",  "intensity-expr",
      "self-flops",  "self-bytes", "j-per-flop"};
  return is_contained(Keys, Key);
}

static bool isEnergyKey(StringRef Key) {
  static const StringRef Keys[] = {"energy",     "self-energy",
                                   "power",      "energy-per-call",
                                   "j-per-flop", "energy-per-1k"};
  return is_contained(Keys, Key);
}

// Text columns cannot order rows (but the name).
static bool isTextKey(StringRef Key) {
  static const StringRef Keys[] = {"location",      "big-o",      "flops-expr",
                                   "bytes-expr",    "stack-expr", "heap-expr",
                                   "intensity-expr"};
  return is_contained(Keys, Key);
}

// --sort takes any numeric column's key, and `exclusive` and `inclusive`
// (self-time and time) as frugal summary and diff name them.
static Expected<SortValue> sortValue(const ReportContext &Ctx,
                                     ArrayRef<Column> All, StringRef Key) {
  if (Key == "exclusive")
    Key = "self-time";
  else if (Key == "inclusive")
    Key = "time";
  if (Key == "name")
    return SortValue(nullptr);
  if (!Ctx.HasStatic && isStaticKey(Key))
    return makeError("--sort=" + Key + " needs static figures",
                     "pass --static FILE or -p BUILD_DIR");
  if (!Ctx.Domain && isEnergyKey(Key))
    return makeError("--sort=" + Key + " needs energy, which " + ProfilePath +
                         " does not have",
                     "sort by self-time, time or calls");
  if (!Ctx.HasItems && isItemsKey(Key))
    return noItems("--sort", Key);
  auto It = find_if(All, [&](const Column &C) { return C.Key == Key; });
  if (It == All.end() || isTextKey(Key)) {
    std::vector<std::string> Keys = {"name", "exclusive", "inclusive"};
    for (const Column &C : All)
      if (!isTextKey(C.Key) && C.Key != "name")
        Keys.push_back(C.Key);
    return makeError("unknown value '" + Key + "' for --sort",
                     "use one of: " + join(Keys, ", "));
  }
  auto Raw = It->Raw;
  return SortValue([Raw](const ReportRow &R) -> std::optional<double> {
    std::string Text = Raw(R);
    double V;
    if (Text.empty() || StringRef(Text).getAsDouble(V))
      return std::nullopt;
    return V;
  });
}

// Rows with a value first, largest first; then the others; ties by name.
// Values are computed once per row.
static void sortRows(std::vector<ReportRow> &Rows, const SortValue &Value) {
  std::vector<std::optional<double>> Values(Rows.size());
  std::vector<size_t> Order(Rows.size());
  for (size_t I = 0; I < Rows.size(); ++I) {
    Order[I] = I;
    if (Value)
      Values[I] = Value(Rows[I]);
  }
  // A total order (kind, id, file and line break ties), so the output is
  // deterministic without a stable sort.
  auto Key = [](const ReportRow &R) {
    return std::tie(R.Name, R.RowKind, R.Id, R.File, R.Line);
  };
  llvm::sort(Order, [&](size_t A, size_t B) {
    const std::optional<double> &VA = Values[A], &VB = Values[B];
    if (VA.has_value() != VB.has_value())
      return VA.has_value();
    if (VA && *VA != *VB)
      return *VA > *VB;
    return Key(Rows[A]) < Key(Rows[B]);
  });
  std::vector<ReportRow> Sorted;
  Sorted.reserve(Rows.size());
  for (size_t I : Order)
    Sorted.push_back(std::move(Rows[I]));
  Rows = std::move(Sorted);
}

//===----------------------------------------------------------------------===//
// Output
//===----------------------------------------------------------------------===//

// Says where the energy came from: measured, or MODELLED (never shown as
// a measurement), and what the static figures mean.
static std::vector<std::string> legend(const ReportContext &Ctx,
                                       const StaticAnalysis *Static) {
  std::vector<std::string> Lines;
  const Profile &Prof = *Ctx.Prof;
  if (const EnergyDomain *D = Ctx.Domain) {
    Lines.push_back("energy: " + D->Name + ", " +
                    (D->Measured
                         ? "measured by " + D->Source
                         : "MODELLED by " + D->Source + ", not measured") +
                    "; energy, time: inclusive; self: exclusive");
    if (Prof.Energy.Status == "mixed")
      Lines.push_back("note: the profile mixes measured and modelled "
                      "domains; --domain picks one");
  } else {
    Lines.push_back("energy: not measured in this profile (times only)");
  }
  if (Prof.Timing.sampled())
    Lines.push_back("timing: " + Prof.Timing.describe());
  if (Static) {
    Lines.push_back("static: " + Static->Source +
                    "; per call with the sampled argument values, else "
                    "the expression");
    Lines.push_back("≤ upper bound, ≥ lower bound, ~ neither; J/flop: "
                    "energy / (flops/call × calls)");
  }
  return Lines;
}

static void printTable(raw_ostream &OS, const ReportContext &Ctx,
                       const StaticAnalysis *Static, ArrayRef<ReportRow> Rows,
                       size_t Total, ArrayRef<Column> Columns) {
  OS << truncateToWidth("profile: " + ProfilePath + " (" +
                            Ctx.Prof->Program.Executable + ")",
                        TableWidth)
     << '\n';
  for (const std::string &Line : legend(Ctx, Static))
    OS << truncateToWidth(Line, TableWidth) << '\n';
  // Wrapped, not cut: each figure counts.
  if (!Ctx.Prof->Metrics.empty())
    printWrapped(OS, "metrics: " + metricsText(Ctx.Prof->Metrics), TableWidth,
                 "  ");
  OS << '\n';
  auto Build = [&](unsigned NameWidth) {
    std::vector<Table::Column> Cols;
    for (const Column &C : Columns) {
      Table::Column TC;
      TC.Header = C.Header;
      TC.Alignment = C.Alignment;
      TC.MaxWidth = C.MaxWidth;
      TC.Elastic = C.Key == "name";
      TC.KeepEnd = C.Key == "location";
      Cols.push_back(std::move(TC));
    }
    Table T(std::move(Cols));
    for (const ReportRow &R : Rows) {
      std::vector<std::string> Cells;
      for (const Column &C : Columns)
        Cells.push_back(C.Text(R));
      // Shortened as frugal analyze's table does: parameter lists and
      // template arguments go before the name is cut.
      if (NameWidth && R.RowKind == ReportRow::Kind::Function)
        Cells[0] = analysis::shortFunctionName(Cells[0], NameWidth);
      T.addRow(std::move(Cells));
    }
    return T;
  };
  Table T = Build(0);
  T = Build(T.elasticWidth(TableWidth));
  T.print(OS, TableWidth);
  size_t Filtered = 0, NotRun = 0;
  for (const ReportRow &R : Rows) {
    Filtered += R.InProfile && !R.Instrumented;
    NotRun += !R.InProfile;
  }
  OS << '\n' << Rows.size() << " of " << Total << " rows";
  if (Rows.size() < Total)
    OS << " (--top 0 shows all)";
  OS << ".\n";
  if (Filtered)
    OS << "filtered: not instrumented (the profile's filter_reason says "
          "why; docs/instrumentation.md)\n";
  if (NotRun)
    OS << "not run: analysed, not in the profile (inlined everywhere, or "
          "never called)\n";
  // Every region that counted its work, whatever --top kept.
  std::vector<std::string> Work = regionWorkLines(*Ctx.Prof, Ctx.Domain);
  if (Work.empty())
    return;
  OS << '\n' << truncateToWidth(Work.front(), TableWidth) << '\n';
  for (const std::string &Line : ArrayRef(Work).drop_front())
    OS << truncateToWidth("  " + Line, TableWidth) << '\n';
}

static void printMarkdown(raw_ostream &OS, const ReportContext &Ctx,
                          const StaticAnalysis *Static,
                          ArrayRef<ReportRow> Rows, ArrayRef<Column> Columns) {
  OS << "**" << markdownCell(ProfilePath) << "** (`"
     << markdownCell(Ctx.Prof->Program.Executable) << "`)\n\n";
  for (const std::string &Line : legend(Ctx, Static))
    OS << "- " << markdownCell(Line) << "\n";
  if (!Ctx.Prof->Metrics.empty())
    OS << "- " << markdownCell("metrics: " + metricsText(Ctx.Prof->Metrics))
       << "\n";
  OS << "\n|";
  for (const Column &C : Columns)
    OS << " " << markdownCell(C.Header) << " |";
  OS << "\n|";
  for (const Column &C : Columns)
    OS << (C.Alignment == Table::Align::Right ? " ---: |" : " --- |");
  OS << "\n";
  for (const ReportRow &R : Rows) {
    OS << "|";
    for (const Column &C : Columns) {
      std::string Cell = markdownCell(C.Text(R));
      if (C.Key == "name")
        Cell = "`" + Cell + "`";
      OS << " " << Cell << " |";
    }
    OS << "\n";
  }
  std::vector<std::string> Work = regionWorkLines(*Ctx.Prof, Ctx.Domain);
  if (Work.empty())
    return;
  OS << "\n" << markdownCell(Work.front()) << ":\n\n";
  for (const std::string &Line : ArrayRef(Work).drop_front())
    OS << "- " << markdownCell(Line) << "\n";
}

// CSV headers carry their unit: time_ns, energy_j, flops_per_call...
static std::string csvName(StringRef Key, const Profile &Prof) {
  static const std::pair<StringRef, StringRef> Names[] = {
      {"time", "time_ns"},
      {"self-time", "self_time_ns"},
      {"energy", "energy_j"},
      {"self-energy", "self_energy_j"},
      {"power", "power_w"},
      {"energy-per-call", "energy_per_call_j"},
      {"alloc", "alloc_bytes"},
      {"flops", "flops_per_call"},
      {"flops-total", "flops_total"},
      {"bytes", "bytes_touched_per_call"},
      {"bytes-expr", "bytes_touched_expr"},
      {"bytes-total", "bytes_touched_total"},
      {"stack", "stack_bytes"},
      {"stack-expr", "stack_bytes_expr"},
      {"heap", "heap_bytes_per_call"},
      {"heap-expr", "heap_bytes_expr"},
      {"heap-total", "heap_bytes_total"},
      {"intensity", "arithmetic_intensity_per_call"},
      {"intensity-expr", "arithmetic_intensity"},
      {"self-flops", "self_flops_per_call"},
      {"self-bytes", "self_bytes_per_call"},
      {"j-per-flop", "j_per_flop"},
      {"items", "items_count"},
      {"energy-per-1k", "energy_per_1k_j"},
      {"time-per-1k", "time_per_1k_ns"}};
  for (const auto &[From, To] : Names)
    if (Key == From)
      return To.str();
  // An event: task-clock counts nanoseconds, task_clock_ns.
  std::string S = Key.str();
  std::replace(S.begin(), S.end(), '-', '_');
  const EventInfo *E = Prof.event(Key);
  return E && E->isTime() ? S + "_ns" : S;
}

static void printCsv(raw_ostream &OS, ArrayRef<ReportRow> Rows,
                     ArrayRef<Column> All, const ReportContext &Ctx) {
  // Every column, unformatted, with the row's kind, profile status and
  // linkage name (to join with other CSVs); then every domain's energy.
  std::vector<std::string> Header = {"kind", "profile_status"};
  for (const Column &C : All) {
    Header.push_back(csvName(C.Key, *Ctx.Prof));
    if (C.Key == "name")
      Header.push_back("linkage_name");
    if (C.Key == "items")
      Header.push_back("items_unit");
  }
  if (Ctx.Domain) {
    Header.push_back("energy_domain");
    Header.push_back("energy_source");
    Header.push_back("energy_measured");
  }
  const std::vector<EnergyDomain> &Domains = Ctx.Prof->Energy.Domains;
  for (const EnergyDomain &D : Domains) {
    Header.push_back(D.Name + "_energy_j");
    Header.push_back(D.Name + "_self_energy_j");
    Header.push_back(D.Name + "_measured");
  }
  // The program's metrics, the same on every row.
  const std::map<std::string, double> &Metrics = Ctx.Prof->Metrics;
  for (const auto &KV : Metrics)
    Header.push_back("metric_" + KV.first);
  writeCsvRow(OS, Header);
  for (const ReportRow &R : Rows) {
    std::string Status = !R.InProfile      ? "not-run"
                         : !R.Instrumented ? "filtered"
                                           : "instrumented";
    std::vector<std::string> Cells = {
        R.RowKind == ReportRow::Kind::Region ? "region" : "function", Status};
    for (const Column &C : All) {
      Cells.push_back(C.Raw(R));
      if (C.Key == "name")
        Cells.push_back(R.Measured ? R.Measured->LinkageName
                        : R.Static ? R.Static->LinkageName
                                   : std::string());
      if (C.Key == "items")
        Cells.push_back(R.Items ? R.Items->Unit : std::string());
    }
    if (Ctx.Domain) {
      Cells.push_back(Ctx.Domain->Name);
      Cells.push_back(Ctx.Domain->Source);
      Cells.push_back(Ctx.Domain->Measured ? "true" : "false");
    }
    for (const EnergyDomain &D : Domains) {
      Cells.push_back(rawNumber(R.inclusiveJ(D.Name)));
      Cells.push_back(rawNumber(R.exclusiveJ(D.Name)));
      Cells.push_back(D.Measured ? "true" : "false");
    }
    for (const auto &KV : Metrics)
      Cells.push_back(rawNumber(KV.second));
    writeCsvRow(OS, Cells);
  }
}

static Expected<const EnergyDomain *> selectDomain(const Profile &Prof) {
  const EnergyInfo &E = Prof.Energy;
  if (DomainName.empty())
    return E.defaultDomain();
  if (const EnergyDomain *D = E.domain(DomainName))
    return D;
  std::vector<std::string> Names;
  for (const EnergyDomain &D : E.Domains)
    Names.push_back(D.Name);
  if (Names.empty())
    return makeError(ProfilePath + " has no energy, so no domain '" +
                         DomainName + "'",
                     "leave out --domain");
  return makeError(ProfilePath + ": no energy domain '" + DomainName + "'",
                   "use one of: " + join(Names, ", "));
}

static int runReport() {
  Expected<Profile> Prof = readProfile(ProfilePath);
  if (!Prof) {
    printError(Prof.takeError());
    return ExitUsage;
  }
  Expected<std::optional<StaticAnalysis>> Static =
      loadStaticOption(StaticPath, BuildDir);
  if (!Static) {
    printError(Static.takeError());
    return ExitUsage;
  }
  const StaticAnalysis *StaticPtr = *Static ? &**Static : nullptr;

  ReportContext Ctx;
  Ctx.Prof = &*Prof;
  Ctx.HasStatic = StaticPtr != nullptr;
  Ctx.HasItems = any_of(
      Prof->Regions, [](const RegionRecord &R) { return R.Items.has_value(); });
  Expected<const EnergyDomain *> Domain = selectDomain(*Prof);
  if (!Domain) {
    printError(Domain.takeError());
    return ExitUsage;
  }
  Ctx.Domain = *Domain;

  std::string SortKey = SortName.empty()
                            ? (Ctx.Domain ? "self-energy" : "self-time")
                            : SortName.getValue();
  std::vector<Column> All = allColumns(Ctx);
  Expected<SortValue> Sort = sortValue(Ctx, All, SortKey);
  if (!Sort) {
    printError(Sort.takeError());
    return ExitUsage;
  }
  Expected<std::vector<Column>> Selected = selectColumns(Ctx, All);
  if (!Selected) {
    printError(Selected.takeError());
    return ExitUsage;
  }

  std::vector<ReportRow> Rows = buildReportRows(*Prof, StaticPtr);
  sortRows(Rows, *Sort);
  size_t Total = Rows.size();
  unsigned Limit = Top.getNumOccurrences()
                       ? Top.getValue()
                       : (Format == ReportFormat::Table ? DefaultTableRows : 0);
  if (Limit && Rows.size() > Limit)
    Rows.resize(Limit);

  Error E = writeOutput(OutputPath, [&](raw_ostream &OS) {
    switch (Format) {
    case ReportFormat::Table:
      printTable(OS, Ctx, StaticPtr, Rows, Total, *Selected);
      return;
    case ReportFormat::Md:
      printMarkdown(OS, Ctx, StaticPtr, Rows, *Selected);
      return;
    case ReportFormat::Csv:
      printCsv(OS, Rows, All, Ctx);
      return;
    case ReportFormat::Json:
      writeReportJson(OS, *Prof, ProfilePath, StaticPtr, Rows);
      OS << '\n';
      return;
    case ReportFormat::Html:
      writeHtml(OS, "frugal report: " + sys::path::filename(ProfilePath).str(),
                [&](raw_ostream &DataOS) {
                  writeReportJson(DataOS, *Prof, ProfilePath, StaticPtr, Rows);
                });
      return;
    }
  });
  if (E)
    return reportError(std::move(E));
  return ExitSuccess;
}

static CommandRegistration Registered(ReportCommand, runReport);
