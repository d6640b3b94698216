//===- Summary.cpp - `frugal summary`: a profile at a glance --------------===//
//
// Prints what was run and how it was measured, then the hottest functions and
// regions by exclusive time (or inclusive time, calls, or exclusive energy),
// as a table for people or as CSV/JSON with unformatted numbers for scripts.
//
// With energy, the header names each domain's source and says whether its
// figures are measured or MODELLED, and the table shows one domain (--domain:
// package by default): a modelled figure is never shown as a measurement.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "Options.h"
#include "Profile.h"
#include "Table.h"
#include "Units.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace llvm;
using namespace frugal;

namespace {
enum class SortKey { Exclusive, Inclusive, Calls, Energy };

/// One line of the table: a function or a region.
struct Row {
  std::string Name;
  StringRef Kind; // "fn" or "region"
  int64_t Id = 0;
  int64_t Calls = 0;
  Times Time;
  double ExclusivePercent = 0;
  int64_t NsPerCall = 0; // Inclusive time per call.
  StringRef File;
  int64_t Line = 0;
  const EnergyByDomain *Energy = nullptr; // Into the profile.
  const PowerByDomain *Power = nullptr;
};

/// Everything the output formats print, computed once.
struct SummaryData {
  std::vector<Row> Rows;  // Sorted and cut to --top.
  size_t Candidates = 0;  // Rows before the cut.
  int64_t MeasuredNs = 0; // Exclusive time of all functions and regions.
  size_t Instrumented = 0;
  size_t Filtered = 0;
  /// The domain of the energy columns; null when the profile has no energy.
  const EnergyDomain *Domain = nullptr;
};
} // namespace

static cl::SubCommand
    SummaryCommand("summary", "Show the hottest functions and regions of a "
                              "profile");
static cl::OptionCategory SummaryCategory("frugal summary options");

static cl::opt<std::string> ProfilePath(cl::Positional, cl::Required,
                                        cl::desc("<profile.json>"),
                                        cl::sub(SummaryCommand),
                                        cl::cat(SummaryCategory));
static cl::opt<unsigned> Top("top", cl::desc("Rows to show; 0 shows all"),
                             cl::value_desc("N"), cl::init(20),
                             cl::sub(SummaryCommand), cl::cat(SummaryCategory));
static cl::opt<SortKey, false, ValuesParser<SortKey>>
    Sort("sort", cl::desc("Order of the rows, largest first"),
         cl::values(clEnumValN(SortKey::Exclusive, "exclusive",
                               "time in the code itself (default)"),
                    clEnumValN(SortKey::Inclusive, "inclusive",
                               "time including callees"),
                    clEnumValN(SortKey::Calls, "calls", "number of calls"),
                    clEnumValN(SortKey::Energy, "energy",
                               "exclusive energy of the --domain")),
         cl::init(SortKey::Exclusive), cl::sub(SummaryCommand),
         cl::cat(SummaryCategory));
static cl::opt<std::string>
    DomainName("domain",
               cl::desc("Energy domain of the energy columns and --sort=energy "
                        "(default: package, or the first the profile has)"),
               cl::value_desc("NAME"), cl::sub(SummaryCommand),
               cl::cat(SummaryCategory));
static cl::opt<OutputFormat, false, ValuesParser<OutputFormat>>
    Format("format", cl::desc("Output format"), outputFormatValues(),
           cl::init(OutputFormat::Table), cl::sub(SummaryCommand),
           cl::cat(SummaryCategory));

static constexpr unsigned TableWidth = 100;

// The --sort value that selects \p Key.
static StringRef sortName(SortKey Key) {
  switch (Key) {
  case SortKey::Exclusive:
    return "exclusive";
  case SortKey::Inclusive:
    return "inclusive";
  case SortKey::Calls:
    return "calls";
  case SortKey::Energy:
    return "energy";
  }
  llvm_unreachable("unknown sort key");
}

// The row's figures in domain \p D, or null.
static const DomainEnergy *energyIn(const Row &R, const EnergyDomain *D) {
  if (!D || !R.Energy)
    return nullptr;
  auto It = R.Energy->find(D->Name);
  return It == R.Energy->end() ? nullptr : &It->second;
}

static const DomainPower *powerIn(const Row &R, const EnergyDomain *D) {
  if (!D || !R.Power)
    return nullptr;
  auto It = R.Power->find(D->Name);
  return It == R.Power->end() ? nullptr : &It->second;
}

// Nanoseconds and calls stay exact in a double below 2^53 (104 days).
static double sortValue(const Row &R, SortKey Key, const EnergyDomain *D) {
  switch (Key) {
  case SortKey::Exclusive:
    return R.Time.Exclusive;
  case SortKey::Inclusive:
    return R.Time.Inclusive;
  case SortKey::Calls:
    return R.Calls;
  case SortKey::Energy: {
    // Rows without figures go last.
    const DomainEnergy *E = energyIn(R, D);
    return E ? E->Exclusive : -std::numeric_limits<double>::infinity();
  }
  }
  llvm_unreachable("unknown sort key");
}

// The domain of the energy columns: --domain, else package, else the first.
// Null when the profile has no energy and none was asked for.
static Expected<const EnergyDomain *> selectDomain(const Profile &Prof,
                                                   SortKey Key) {
  const EnergyInfo &E = Prof.Energy;
  if (!E.hasEnergy()) {
    if (!DomainName.empty())
      return makeError(ProfilePath + ": no energy domain '" + DomainName +
                           "': energy was not measured",
                       "leave out --domain");
    if (Key == SortKey::Energy)
      return makeError(ProfilePath +
                           ": --sort=energy needs energy figures, but energy "
                           "was not measured",
                       "sort by exclusive, inclusive or calls");
    return nullptr;
  }
  if (DomainName.empty())
    return E.domain("package") ? E.domain("package") : &E.Domains.front();
  if (const EnergyDomain *D = E.domain(DomainName))
    return D;
  std::vector<std::string> Names;
  for (const EnergyDomain &D : E.Domains)
    Names.push_back(D.Name);
  return makeError(ProfilePath + ": no energy domain '" + DomainName + "'",
                   "use one of: " + join(Names, ", "));
}

static SummaryData summarize(const Profile &Prof, SortKey Key,
                             const EnergyDomain *Domain, unsigned Limit) {
  SummaryData Data;
  Data.Domain = Domain;
  auto AddRow = [&Data](Row R) {
    R.NsPerCall = R.Calls ? R.Time.Inclusive / R.Calls : 0;
    Data.MeasuredNs += R.Time.Exclusive;
    Data.Rows.push_back(std::move(R));
  };
  for (const FunctionRecord &F : Prof.Functions) {
    // Filtered functions were not instrumented: they have no numbers to rank,
    // and the footer counts them instead.
    if (F.Filtered) {
      ++Data.Filtered;
      continue;
    }
    ++Data.Instrumented;
    Row R;
    R.Name = displayName(F);
    R.Kind = "fn";
    R.Id = F.Id;
    R.Calls = F.Calls;
    R.Time = F.Time;
    R.File = F.File;
    R.Line = F.Line;
    R.Energy = &F.Energy;
    R.Power = &F.Power;
    AddRow(std::move(R));
  }
  for (const RegionRecord &Region : Prof.Regions) {
    Row R;
    R.Name = Region.Name;
    R.Kind = "region";
    R.Id = Region.Id;
    R.Calls = Region.Calls;
    R.Time = Region.Time;
    R.Energy = &Region.Energy;
    R.Power = &Region.Power;
    AddRow(std::move(R));
  }

  // Exclusive times partition the measured time (a region's time is not in
  // its enclosing function's exclusive time), so their sum is the whole.
  for (Row &R : Data.Rows)
    R.ExclusivePercent =
        Data.MeasuredNs ? 100.0 * R.Time.Exclusive / Data.MeasuredNs : 0;

  // Ids are unique, so the order is total and the output deterministic.
  std::sort(Data.Rows.begin(), Data.Rows.end(),
            [Key, Domain](const Row &A, const Row &B) {
              double VA = sortValue(A, Key, Domain),
                     VB = sortValue(B, Key, Domain);
              if (VA != VB)
                return VA > VB;
              if (A.Name != B.Name)
                return A.Name < B.Name;
              return A.Id < B.Id;
            });
  Data.Candidates = Data.Rows.size();
  if (Limit && Data.Rows.size() > Limit)
    Data.Rows.resize(Limit);
  return Data;
}

// The table shows the file name only, leaving the width to function names;
// CSV and JSON have the file as the compiler was given it.
static std::string location(const Row &R) {
  if (R.File.empty())
    return "-";
  StringRef Name = sys::path::filename(R.File);
  if (!R.Line)
    return Name.str();
  return (Name + ":" + Twine(R.Line)).str();
}

// Prints one header line, cut to the table's width.
static void printLine(raw_ostream &OS, const Twine &Text) {
  OS << truncateToWidth(Text.str(), TableWidth) << '\n';
}

static std::string secondsText(double Seconds) {
  return formatDuration(std::llround(Seconds * 1e9));
}

// "energy: mixed, method regression, 2300 ticks of 1.00 ms, phase-locked",
// then two lines per domain: its total, whether it is measured or MODELLED
// and by which source; its baseline power and unattributed energy.
static void printEnergyHeader(raw_ostream &OS, const Profile &Prof) {
  const EnergyInfo &E = Prof.Energy;
  if (!E.hasEnergy()) {
    printLine(OS, "energy: not measured");
    return;
  }
  std::string Text = "energy: " + E.Status + ", method " + E.Method;
  if (E.Sampler)
    Text += ", " + std::to_string(E.Sampler->Ticks) + " ticks";
  if (E.TickUs)
    Text += (E.Sampler ? " of " : ", ticks of ") +
            formatDuration(std::llround(*E.TickUs * 1000));
  Text += E.PhaseLocked ? ", phase-locked" : ", not phase-locked";
  if (Prof.Totals->SampledS)
    Text += ", " + secondsText(*Prof.Totals->SampledS) + " sampled";
  printLine(OS, Text);

  for (const EnergyDomain &D : E.Domains) {
    // Reading checked that totals has every domain.
    double Total = Prof.Totals->EnergyJ.at(D.Name);
    double Unattributed = Prof.Totals->UnattributedJ.at(D.Name);
    std::string Source = D.Note.empty() ? D.Source : D.Source + ": " + D.Note;
    // Not cut to the table's width: the source is what makes the figure
    // trustworthy (or not).
    OS << "  " << D.Name << ": " << formatEnergy(Total)
       << (D.Measured ? " measured" : " MODELLED, not measured") << " ("
       << Source << ")\n";
    if (!D.Measured)
      OS << "    no energy counter could be read here; FRUGAL_VERBOSE=1 "
            "says why, docs/energy.md how to measure\n";
    std::optional<double> Baseline = E.baselineW(D.Name);
    double Percent = Total ? 100 * Unattributed / Total : 0;
    printLine(OS, "    baseline " +
                      (Baseline ? formatPower(*Baseline) : "not identified") +
                      "; " + formatEnergy(Unattributed) + " (" +
                      formatPercent(Percent) + ") unattributed");
  }

  if (!E.Sampler)
    return;
  const SamplerInfo &S = *E.Sampler;
  std::vector<std::string> Problems;
  if (S.MissedUpdates)
    Problems.push_back(std::to_string(S.MissedUpdates) +
                       " missed counter updates");
  if (S.RingOverflows || S.DroppedEntries)
    Problems.push_back(std::to_string(S.RingOverflows) + " ring overflows, " +
                       std::to_string(S.DroppedEntries) + " entries dropped");
  if (!Problems.empty())
    printLine(OS, "  sampler: " + join(Problems, "; "));
}

static void printHeader(raw_ostream &OS, const Profile &Prof,
                        const SummaryData &Data) {
  auto Line = [&OS](const Twine &Text) { printLine(OS, Text); };
  const ProgramInfo &Prog = Prof.Program;
  Line("profile: " + ProfilePath);
  Line("program: " + join(Prog.Argv, " ") + " (pid " + Twine(Prog.Pid) + ")");
  Line("executable: " + Prog.Executable);
  std::string Ended = Prog.End.empty() ? "" : ", ended by " + Prog.End;
  size_t Threads = Prof.Threads.size();
  std::string Rss;
  if (Prog.PeakRssBytes)
    Rss = ", peak RSS " + formatBytes(*Prog.PeakRssBytes);
  Line("wall time: " + formatDuration(Prog.WallNs) + " (timer " +
       Prof.Machine.Timer + ", " + Twine(Threads) +
       (Threads == 1 ? " thread" : " threads") + Ended + ")" + Rss);
  Line("functions: " + Twine(Data.Instrumented) + " instrumented, " +
       Twine(Data.Filtered) + " filtered");
  printEnergyHeader(OS, Prof);
}

static void printFooter(raw_ostream &OS, const Profile &Prof,
                        const SummaryData &Data) {
  if (Data.Filtered)
    OS << Data.Filtered << " small function"
       << (Data.Filtered == 1 ? " was" : "s were")
       << " not instrumented (\"filtered\" in the profile, with the "
          "reason)\n";
  if (!Prof.Tree.FoldedCalls)
    return;
  // Calls are folded when a thread's tree is full (or its shadow stack too
  // deep); FRUGAL_MAX_NODES is the knob that helps.
  OS << "the call tree folded " << Prof.Tree.FoldedCalls
     << " calls into their callers (FRUGAL_MAX_NODES";
  if (Prof.Tree.MaxNodesPerThread)
    OS << '=' << Prof.Tree.MaxNodesPerThread;
  OS << ")\n";
}

// "12.3 mJ", or "-" without figures.
static std::string energyCell(const DomainEnergy *E, double DomainEnergy::*J) {
  return E ? formatEnergy(E->*J) : "-";
}

// "21.3 ± 0.41 W " or, when the data could not separate the function's power
// from the rest's, "21.3 ± 8.2 W~"; the last column keeps units aligned.
static std::string powerCell(const DomainPower *W) {
  if (!W || !W->MeanW)
    return "- ";
  std::string Text = W->StderrW ? formatPowerWithError(*W->MeanW, *W->StderrW)
                                : formatPower(*W->MeanW);
  return Text + (W->Resolved ? " " : "~");
}

static void printTimeTable(raw_ostream &OS, const SummaryData &Data) {
  using Align = Table::Align;
  Table T({{"name", Align::Left, 0, /*Elastic=*/true},
           {"kind", Align::Left},
           {"calls", Align::Right},
           {"inclusive", Align::Right},
           {"exclusive", Align::Right},
           {"excl%", Align::Right},
           {"per call", Align::Right},
           {"file:line", Align::Left, 20, false, /*KeepEnd=*/true}});
  for (const Row &R : Data.Rows)
    T.addRow({R.Name, R.Kind.str(), std::to_string(R.Calls),
              formatDuration(R.Time.Inclusive),
              formatDuration(R.Time.Exclusive),
              formatPercent(R.ExclusivePercent),
              R.Calls ? formatDuration(R.NsPerCall) : "-", location(R)});
  T.print(OS, TableWidth);
}

// With energy, the energy columns replace inclusive time, excl% and time per
// call (CSV and JSON keep them), so that names keep their width.
static void printEnergyTable(raw_ostream &OS, const SummaryData &Data) {
  using Align = Table::Align;
  // A modelled domain's "power" is only its model spread over time.
  bool ShowPower = Data.Domain->Measured;
  Table T({{"name", Align::Left, 0, /*Elastic=*/true},
           {"kind", Align::Left},
           {"calls", Align::Right},
           {"exclusive", Align::Right},
           {"energy", Align::Right},
           {"dynamic", Align::Right},
           {"power", Align::Right},
           {"file:line", Align::Left, 14, false, /*KeepEnd=*/true}});
  for (const Row &R : Data.Rows) {
    const DomainEnergy *E = energyIn(R, Data.Domain);
    T.addRow({R.Name, R.Kind.str(), std::to_string(R.Calls),
              formatDuration(R.Time.Exclusive),
              energyCell(E, &DomainEnergy::Exclusive),
              energyCell(E, &DomainEnergy::Dynamic),
              ShowPower ? powerCell(powerIn(R, Data.Domain)) : "- ",
              location(R)});
  }
  T.print(OS, TableWidth);
  // Regions are about what runs inside them: their inclusive figures.
  bool Header = false;
  for (const Row &R : Data.Rows) {
    if (R.Kind != "region")
      continue;
    if (!Header)
      OS << "\nregions, inclusive (with everything called inside):\n";
    Header = true;
    const DomainEnergy *E = energyIn(R, Data.Domain);
    OS << "  " << R.Name << ": " << formatDuration(R.Time.Inclusive) << ", "
       << energyCell(E, &DomainEnergy::Inclusive) << "\n";
  }
}

static void printTable(raw_ostream &OS, const Profile &Prof,
                       const SummaryData &Data) {
  printHeader(OS, Prof, Data);
  OS << '\n';
  if (Data.Rows.empty()) {
    OS << "no function or region was measured\n";
  } else if (!Data.Domain) {
    OS << "top " << Data.Rows.size() << " of " << Data.Candidates << " by "
       << sortName(Sort) << (Sort == SortKey::Calls ? "" : " time")
       << "; excl% is of the " << formatDuration(Data.MeasuredNs)
       << " measured in all threads\n";
    printTimeTable(OS, Data);
  } else {
    const EnergyDomain &D = *Data.Domain;
    std::string By = Sort == SortKey::Energy ? "exclusive " + D.Name + " energy"
                     : Sort == SortKey::Calls ? "calls"
                                              : sortName(Sort).str() + " time";
    printLine(OS, "top " + Twine(Data.Rows.size()) + " of " +
                      Twine(Data.Candidates) + " by " + By + "; " +
                      formatDuration(Data.MeasuredNs) +
                      " measured in all threads");
    // The columns' domain, and whether its figures are measurements.
    printLine(OS, "energy columns: " + D.Name +
                      (D.Measured ? ", measured" : ", MODELLED") +
                      " (exclusive J; dynamic: above baseline; ~: power "
                      "unresolved)");
    printEnergyTable(OS, Data);
  }
  OS << '\n';
  printFooter(OS, Prof, Data);
}

static std::string percentText(double Percent) {
  std::string Text;
  raw_string_ostream(Text) << format("%.4f", Percent);
  return Text;
}

// Unformatted, with the nine significant digits the runtime writes.
static std::string numberText(double Value) {
  std::string Text;
  raw_string_ostream(Text) << format("%.9g", Value);
  return Text;
}

static std::string optionalText(std::optional<double> Value) {
  return Value ? numberText(*Value) : "";
}

// The energy columns are always there, empty without figures, so that
// scripts read profiles with and without energy alike.
static void printCsv(raw_ostream &OS, const SummaryData &Data) {
  writeCsvRow(OS, {"name", "kind", "id", "calls", "inclusive_ns",
                   "exclusive_ns", "exclusive_percent", "ns_per_call", "file",
                   "line", "energy_domain", "energy_measured", "exclusive_j",
                   "inclusive_j", "dynamic_j", "dynamic_inclusive_j", "power_w",
                   "power_stderr_w", "power_resolved"});
  for (const Row &R : Data.Rows) {
    std::vector<std::string> Fields = {R.Name,
                                       R.Kind.str(),
                                       std::to_string(R.Id),
                                       std::to_string(R.Calls),
                                       std::to_string(R.Time.Inclusive),
                                       std::to_string(R.Time.Exclusive),
                                       percentText(R.ExclusivePercent),
                                       std::to_string(R.NsPerCall),
                                       R.File.str(),
                                       std::to_string(R.Line)};
    const EnergyDomain *D = Data.Domain;
    Fields.push_back(D ? D->Name : "");
    Fields.push_back(D ? (D->Measured ? "true" : "false") : "");
    const DomainEnergy *E = energyIn(R, D);
    for (double DomainEnergy::*J :
         {&DomainEnergy::Exclusive, &DomainEnergy::Inclusive,
          &DomainEnergy::Dynamic, &DomainEnergy::DynamicInclusive})
      Fields.push_back(E ? numberText(E->*J) : "");
    const DomainPower *W = powerIn(R, D);
    Fields.push_back(W ? optionalText(W->MeanW) : "");
    Fields.push_back(W ? optionalText(W->StderrW) : "");
    Fields.push_back(W ? (W->Resolved ? "true" : "false") : "");
    writeCsvRow(OS, Fields);
  }
}

// "energy": how energy was measured, per domain, and which domain the CSV's
// and the table's energy columns show.
static void printJsonEnergy(json::OStream &J, const Profile &Prof,
                            const SummaryData &Data) {
  const EnergyInfo &E = Prof.Energy;
  J.attributeObject("energy", [&] {
    J.attribute("status", E.Status);
    J.attribute("method", E.Method);
    J.attribute("tick_us", E.TickUs);
    J.attribute("phase_locked", E.PhaseLocked);
    J.attribute("sampled_s",
                Prof.Totals ? Prof.Totals->SampledS : std::nullopt);
    J.attribute("domain", Data.Domain ? json::Value(Data.Domain->Name)
                                      : json::Value(nullptr));
    J.attributeObject("domains", [&] {
      for (const EnergyDomain &D : E.Domains)
        J.attributeObject(D.Name, [&] {
          J.attribute("source", D.Source);
          J.attribute("measured", D.Measured);
          J.attribute("note", D.Note);
          J.attribute("energy_j", Prof.Totals->EnergyJ.at(D.Name));
          J.attribute("unattributed_energy_j",
                      Prof.Totals->UnattributedJ.at(D.Name));
          J.attribute("baseline_w", E.baselineW(D.Name));
        });
    });
  });
}

static void printJson(raw_ostream &OS, const Profile &Prof,
                      const SummaryData &Data) {
  json::OStream J(OS, /*IndentSize=*/2);
  J.object([&] {
    J.attribute("profile", ProfilePath);
    J.attributeArray("argv", [&] {
      for (const std::string &Arg : Prof.Program.Argv)
        J.value(Arg);
    });
    J.attribute("executable", Prof.Program.Executable);
    J.attribute("pid", Prof.Program.Pid);
    J.attribute("wall_ns", Prof.Program.WallNs);
    J.attribute("timer", Prof.Machine.Timer);
    J.attribute("threads", static_cast<int64_t>(Prof.Threads.size()));
    J.attribute("functions_instrumented",
                static_cast<int64_t>(Data.Instrumented));
    J.attribute("functions_filtered", static_cast<int64_t>(Data.Filtered));
    J.attribute("energy_status", Prof.Energy.Status);
    printJsonEnergy(J, Prof, Data);
    J.attribute("folded_calls", Prof.Tree.FoldedCalls);
    J.attribute("measured_ns", Data.MeasuredNs);
    J.attribute("sort", sortName(Sort));
    J.attributeArray("rows", [&] {
      for (const Row &R : Data.Rows)
        J.object([&] {
          J.attribute("name", R.Name);
          J.attribute("kind", R.Kind);
          J.attribute("id", R.Id);
          J.attribute("calls", R.Calls);
          J.attribute("inclusive_ns", R.Time.Inclusive);
          J.attribute("exclusive_ns", R.Time.Exclusive);
          J.attribute("exclusive_percent", R.ExclusivePercent);
          J.attribute("ns_per_call", R.NsPerCall);
          J.attribute("file", R.File);
          J.attribute("line", R.Line);
          // Domains in the profile's order; reading checked that the rows
          // name no other.
          J.attributeObject("energy_j", [&] {
            for (const EnergyDomain &D : Prof.Energy.Domains)
              if (const DomainEnergy *E = energyIn(R, &D))
                J.attributeObject(D.Name, [&] {
                  J.attribute("inclusive", E->Inclusive);
                  J.attribute("exclusive", E->Exclusive);
                  J.attribute("dynamic", E->Dynamic);
                  J.attribute("dynamic_inclusive", E->DynamicInclusive);
                });
          });
          J.attributeObject("power_w", [&] {
            for (const EnergyDomain &D : Prof.Energy.Domains)
              if (const DomainPower *W = powerIn(R, &D))
                J.attributeObject(D.Name, [&] {
                  J.attribute("mean", W->MeanW);
                  J.attribute("stderr", W->StderrW);
                  J.attribute("resolved", W->Resolved);
                });
          });
        });
    });
  });
  OS << '\n';
}

static int runSummary() {
  Expected<Profile> Prof = readProfile(ProfilePath);
  if (!Prof)
    return reportError(Prof.takeError());
  Expected<const EnergyDomain *> Domain = selectDomain(*Prof, Sort);
  if (!Domain)
    return reportError(Domain.takeError());
  SummaryData Data = summarize(*Prof, Sort, *Domain, Top);
  switch (Format) {
  case OutputFormat::Table:
    printTable(outs(), *Prof, Data);
    break;
  case OutputFormat::Csv:
    printCsv(outs(), Data);
    break;
  case OutputFormat::Json:
    printJson(outs(), *Prof, Data);
    break;
  }
  return ExitSuccess;
}

static CommandRegistration Registered(SummaryCommand, runSummary);
