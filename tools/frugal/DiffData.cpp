//===- DiffData.cpp - Profiles of model variants, compared ----------------===//

#include "DiffData.h"

#include "EventNames.h"
#include "RegionScope.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

using namespace llvm;

namespace frugal::diff {

StringRef metricKey(Metric M) {
  switch (M) {
  case Energy:
    return "energy_j";
  case Exclusive:
    return "exclusive_ns";
  case Inclusive:
    return "inclusive_ns";
  case Calls:
    return "calls";
  }
  llvm_unreachable("unknown metric");
}

StringRef rowKindName(RowKind K) {
  switch (K) {
  case RowKind::Function:
    return "function";
  case RowKind::Region:
    return "region";
  case RowKind::Unattributed:
    return "unattributed";
  case RowKind::Total:
    return "total";
  }
  llvm_unreachable("unknown row kind");
}

double Row::largestChange(Metric M) const {
  double Largest = 0;
  for (const Cell &C : Cells)
    if (C.Changes[M])
      Largest = std::max(Largest, std::abs(C.Changes[M]->Delta));
  return Largest;
}

bool Row::explainsDifference(Metric M) const {
  return any_of(Cells, [M](const Cell &C) {
    const std::optional<Change> &Ch = C.Changes[M];
    return Ch && Ch->Delta != 0 && Ch->Significant != false;
  });
}

bool DiffData::anyRepeated() const {
  return any_of(Variants, [](const Variant &V) { return V.Paths.size() > 1; });
}

bool DiffData::allRepeated() const {
  return all_of(Variants, [](const Variant &V) { return V.Paths.size() > 1; });
}

bool DiffData::anyModelled() const {
  return Domain && any_of(Variants, [](const Variant &V) {
           return V.HasEnergy && !V.Measured;
         });
}

DiffBuilder::DiffBuilder(std::vector<Variant> Vs, StringRef DomainName)
    : Variants(std::move(Vs)), Domain(DomainName.str()),
      DomainChosen(!DomainName.empty()) {
  for (const Variant &V : Variants) {
    FirstRun.push_back(TotalRuns);
    TotalRuns += V.Paths.size();
  }
  MissingDomain.resize(Variants.size());
  MetricRuns.resize(Variants.size());
  for (Pending *P : {&Unattributed, &Total}) {
    P->Present.assign(Variants.size(), false);
    P->Values.assign(TotalRuns * NumMetrics, 0);
  }
  Unattributed.Kind = RowKind::Unattributed;
  Unattributed.Name = "(unattributed)";
  Total.Kind = RowKind::Total;
  Total.Name = "total";
}

void DiffBuilder::restrictToRegion(StringRef Name) { Region = Name.str(); }

DiffBuilder::Pending &DiffBuilder::row(StringRef Key, RowKind Kind) {
  auto [It, New] = Index.try_emplace(Key, Rows.size());
  if (New) {
    Rows.emplace_back();
    Pending &P = Rows.back();
    P.Kind = Kind;
    P.Present.assign(Variants.size(), false);
    P.Values.assign(TotalRuns * NumMetrics, 0);
  }
  return Rows[It->second];
}

// Adds, rather than sets: a function listed twice in one profile (defined
// in two modules) is one row.
void DiffBuilder::set(Pending &P, size_t V, size_t Run, Metric M,
                      double Value) {
  P.Present[V] = true;
  P.Values[(FirstRun[V] + Run) * NumMetrics + M] += Value;
}

// Linkage names are unique within a program, except for functions with
// internal linkage: those of one name in several files get the file in
// their key, so that they stay apart.
static StringSet<> ambiguousLinkageNames(const Profile &Prof) {
  StringMap<StringRef> FileOf;
  StringSet<> Ambiguous;
  for (const FunctionRecord &F : Prof.Functions) {
    if (F.Filtered || F.LinkageName.empty())
      continue;
    auto [It, New] = FileOf.try_emplace(F.LinkageName, F.ResolvedFile);
    if (!New && It->second != F.ResolvedFile)
      Ambiguous.insert(F.LinkageName);
  }
  return Ambiguous;
}

void DiffBuilder::add(size_t V, size_t Run, const Profile &Prof) {
  const EnergyInfo &E = Prof.Energy;
  for (const EnergyDomain &D : E.Domains)
    DomainsSeen.insert(D.Name);
  if (!DomainChosen && E.hasEnergy()) {
    Domain = E.Domains.front().Name;
    DomainChosen = true;
  }
  const EnergyDomain *D = DomainChosen ? E.domain(Domain) : nullptr;
  Variant &Var = Variants[V];
  if (!is_contained(Var.TimingModes, Prof.Timing.Mode))
    Var.TimingModes.push_back(Prof.Timing.Mode);
  if (!D) {
    Var.HasEnergy = false;
    if (MissingDomain[V].empty())
      MissingDomain[V] = Var.Paths[Run];
  } else {
    Var.Measured &= D->Measured;
    if (!is_contained(Var.Sources, D->Source))
      Var.Sources.push_back(D->Source);
  }

  auto AddFigures = [&](Pending &P, const Times &T, int64_t CallCount,
                        const EnergyByDomain &ItemEnergy) {
    set(P, V, Run, Exclusive, T.Exclusive);
    set(P, V, Run, Inclusive, T.Inclusive);
    set(P, V, Run, Calls, CallCount);
    if (D) {
      // An item without figures in the domain (never called) spent none.
      auto It = ItemEnergy.find(D->Name);
      set(P, V, Run, Energy,
          It == ItemEnergy.end() ? 0.0 : It->second.Exclusive);
    }
  };

  // A run without a metric leaves it out of its variant's mean.
  for (const auto &[Name, Value] : Prof.Metrics)
    MetricRuns[V][Name].push_back(Value);

  if (!Region.empty()) {
    addRegionScope(V, Run, Prof, D);
    return;
  }

  StringSet<> Ambiguous = ambiguousLinkageNames(Prof);
  int64_t ExclusiveSum = 0, CallSum = 0;
  for (const FunctionRecord &F : Prof.Functions) {
    // Not instrumented: no figures to compare.
    if (F.Filtered)
      continue;
    AddFigures(functionRow(F, Ambiguous), F.Time, F.Calls, F.Energy);
    ExclusiveSum += F.Time.Exclusive;
    CallSum += F.Calls;
  }
  for (const RegionRecord &R : Prof.Regions) {
    Pending &P = row("r\t" + R.Name, RowKind::Region);
    P.Name = R.Name;
    AddFigures(P, R.Time, R.Calls, R.Energy);
    ExclusiveSum += R.Time.Exclusive;
    CallSum += R.Calls;
  }

  // The whole run: its energy (with the unattributed part, which gets a row
  // of its own), the time measured in all threads, the wall time as the
  // inclusive time, every call.
  set(Total, V, Run, Exclusive, ExclusiveSum);
  set(Total, V, Run, Inclusive, Prof.Program.WallNs);
  set(Total, V, Run, Calls, CallSum);
  if (D) {
    set(Total, V, Run, Energy, Prof.Totals->EnergyJ.at(D->Name));
    set(Unattributed, V, Run, Energy, Prof.Totals->UnattributedJ.at(D->Name));
  }
}

// Functions are matched on their linkage name (see ambiguousLinkageNames).
DiffBuilder::Pending &DiffBuilder::functionRow(const FunctionRecord &F,
                                               const StringSet<> &Ambiguous) {
  std::string Name = displayName(F);
  std::string Key =
      "f\t" + (F.LinkageName.empty() ? "\x01" + Name : F.LinkageName);
  if (Ambiguous.contains(F.LinkageName))
    Key += "\t" + F.ResolvedFile;
  Pending &P = row(Key, RowKind::Function);
  if (P.Name.empty()) {
    P.Name = std::move(Name);
    P.LinkageName = F.LinkageName;
    P.File = F.File;
    P.Line = F.Line;
  }
  return P;
}

// --region: the rows are the functions and regions under the region's
// tree nodes, the total the region's own figures. A profile without the
// region, or whose tree cannot be walked, fails in finish(), once every
// profile has said which regions it has.
void DiffBuilder::addRegionScope(size_t V, size_t Run, const Profile &Prof,
                                 const EnergyDomain *D) {
  std::set<std::string> Names;
  for (const RegionRecord &R : Prof.Regions)
    Names.insert(R.Name);
  AnyRegions.insert(Names.begin(), Names.end());
  if (!CommonRegions) {
    CommonRegions = Names;
  } else {
    std::set<std::string> Common;
    for (const std::string &N : *CommonRegions)
      if (Names.count(N))
        Common.insert(N);
    CommonRegions = std::move(Common);
  }
  const std::string &Path = Variants[V].Paths[Run];
  if (!Names.count(Region)) {
    RegionMissingIn.push_back(Path);
    return;
  }
  Expected<RegionScope> Scope = regionScope(Prof, Region, Path);
  if (!Scope) {
    std::string Message = toString(Scope.takeError());
    if (ScopeError.empty())
      ScopeError = std::move(Message);
    return;
  }
  if (Scope->FoldedRegionCalls)
    FoldedIn.push_back(Path);
  // --per-1k-items: this run's figures per 1000 of the items its region
  // counted (the region may occur under several ids: summed).
  double Scale = 1;
  if (PerItems) {
    int64_t Count = 0;
    for (const RegionRecord &R : Prof.Regions)
      if (R.Name == Region && R.Items) {
        Count += R.Items->Count;
        ItemUnits.insert(R.Items->Unit);
      }
    if (Count <= 0) {
      ItemsMissingIn.push_back(Path);
      return;
    }
    Scale = 1000.0 / double(Count);
  }

  ItemsById Index = indexItems(Prof);
  const auto &Functions = Index.Functions;
  const auto &Regions = Index.Regions;
  auto EnergyOf = [D](const EnergyByDomain &E) {
    auto It = E.find(D->Name);
    return It == E.end() ? 0.0 : It->second.Exclusive;
  };
  StringSet<> Ambiguous = ambiguousLinkageNames(Prof);
  for (const ScopedItem &Item : Scope->Items) {
    Pending *P;
    if (auto It = Functions.find(Item.Ref); It != Functions.end()) {
      P = &functionRow(*It->second, Ambiguous);
    } else {
      // regionScope() checked that every ref is a function or a region.
      const RegionRecord &R = *Regions.lookup(Item.Ref);
      P = &row("r\t" + R.Name, RowKind::Region);
      P->Name = R.Name;
    }
    set(*P, V, Run, Exclusive, Scale * Item.Time.Exclusive);
    set(*P, V, Run, Inclusive, Scale * Item.Time.Inclusive);
    set(*P, V, Run, Calls, Scale * Item.Calls);
    if (D)
      set(*P, V, Run, Energy, Scale * EnergyOf(Item.Energy));
  }
  // The items add up to the total: exclusive figures summed over the
  // region's nodes; the inclusive time is the region's.
  set(Total, V, Run, Exclusive, Scale * Scope->Time.Exclusive);
  set(Total, V, Run, Inclusive, Scale * Scope->Time.Inclusive);
  set(Total, V, Run, Calls, Scale * Scope->Calls);
  if (D)
    set(Total, V, Run, Energy, Scale * EnergyOf(Scope->Energy));
}

Error DiffBuilder::regionError() const {
  if (!ScopeError.empty())
    return createStringError(inconvertibleErrorCode(), ScopeError);
  if (RegionMissingIn.empty()) {
    if (ItemsMissingIn.empty())
      return Error::success();
    return makeError("region '" + Region + "' counted no items in " +
                         join(ItemsMissingIn, ", ") + " (--per-1k-items)",
                     "count the region's work with frugal_region_items (or "
                     "frugal::Region::addItems), or leave out --per-1k-items");
  }
  std::string Fix;
  if (AnyRegions.empty())
    Fix = "the profiles have no regions (FRUGAL_REGION_BEGIN, "
          "frugal::Region); leave out --region";
  else if (!CommonRegions || CommonRegions->empty())
    Fix =
        "no region is in every profile (they have: " + join(AnyRegions, ", ") +
        ")";
  else
    Fix = "use a region every profile has: " + join(*CommonRegions, ", ");
  std::vector<std::string> Names(AnyRegions.begin(), AnyRegions.end());
  return makeError("no region '" + Region + "' (--region) in " +
                       join(RegionMissingIn, ", "),
                   Fix + didYouMean(closeMatches(Region, Names)));
}

Row DiffBuilder::finishRow(const Pending &P) const {
  Row R;
  R.Kind = P.Kind;
  R.Name = P.Name;
  R.LinkageName = P.LinkageName;
  R.File = P.File;
  R.Line = P.Line;
  R.Cells.resize(Variants.size());
  auto Applies = [&](size_t V, Metric M) {
    if (M == Energy)
      return !Domain.empty() && DomainChosen && Variants[V].HasEnergy;
    return P.Kind != RowKind::Unattributed;
  };
  auto Runs = [&](size_t V, Metric M) {
    std::vector<double> Values;
    for (size_t Run = 0; Run < Variants[V].Paths.size(); ++Run)
      Values.push_back(P.Values[(FirstRun[V] + Run) * NumMetrics + M]);
    return Values;
  };
  for (size_t V = 0; V < Variants.size(); ++V) {
    Cell &C = R.Cells[V];
    C.Present = P.Present[V];
    for (Metric M : AllMetrics) {
      if (!Applies(V, M))
        continue;
      if (C.Present)
        C.Values[M] = stats::meanCI(Runs(V, M));
      if (V == 0 || !Applies(0, M) || (!C.Present && !P.Present[0]))
        continue;
      std::vector<double> Base = Runs(0, M), Other = Runs(V, M);
      stats::Difference D = stats::welchDifference(Base, Other);
      Change Ch;
      Ch.Delta = D.Delta;
      // Equal means that summed differently: (1.1 + 1.3) / 2 is not 1.2.
      double Scale = std::max(
          std::abs(R.Cells[0].Values[M] ? R.Cells[0].Values[M]->Mean : 0),
          std::abs(C.Values[M] ? C.Values[M]->Mean : 0));
      if (std::abs(Ch.Delta) <= 1e-12 * Scale)
        Ch.Delta = 0;
      Ch.HalfWidth95 = D.HalfWidth95;
      if (D.HalfWidth95)
        Ch.Significant = D.Significant && Ch.Delta != 0;
      double BaseMean = R.Cells[0].Values[M] ? R.Cells[0].Values[M]->Mean : 0;
      if (C.Present && P.Present[0] && BaseMean != 0)
        Ch.Ratio = C.Values[M]->Mean / BaseMean;
      C.Changes[M] = Ch;
    }
  }
  return R;
}

// Each metric any run recorded: per variant, the mean over its runs that
// recorded it; against the baseline, Welch's difference where both have it.
void DiffBuilder::finishMetrics(DiffData &Data) const {
  std::set<std::string> Names;
  for (const auto &Runs : MetricRuns)
    for (const auto &KV : Runs)
      Names.insert(KV.first);
  for (const std::string &Name : Names) {
    MetricRow M;
    M.Name = Name;
    M.Values.resize(Variants.size());
    M.Changes.resize(Variants.size());
    auto RunsOf = [&](size_t V) -> const std::vector<double> * {
      auto It = MetricRuns[V].find(Name);
      return It == MetricRuns[V].end() ? nullptr : &It->second;
    };
    for (size_t V = 0; V < Variants.size(); ++V)
      if (const std::vector<double> *Runs = RunsOf(V))
        M.Values[V] = stats::meanCI(*Runs);
    const std::vector<double> *Base = RunsOf(0);
    for (size_t V = 1; V < Variants.size(); ++V) {
      const std::vector<double> *Other = RunsOf(V);
      if (!Base || !Other)
        continue;
      stats::Difference D = stats::welchDifference(*Base, *Other);
      Change Ch;
      Ch.Delta = D.Delta;
      Ch.HalfWidth95 = D.HalfWidth95;
      if (D.HalfWidth95)
        Ch.Significant = D.Significant && Ch.Delta != 0;
      if (M.Values[0]->Mean != 0)
        Ch.Ratio = M.Values[V]->Mean / M.Values[0]->Mean;
      M.Changes[V] = Ch;
    }
    Data.ProgramMetrics.push_back(std::move(M));
  }
}

Expected<DiffData> DiffBuilder::finish(Metric Sort, unsigned Top) {
  DiffData Data;
  if (!DomainChosen)
    Domain.clear();
  // --domain named a domain no profile has.
  if (!Domain.empty() &&
      none_of(Variants, [](const Variant &V) { return V.HasEnergy; })) {
    std::vector<std::string> Seen(DomainsSeen.begin(), DomainsSeen.end());
    return makeError(
        "no profile has energy domain '" + Domain + "'",
        Seen.empty() ? std::string("leave out --domain: the profiles have no "
                                   "energy figures")
                     : "use one of: " + join(Seen, ", "));
  }
  if (Error E = regionError())
    return std::move(E);
  if (!Region.empty()) {
    Data.Region = Region;
    if (!FoldedIn.empty())
      Data.Warnings.push_back(
          "some calls of region " + Region + " were folded into their " +
          "callers' tree nodes (FRUGAL_MAX_NODES) in " + join(FoldedIn, ", ") +
          ": what ran in them is left out");
    if (PerItems) {
      Data.PerItemsUnit = *ItemUnits.begin();
      if (ItemUnits.size() > 1)
        Data.Warnings.push_back("region " + Region +
                                " counts its items in different units (" +
                                join(ItemUnits, ", ") +
                                "): the figures per 1000 items compare unlike "
                                "work");
    }
  }
  if (!Domain.empty())
    Data.Domain = Domain;
  if (Sort == Energy && !Data.Domain)
    Sort = Exclusive;
  Data.Sort = Sort;

  for (size_t V = 0; V < Variants.size(); ++V)
    if (Data.Domain && !MissingDomain[V].empty())
      Data.Warnings.push_back("variant " + Variants[V].Name + " has no " +
                              Domain + " energy (" + MissingDomain[V] +
                              "): its energy is left out");
  // Measured and modelled energy are different quantities.
  if (Data.Domain) {
    std::vector<std::string> Measured, Modelled;
    for (const Variant &V : Variants)
      if (V.HasEnergy)
        (V.Measured ? Measured : Modelled).push_back(V.Name);
    if (!Measured.empty() && !Modelled.empty())
      Data.Warnings.push_back(Domain + " energy is measured in " +
                              join(Measured, ", ") + " but MODELLED in " +
                              join(Modelled, ", ") +
                              ": their energy figures are not comparable");
  }

  // Sampled times are estimates with their own noise: a change between an
  // exact and a sampled run is partly the method's.
  std::map<std::string, std::vector<std::string>> ByTiming;
  for (const Variant &V : Variants)
    ByTiming[join(V.TimingModes, "+")].push_back(V.Name);
  if (ByTiming.size() > 1) {
    std::vector<std::string> Groups;
    for (const auto &[Mode, Names] : ByTiming)
      Groups.push_back(Mode + " timing in " + join(Names, ", "));
    Data.Warnings.push_back("the variants were timed differently (" +
                            join(Groups, "; ") +
                            "): part of a difference may be the method's");
  }

  Data.Total = finishRow(Total);
  for (const Pending &P : Rows)
    Data.Rows.push_back(finishRow(P));
  Rows.clear();
  Index.clear();
  // Inside a region, what no function got is the region's own row.
  if (Data.Domain && !Data.Region)
    Data.Rows.push_back(finishRow(Unattributed));
  finishMetrics(Data);

  // Each change's share of the total change.
  for (Row &R : Data.Rows)
    for (size_t V = 1; V < Variants.size(); ++V)
      for (Metric M : AllMetrics) {
        std::optional<Change> &Ch = R.Cells[V].Changes[M];
        const std::optional<Change> &Whole = Data.Total.Cells[V].Changes[M];
        if (Ch && Whole && Whole->Delta != 0)
          Ch->Share = Ch->Delta / Whole->Delta;
      }

  // The differences that explain the total first, largest first; then
  // those inside the noise. Names break ties, for a stable output. The
  // unattributed energy is no function to act on: it comes last, and takes
  // no place of --top.
  llvm::sort(Data.Rows, [Sort](const Row &A, const Row &B) {
    bool UA = A.Kind == RowKind::Unattributed,
         UB = B.Kind == RowKind::Unattributed;
    if (UA != UB)
      return UB;
    bool EA = A.explainsDifference(Sort), EB = B.explainsDifference(Sort);
    if (EA != EB)
      return EA;
    double CA = A.largestChange(Sort), CB = B.largestChange(Sort);
    if (CA != CB)
      return CA > CB;
    if (A.Name != B.Name)
      return A.Name < B.Name;
    if (A.Kind != B.Kind)
      return A.Kind < B.Kind;
    return A.File < B.File;
  });
  Data.Candidates = Data.Rows.size();
  bool HasUnattributed =
      !Data.Rows.empty() && Data.Rows.back().Kind == RowKind::Unattributed;
  size_t Items = Data.Rows.size() - HasUnattributed;
  if (Top && Items > Top)
    Data.Rows.erase(Data.Rows.begin() + Top, Data.Rows.begin() + Items);
  Data.Variants = std::move(Variants);
  return Data;
}

} // namespace frugal::diff
