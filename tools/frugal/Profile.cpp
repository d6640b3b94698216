//===- Profile.cpp - A frugal profile, read and validated -----------------===//

#include "Profile.h"

#include "FiniteNumbers.h"
#include "JsonPieces.h"
#include "Units.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <iterator>

using namespace llvm;

namespace frugal {

// fromJSON overloads for llvm::json::ObjectMapper: map() marks a key as
// required, mapOptional() as optional. A failure records the path of the bad
// key in json::Path, which becomes the error message.

static bool fromJSON(const json::Value &V, Times &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("inclusive", T.Inclusive) &&
         O.map("exclusive", T.Exclusive);
}

static bool fromJSON(const json::Value &V, ProgramInfo &Prog, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("argv", Prog.Argv) &&
         O.map("executable", Prog.Executable) && O.map("pid", Prog.Pid) &&
         O.map("wall_ns", Prog.WallNs) && O.mapOptional("host", Prog.Host) &&
         O.map("rank", Prog.Rank) && O.mapOptional("end", Prog.End) &&
         O.mapOptional("start_unix_ns", Prog.StartUnixNs) &&
         O.mapOptional("peak_rss_bytes", Prog.PeakRssBytes);
}

static bool fromJSON(const json::Value &V, MachineInfo &M, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("timer", M.Timer) &&
         O.mapOptional("cpu_model", M.CpuModel) &&
         O.mapOptional("cores", M.Cores);
}

static bool fromJSON(const json::Value &V, TimingInfo &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.mapOptional("mode", T.Mode) &&
         O.mapOptional("sample_period_us", T.SamplePeriodUs) &&
         O.mapOptional("stack_samples", T.StackSamples);
}

std::string TimingInfo::describe() const {
  if (Mode == "exact")
    return "exact (every call timed at entry and exit)";
  if (Mode != "sampled")
    return Mode + " (the merged profiles were timed differently)";
  std::string Text = "SAMPLED";
  if (SamplePeriodUs)
    Text += " every " + formatDuration(SamplePeriodUs * 1000);
  return Text + ", " + std::to_string(StackSamples) +
         " stack samples: times are estimates";
}

// A key that must be present but may be null.
template <typename T>
static bool mapNullable(const json::Value &V, StringLiteral Key,
                        std::optional<T> &Out, json::Path P) {
  const json::Value *E = V.getAsObject()->get(Key);
  if (!E) {
    P.field(Key).report("missing value");
    return false;
  }
  return fromJSON(*E, Out, P.field(Key));
}

// Checks that \p Value, read from the key at \p P, is one of \p Accepted;
// \p Message lists them, as json::Path only reports literals.
static bool checkOneOf(StringRef Value, ArrayRef<StringRef> Accepted,
                       json::Path P, StringLiteral Message) {
  if (is_contained(Accepted, Value))
    return true;
  P.report(Message);
  return false;
}

static bool fromJSON(const json::Value &V, DomainEnergy &E, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("inclusive", E.Inclusive) &&
         O.map("exclusive", E.Exclusive) && O.map("dynamic", E.Dynamic) &&
         O.map("dynamic_inclusive", E.DynamicInclusive);
}

static bool fromJSON(const json::Value &V, DomainPower &W, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && mapNullable(V, "mean", W.MeanW, P) &&
         mapNullable(V, "stderr", W.StderrW, P) &&
         O.map("resolved", W.Resolved);
}

static bool fromJSON(const json::Value &V, EnergyUnit &U, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("unit", U.Unit) && O.map("energy_j", U.EnergyJ);
}

static bool fromJSON(const json::Value &V, RegressionInfo &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.mapOptional("baseline_identified", R.BaselineIdentified) &&
         O.mapOptional("baseline_stderr_w", R.BaselineStderrW) &&
         O.mapOptional("others_w_per_cpu_s", R.OthersWPerCpuS) &&
         O.mapOptional("pooled_w", R.PooledW) &&
         O.mapOptional("residual_std_j", R.ResidualStdJ);
}

static bool fromJSON(const json::Value &V, EnergyDomain &D, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!(O && O.map("source", D.Source) && O.map("measured", D.Measured) &&
        O.mapOptional("resolution_j", D.ResolutionJ) &&
        O.mapOptional("note", D.Note) && O.mapOptional("units", D.Units) &&
        O.mapOptional("wraps", D.Wraps) &&
        O.mapOptional("rejected_samples", D.RejectedSamples) &&
        O.mapOptional("rows", D.Rows) && O.map("regression", D.Regression)))
    return false;
  if (!checkOneOf(D.Source, {"perf", "powercap", "msr", "model", "nvml"},
                  P.field("source"),
                  "unknown energy source; expected perf, powercap, msr, "
                  "model or nvml"))
    return false;
  // A model estimates; labelling its figures measured would mislead.
  if (D.Source == "model" && D.Measured) {
    P.field("measured").report("the model's figures cannot be measured");
    return false;
  }
  return true;
}

static bool fromJSON(const json::Value &V, SamplerInfo &S, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.mapOptional("ticks", S.Ticks) &&
         O.mapOptional("windows", S.Windows) &&
         O.mapOptional("missed_updates", S.MissedUpdates) &&
         O.mapOptional("late_wakes", S.LateWakes) &&
         O.mapOptional("relocks", S.Relocks) &&
         O.mapOptional("ring_overflows", S.RingOverflows) &&
         O.mapOptional("dropped_entries", S.DroppedEntries) &&
         O.mapOptional("function_columns", S.FunctionColumns) &&
         O.mapOptional("functions_in_rest", S.FunctionsInRest) &&
         O.mapOptional("others_cpu_covariate", S.OthersCpuCovariate) &&
         O.mapOptional("cpu_s", S.CpuS);
}

unsigned energyDomainRank(StringRef Name) {
  static const StringRef Order[] = {"package", "core", "uncore",
                                    "dram",    "psys", "gpu"};
  return llvm::find(Order, Name) - std::begin(Order);
}

// energy.domains is an object keyed by domain name; read it into a vector in
// a fixed order, so that output does not depend on the writer's key order.
static bool readDomains(const json::Value &V, std::vector<EnergyDomain> &Out,
                        json::Path P) {
  const json::Object *Obj = V.getAsObject();
  if (!Obj) {
    P.report("expected object");
    return false;
  }
  for (const auto &[Key, Value] : *Obj) {
    EnergyDomain D;
    D.Name = StringRef(Key).str();
    if (!fromJSON(Value, D, P.field(Key)))
      return false;
    Out.push_back(std::move(D));
  }
  llvm::sort(Out, [](const EnergyDomain &A, const EnergyDomain &B) {
    unsigned RA = energyDomainRank(A.Name), RB = energyDomainRank(B.Name);
    return RA != RB ? RA < RB : A.Name < B.Name;
  });
  return true;
}

// Every key of a per-domain map must name one of energy.domains.
template <typename T>
static bool checkDomainKeys(const EnergyInfo &E,
                            const std::map<std::string, T> &Map, json::Path P) {
  for (const auto &KV : Map) {
    if (!E.domain(KV.first)) {
      P.field(KV.first).report("not a domain of energy.domains");
      return false;
    }
  }
  return true;
}

static bool fromJSON(const json::Value &V, EnergyInfo &E, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!(O && O.map("status", E.Status) && O.mapOptional("method", E.Method) &&
        O.map("tick_us", E.TickUs) &&
        O.mapOptional("phase_locked", E.PhaseLocked) &&
        O.mapOptional("baseline_w", E.BaselineW) &&
        O.map("sampler", E.Sampler)))
    return false;
  if (!checkOneOf(E.Status, {"measured", "modelled", "mixed", "not-measured"},
                  P.field("status"),
                  "unknown energy status; expected measured, modelled, "
                  "mixed or not-measured"))
    return false;
  if (!checkOneOf(E.Method, {"regression", "time-split", "none"},
                  P.field("method"),
                  "unknown energy method; expected regression, time-split "
                  "or none"))
    return false;
  const json::Value *Domains = V.getAsObject()->get("domains");
  if (!Domains) {
    P.field("domains").report("missing value");
    return false;
  }
  if (!readDomains(*Domains, E.Domains, P.field("domains")))
    return false;
  // The method is only implied ("none") when there is nothing to split.
  if (E.hasEnergy() && !V.getAsObject()->get("method")) {
    P.field("method").report("missing value");
    return false;
  }

  // The status summarises the domains; it must not call modelled figures
  // measured, nor the other way round.
  size_t Measured =
      count_if(E.Domains, [](const EnergyDomain &D) { return D.Measured; });
  StringRef Expected = E.Domains.empty()              ? "not-measured"
                       : Measured == E.Domains.size() ? "measured"
                       : Measured == 0                ? "modelled"
                                                      : "mixed";
  if (E.Status != Expected) {
    P.field("status").report(
        "does not match the domains' measured flags (measured: all, "
        "modelled: none, mixed: some, not-measured: no domains)");
    return false;
  }
  return checkDomainKeys(E, E.BaselineW, P.field("baseline_w"));
}

static bool fromJSON(const json::Value &V, EnergyTotals &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("energy_j", T.EnergyJ) &&
         O.map("unattributed_energy_j", T.UnattributedJ) &&
         O.map("sampled_s", T.SampledS);
}

static bool fromJSON(const json::Value &V, EventCounts &C, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("inclusive", C.Inclusive) &&
         O.map("exclusive", C.Exclusive);
}

static bool fromJSON(const json::Value &V, AllocCounts &A, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("bytes", A.Bytes) && O.map("count", A.Count) &&
         O.map("frees", A.Frees) && O.map("freed_bytes", A.FreedBytes) &&
         O.map("peak_live_bytes", A.PeakLiveBytes) &&
         O.map("inclusive_bytes", A.InclusiveBytes) &&
         O.map("inclusive_count", A.InclusiveCount);
}

static bool fromJSON(const json::Value &V, EventInfo &E, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!(O && O.map("name", E.Name) && O.map("status", E.Status) &&
        O.map("canonical", E.Canonical) && O.map("reason", E.Reason) &&
        O.map("method", E.Method) && O.mapOptional("unit", E.Unit) &&
        O.mapOptional("scaled", E.Scaled) &&
        O.map("running_fraction", E.RunningFraction) &&
        O.map("total", E.Total) && O.map("unattributed", E.Unattributed)))
    return false;
  if (!checkOneOf(E.Status, {"ok", "unavailable", "unknown"}, P.field("status"),
                  "unknown event status; expected ok, unavailable or "
                  "unknown"))
    return false;
  if (E.Method &&
      !checkOneOf(*E.Method, {"rdpmc", "sampler"}, P.field("method"),
                  "unknown counting method; expected rdpmc, sampler or null"))
    return false;
  return checkOneOf(E.Unit, {"count", "ns"}, P.field("unit"),
                    "unknown event unit; expected count or ns");
}

static bool fromJSON(const json::Value &V, AllocTracking &A, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!(O && O.map("status", A.Status) && O.map("reason", A.Reason)))
    return false;
  if (!checkOneOf(A.Status, {"on", "off", "unavailable"}, P.field("status"),
                  "unknown allocation tracking status; expected on, off or "
                  "unavailable"))
    return false;
  // The process totals are what tracking produced: required when it was on.
  auto Total = [&](StringLiteral Key, int64_t &Out) {
    return A.on() ? O.map(Key, Out) : O.mapOptional(Key, Out);
  };
  return Total("bytes", A.Bytes) && Total("count", A.Count) &&
         Total("frees", A.Frees) && Total("freed_bytes", A.FreedBytes) &&
         Total("peak_live_bytes", A.PeakLiveBytes) &&
         O.mapOptional("unattributed_bytes", A.UnattributedBytes) &&
         O.mapOptional("unattributed_count", A.UnattributedCount) &&
         O.mapOptional("untracked_blocks", A.UntrackedBlocks);
}

static bool fromJSON(const json::Value &V, ArgSamples &A, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!(O && O.map("names", A.Names) && O.map("samples", A.Samples) &&
        O.mapOptional("note", A.Note)))
    return false;
  for (size_t I = 0; I < A.Samples.size(); ++I) {
    if (A.Samples[I].size() != A.Names.size()) {
      P.field("samples").index(I).report(
          "expected one value per name of args.names");
      return false;
    }
  }
  return true;
}

static bool fromJSON(const json::Value &V, FunctionRecord &F, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", F.Id) && O.map("name", F.Name) &&
         O.map("calls", F.Calls) && O.map("time_ns", F.Time) &&
         O.map("filtered", F.Filtered) &&
         O.mapOptional("linkage_name", F.LinkageName) &&
         O.mapOptional("module", F.Module) && O.mapOptional("file", F.File) &&
         O.mapOptional("resolved_file", F.ResolvedFile) &&
         O.mapOptional("line", F.Line) &&
         O.mapOptional("filter_reason", F.FilterReason) &&
         O.mapOptional("energy_j", F.Energy) &&
         O.mapOptional("power_w", F.Power) &&
         O.mapOptional("counters", F.Counters) && O.map("alloc", F.Alloc) &&
         O.mapOptional("args", F.Args);
}

static bool fromJSON(const json::Value &V, RegionItems &I, json::Path P) {
  json::ObjectMapper O(V, P);
  if (!O || !O.map("count", I.Count) || !O.map("unit", I.Unit))
    return false;
  if (I.Count < 0) {
    P.field("count").report("expected a count of 0 or more");
    return false;
  }
  return true;
}

static bool fromJSON(const json::Value &V, RegionRecord &R, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", R.Id) && O.map("name", R.Name) &&
         O.map("calls", R.Calls) && O.map("time_ns", R.Time) &&
         O.mapOptional("energy_j", R.Energy) &&
         O.mapOptional("power_w", R.Power) &&
         O.mapOptional("counters", R.Counters) && O.map("alloc", R.Alloc) &&
         O.mapOptional("items", R.Items);
}

static bool fromJSON(const json::Value &V, TreeNode &N, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("id", N.Id) && O.map("parent", N.Parent) &&
         O.map("ref", N.Ref) && O.map("calls", N.Calls) &&
         O.map("time_ns", N.Time) &&
         O.mapOptional("folded_calls", N.FoldedCalls) &&
         O.mapOptional("energy_j", N.Energy) &&
         O.mapOptional("power_w", N.Power) &&
         O.mapOptional("counters", N.Counters) && O.map("alloc", N.Alloc);
}

static bool fromJSON(const json::Value &V, CallTree &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("folded_calls", T.FoldedCalls) && O.map("nodes", T.Nodes) &&
         O.mapOptional("max_nodes_per_thread", T.MaxNodesPerThread);
}

static bool fromJSON(const json::Value &V, ThreadRecord &T, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("calls", T.Calls) && O.map("ended", T.Ended) &&
         O.mapOptional("index", T.Index) && O.mapOptional("tid", T.Tid) &&
         O.mapOptional("name", T.Name) && O.mapOptional("counters", T.Counters);
}

static bool fromJSON(const json::Value &V, ProcessInfo &Proc, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("pid", Proc.Pid) && O.map("rank", Proc.Rank) &&
         O.map("wall_ns", Proc.WallNs) && O.map("time_ns", Proc.TimeNs) &&
         O.map("energy_j", Proc.EnergyJ) &&
         O.mapOptional("measured", Proc.Measured) &&
         O.mapOptional("profile", Proc.Profile) &&
         O.mapOptional("executable", Proc.Executable) &&
         O.mapOptional("host", Proc.Host) &&
         O.mapOptional("start_unix_ns", Proc.StartUnixNs) &&
         O.mapOptional("end", Proc.End) &&
         O.mapOptional("peak_rss_bytes", Proc.PeakRssBytes) &&
         O.mapOptional("calls", Proc.Calls) &&
         O.mapOptional("threads", Proc.Threads) &&
         O.mapOptional("metrics", Proc.Metrics);
}

// Per-item energy of \p Items (functions, regions or tree nodes) may only
// name the profile's domains.
template <typename T>
static bool checkItemDomains(const EnergyInfo &E, const std::vector<T> &Items,
                             json::Path P) {
  for (size_t I = 0; I < Items.size(); ++I)
    if (!checkDomainKeys(E, Items[I].Energy, P.index(I).field("energy_j")) ||
        !checkDomainKeys(E, Items[I].Power, P.index(I).field("power_w")))
      return false;
  return true;
}

// The energy figures refer to energy.domains: totals for each domain, and
// nothing for a domain that is not there.
static bool checkEnergy(const Profile &Prof, json::Path P) {
  const EnergyInfo &E = Prof.Energy;
  if (E.hasEnergy() && !Prof.Totals) {
    P.field("totals").report("missing value");
    return false;
  }
  if (Prof.Totals) {
    json::Path Totals = P.field("totals");
    const EnergyTotals &T = *Prof.Totals;
    if (!checkDomainKeys(E, T.EnergyJ, Totals.field("energy_j")) ||
        !checkDomainKeys(E, T.UnattributedJ,
                         Totals.field("unattributed_energy_j")))
      return false;
    for (const EnergyDomain &D : E.Domains) {
      if (!T.EnergyJ.count(D.Name)) {
        Totals.field("energy_j").field(D.Name).report("missing value");
        return false;
      }
      if (!T.UnattributedJ.count(D.Name)) {
        Totals.field("unattributed_energy_j")
            .field(D.Name)
            .report("missing value");
        return false;
      }
    }
  }
  return checkItemDomains(E, Prof.Functions, P.field("functions")) &&
         checkItemDomains(E, Prof.Regions, P.field("regions")) &&
         checkItemDomains(E, Prof.Tree.Nodes, P.field("tree").field("nodes"));
}

// Every key of a "counters" object must name a counted event.
template <typename T>
static bool checkEventKeys(const Profile &Prof,
                           const std::map<std::string, T> &Counters,
                           json::Path P) {
  for (const auto &KV : Counters) {
    const EventInfo *E = Prof.event(KV.first);
    if (!E || !E->counted()) {
      P.field(KV.first).report("not an event of events with status ok");
      return false;
    }
  }
  return true;
}

// Per-item counters name counted events only, and allocations need
// tracking.
template <typename T>
static bool checkItemMetrics(const Profile &Prof, const std::vector<T> &Items,
                             json::Path P) {
  for (size_t I = 0; I < Items.size(); ++I) {
    if (!checkEventKeys(Prof, Items[I].Counters, P.index(I).field("counters")))
      return false;
    if (Items[I].Alloc && !Prof.Alloc.on()) {
      P.index(I).field("alloc").report(
          "allocations were not tracked (alloc_tracking.status is not on)");
      return false;
    }
  }
  return true;
}

static bool checkMetrics(const Profile &Prof, json::Path P) {
  for (size_t I = 0; I < Prof.Threads.size(); ++I)
    if (!checkEventKeys(Prof, Prof.Threads[I].Counters,
                        P.field("threads").index(I).field("counters")))
      return false;
  return checkItemMetrics(Prof, Prof.Functions, P.field("functions")) &&
         checkItemMetrics(Prof, Prof.Regions, P.field("regions")) &&
         checkItemMetrics(Prof, Prof.Tree.Nodes,
                          P.field("tree").field("nodes"));
}

// The keys of a profile up to its large arrays (functions, regions, tree,
// threads), and those after them: reading in pieces maps the arrays in
// between, in the same order, so that a profile with several problems gets
// the same message either way.
static bool mapHead(const json::Value &V, Profile &Prof, json::Path P) {
  json::ObjectMapper O(V, P);
  return O && O.map("schema_version", Prof.SchemaVersion) &&
         O.mapOptional("generator", Prof.Generator) &&
         O.map("program", Prof.Program) && O.map("machine", Prof.Machine) &&
         O.mapOptional("timing", Prof.Timing) && O.map("energy", Prof.Energy);
}

static bool mapTail(const json::Value &V, Profile &Prof, json::Path P) {
  json::ObjectMapper O(V, P);
  // events and alloc_tracking came with schema_version 3: optional.
  return O && O.map("totals", Prof.Totals) &&
         O.mapOptional("events", Prof.Events) &&
         O.mapOptional("alloc_tracking", Prof.Alloc) &&
         O.mapOptional("processes", Prof.Processes) &&
         O.mapOptional("metrics", Prof.Metrics) && checkEnergy(Prof, P) &&
         checkMetrics(Prof, P);
}

static bool fromJSON(const json::Value &V, Profile &Prof, json::Path P) {
  json::ObjectMapper O(V, P);
  return mapHead(V, Prof, P) && O.map("functions", Prof.Functions) &&
         O.map("regions", Prof.Regions) && O.map("tree", Prof.Tree) &&
         O.map("threads", Prof.Threads) && mapTail(V, Prof, P);
}

//===----------------------------------------------------------------------===//
// Reading in pieces. json::parse of a whole profile takes tens of times its
// size; the large arrays are parsed an element at a time instead (see
// JsonPieces.h), so memory follows the Profile, about the file's size.
// None anywhere below means "not well-formed JSON": parseProfile then
// parses the whole text, for json::parse's message.
//===----------------------------------------------------------------------===//

// The value of \p Piece, leaving out an object's member \p Skip (a thread's
// list of functions, which frugal does not read).
static std::optional<json::Value> parsePiece(StringRef Piece,
                                             StringRef Skip = "") {
  if (!Skip.empty() && Piece.starts_with("{")) {
    json::Object Members;
    size_t End;
    bool Ok = jsonpieces::forEachMember(
        Piece, 0, End, [&](StringRef Key, StringRef Value) {
          if (Key == Skip)
            return true;
          std::optional<json::Value> V = parsePiece(Value);
          if (!V || !Members.try_emplace(Key, std::move(*V)).second)
            return false;
          return true;
        });
    if (!Ok || jsonpieces::skipSpace(Piece, End) != Piece.size())
      return std::nullopt;
    return json::Value(std::move(Members));
  }
  Expected<json::Value> V = json::parse(Piece);
  if (!V) {
    consumeError(V.takeError());
    return std::nullopt;
  }
  return std::move(*V);
}

// A mapper's error path points into the value it failed on (json::Path
// keeps the keys as StringRefs), and the error is printed after the piece's
// value is gone: keep the failed value (mapping stops at the first failure)
// until the next one. Moving a json::Value does not move its keys' text.
static bool keepIfFailed(bool Mapped, json::Value &&V) {
  static thread_local std::optional<json::Value> Failed;
  if (!Mapped)
    Failed = std::move(V);
  return Mapped;
}

// Maps \p Piece into \p Out: the mapper's verdict, or None.
template <typename T>
static std::optional<bool> mapPiece(StringRef Piece, T &Out, json::Path P,
                                    StringRef Skip = "") {
  std::optional<json::Value> V = parsePiece(Piece, Skip);
  if (!V)
    return std::nullopt;
  bool Mapped = requireFiniteNumbers(*V, P) && fromJSON(*V, Out, P);
  return keepIfFailed(Mapped, std::move(*V));
}

// Maps the array \p Text into \p Out an element at a time.
template <typename T>
static std::optional<bool> mapElements(StringRef Text, std::vector<T> &Out,
                                       json::Path P, StringRef Skip = "") {
  if (!Text.starts_with("["))
    return mapPiece(Text, Out, P); // Not an array: the mapper says so.
  bool Json = true, Mapped = true;
  size_t End;
  bool Scanned =
      jsonpieces::forEachElement(Text, 0, End, [&](size_t I, StringRef Piece) {
        Out.emplace_back();
        std::optional<bool> Ok = mapPiece(Piece, Out.back(), P.index(I), Skip);
        Json = Ok.has_value();
        Mapped = Ok.value_or(false);
        return Json && Mapped;
      });
  if (!Json || (!Scanned && Mapped))
    return std::nullopt;
  return Mapped;
}

// "tree": its nodes an element at a time.
static std::optional<bool> mapTree(StringRef Text, CallTree &T, json::Path P) {
  if (!Text.starts_with("{"))
    return mapPiece(Text, T, P);
  json::Object Head;
  std::optional<StringRef> Nodes;
  size_t End;
  bool Json = jsonpieces::forEachMember(
      Text, 0, End, [&](StringRef Key, StringRef Value) {
        if (Key == "nodes") {
          Nodes = Value;
          return true;
        }
        std::optional<json::Value> V = parsePiece(Value);
        return V && Head.try_emplace(Key, std::move(*V)).second;
      });
  if (!Json)
    return std::nullopt;
  json::Value HeadValue(std::move(Head));
  json::ObjectMapper O(HeadValue, P);
  if (!(O && requireFiniteNumbers(HeadValue, P) &&
        O.map("folded_calls", T.FoldedCalls) &&
        O.mapOptional("max_nodes_per_thread", T.MaxNodesPerThread)))
    return keepIfFailed(false, std::move(HeadValue));
  if (!Nodes) {
    P.field("nodes").report("missing value");
    return false;
  }
  return mapElements(*Nodes, T.Nodes, P.field("nodes"));
}

static Error versionError(StringRef Path, std::optional<int64_t> Version);
static Error foreignDocumentError(StringRef Path,
                                  function_ref<bool(StringRef)> Has,
                                  std::optional<StringRef> Kind);
static Error contentError(StringRef Path, json::Path::Root &Where);

static std::optional<Expected<Profile>> parseInPieces(StringRef Text,
                                                      StringRef Path) {
  // Where each top-level member is.
  StringMap<StringRef> Members;
  size_t End;
  if (!jsonpieces::forEachMember(
          Text, jsonpieces::skipSpace(Text, 0), End,
          [&](StringRef Key, StringRef Value) {
            return Members.try_emplace(Key, Value).second;
          }) ||
      jsonpieces::skipSpace(Text, End) != Text.size())
    return std::nullopt;

  std::optional<int64_t> Version;
  auto It = Members.find("schema_version");
  if (It != Members.end()) {
    std::optional<json::Value> V = parsePiece(It->second);
    if (!V)
      return std::nullopt;
    Version = V->getAsInteger();
  }
  std::optional<std::string> Kind;
  if (auto K = Members.find("kind"); K != Members.end())
    if (std::optional<json::Value> V = parsePiece(K->second))
      if (std::optional<StringRef> S = V->getAsString())
        Kind = S->str();
  if (Error E = foreignDocumentError(
          Path, [&](StringRef Key) { return Members.count(Key) != 0; },
          Kind ? std::optional<StringRef>(*Kind) : std::nullopt))
    return Expected<Profile>(std::move(E));
  if (Error E = versionError(Path, Version))
    return Expected<Profile>(std::move(E));

  // The small members, as one object for the mappers.
  static const StringLiteral Large[] = {"functions", "regions", "tree",
                                        "threads"};
  json::Object Small;
  for (const auto &Member : Members) {
    if (is_contained(Large, Member.getKey()))
      continue;
    std::optional<json::Value> V = parsePiece(Member.getValue());
    if (!V)
      return std::nullopt;
    Small[Member.getKey()] = std::move(*V);
  }
  json::Value SmallValue(std::move(Small));

  Profile Prof;
  json::Path::Root Where("profile");
  json::Path P(Where);
  auto Fail = [&]() -> std::optional<Expected<Profile>> {
    return Expected<Profile>(contentError(Path, Where));
  };
  if (!requireFiniteNumbers(SmallValue, P) || !mapHead(SmallValue, Prof, P))
    return Fail();
  // The large arrays, in order, stopping at the first problem.
  auto MapLarge = [&](StringLiteral Key, auto Map) -> std::optional<bool> {
    auto It = Members.find(Key);
    if (It == Members.end()) {
      P.field(Key).report("missing value");
      return false;
    }
    return Map(It->second, P.field(Key));
  };
  std::optional<bool> Ok =
      MapLarge("functions", [&](StringRef T, json::Path Q) {
        return mapElements(T, Prof.Functions, Q);
      });
  if (Ok && *Ok)
    Ok = MapLarge("regions", [&](StringRef T, json::Path Q) {
      return mapElements(T, Prof.Regions, Q);
    });
  if (Ok && *Ok)
    Ok = MapLarge("tree", [&](StringRef T, json::Path Q) {
      return mapTree(T, Prof.Tree, Q);
    });
  if (Ok && *Ok)
    Ok = MapLarge("threads", [&](StringRef T, json::Path Q) {
      return mapElements(T, Prof.Threads, Q, "functions");
    });
  if (!Ok)
    return std::nullopt;
  if (!*Ok)
    return Fail();
  if (!mapTail(SmallValue, Prof, P))
    return Fail();
  return Expected<Profile>(std::move(Prof));
}

// json::ParseError keeps its line and column private and only logs them as
// "[LINE:COLUMN, byte=OFFSET]: MESSAGE"; turn that into the usual
// "FILE:LINE:COLUMN: MESSAGE" that editors can jump to.
static std::string describeParseError(StringRef Path, StringRef Logged) {
  StringRef Rest = Logged;
  StringRef Line, Column;
  if (Rest.consume_front("[")) {
    std::tie(Line, Rest) = Rest.split(':');
    std::tie(Column, Rest) = Rest.split(',');
    if (Rest.consume_front(" byte=")) {
      Rest = Rest.split("]: ").second;
      if (!Rest.empty())
        return (Path + ":" + Line + ":" + Column + ": " + Rest).str();
    }
  }
  return (Path + ": " + Logged).str();
}

// The version decides how to read the rest, so it is checked first and on
// its own: a newer profile should not be reported as "missing key".
static Error versionError(StringRef Path, std::optional<int64_t> Version) {
  if (!Version)
    return makeError(Path + ": no integer schema_version",
                     "pass a profile written by libfrugal_rt");
  if (*Version < OldestSchemaVersion || *Version > SupportedSchemaVersion)
    return makeError(Path + ": unsupported schema_version " + Twine(*Version) +
                         " (this frugal reads " + Twine(OldestSchemaVersion) +
                         " to " + Twine(SupportedSchemaVersion) + ")",
                     "use the frugal that matches the libfrugal_rt which "
                     "wrote the profile");
  return Error::success();
}

// frugal's other JSON documents, given where a profile belongs, are named
// as what they are. \p Has says whether the document has a top-level key.
static Error foreignDocumentError(StringRef Path,
                                  function_ref<bool(StringRef)> Has,
                                  std::optional<StringRef> Kind) {
  if (Has("files") && Has("functions") && !Has("program"))
    return makeError(Path + ": this is frugal analyze's output, not a profile",
                     "pass it with --static, and a profile the instrumented "
                     "program wrote as the profile");
  if (Kind)
    return makeError(Path + ": this is the output of `frugal " + *Kind +
                         "`, not a profile",
                     "pass a profile written by libfrugal_rt");
  return Error::success();
}

static Error contentError(StringRef Path, json::Path::Root &Where) {
  return makeError(Path + ": " + toString(Where.getError()),
                   "the profile is incomplete or was edited; rerun the "
                   "instrumented program to write it again");
}

Expected<Profile> parseProfile(StringRef Text, StringRef Path) {
  if (std::optional<Expected<Profile>> Prof = parseInPieces(Text, Path))
    return std::move(*Prof);

  // Not well formed (or a piece the scan could not take): the whole text,
  // for json::parse's message.
  Expected<json::Value> Root = json::parse(Text);
  if (!Root) {
    std::string Logged = toString(Root.takeError());
    return makeError("invalid JSON at " + describeParseError(Path, Logged),
                     "this is not a complete frugal profile; rerun the "
                     "instrumented program to write it again");
  }

  const json::Object *Obj = Root->getAsObject();
  if (!Obj)
    return makeError(Path + ": the top-level JSON value is not an object",
                     "pass a profile written by libfrugal_rt");
  if (Error E = foreignDocumentError(
          Path, [&](StringRef Key) { return Obj->get(Key) != nullptr; },
          Obj->getString("kind")))
    return std::move(E);
  if (Error E = versionError(Path, Obj->getInteger("schema_version")))
    return std::move(E);

  Profile Prof;
  json::Path::Root Where("profile");
  if (!requireFiniteNumbers(*Root, Where) || !fromJSON(*Root, Prof, Where))
    return contentError(Path, Where);
  return Prof;
}

Expected<Profile> readProfile(StringRef Path) {
  ErrorOr<std::unique_ptr<MemoryBuffer>> Buffer =
      MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return makeError("cannot read '" + Path +
                         "': " + Buffer.getError().message(),
                     "check the path; an instrumented program writes its "
                     "profile when it exits (see FRUGAL_OUTPUT)");
  return parseProfile((*Buffer)->getBuffer(), Path);
}

const EnergyDomain *EnergyInfo::domain(StringRef Name) const {
  for (const EnergyDomain &D : Domains)
    if (D.Name == Name)
      return &D;
  return nullptr;
}

const EnergyDomain *EnergyInfo::defaultDomain() const {
  if (const EnergyDomain *D = domain("package"))
    return D;
  return Domains.empty() ? nullptr : &Domains.front();
}

std::optional<double> EnergyInfo::baselineW(StringRef Name) const {
  auto It = BaselineW.find(Name.str());
  return It == BaselineW.end() ? std::nullopt : It->second;
}

const EventInfo *Profile::event(StringRef Name) const {
  for (const EventInfo &E : Events)
    if (E.Name == Name)
      return &E;
  return nullptr;
}

std::vector<const EventInfo *> Profile::countedEvents() const {
  std::vector<const EventInfo *> Counted;
  for (const EventInfo &E : Events)
    if (E.counted() && event(E.Name) == &E) // The first of a repeated name.
      Counted.push_back(&E);
  return Counted;
}

ItemsById indexItems(const Profile &Prof) {
  ItemsById Index;
  for (const FunctionRecord &F : Prof.Functions)
    Index.Functions[F.Id] = &F;
  for (const RegionRecord &R : Prof.Regions)
    Index.Regions[R.Id] = &R;
  return Index;
}

std::string displayName(const FunctionRecord &F) {
  // The runtime stores demangled names; fall back on demangling here for
  // records whose name is still the mangled one (or missing).
  StringRef Name = F.Name.empty() ? StringRef(F.LinkageName) : F.Name;
  if (Name.starts_with("_Z"))
    return demangle(Name.str());
  return Name.str();
}

} // namespace frugal
