//===- Summary.cpp - `frugal summary`: a profile at a glance --------------===//
//
// Prints what was run and how it was measured, then the hottest functions and
// regions by exclusive time (or inclusive time, or calls), as a table for
// people or as CSV/JSON with unformatted numbers for scripts.
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

using namespace llvm;
using namespace frugal;

namespace {
enum class SortKey { Exclusive, Inclusive, Calls };

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
};

/// Everything the output formats print, computed once.
struct SummaryData {
  std::vector<Row> Rows; // Sorted and cut to --top.
  size_t Candidates = 0; // Rows before the cut.
  int64_t MeasuredNs = 0; // Exclusive time of all functions and regions.
  size_t Instrumented = 0;
  size_t Filtered = 0;
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
                             cl::sub(SummaryCommand),
                             cl::cat(SummaryCategory));
static cl::opt<SortKey, false, ValuesParser<SortKey>> Sort(
    "sort", cl::desc("Order of the rows, largest first"),
    cl::values(clEnumValN(SortKey::Exclusive, "exclusive",
                          "time in the code itself (default)"),
               clEnumValN(SortKey::Inclusive, "inclusive",
                          "time including callees"),
               clEnumValN(SortKey::Calls, "calls", "number of calls")),
    cl::init(SortKey::Exclusive), cl::sub(SummaryCommand),
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
  }
  llvm_unreachable("unknown sort key");
}

static int64_t sortValue(const Row &R, SortKey Key) {
  switch (Key) {
  case SortKey::Exclusive:
    return R.Time.Exclusive;
  case SortKey::Inclusive:
    return R.Time.Inclusive;
  case SortKey::Calls:
    return R.Calls;
  }
  llvm_unreachable("unknown sort key");
}

static SummaryData summarize(const Profile &Prof, SortKey Key,
                             unsigned Limit) {
  SummaryData Data;
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
    AddRow({displayName(F), "fn", F.Id, F.Calls, F.Time, 0, 0, F.File,
            F.Line});
  }
  for (const RegionRecord &R : Prof.Regions)
    AddRow({R.Name, "region", R.Id, R.Calls, R.Time, 0, 0, "", 0});

  // Exclusive times partition the measured time (a region's time is not in
  // its enclosing function's exclusive time), so their sum is the whole.
  for (Row &R : Data.Rows)
    R.ExclusivePercent =
        Data.MeasuredNs ? 100.0 * R.Time.Exclusive / Data.MeasuredNs : 0;

  // Ids are unique, so the order is total and the output deterministic.
  std::sort(Data.Rows.begin(), Data.Rows.end(),
            [Key](const Row &A, const Row &B) {
              int64_t VA = sortValue(A, Key), VB = sortValue(B, Key);
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

static void printHeader(raw_ostream &OS, const Profile &Prof,
                        const SummaryData &Data) {
  auto Line = [&OS](const Twine &Text) {
    OS << truncateToWidth(Text.str(), TableWidth) << '\n';
  };
  const ProgramInfo &Prog = Prof.Program;
  Line("profile: " + ProfilePath);
  Line("program: " + join(Prog.Argv, " ") + " (pid " + Twine(Prog.Pid) + ")");
  Line("executable: " + Prog.Executable);
  std::string Ended = Prog.End.empty() ? "" : ", ended by " + Prog.End;
  size_t Threads = Prof.Threads.size();
  Line("wall time: " + formatDuration(Prog.WallNs) + " (timer " +
       Prof.Machine.Timer + ", " + Twine(Threads) +
       (Threads == 1 ? " thread" : " threads") + Ended + ")");
  Line("functions: " + Twine(Data.Instrumented) + " instrumented, " +
       Twine(Data.Filtered) + " filtered");
  Line(Prof.Energy.isMeasured() ? "energy: " + Prof.Energy.Status
                                : Twine("energy: not measured"));
}

static void printFooter(raw_ostream &OS, const Profile &Prof,
                        const SummaryData &Data) {
  OS << Data.Filtered << " filtered function"
     << (Data.Filtered == 1 ? "" : "s") << " not measured; ";
  if (!Prof.Tree.FoldedCalls) {
    OS << "the call tree folded no calls\n";
    return;
  }
  // Calls are folded when a thread's tree is full (or its shadow stack too
  // deep); FRUGAL_MAX_NODES is the knob that helps.
  OS << "the call tree folded " << Prof.Tree.FoldedCalls
     << " calls into their callers (FRUGAL_MAX_NODES";
  if (Prof.Tree.MaxNodesPerThread)
    OS << '=' << Prof.Tree.MaxNodesPerThread;
  OS << ")\n";
}

static void printTable(raw_ostream &OS, const Profile &Prof,
                       const SummaryData &Data) {
  printHeader(OS, Prof, Data);
  OS << '\n';
  if (Data.Rows.empty()) {
    OS << "no function or region was measured\n";
  } else {
    OS << "top " << Data.Rows.size() << " of " << Data.Candidates << " by "
       << sortName(Sort) << (Sort == SortKey::Calls ? "" : " time")
       << "; excl% is of the " << formatDuration(Data.MeasuredNs)
       << " measured in all threads\n";
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
  OS << '\n';
  printFooter(OS, Prof, Data);
}

static std::string percentText(double Percent) {
  std::string Text;
  raw_string_ostream(Text) << format("%.4f", Percent);
  return Text;
}

static void printCsv(raw_ostream &OS, const SummaryData &Data) {
  writeCsvRow(OS, {"name", "kind", "id", "calls", "inclusive_ns",
                   "exclusive_ns", "exclusive_percent", "ns_per_call", "file",
                   "line"});
  for (const Row &R : Data.Rows)
    writeCsvRow(OS, {R.Name, R.Kind.str(), std::to_string(R.Id),
                     std::to_string(R.Calls), std::to_string(R.Time.Inclusive),
                     std::to_string(R.Time.Exclusive),
                     percentText(R.ExclusivePercent),
                     std::to_string(R.NsPerCall), R.File.str(),
                     std::to_string(R.Line)});
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
        });
    });
  });
  OS << '\n';
}

static int runSummary() {
  Expected<Profile> Prof = readProfile(ProfilePath);
  if (!Prof)
    return reportError(Prof.takeError());
  SummaryData Data = summarize(*Prof, Sort, Top);
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
