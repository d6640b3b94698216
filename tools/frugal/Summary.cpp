//===- Summary.cpp - `frugal summary`: a profile at a glance --------------===//
//
// Prints what was run and how it was measured, then the hottest functions and
// regions by exclusive time (or inclusive time, calls, exclusive energy, an
// event's exclusive count, or bytes allocated), as a table for people or as
// CSV/JSON with unformatted numbers for scripts.
//
// With energy, the header names each domain's source and says whether its
// figures are measured or MODELLED, and the table shows one domain (--domain:
// package by default): a modelled figure is never shown as a measurement.
//
// The program's own metrics (frugal_metric) get a header line, and regions
// that counted their work (frugal_region_items) a block of energy and time
// per 1000 items below the table; CSV and JSON carry both.
//
// With counters (FRUGAL_EVENTS) or allocation tracking, the header says which
// events were counted, which could not be (and why), and whether counts were
// scaled; the table gets a column per event and for allocations (--counters
// picks them), and CSV/JSON carry every figure.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "Csv.h"
#include "EventNames.h"
#include "Options.h"
#include "Profile.h"
#include "ProgramMetrics.h"
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
#include <map>
#include <string>

using namespace llvm;
using namespace frugal;

namespace {
enum class SortKey { Exclusive, Inclusive, Calls, Energy, Alloc, Event };

/// What --sort asked for.
struct SortSpec {
  SortKey Key = SortKey::Exclusive;
  const EventInfo *Event = nullptr; // For SortKey::Event.
};

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
  const CountsByEvent *Counters = nullptr;
  const AllocCounts *Alloc = nullptr; // Null when not tracked.
  const RegionItems *Items = nullptr; // A region's counted work, or null.
};

/// Everything the output formats print, computed once.
struct SummaryData {
  std::vector<Row> Rows;  // Sorted and cut to --top.
  size_t Candidates = 0;  // Rows before the cut.
  int64_t MeasuredNs = 0; // Exclusive time of all functions and regions.
  size_t Instrumented = 0;
  size_t Filtered = 0;
  // How many were filtered for each filter_reason.
  std::map<std::string, size_t> FilteredByReason;
  /// The domain of the energy columns; null when the profile has no energy.
  const EnergyDomain *Domain = nullptr;
  SortSpec Sort;
  /// The table's counter columns (--counters): events, and allocations.
  std::vector<const EventInfo *> EventColumns;
  bool AllocColumns = false;

  bool hasMetricColumns() const {
    return !EventColumns.empty() || AllocColumns;
  }
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
// The event names --sort accepts depend on the profile, so --sort is checked
// once the profile is read (FixedSortKeys are the others).
static cl::opt<std::string>
    SortName("sort",
             cl::desc("Order of the rows, largest first: exclusive (time in "
                      "the code itself, the default), inclusive (time "
                      "including callees), calls, energy (exclusive energy of "
                      "the --domain), alloc (bytes allocated), or an event "
                      "the profile counted (its exclusive count)"),
             cl::value_desc("KEY"), cl::init("exclusive"),
             cl::sub(SummaryCommand), cl::cat(SummaryCategory));
static cl::opt<std::string> CounterNames(
    "counters",
    cl::desc("The table's counter columns, comma-separated: events the "
             "profile counted, and alloc (default: every counted event, and "
             "alloc when allocations were tracked; empty: none). CSV and "
             "JSON always carry them all"),
    cl::value_desc("NAME,..."), cl::sub(SummaryCommand),
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
// The table drops file:line before names get narrower than this.
static constexpr unsigned MinNameWidth = 24;
// Counter column headers are event names, cut to this width.
static constexpr unsigned MaxCounterHeaderWidth = 16;

// The --sort values that are not events, with their keys.
static const struct {
  StringLiteral Name;
  SortKey Key;
} FixedSortKeys[] = {{"exclusive", SortKey::Exclusive},
                     {"inclusive", SortKey::Inclusive},
                     {"calls", SortKey::Calls},
                     {"energy", SortKey::Energy},
                     {"alloc", SortKey::Alloc}};

static std::optional<SortKey> fixedSortKey(StringRef Name) {
  for (const auto &K : FixedSortKeys)
    if (K.Name == Name)
      return K.Key;
  return std::nullopt;
}

// "by exclusive time", "by calls", "by exclusive package energy", ...
static std::string sortDescription(const SortSpec &Sort,
                                   const EnergyDomain *D) {
  switch (Sort.Key) {
  case SortKey::Exclusive:
    return "exclusive time";
  case SortKey::Inclusive:
    return "inclusive time";
  case SortKey::Calls:
    return "calls";
  case SortKey::Energy:
    return "exclusive " + D->Name + " energy";
  case SortKey::Alloc:
    return "bytes allocated";
  case SortKey::Event:
    return "exclusive " + Sort.Event->Name;
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

// The row's counts of event \p E, or null.
static const EventCounts *countsOf(const Row &R, const EventInfo *E) {
  if (!E || !R.Counters)
    return nullptr;
  auto It = R.Counters->find(E->Name);
  return It == R.Counters->end() ? nullptr : &It->second;
}

// Nanoseconds and calls stay exact in a double below 2^53 (104 days).
static double sortValue(const Row &R, const SortSpec &Sort,
                        const EnergyDomain *D) {
  // Rows without figures go last.
  constexpr double None = -std::numeric_limits<double>::infinity();
  switch (Sort.Key) {
  case SortKey::Exclusive:
    return R.Time.Exclusive;
  case SortKey::Inclusive:
    return R.Time.Inclusive;
  case SortKey::Calls:
    return R.Calls;
  case SortKey::Energy: {
    const DomainEnergy *E = energyIn(R, D);
    return E ? E->Exclusive : None;
  }
  case SortKey::Alloc:
    return R.Alloc ? static_cast<double>(R.Alloc->Bytes) : None;
  case SortKey::Event: {
    const EventCounts *C = countsOf(R, Sort.Event);
    return C ? static_cast<double>(C->Exclusive) : None;
  }
  }
  llvm_unreachable("unknown sort key");
}

// The names a --sort or --counters value may be, for messages: the counted
// events, and alloc when allocations were tracked.
static std::vector<std::string> countedNames(const Profile &Prof,
                                             bool WithAlloc) {
  std::vector<std::string> Names;
  for (const EventInfo *E : Prof.countedEvents())
    Names.push_back(E->Name);
  if (WithAlloc && Prof.Alloc.on())
    Names.push_back("alloc");
  return Names;
}

// "the profile has: a, b" or "the profile has no counted events".
static std::string profileHas(ArrayRef<std::string> Names) {
  if (Names.empty())
    return "the profile has no counted events";
  return "the profile has: " + join(Names, ", ");
}

// Close matches for \p Name among all the profile's events (counted or not:
// a mistyped name of an event that was not counted deserves the reason why)
// and \p Extra names.
static std::string suggestions(const Profile &Prof, StringRef Name,
                               ArrayRef<StringRef> Extra) {
  std::vector<std::string> Candidates;
  for (StringRef E : Extra)
    Candidates.push_back(E.str());
  for (const EventInfo &E : Prof.Events)
    Candidates.push_back(E.Name);
  return didYouMean(closeMatches(Name, Candidates));
}

// An event of the profile that was not counted, named in \p Option.
static Error notCounted(const EventInfo &E, StringRef Option,
                        const Profile &Prof) {
  std::string Why = E.Status;
  if (E.Reason)
    Why += ": " + *E.Reason;
  return makeError(
      ProfilePath + ": event '" + E.Name + "' in " + Option +
          " was not counted (" + Why + ")",
      (Option == "--sort" ? "sort by another key; " : "leave it out; ") +
          profileHas(countedNames(Prof, true)));
}

// Allocation figures asked for by \p What, in a profile without them.
static Error allocNotTracked(const Profile &Prof, const Twine &What) {
  std::string Why = "(" + Prof.Alloc.Status;
  if (Prof.Alloc.Reason)
    Why += ": " + *Prof.Alloc.Reason;
  Why += ")";
  return makeError(ProfilePath + ": " + What +
                       " needs allocation figures, but allocations were not "
                       "tracked " +
                       Why,
                   Prof.Alloc.Status == "off"
                       ? "run the program with FRUGAL_TRACK_ALLOC=1"
                       : "leave out alloc; the reason says what tracking "
                         "needs");
}

// Resolves --sort: a fixed key, or an event the profile counted. On error,
// \p Exit is the exit code: 2 for a name that is no event of the profile
// (a usage error, like a bad option value), else 1.
static Expected<SortSpec> selectSort(const Profile &Prof, int &Exit) {
  Exit = ExitFailure;
  SortSpec Sort;
  if (std::optional<SortKey> Key = fixedSortKey(SortName)) {
    Sort.Key = *Key;
    if (Sort.Key == SortKey::Alloc && !Prof.Alloc.on())
      return allocNotTracked(Prof, "--sort=alloc");
    return Sort;
  }
  if (const EventInfo *E = Prof.event(SortName)) {
    if (!E->counted())
      return notCounted(*E, "--sort", Prof);
    Sort.Key = SortKey::Event;
    Sort.Event = E;
    return Sort;
  }
  Exit = ExitUsage;
  SmallVector<StringRef, 8> Keys;
  for (const auto &K : FixedSortKeys)
    Keys.push_back(K.Name);
  std::vector<std::string> Events = countedNames(Prof, /*WithAlloc=*/false);
  std::string Fix = "use one of: " + join(Keys, ", ");
  if (!Events.empty())
    Fix += ", or an event the profile counted: " + join(Events, ", ");
  return makeError("unknown value '" + SortName + "' for --sort",
                   Fix + suggestions(Prof, SortName, Keys));
}

// Resolves --counters into the table's counter columns; \p Exit as for
// selectSort.
static Error selectCounterColumns(const Profile &Prof, SummaryData &Data,
                                  int &Exit) {
  Exit = ExitFailure;
  if (!CounterNames.getNumOccurrences()) {
    Data.EventColumns = Prof.countedEvents();
    Data.AllocColumns = Prof.Alloc.on();
    return Error::success();
  }
  StringRef List = CounterNames;
  SmallVector<StringRef, 8> Names;
  List.split(Names, ',', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (StringRef Name : Names) {
    Name = Name.trim();
    if (Name == "alloc") {
      if (!Prof.Alloc.on())
        return allocNotTracked(Prof, "--counters=alloc");
      Data.AllocColumns = true;
      continue;
    }
    const EventInfo *E = Prof.event(Name);
    if (!E) {
      Exit = ExitUsage;
      return makeError("unknown event '" + Name + "' in --counters",
                       profileHas(countedNames(Prof, true)) +
                           suggestions(Prof, Name, {"alloc"}));
    }
    if (!E->counted())
      return notCounted(*E, "--counters", Prof);
    if (!is_contained(Data.EventColumns, E))
      Data.EventColumns.push_back(E);
  }
  return Error::success();
}

// The domain of the energy columns: --domain, else package, else the first.
// Null when the profile has no energy and none was asked for.
static Expected<const EnergyDomain *> selectDomain(const Profile &Prof,
                                                   const SortSpec &Sort) {
  const EnergyInfo &E = Prof.Energy;
  if (!E.hasEnergy()) {
    if (!DomainName.empty())
      return makeError(ProfilePath + ": no energy domain '" + DomainName +
                           "': energy was not measured",
                       "leave out --domain");
    if (Sort.Key == SortKey::Energy)
      return makeError(ProfilePath +
                           ": --sort=energy needs energy figures, but energy "
                           "was not measured",
                       "sort by exclusive, inclusive or calls");
    return nullptr;
  }
  if (DomainName.empty())
    return E.defaultDomain();
  if (const EnergyDomain *D = E.domain(DomainName))
    return D;
  std::vector<std::string> Names;
  for (const EnergyDomain &D : E.Domains)
    Names.push_back(D.Name);
  return makeError(ProfilePath + ": no energy domain '" + DomainName + "'",
                   "use one of: " + join(Names, ", "));
}

// Fills \p Data's rows, sorted by Data.Sort in Data.Domain, cut to \p Limit.
static void summarize(const Profile &Prof, SummaryData &Data, unsigned Limit) {
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
      ++Data.FilteredByReason[F.FilterReason];
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
    R.Counters = &F.Counters;
    R.Alloc = F.Alloc ? &*F.Alloc : nullptr;
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
    R.Counters = &Region.Counters;
    R.Alloc = Region.Alloc ? &*Region.Alloc : nullptr;
    R.Items = Region.Items ? &*Region.Items : nullptr;
    AddRow(std::move(R));
  }

  // Exclusive times partition the measured time (a region's time is not in
  // its enclosing function's exclusive time), so their sum is the whole.
  for (Row &R : Data.Rows)
    R.ExclusivePercent =
        Data.MeasuredNs ? 100.0 * R.Time.Exclusive / Data.MeasuredNs : 0;

  // Ids are unique, so the order is total and the output deterministic.
  const SortSpec &Sort = Data.Sort;
  const EnergyDomain *Domain = Data.Domain;
  std::sort(Data.Rows.begin(), Data.Rows.end(),
            [&Sort, Domain](const Row &A, const Row &B) {
              double VA = sortValue(A, Sort, Domain),
                     VB = sortValue(B, Sort, Domain);
              if (VA != VB)
                return VA > VB;
              if (A.Name != B.Name)
                return A.Name < B.Name;
              return A.Id < B.Id;
            });
  Data.Candidates = Data.Rows.size();
  if (Limit && Data.Rows.size() > Limit)
    Data.Rows.resize(Limit);
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

// The figure \p Count of event \p E: a duration for the clock events.
static std::string countText(const EventInfo &E, int64_t Count) {
  return E.isTime() ? formatDuration(Count) : formatCount(Count);
}

static std::string fractionText(std::optional<double> Fraction) {
  return Fraction ? formatPercent(100 * *Fraction) : std::string("?");
}

// "events: 2 counted, 1 unavailable, 1 unknown", then one line per event:
// a counted one's total, unattributed part, method and whether its counts
// were scaled; for the others, why they were not counted. Reasons are not
// cut to the table's width: they say what to do.
static void printEventsHeader(raw_ostream &OS, const Profile &Prof) {
  if (Prof.Events.empty())
    return;
  std::vector<std::string> Tally;
  for (StringRef Status : {"ok", "unavailable", "unknown"}) {
    size_t N = count_if(Prof.Events, [Status](const EventInfo &E) {
      return E.Status == Status;
    });
    if (N)
      Tally.push_back(std::to_string(N) + " " +
                      (Status == "ok" ? "counted" : Status.str()));
  }
  printLine(OS, "events: " + join(Tally, ", "));
  for (const EventInfo &E : Prof.Events) {
    OS << "  " << E.Name << ": ";
    if (!E.counted()) {
      OS << E.Status;
      if (E.Reason)
        OS << " (" << *E.Reason << ")";
      OS << '\n';
      continue;
    }
    OS << (E.Total ? countText(E, *E.Total) : "-");
    if (E.Unattributed)
      OS << ", " << countText(E, *E.Unattributed) << " unattributed";
    OS << " (" << (E.Method ? *E.Method : "?") << ", ";
    // Scaled counts are estimates: say so, and how far they were scaled.
    if (E.Scaled)
      OS << "SCALED: multiplexed, counting " << fractionText(E.RunningFraction)
         << " of the time at worst";
    else
      OS << "not scaled";
    OS << ")\n";
  }
}

// Whether allocations were tracked: the process's totals, or why not.
static void printAllocHeader(raw_ostream &OS, const Profile &Prof) {
  const AllocTracking &A = Prof.Alloc;
  if (A.Status == "off")
    return;
  if (!A.on()) {
    OS << "allocations: " << A.Status;
    if (A.Reason)
      OS << " (" << *A.Reason << ")";
    OS << '\n';
    return;
  }
  std::string Text = "allocations: " + formatBytes(A.Bytes) + " in " +
                     std::to_string(A.Count) + " allocations, " +
                     std::to_string(A.Frees) + " frees, peak live " +
                     formatBytes(A.PeakLiveBytes);
  if (A.UnattributedCount)
    Text += "; " + formatBytes(A.UnattributedBytes) + " unattributed";
  if (A.UntrackedBlocks)
    Text += "; " + std::to_string(A.UntrackedBlocks) +
            " blocks untracked (table full)";
  printLine(OS, Text);
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
  if (Prof.Timing.sampled())
    Line("timing: " + Prof.Timing.describe());
  Line("functions: " + Twine(Data.Instrumented) + " instrumented, " +
       Twine(Data.Filtered) + " filtered");
  // What the program said of its run: wrapped, not cut, as each figure
  // counts.
  if (!Prof.Metrics.empty())
    printWrapped(OS, "metrics: " + metricsText(Prof.Metrics), TableWidth, "  ");
  printEnergyHeader(OS, Prof);
  printEventsHeader(OS, Prof);
  printAllocHeader(OS, Prof);
}

// "small functions", "function marked not to instrument", ...: \p Count
// functions the pass did not instrument for \p Reason (the profile's
// filter_reason, docs/profile-format.md).
static std::string filteredFunctionsText(StringRef Reason, size_t Count) {
  std::string Noun = Count == 1 ? "function" : "functions";
  if (Reason == "threshold")
    return "small " + Noun;
  if (Reason == "system-header")
    return Noun + " in system headers";
  if (Reason == "never-attribute")
    return Noun + " marked not to instrument";
  if (Reason == "exclude-regex")
    return Noun + " excluded by name";
  return Noun + " filtered (" + Reason.str() + ")";
}

static void printFooter(raw_ostream &OS, const Profile &Prof,
                        const SummaryData &Data) {
  if (Data.Filtered) {
    std::vector<std::string> Parts;
    for (const auto &[Reason, Count] : Data.FilteredByReason)
      Parts.push_back(std::to_string(Count) + " " +
                      filteredFunctionsText(Reason, Count));
    printWrapped(OS,
                 "not instrumented: " + join(Parts, ", ") +
                     " (\"filtered\" in the profile, with the reason)",
                 TableWidth, "  ");
  }
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

// Regions are about what runs inside them: below the table, each region's
// inclusive figures (time, energy, counted events, bytes allocated).
static void printRegionFooter(raw_ostream &OS, const SummaryData &Data) {
  bool Header = false;
  for (const Row &R : Data.Rows) {
    if (R.Kind != "region")
      continue;
    if (!Header)
      OS << "\nregions, inclusive (with everything called inside):\n";
    Header = true;
    std::vector<std::string> Figures = {formatDuration(R.Time.Inclusive)};
    if (Data.Domain)
      Figures.push_back(
          energyCell(energyIn(R, Data.Domain), &DomainEnergy::Inclusive));
    for (const EventInfo *E : Data.EventColumns)
      if (const EventCounts *C = countsOf(R, E))
        Figures.push_back(countText(*E, C->Inclusive) + " " + E->Name);
    if (Data.AllocColumns && R.Alloc)
      Figures.push_back(formatBytes(R.Alloc->InclusiveBytes) + " allocated");
    printLine(OS, "  " + R.Name + ": " + join(Figures, ", "));
  }
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
  printRegionFooter(OS, Data);
}

// The counter cells of a row: one per event column, then alloc and peak
// live; "-" without figures.
static void addMetricCells(std::vector<std::string> &Cells, const Row &R,
                           const SummaryData &Data) {
  for (const EventInfo *E : Data.EventColumns) {
    const EventCounts *C = countsOf(R, E);
    Cells.push_back(C ? countText(*E, C->Exclusive) : "-");
  }
  if (Data.AllocColumns) {
    Cells.push_back(R.Alloc ? formatBytes(R.Alloc->Bytes) : "-");
    Cells.push_back(R.Alloc ? formatBytes(R.Alloc->PeakLiveBytes) : "-");
  }
}

// With counter columns, they take the place of inclusive time, excl% and time
// per call (and of dynamic energy and power): CSV and JSON keep them all.
// file:line goes too when names would get too narrow.
static void printMetricTable(raw_ostream &OS, const SummaryData &Data) {
  using Align = Table::Align;
  auto Build = [&Data](bool WithLocation) {
    std::vector<Table::Column> Columns = {
        {"name", Align::Left, 0, /*Elastic=*/true},
        {"kind", Align::Left},
        {"calls", Align::Right},
        {"exclusive", Align::Right}};
    if (Data.Domain)
      Columns.push_back({"energy", Align::Right});
    for (const EventInfo *E : Data.EventColumns)
      Columns.push_back(
          {truncateToWidth(E->Name, MaxCounterHeaderWidth), Align::Right});
    if (Data.AllocColumns) {
      Columns.push_back({"alloc", Align::Right});
      Columns.push_back({"peak live", Align::Right});
    }
    if (WithLocation)
      Columns.push_back(
          {"file:line", Align::Left, 14, false, /*KeepEnd=*/true});
    Table T(std::move(Columns));
    for (const Row &R : Data.Rows) {
      std::vector<std::string> Cells = {R.Name, R.Kind.str(),
                                        std::to_string(R.Calls),
                                        formatDuration(R.Time.Exclusive)};
      if (Data.Domain)
        Cells.push_back(
            energyCell(energyIn(R, Data.Domain), &DomainEnergy::Exclusive));
      addMetricCells(Cells, R, Data);
      if (WithLocation)
        Cells.push_back(location(R));
      T.addRow(std::move(Cells));
    }
    return T;
  };
  Table T = Build(/*WithLocation=*/true);
  if (T.elasticWidth(TableWidth) < MinNameWidth)
    T = Build(/*WithLocation=*/false);
  T.print(OS, TableWidth);
  printRegionFooter(OS, Data);
}

// The regions that counted their work (frugal_region_items), all of them
// whatever --top: their inclusive energy (of the --domain, labelled
// measured or MODELLED) and time per 1000 items.
static void printItemsBlock(raw_ostream &OS, const Profile &Prof,
                            const SummaryData &Data) {
  std::vector<std::string> Lines = regionWorkLines(Prof, Data.Domain);
  if (Lines.empty())
    return;
  OS << '\n';
  printLine(OS, Lines.front());
  for (const std::string &Line : ArrayRef(Lines).drop_front())
    printLine(OS, "  " + Line);
}

static void printTable(raw_ostream &OS, const Profile &Prof,
                       const SummaryData &Data) {
  printHeader(OS, Prof, Data);
  OS << '\n';
  std::string Top = "top " + std::to_string(Data.Rows.size()) + " of " +
                    std::to_string(Data.Candidates) + " by " +
                    sortDescription(Data.Sort, Data.Domain);
  if (Data.Rows.empty()) {
    OS << "no function or region was measured\n";
  } else if (Data.hasMetricColumns()) {
    printLine(OS, Top + "; " + formatDuration(Data.MeasuredNs) +
                      " measured in all threads");
    if (const EnergyDomain *D = Data.Domain)
      printLine(OS, "energy column: " + D->Name +
                        (D->Measured ? ", measured" : ", MODELLED") +
                        " (exclusive J; --counters= shows dynamic energy "
                        "and power)");
    std::string Legend = "counter columns: exclusive figures";
    if (Data.AllocColumns)
      Legend += "; alloc: bytes allocated, peak live: the most of them "
                "live at once";
    printLine(OS, Legend);
    printMetricTable(OS, Data);
  } else if (!Data.Domain) {
    printLine(OS, Top + "; excl% is of the " + formatDuration(Data.MeasuredNs) +
                      " measured in all threads");
    printTimeTable(OS, Data);
  } else {
    const EnergyDomain &D = *Data.Domain;
    printLine(OS, Top + "; " + formatDuration(Data.MeasuredNs) +
                      " measured in all threads");
    // The columns' domain, and whether its figures are measurements.
    printLine(OS, "energy columns: " + D.Name +
                      (D.Measured ? ", measured" : ", MODELLED") +
                      " (exclusive J; dynamic: above baseline; ~: power "
                      "unresolved)");
    printEnergyTable(OS, Data);
  }
  printItemsBlock(OS, Prof, Data);
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

// The profile's events, each name once (the first of a repeated one),
// counted or not.
static std::vector<const EventInfo *> uniqueEvents(const Profile &Prof) {
  std::vector<const EventInfo *> Events;
  for (const EventInfo &E : Prof.Events)
    if (Prof.event(E.Name) == &E)
      Events.push_back(&E);
  return Events;
}

// The allocation fields of CSV and JSON, in the profile's names.
static const struct {
  StringLiteral Name;
  int64_t AllocCounts::*Field;
} AllocFields[] = {{"bytes", &AllocCounts::Bytes},
                   {"count", &AllocCounts::Count},
                   {"frees", &AllocCounts::Frees},
                   {"freed_bytes", &AllocCounts::FreedBytes},
                   {"peak_live_bytes", &AllocCounts::PeakLiveBytes},
                   {"inclusive_bytes", &AllocCounts::InclusiveBytes},
                   {"inclusive_count", &AllocCounts::InclusiveCount}};

// The energy and allocation columns are always there, empty without
// figures, so that scripts read profiles with and without them alike; then
// two columns per event of the profile (every event, whatever --counters
// says), empty for an event that was not counted.
static void printCsv(raw_ostream &OS, const Profile &Prof,
                     const SummaryData &Data) {
  std::vector<const EventInfo *> Events = uniqueEvents(Prof);
  std::vector<std::string> Header = {"name",
                                     "kind",
                                     "id",
                                     "calls",
                                     "inclusive_ns",
                                     "exclusive_ns",
                                     "exclusive_percent",
                                     "ns_per_call",
                                     "file",
                                     "line",
                                     "energy_domain",
                                     "energy_measured",
                                     "exclusive_j",
                                     "inclusive_j",
                                     "dynamic_j",
                                     "dynamic_inclusive_j",
                                     "power_w",
                                     "power_stderr_w",
                                     "power_resolved"};
  for (const auto &F : AllocFields)
    Header.push_back(("alloc_" + F.Name).str());
  for (const EventInfo *E : Events) {
    Header.push_back(E->Name + "_exclusive");
    Header.push_back(E->Name + "_inclusive");
  }
  // A region's counted work and its inclusive figures per 1000 items (the
  // energy of energy_domain); then the program's metrics, the same on every
  // line.
  for (StringRef Name :
       {"items_count", "items_unit", "energy_per_1k_j", "time_per_1k_ns"})
    Header.push_back(Name.str());
  for (const auto &KV : Prof.Metrics)
    Header.push_back("metric_" + KV.first);
  writeCsvRow(OS, Header);
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
    for (const auto &F : AllocFields)
      Fields.push_back(R.Alloc ? std::to_string(R.Alloc->*F.Field) : "");
    for (const EventInfo *Event : Events) {
      const EventCounts *C = countsOf(R, Event);
      Fields.push_back(C ? std::to_string(C->Exclusive) : "");
      Fields.push_back(C ? std::to_string(C->Inclusive) : "");
    }
    Fields.push_back(R.Items ? std::to_string(R.Items->Count) : "");
    Fields.push_back(R.Items ? R.Items->Unit : "");
    std::optional<double> EnergyPer1k, TimePer1k;
    if (R.Items) {
      if (E)
        EnergyPer1k = perThousand(E->Inclusive, R.Items->Count);
      TimePer1k = perThousand(R.Time.Inclusive, R.Items->Count);
    }
    Fields.push_back(optionalText(EnergyPer1k));
    Fields.push_back(optionalText(TimePer1k));
    for (const auto &KV : Prof.Metrics)
      Fields.push_back(numberText(KV.second));
    writeCsvRow(OS, Fields);
  }
}

// "events" and "alloc_tracking", as the profile has them.
static void printJsonMetrics(json::OStream &J, const Profile &Prof) {
  writeEventsJson(J, Prof.Events);
  const AllocTracking &A = Prof.Alloc;
  // The figures are null unless tracking was on.
  auto Figure = [&A](int64_t Value) {
    return A.on() ? json::Value(Value) : json::Value(nullptr);
  };
  J.attributeObject("alloc_tracking", [&] {
    J.attribute("status", A.Status);
    J.attribute("reason", A.Reason);
    J.attribute("bytes", Figure(A.Bytes));
    J.attribute("count", Figure(A.Count));
    J.attribute("frees", Figure(A.Frees));
    J.attribute("freed_bytes", Figure(A.FreedBytes));
    J.attribute("peak_live_bytes", Figure(A.PeakLiveBytes));
    J.attribute("unattributed_bytes", Figure(A.UnattributedBytes));
    J.attribute("unattributed_count", Figure(A.UnattributedCount));
    J.attribute("untracked_blocks", Figure(A.UntrackedBlocks));
  });
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

// A row's "items": null, or the region's counted work with its inclusive
// time and energy (every domain) per 1000 items, null when it counted 0.
static void printJsonItems(json::OStream &J, const Profile &Prof,
                           const Row &R) {
  if (!R.Items) {
    J.attribute("items", nullptr);
    return;
  }
  J.attributeObject("items", [&] {
    J.attribute("count", R.Items->Count);
    J.attribute("unit", R.Items->Unit);
    J.attribute("time_per_1k_ns",
                perThousand(R.Time.Inclusive, R.Items->Count));
    J.attributeObject("energy_per_1k_j", [&] {
      for (const EnergyDomain &D : Prof.Energy.Domains)
        if (const DomainEnergy *E = energyIn(R, &D))
          J.attribute(D.Name, perThousand(E->Inclusive, R.Items->Count));
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
    J.attribute("timing", Prof.Timing.Mode);
    J.attribute("threads", static_cast<int64_t>(Prof.Threads.size()));
    J.attribute("functions_instrumented",
                static_cast<int64_t>(Data.Instrumented));
    J.attribute("functions_filtered", static_cast<int64_t>(Data.Filtered));
    // What the program recorded of its run (frugal_metric).
    J.attributeObject("metrics", [&] {
      for (const auto &[Name, Value] : Prof.Metrics)
        J.attribute(Name, Value);
    });
    J.attribute("energy_status", Prof.Energy.Status);
    printJsonEnergy(J, Prof, Data);
    printJsonMetrics(J, Prof);
    J.attribute("folded_calls", Prof.Tree.FoldedCalls);
    J.attribute("measured_ns", Data.MeasuredNs);
    J.attribute("sort", SortName);
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
          // Events in the profile's order; reading checked that the rows
          // name only counted ones.
          J.attributeObject("counters", [&] {
            for (const EventInfo *E : Prof.countedEvents())
              if (const EventCounts *C = countsOf(R, E))
                J.attributeObject(E->Name, [&] {
                  J.attribute("inclusive", C->Inclusive);
                  J.attribute("exclusive", C->Exclusive);
                });
          });
          if (R.Alloc)
            J.attributeObject("alloc", [&] {
              for (const auto &F : AllocFields)
                J.attribute(F.Name, R.Alloc->*F.Field);
            });
          else
            J.attribute("alloc", nullptr);
          printJsonItems(J, Prof, R);
        });
    });
  });
  OS << '\n';
}

static int runSummary() {
  // Bad input (missing, truncated, foreign or too new) is exit status 2, as
  // in every subcommand that reads profiles.
  Expected<Profile> Prof = readProfile(ProfilePath);
  if (!Prof) {
    printError(Prof.takeError());
    return ExitUsage;
  }
  SummaryData Data;
  int Exit = ExitFailure;
  Expected<SortSpec> Sort = selectSort(*Prof, Exit);
  if (!Sort) {
    printError(Sort.takeError());
    return Exit;
  }
  Data.Sort = *Sort;
  if (Error E = selectCounterColumns(*Prof, Data, Exit)) {
    printError(std::move(E));
    return Exit;
  }
  Expected<const EnergyDomain *> Domain = selectDomain(*Prof, Data.Sort);
  if (!Domain)
    return reportError(Domain.takeError());
  Data.Domain = *Domain;
  summarize(*Prof, Data, Top);
  switch (Format) {
  case OutputFormat::Table:
    printTable(outs(), *Prof, Data);
    break;
  case OutputFormat::Csv:
    printCsv(outs(), *Prof, Data);
    break;
  case OutputFormat::Json:
    printJson(outs(), *Prof, Data);
    break;
  }
  return ExitSuccess;
}

static CommandRegistration Registered(SummaryCommand, runSummary);
