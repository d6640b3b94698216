//===- ProfileMerge.cpp - Several processes' profiles as one --------------===//

#include "ProfileMerge.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <cassert>
#include <cmath>

using namespace llvm;

namespace frugal {

// "rank 3 (pid 42 on node17)", or "pid 42 on node17" without a rank.
static std::string describeProcess(const ProcessInfo &P) {
  std::string Text = "pid " + std::to_string(P.Pid);
  if (!P.Host.empty())
    Text += " on " + P.Host;
  if (P.Rank)
    Text = "rank " + std::to_string(*P.Rank) + " (" + Text + ")";
  return Text;
}

// The process a single-process profile describes.
static ProcessInfo processOf(const Profile &Prof, StringRef Path) {
  ProcessInfo P;
  const ProgramInfo &Prog = Prof.Program;
  P.Profile = Path.str();
  P.Executable = Prog.Executable;
  P.Pid = Prog.Pid;
  P.Rank = Prog.Rank;
  P.Host = Prog.Host;
  P.StartUnixNs = Prog.StartUnixNs;
  P.WallNs = Prog.WallNs;
  P.End = Prog.End;
  P.PeakRssBytes = Prog.PeakRssBytes;
  for (const FunctionRecord &F : Prof.Functions) {
    P.TimeNs += F.Time.Exclusive;
    P.Calls += F.Calls;
  }
  for (const RegionRecord &R : Prof.Regions) {
    P.TimeNs += R.Time.Exclusive;
    P.Calls += R.Calls;
  }
  P.Threads = Prof.Threads.size();
  for (const EnergyDomain &D : Prof.Energy.Domains) {
    P.EnergyJ[D.Name] = Prof.Totals->EnergyJ.at(D.Name);
    P.Measured[D.Name] = D.Measured;
  }
  P.Metrics = Prof.Metrics;
  return P;
}

// The processes \p Prof covers: its "processes" when it was merged already.
static std::vector<ProcessInfo> processesOf(const Profile &Prof,
                                            StringRef Path) {
  if (!Prof.Processes.empty())
    return Prof.Processes;
  return {processOf(Prof, Path)};
}

// Two profiles of one process: same host and pid, and the same start when
// both know it (a pid is reused only by a later process).
static bool sameProcess(const ProcessInfo &A, const ProcessInfo &B) {
  if (A.Host != B.Host || A.Pid != B.Pid)
    return false;
  return !A.StartUnixNs || !B.StartUnixNs || *A.StartUnixNs == *B.StartUnixNs;
}

Error ProfileMerger::check(const Profile &Prof, StringRef Path) {
  if (Inputs && !Force && Prof.Program.Executable != Out.Program.Executable)
    return makeError("'" + Path + "' is a profile of " +
                         Prof.Program.Executable + ", not of " +
                         Out.Program.Executable + " like '" +
                         Out.Processes.front().Profile + "'",
                     "merge the profiles of one program's processes "
                     "(--force merges them anyway)");
  if (!Force)
    for (const ProcessInfo &New : processesOf(Prof, Path))
      for (const ProcessInfo &Old : Out.Processes)
        if (sameProcess(New, Old))
          return makeError(
              "'" + Path + "' and '" + Old.Profile +
                  "' are profiles of the same process (" +
                  describeProcess(New) + "): merging would count it twice",
              "pass each process's profile once (--force merges them "
              "anyway)");

  // The tree must refer to the profile's own functions and regions, and
  // list parents first, for the paths to be followed.
  DenseSet<int64_t> ItemIds, NodeIds;
  for (const FunctionRecord &F : Prof.Functions)
    ItemIds.insert(F.Id);
  for (const RegionRecord &R : Prof.Regions)
    ItemIds.insert(R.Id);
  StringRef Fix = "the profile is incomplete or was edited; rerun the "
                  "instrumented program to write it again";
  for (const TreeNode &N : Prof.Tree.Nodes) {
    if (N.Parent.has_value() != N.Ref.has_value())
      return makeError("'" + Path + "': tree node " + Twine(N.Id) +
                           " has a parent without a ref, or the reverse",
                       Fix);
    if (N.Parent && !NodeIds.contains(*N.Parent))
      return makeError("'" + Path + "': tree node " + Twine(N.Id) +
                           " comes before its parent " + Twine(*N.Parent),
                       Fix);
    if (N.Ref && !ItemIds.contains(*N.Ref))
      return makeError("'" + Path + "': tree node " + Twine(N.Id) +
                           " refers to id " + Twine(*N.Ref) +
                           ", no function or region of the profile",
                       Fix);
    if (!NodeIds.insert(N.Id).second)
      return makeError("'" + Path + "': two tree nodes have id " + Twine(N.Id),
                       Fix);
  }
  return Error::success();
}

void ProfileMerger::addProcesses(const Profile &Prof, StringRef Path) {
  std::vector<ProcessInfo> New = processesOf(Prof, Path);
  ProcessCount += New.size();
  for (ProcessInfo &P : New) {
    Out.Processes.push_back(std::move(P));
  }
}

void ProfileMerger::mergeProgram(const Profile &Prof) {
  ProgramInfo &P = Out.Program;
  const ProgramInfo &In = Prof.Program;
  // The merged profile stands for the job, not for one rank.
  P.Rank = std::nullopt;
  P.WallNs = std::max(P.WallNs, In.WallNs);
  if (In.StartUnixNs)
    P.StartUnixNs = P.StartUnixNs ? std::min(*P.StartUnixNs, *In.StartUnixNs)
                                  : *In.StartUnixNs;
  if (In.PeakRssBytes)
    P.PeakRssBytes = P.PeakRssBytes
                         ? std::max(*P.PeakRssBytes, *In.PeakRssBytes)
                         : *In.PeakRssBytes;
  // How the job ended: exit when every process exited, else the first other
  // way (a signal, a flush).
  if (P.End == "exit" && In.End != "exit")
    P.End = In.End;
  if (Prof.Energy.TickUs && !Out.Energy.TickUs)
    Out.Energy.TickUs = Prof.Energy.TickUs;
}

// Adds \p In to \p Sum, domain by domain.
static void addEnergy(EnergyByDomain &Sum, const EnergyByDomain &In) {
  for (const auto &[Name, E] : In) {
    DomainEnergy &S = Sum[Name];
    S.Inclusive += E.Inclusive;
    S.Exclusive += E.Exclusive;
    S.Dynamic += E.Dynamic;
    S.DynamicInclusive += E.DynamicInclusive;
  }
}

static void addCounters(CountsByEvent &Sum, const CountsByEvent &In) {
  for (const auto &[Name, C] : In) {
    EventCounts &S = Sum[Name];
    S.Inclusive += C.Inclusive;
    S.Exclusive += C.Exclusive;
  }
}

// Allocations add up; the peak of live bytes is the highest of any one
// process's (processes do not share blocks, and their peaks need not
// coincide).
static void addAlloc(std::optional<AllocCounts> &Sum,
                     const std::optional<AllocCounts> &In) {
  if (!In)
    return;
  if (!Sum) {
    Sum = In;
    return;
  }
  Sum->Bytes += In->Bytes;
  Sum->Count += In->Count;
  Sum->Frees += In->Frees;
  Sum->FreedBytes += In->FreedBytes;
  Sum->PeakLiveBytes = std::max(Sum->PeakLiveBytes, In->PeakLiveBytes);
  Sum->InclusiveBytes += In->InclusiveBytes;
  Sum->InclusiveCount += In->InclusiveCount;
}

// Notes one process's mean powers of an item whose exclusive time there was
// \p TimeNs.
template <typename SumMap>
static void addPower(SumMap &Sums, const PowerByDomain &In, int64_t TimeNs) {
  double T = TimeNs * 1e-9;
  for (const auto &[Name, W] : In) {
    auto &S = Sums[Name];
    if (!S.Seen++)
      S.First = W;
    S.AllResolved &= W.Resolved;
    if (!W.MeanW)
      continue;
    ++S.Means;
    S.Weight += T;
    S.Weighted += T * *W.MeanW;
    S.Plain += *W.MeanW;
    if (W.StderrW) {
      S.Variance += (T * *W.StderrW) * (T * *W.StderrW);
      S.PlainVariance += *W.StderrW * *W.StderrW;
    } else {
      S.AllStderr = false;
    }
  }
}

// The mean power over all processes: the time-weighted mean of theirs (the
// total of power × time over the total time), its standard error from
// theirs as independent errors; resolved only when every process resolved
// it.
template <typename SumMap>
static PowerByDomain finishPower(const SumMap &Sums) {
  PowerByDomain Out;
  for (const auto &[Name, S] : Sums) {
    if (S.Seen == 1) {
      Out[Name] = S.First;
      continue;
    }
    DomainPower W;
    W.Resolved = S.AllResolved && S.Means == S.Seen;
    if (S.Means && S.Weight > 0) {
      W.MeanW = S.Weighted / S.Weight;
      if (S.AllStderr)
        W.StderrW = std::sqrt(S.Variance) / S.Weight;
    } else if (S.Means) {
      W.MeanW = S.Plain / S.Means;
      if (S.AllStderr)
        W.StderrW = std::sqrt(S.PlainVariance) / S.Means;
    }
    Out[Name] = W;
  }
  return Out;
}

void ProfileMerger::mergeEnergy(const Profile &Prof) {
  const EnergyInfo &In = Prof.Energy;
  EnergyInfo &E = Out.Energy;
  std::vector<ProcessInfo> Procs = processesOf(Prof, "");
  unsigned Weight = Procs.size();
  for (const EnergyDomain &D : In.Domains) {
    DomainState &S = Domains[D.Name];
    if (!S.Processes)
      E.Domains.push_back(D);
    else {
      EnergyDomain *Sum = nullptr;
      for (EnergyDomain &Old : E.Domains)
        if (Old.Name == D.Name)
          Sum = &Old;
      Sum->ResolutionJ = std::max(Sum->ResolutionJ, D.ResolutionJ);
      Sum->Wraps += D.Wraps;
      Sum->RejectedSamples += D.RejectedSamples;
      Sum->Rows += D.Rows;
    }
    S.Processes += Weight;
    if (D.Measured)
      S.MeasuredIn += Weight;
    S.Sources.insert(D.Source);
    // A merged profile's note lists its processes' notes after a prefix.
    StringRef Note = D.Note;
    if (Note.starts_with("merged from ")) {
      SmallVector<StringRef, 4> Notes;
      Note.split(": ").second.split(Notes, " | ", -1, /*KeepEmpty=*/false);
      for (StringRef N : Notes)
        S.Notes.insert(N.str());
    } else if (!Note.empty()) {
      S.Notes.insert(Note.str());
    }
    std::optional<double> Baseline = In.baselineW(D.Name);
    if (Baseline)
      S.BaselineSum += *Baseline;
    else
      S.BaselinesIdentified = false;
    for (const ProcessInfo &P : Procs) {
      auto It = P.Measured.find(D.Name);
      if (It == P.Measured.end() || !It->second)
        continue;
      if (!S.Hosts.insert(P.Host).second)
        S.HostRepeated = true;
    }
  }
  // The split's method and the sampler's health, summed over processes.
  if (In.hasEnergy()) {
    if (!EnergySeen)
      E.Method = In.Method;
    else if (E.Method != In.Method)
      E.Method = "time-split"; // The weaker of the two.
    E.PhaseLocked = (!EnergySeen || E.PhaseLocked) && In.PhaseLocked;
    EnergySeen = true;
  }
  if (In.Sampler) {
    if (!E.Sampler) {
      E.Sampler = In.Sampler;
    } else {
      SamplerInfo &S = *E.Sampler;
      const SamplerInfo &I = *In.Sampler;
      S.Ticks += I.Ticks;
      S.Windows += I.Windows;
      S.MissedUpdates += I.MissedUpdates;
      S.LateWakes += I.LateWakes;
      S.Relocks += I.Relocks;
      S.RingOverflows += I.RingOverflows;
      S.DroppedEntries += I.DroppedEntries;
      S.FunctionColumns += I.FunctionColumns;
      S.FunctionsInRest += I.FunctionsInRest;
      S.OthersCpuCovariate &= I.OthersCpuCovariate;
      S.CpuS += I.CpuS;
    }
  }
  if (!Prof.Totals)
    return;
  if (!Out.Totals)
    Out.Totals.emplace();
  EnergyTotals &T = *Out.Totals;
  for (const auto &[Name, J] : Prof.Totals->EnergyJ)
    T.EnergyJ[Name] += J;
  for (const auto &[Name, J] : Prof.Totals->UnattributedJ)
    T.UnattributedJ[Name] += J;
  // The longest process's: processes of a job run side by side.
  if (Prof.Totals->SampledS)
    T.SampledS = std::max(T.SampledS.value_or(0), *Prof.Totals->SampledS);
}

void ProfileMerger::mergeEvents(const Profile &Prof) {
  unsigned Weight = std::max<size_t>(1, Prof.Processes.size());
  for (const EventInfo &In : Prof.Events) {
    if (Prof.event(In.Name) != &In)
      continue; // A repeated name: the first one has the figures.
    EventInfo *E = nullptr;
    for (EventInfo &Old : Out.Events)
      if (Old.Name == In.Name)
        E = &Old;
    EventState &S = Events[In.Name];
    if (!E) {
      Out.Events.push_back(In);
      E = &Out.Events.back();
      if (In.counted()) {
        S.CountedIn += Weight;
        S.AllTotals = In.Total.has_value();
      }
      continue;
    }
    if (!In.counted())
      continue;
    if (!E->counted()) {
      // Counted here but not in an earlier process: take this one's
      // description; finishEvents() decides.
      unsigned Counted = S.CountedIn;
      *E = In;
      S.CountedIn = Counted + Weight;
      S.AllTotals = In.Total.has_value();
      continue;
    }
    S.CountedIn += Weight;
    if (E->Method != In.Method)
      E->Method = "sampler"; // The less exact of the two.
    E->Scaled |= In.Scaled;
    if (In.RunningFraction)
      E->RunningFraction =
          std::min(E->RunningFraction.value_or(1), *In.RunningFraction);
    if (E->Total && In.Total)
      *E->Total += *In.Total;
    else
      S.AllTotals = false;
    if (E->Unattributed || In.Unattributed)
      E->Unattributed =
          E->Unattributed.value_or(0) + In.Unattributed.value_or(0);
  }
}

void ProfileMerger::mergeAlloc(const Profile &Prof) {
  const AllocTracking &In = Prof.Alloc;
  if (!In.on()) {
    // Why tracking was not on: the first process that wanted it says.
    if (In.Status != "off" && NotOnStatus.empty()) {
      NotOnStatus = In.Status;
      NotOnReason = In.Reason;
    }
    return;
  }
  AllocTracking &A = Out.Alloc;
  AllocOn += std::max<size_t>(1, Prof.Processes.size());
  A.Bytes += In.Bytes;
  A.Count += In.Count;
  A.Frees += In.Frees;
  A.FreedBytes += In.FreedBytes;
  A.PeakLiveBytes = std::max(A.PeakLiveBytes, In.PeakLiveBytes);
  A.UnattributedBytes += In.UnattributedBytes;
  A.UnattributedCount += In.UnattributedCount;
  A.UntrackedBlocks += In.UntrackedBlocks;
}

// A metric merges as its mean over the processes that recorded it: each
// process's own value, from "processes" when the input was merged already,
// so that merging stays associative. A merged input whose processes carry
// no metrics (an older merge) counts its metrics once per process.
void ProfileMerger::mergeMetrics(const Profile &Prof) {
  bool PerProcess = any_of(
      Prof.Processes, [](const ProcessInfo &P) { return !P.Metrics.empty(); });
  if (PerProcess) {
    for (const ProcessInfo &P : Prof.Processes)
      for (const auto &[Name, Value] : P.Metrics) {
        MetricSum &S = Metrics[Name];
        S.Sum += Value;
        ++S.Processes;
      }
    return;
  }
  unsigned Weight = std::max<size_t>(1, Prof.Processes.size());
  for (const auto &[Name, Value] : Prof.Metrics) {
    MetricSum &S = Metrics[Name];
    S.Sum += Value * Weight;
    S.Processes += Weight;
  }
}

// Counted work adds up. The unit is the first one that is not the default
// "items" (a process that named none counted the same work, unnamed).
static void addItems(std::optional<RegionItems> &Sum,
                     const std::optional<RegionItems> &In) {
  if (!In)
    return;
  if (!Sum) {
    Sum = In;
    return;
  }
  Sum->Count += In->Count;
  if (Sum->Unit == "items")
    Sum->Unit = In->Unit;
}

// Functions join on (linkage name, file, line); records without a linkage
// name on their name.
static std::tuple<std::string, std::string, int64_t>
functionKey(const FunctionRecord &F) {
  return {F.LinkageName.empty() ? "\x01" + F.Name : F.LinkageName,
          F.ResolvedFile, F.Line};
}

void ProfileMerger::mergeFunctions(const Profile &Prof,
                                   DenseMap<int64_t, int64_t> &Ids) {
  for (const FunctionRecord &F : Prof.Functions) {
    auto [It, New] =
        FunctionIndex.try_emplace(functionKey(F), Out.Functions.size());
    if (New) {
      Out.Functions.push_back(F);
      Out.Functions.back().Id = NextId++;
      Out.Functions.back().Power.clear();
      Out.Functions.back().Args.reset(); // Chosen in finishArgs().
      FunctionPower.emplace_back();
      FunctionArgs.emplace_back();
    } else {
      FunctionRecord &M = Out.Functions[It->second];
      M.Calls += F.Calls;
      M.Time.Inclusive += F.Time.Inclusive;
      M.Time.Exclusive += F.Time.Exclusive;
      // Instrumented in some process: its figures are real.
      if (M.Filtered && !F.Filtered) {
        M.Filtered = false;
        M.FilterReason = F.FilterReason;
      }
      addEnergy(M.Energy, F.Energy);
      addCounters(M.Counters, F.Counters);
      addAlloc(M.Alloc, F.Alloc);
    }
    if (F.Args) {
      FunctionRecord &M = Out.Functions[It->second];
      ArgsState &S = FunctionArgs[It->second];
      // The first input with samples gives the parameters; samples of
      // others cannot join theirs.
      if (!M.Args) {
        M.Args.emplace();
        M.Args->Names = F.Args->Names;
        M.Args->Note = F.Args->Note;
      }
      if (M.Args->Names == F.Args->Names) {
        S.Calls.push_back(F.Calls);
        S.Samples.push_back(F.Args->Samples);
      } else {
        ++S.Mismatched;
        S.OtherNames.insert(F.Args->Names.empty() ? "none"
                                                  : join(F.Args->Names, ", "));
      }
    }
    addPower(FunctionPower[It->second], F.Power, F.Time.Exclusive);
    Ids[F.Id] = Out.Functions[It->second].Id;
  }
}

void ProfileMerger::mergeRegions(const Profile &Prof,
                                 DenseMap<int64_t, int64_t> &Ids) {
  unsigned Weight = std::max<size_t>(1, Prof.Processes.size());
  for (const RegionRecord &R : Prof.Regions) {
    auto [It, New] = RegionIndex.try_emplace(R.Name, Out.Regions.size());
    if (New) {
      Out.Regions.push_back(R);
      Out.Regions.back().Id = NextId++;
      Out.Regions.back().Power.clear();
      RegionPower.emplace_back();
      RegionItems.emplace_back();
    } else {
      RegionRecord &M = Out.Regions[It->second];
      M.Calls += R.Calls;
      M.Time.Inclusive += R.Time.Inclusive;
      M.Time.Exclusive += R.Time.Exclusive;
      addEnergy(M.Energy, R.Energy);
      addCounters(M.Counters, R.Counters);
      addAlloc(M.Alloc, R.Alloc);
      addItems(M.Items, R.Items);
    }
    ItemsState &Items = RegionItems[It->second];
    Items.WithRegion += Weight;
    if (R.Items) {
      Items.WithItems += Weight;
      Items.Units.insert(R.Items->Unit);
    }
    addPower(RegionPower[It->second], R.Power, R.Time.Exclusive);
    Ids[R.Id] = Out.Regions[It->second].Id;
  }
}

void ProfileMerger::mergeTree(const Profile &Prof,
                              const DenseMap<int64_t, int64_t> &Ids) {
  CallTree &T = Out.Tree;
  T.MaxNodesPerThread =
      std::max(T.MaxNodesPerThread, Prof.Tree.MaxNodesPerThread);
  T.FoldedCalls += Prof.Tree.FoldedCalls;
  // A node is the path from the root: its merged parent and merged ref.
  DenseMap<int64_t, int64_t> Nodes; // This profile's node id → merged id.
  for (const TreeNode &N : Prof.Tree.Nodes) {
    std::pair<int64_t, int64_t> Key = {-1, -1}; // The root.
    if (N.Parent)
      Key = {Nodes.lookup(*N.Parent), Ids.lookup(*N.Ref)};
    auto [It, New] = NodeIndex.try_emplace(Key, T.Nodes.size());
    if (New) {
      TreeNode M = N;
      M.Id = T.Nodes.size();
      if (N.Parent) {
        M.Parent = Key.first;
        M.Ref = Key.second;
      }
      M.Power.clear();
      T.Nodes.push_back(std::move(M));
      NodePower.emplace_back();
    } else {
      TreeNode &M = T.Nodes[It->second];
      M.Calls += N.Calls;
      M.Time.Inclusive += N.Time.Inclusive;
      M.Time.Exclusive += N.Time.Exclusive;
      M.FoldedCalls += N.FoldedCalls;
      addEnergy(M.Energy, N.Energy);
      addCounters(M.Counters, N.Counters);
      addAlloc(M.Alloc, N.Alloc);
    }
    addPower(NodePower[It->second], N.Power, N.Time.Exclusive);
    Nodes[N.Id] = It->second;
  }
}

Error ProfileMerger::add(const Profile &Prof, StringRef Path) {
  if (Error E = check(Prof, Path))
    return E;
  if (!Inputs) {
    // The first profile gives what cannot be summed: the command line, the
    // machine, the timer.
    Out.Generator = "frugal merge";
    Out.Program = Prof.Program;
    Out.Machine = Prof.Machine;
    Out.Timing = Prof.Timing;
  } else if (Out.Timing.Mode != Prof.Timing.Mode) {
    Out.Timing = TimingInfo{"mixed", 0, 0};
  } else {
    // The same mode: the samples add up; one period stays only if shared.
    Out.Timing.StackSamples += Prof.Timing.StackSamples;
    if (Out.Timing.SamplePeriodUs != Prof.Timing.SamplePeriodUs)
      Out.Timing.SamplePeriodUs = 0;
  }
  mergeProgram(Prof);
  mergeEnergy(Prof);
  mergeEvents(Prof);
  mergeAlloc(Prof);
  mergeMetrics(Prof);
  DenseMap<int64_t, int64_t> Ids;
  mergeFunctions(Prof, Ids);
  mergeRegions(Prof, Ids);
  mergeTree(Prof, Ids);
  for (const ThreadRecord &T : Prof.Threads) {
    Out.Threads.push_back(T);
    Out.Threads.back().Index = Out.Threads.size() - 1;
  }
  addProcesses(Prof, Path);
  ++Inputs;
  return Error::success();
}

void ProfileMerger::finishEnergy() {
  EnergyInfo &E = Out.Energy;
  for (EnergyDomain &D : E.Domains) {
    const DomainState &S = Domains[D.Name];
    E.BaselineW[D.Name] =
        S.BaselinesIdentified && !S.HostRepeated && S.Processes == ProcessCount
            ? std::optional<double>(S.BaselineSum)
            : std::nullopt;
    if (Inputs == 1)
      continue; // One profile: as it was.
    // One process's regression, units and baseline do not describe the sum.
    D.Regression = std::nullopt;
    D.Units.clear();
    // A sum of measured and modelled figures is not a measurement.
    D.Measured = S.MeasuredIn == ProcessCount;
    if (!D.Measured && S.MeasuredIn)
      D.Source = "model";
    std::vector<std::string> Notes(S.Notes.begin(), S.Notes.end());
    std::string Note =
        "merged from " + std::to_string(ProcessCount) + " processes";
    if (S.Processes != ProcessCount)
      Note += ", " + std::to_string(S.Processes) + " of which had it";
    if (S.MeasuredIn && S.MeasuredIn != S.Processes)
      Note += "; measured in " + std::to_string(S.MeasuredIn) +
              ", MODELLED in the others";
    if (!Notes.empty())
      Note += ": " + join(Notes, " | ");
    D.Note = Note;
    if (S.HostRepeated)
      Warnings.push_back(
          "several processes measured " + D.Name +
          " on one host: the counters cover the whole host, so the " + D.Name +
          " totals (and unattributed energy) count that host's energy once "
          "per process; the functions' figures are each process's own");
    if (S.MeasuredIn && S.MeasuredIn != S.Processes)
      Warnings.push_back(D.Name + " was measured in " +
                         std::to_string(S.MeasuredIn) +
                         " processes and "
                         "MODELLED in " +
                         std::to_string(S.Processes - S.MeasuredIn) +
                         ": the merged figures are labelled modelled");
  }
  // The status follows the domains, as readProfile checks.
  size_t Measured =
      count_if(E.Domains, [](const EnergyDomain &D) { return D.Measured; });
  E.Status = E.Domains.empty()              ? "not-measured"
             : Measured == E.Domains.size() ? "measured"
             : Measured == 0                ? "modelled"
                                            : "mixed";
  if (!E.hasEnergy()) {
    E.Method = "none";
    E.Sampler = std::nullopt;
  }
  // Domains in the reader's fixed order: they were appended as met.
  llvm::sort(E.Domains, [](const EnergyDomain &A, const EnergyDomain &B) {
    unsigned RA = energyDomainRank(A.Name), RB = energyDomainRank(B.Name);
    return RA != RB ? RA < RB : A.Name < B.Name;
  });
}

// Removes event \p Name's figures from every item.
static void dropCounters(Profile &Prof, const std::string &Name) {
  for (FunctionRecord &F : Prof.Functions)
    F.Counters.erase(Name);
  for (RegionRecord &R : Prof.Regions)
    R.Counters.erase(Name);
  for (TreeNode &N : Prof.Tree.Nodes)
    N.Counters.erase(Name);
  for (ThreadRecord &T : Prof.Threads)
    T.Counters.erase(Name);
}

void ProfileMerger::finishMetrics() {
  for (const auto &[Name, S] : Metrics)
    Out.Metrics[Name] = S.Sum / S.Processes;
}

// The count of work and the region's figures must cover the same
// processes for the figures per item to mean anything, and units must
// name one kind of work.
void ProfileMerger::finishItems() {
  for (size_t I = 0; I < Out.Regions.size(); ++I) {
    const RegionRecord &R = Out.Regions[I];
    const ItemsState &S = RegionItems[I];
    if (!R.Items)
      continue;
    if (S.WithItems != S.WithRegion)
      Warnings.push_back(
          "region " + R.Name + " counted its work in " +
          std::to_string(S.WithItems) + " of the " +
          std::to_string(S.WithRegion) +
          " processes that ran it: its figures per 1000 " + R.Items->Unit +
          " include the time and energy of those that counted none");
    std::vector<std::string> Named;
    for (const std::string &Unit : S.Units)
      if (Unit != "items")
        Named.push_back(Unit);
    if (Named.size() > 1)
      Warnings.push_back(
          "region " + R.Name + " counted its work in different units (" +
          join(Named, ", ") + "): the merged count adds them up as " +
          R.Items->Unit);
  }
}

void ProfileMerger::finishEvents() {
  for (EventInfo &E : Out.Events) {
    const EventState &S = Events[E.Name];
    if (E.counted() && !S.AllTotals)
      E.Total = std::nullopt;
    if (!E.counted() || S.CountedIn == ProcessCount)
      continue;
    // A sum over some processes only would pass for the job's count.
    Warnings.push_back("event " + E.Name + " was counted in " +
                       std::to_string(S.CountedIn) + " of " +
                       std::to_string(ProcessCount) +
                       " processes: its counts are left out");
    E.Status = "unavailable";
    E.Reason = "counted in " + std::to_string(S.CountedIn) + " of the " +
               std::to_string(ProcessCount) + " merged processes only";
    E.Method = std::nullopt;
    E.Scaled = false;
    E.RunningFraction = std::nullopt;
    E.Total = std::nullopt;
    E.Unattributed = std::nullopt;
    dropCounters(Out, E.Name);
  }
}

void ProfileMerger::finishAlloc() {
  AllocTracking &A = Out.Alloc;
  if (AllocOn == ProcessCount) {
    A.Status = "on";
    A.Reason = std::nullopt;
    return;
  }
  if (AllocOn)
    Warnings.push_back("allocations were tracked in " +
                       std::to_string(AllocOn) + " of " +
                       std::to_string(ProcessCount) +
                       " processes: their figures are left out");
  A = AllocTracking();
  if (AllocOn) {
    A.Status = "unavailable";
    A.Reason = "tracked in " + std::to_string(AllocOn) + " of the " +
               std::to_string(ProcessCount) + " merged processes only";
  } else if (!NotOnStatus.empty()) {
    A.Status = NotOnStatus;
    A.Reason = NotOnReason;
  }
  for (FunctionRecord &F : Out.Functions)
    F.Alloc = std::nullopt;
  for (RegionRecord &R : Out.Regions)
    R.Alloc = std::nullopt;
  for (TreeNode &N : Out.Tree.Nodes)
    N.Alloc = std::nullopt;
}

std::vector<size_t> allocateSampleRows(ArrayRef<int64_t> Calls,
                                       ArrayRef<size_t> Rows, size_t Max) {
  assert(Calls.size() == Rows.size() && "one count of calls per process");
  size_t N = Rows.size();
  std::vector<size_t> Take(Rows.begin(), Rows.end());
  size_t Available = 0;
  for (size_t R : Rows)
    Available += R;
  if (Available <= Max)
    return Take;
  // Weigh by calls; rows stand in when no process counted a call.
  std::vector<double> Weight(N);
  bool AnyCalls = any_of(Calls, [](int64_t C) { return C > 0; });
  for (size_t I = 0; I < N; ++I)
    Weight[I] = AnyCalls ? std::max<int64_t>(Calls[I], 0) : Rows[I];

  // A process whose share reaches its rows gives them all, and the others
  // share the slots left, until no share does.
  std::vector<bool> Capped(N, false);
  size_t Slots = Max;
  double Open = 0; // The weight of the processes not capped.
  for (double W : Weight)
    Open += W;
  for (bool Changed = true; Changed && Open > 0;) {
    Changed = false;
    double Before = Open;
    size_t SlotsBefore = Slots;
    for (size_t I = 0; I < N; ++I) {
      if (Capped[I] || SlotsBefore * Weight[I] / Before < Rows[I])
        continue;
      Capped[I] = true;
      Slots -= Rows[I];
      Open -= Weight[I];
      Changed = true;
    }
  }
  // The others: the whole part of their share, then a row each by largest
  // remainder while slots are left.
  std::vector<std::pair<double, size_t>> Remainders;
  size_t Given = 0;
  for (size_t I = 0; I < N; ++I) {
    if (Capped[I])
      continue;
    double Share = Open > 0 ? Slots * Weight[I] / Open : 0;
    Take[I] = std::min<size_t>(static_cast<size_t>(Share), Rows[I]);
    Given += Take[I];
    Remainders.push_back({Share - Take[I], I});
  }
  llvm::sort(Remainders, [](const auto &A, const auto &B) {
    return A.first != B.first ? A.first > B.first : A.second < B.second;
  });
  for (const auto &[Remainder, I] : Remainders) {
    if (Given >= Slots)
      break;
    if (Take[I] < Rows[I] && Remainder > 0) {
      ++Take[I];
      ++Given;
    }
  }
  return Take;
}

void ProfileMerger::finishArgs() {
  for (size_t I = 0; I < Out.Functions.size(); ++I) {
    std::optional<ArgSamples> &Args = Out.Functions[I].Args;
    if (!Args)
      continue;
    ArgsState &S = FunctionArgs[I];
    std::vector<size_t> Rows;
    for (const auto &Samples : S.Samples)
      Rows.push_back(Samples.size());
    // Each process's rows are a uniform sample of its calls, so its first
    // rows are too.
    std::vector<size_t> Take = allocateSampleRows(S.Calls, Rows, MaxArgSamples);
    for (size_t P = 0; P < S.Samples.size(); ++P)
      Args->Samples.insert(Args->Samples.end(), S.Samples[P].begin(),
                           S.Samples[P].begin() + Take[P]);
    if (S.Mismatched) {
      std::vector<std::string> Others(S.OtherNames.begin(), S.OtherNames.end());
      std::string Note = "samples of " + std::to_string(S.Mismatched) +
                         " input profile" + (S.Mismatched == 1 ? "" : "s") +
                         " that recorded other parameters (" +
                         join(Others, "; ") + ") left out";
      Args->Note = Args->Note.empty() ? Note : Args->Note + "; " + Note;
    }
  }
  FunctionArgs.clear();
}

Profile ProfileMerger::finish() {
  finishEnergy();
  finishEvents();
  finishAlloc();
  finishArgs();
  finishMetrics();
  finishItems();
  for (size_t I = 0; I < Out.Functions.size(); ++I)
    Out.Functions[I].Power = finishPower(FunctionPower[I]);
  for (size_t I = 0; I < Out.Regions.size(); ++I)
    Out.Regions[I].Power = finishPower(RegionPower[I]);
  for (size_t I = 0; I < Out.Tree.Nodes.size(); ++I)
    Out.Tree.Nodes[I].Power = finishPower(NodePower[I]);
  if (Out.Energy.hasEnergy() && !Out.Totals)
    Out.Totals.emplace();
  if (Out.Totals)
    for (const EnergyDomain &D : Out.Energy.Domains) {
      Out.Totals->EnergyJ.try_emplace(D.Name, 0);
      Out.Totals->UnattributedJ.try_emplace(D.Name, 0);
    }
  // One process: still that process's profile.
  if (ProcessCount == 1)
    Out.Program.Rank = Out.Processes.front().Rank;
  Out.SchemaVersion = SupportedSchemaVersion;
  return std::move(Out);
}

} // namespace frugal
