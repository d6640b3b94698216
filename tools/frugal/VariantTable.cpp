//===- VariantTable.cpp - Model variants by quality and energy ------------===//

#include "VariantTable.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

#include <algorithm>
#include <numeric>

using namespace llvm;

namespace frugal::variants {

bool VariantTable::anyModelled() const {
  return Domain && any_of(Rows, [](const VariantRow &R) {
           return R.HasEnergy && !R.Measured;
         });
}

bool VariantTable::anyMeasured() const {
  return Domain && any_of(Rows, [](const VariantRow &R) {
           return R.HasEnergy && R.Measured;
         });
}

StringRef VariantTable::energyStatus() const {
  bool Modelled = anyModelled(), Measured = anyMeasured();
  if (Modelled && Measured)
    return "mixed";
  if (Modelled)
    return "modelled";
  if (Measured)
    return "measured";
  return "none";
}

std::vector<std::optional<bool>>
paretoFront(const std::vector<std::optional<double>> &Metric,
            const std::vector<std::optional<double>> &Energy) {
  size_t N = Metric.size();
  std::vector<std::optional<bool>> Front(N);
  for (size_t I = 0; I < N; ++I) {
    if (!Metric[I] || !Energy[I])
      continue;
    bool Dominated = false;
    for (size_t J = 0; J < N && !Dominated; ++J) {
      if (J == I || !Metric[J] || !Energy[J])
        continue;
      bool AtLeastAsGood = *Metric[J] >= *Metric[I] && *Energy[J] <= *Energy[I];
      bool Better = *Metric[J] > *Metric[I] || *Energy[J] < *Energy[I];
      Dominated = AtLeastAsGood && Better;
    }
    Front[I] = !Dominated;
  }
  return Front;
}

// The position of the '(' that matches the ')' at \p Close, or npos.
static size_t matchingOpen(StringRef S, size_t Close) {
  int Depth = 0;
  for (size_t I = Close + 1; I-- > 0;) {
    if (S[I] == ')')
      ++Depth;
    else if (S[I] == '(' && --Depth == 0)
      return I;
  }
  return StringRef::npos;
}

// \p S with every outermost <...> made <…>; names of operators keep theirs
// (operator< has no matching '>').
static std::string elideTemplateArgs(StringRef S) {
  if (S.contains("operator"))
    return S.str();
  std::string Out;
  int Depth = 0;
  for (char C : S) {
    if (C == '<') {
      if (Depth++ == 0)
        Out += "<…";
      continue;
    }
    if (C == '>' && Depth > 0) {
      if (--Depth == 0)
        Out += '>';
      continue;
    }
    if (Depth == 0)
      Out += C;
  }
  return Depth == 0 ? Out : S.str();
}

// The parts of \p S between "::" outside of brackets.
static SmallVector<StringRef, 4> splitScopes(StringRef S) {
  SmallVector<StringRef, 4> Parts;
  int Depth = 0;
  size_t Start = 0;
  for (size_t I = 0; I < S.size(); ++I) {
    char C = S[I];
    if (C == '(' || C == '<' || C == '{' || C == '[')
      ++Depth;
    else if ((C == ')' || C == '>' || C == '}' || C == ']') && Depth > 0)
      --Depth;
    else if (Depth == 0 && S.substr(I).starts_with("::")) {
      Parts.push_back(S.slice(Start, I));
      Start = I + 2;
      ++I;
    }
  }
  Parts.push_back(S.substr(Start));
  return Parts;
}

std::string shortFunctionName(StringRef Name, unsigned Scopes) {
  StringRef S = Name.trim();
  // Qualifiers after the parameters say nothing in a narrow column.
  for (bool Cut = true; Cut;) {
    Cut = false;
    for (StringRef Suffix : {" const", " volatile", " &&", " &", " noexcept"})
      if (S.consume_back(Suffix))
        Cut = true;
  }
  std::string Params;
  if (S.ends_with(")")) {
    size_t Open = matchingOpen(S, S.size() - 1);
    if (Open != StringRef::npos && Open > 0) {
      Params = Open + 2 == S.size() ? "()" : "(…)";
      S = S.take_front(Open);
    }
  }
  std::string Bare = elideTemplateArgs(S);
  // A function template's demangled name starts with its return type.
  StringRef B = Bare;
  int Depth = 0;
  size_t LastSpace = StringRef::npos;
  for (size_t I = 0; I < B.size(); ++I) {
    char C = B[I];
    if (C == '(' || C == '<' || C == '{')
      ++Depth;
    else if ((C == ')' || C == '>' || C == '}') && Depth > 0)
      --Depth;
    else if (C == ' ' && Depth == 0 && !B.take_front(I).ends_with("operator"))
      LastSpace = I;
  }
  if (LastSpace != StringRef::npos)
    B = B.drop_front(LastSpace + 1);
  SmallVector<StringRef, 4> Parts = splitScopes(B);
  Scopes = std::max(Scopes, 1u);
  if (Parts.size() > Scopes)
    Parts.erase(Parts.begin(), Parts.end() - Scopes);
  if (Parts.size() > 1 && Parts.front() == "(anonymous namespace)")
    Parts.erase(Parts.begin());
  return join(Parts, "::") + Params;
}

VariantTableBuilder::VariantTableBuilder(std::vector<diff::Variant> Vs,
                                         Options O, const StaticAnalysis *S)
    : Variants(std::move(Vs)), Opts(std::move(O)), Static(S),
      Domain(Opts.Domain), DomainChosen(!Opts.Domain.empty()) {
  Runs.resize(Variants.size());
  Functions.resize(Variants.size());
  for (size_t V = 0; V < Variants.size(); ++V)
    Runs[V].resize(Variants[V].Paths.size());
}

void VariantTableBuilder::add(size_t V, size_t RunIndex, const Profile &Prof) {
  const EnergyInfo &E = Prof.Energy;
  for (const EnergyDomain &D : E.Domains)
    DomainsSeen.insert(D.Name);
  // The default domain is the first profile with energy's: package, else
  // its first (EnergyInfo::defaultDomain), as report and summary show.
  if (!DomainChosen && E.hasEnergy()) {
    Domain = E.defaultDomain()->Name;
    DomainChosen = true;
  }
  const EnergyDomain *D = DomainChosen ? E.domain(Domain) : nullptr;

  Run &R = Runs[V][RunIndex];
  R.Metrics = Prof.Metrics;
  for (const auto &[Name, Value] : Prof.Metrics)
    MetricsSeen.insert(Name);
  R.HasDomain = D != nullptr;
  if (D) {
    R.Measured = D->Measured;
    R.Source = D->Source;
    R.TotalEnergyJ = Prof.Totals->EnergyJ.at(D->Name);
  }
  R.WallNs = Prof.Program.WallNs;

  auto EnergyOf = [&](const EnergyByDomain &ByDomain,
                      bool Inclusive) -> std::optional<double> {
    if (!D)
      return std::nullopt;
    // An item without figures in the domain (never called) spent none.
    auto It = ByDomain.find(D->Name);
    if (It == ByDomain.end())
      return 0.0;
    return Inclusive ? It->second.Inclusive : It->second.Exclusive;
  };

  for (const RegionRecord &Region : Prof.Regions) {
    RegionsSeen.insert(Region.Name);
    R.ExclusiveNs += Region.Time.Exclusive;
    for (bool Training : {true, false}) {
      if (Region.Name !=
          (Training ? Opts.TrainingRegion : Opts.InferenceRegion))
        continue;
      std::optional<RegionRun> &Slot = Training ? R.Training : R.Inference;
      // A region entered several times is one record; a name given twice
      // (merged profiles keep one) adds up.
      if (!Slot)
        Slot = RegionRun();
      if (std::optional<double> J = EnergyOf(Region.Energy, true))
        Slot->EnergyJ = Slot->EnergyJ.value_or(0) + *J;
      Slot->TimeNs += Region.Time.Inclusive;
      Slot->Calls += Region.Calls;
      if (Region.Items) {
        if (!Slot->Items)
          Slot->Items = *Region.Items;
        else
          Slot->Items->Count += Region.Items->Count;
      }
    }
  }

  // The functions' complexity, from the analysis joined to this profile.
  std::map<const FunctionRecord *, std::string> BigO;
  if (Static)
    for (const JoinedFunction &J : joinStatic(Prof, *Static))
      if (J.Measured && J.Static && J.Static->BigO)
        BigO[J.Measured] = *J.Static->BigO;

  StringMap<FunctionSum> &Sums = Functions[V];
  for (const FunctionRecord &F : Prof.Functions) {
    if (F.Filtered)
      continue;
    R.ExclusiveNs += F.Time.Exclusive;
    std::string Name = displayName(F);
    // As frugal diff matches them: by linkage name, else by name.
    std::string Key = F.LinkageName.empty() ? "\x01" + Name : F.LinkageName;
    FunctionSum &S = Sums[Key];
    if (S.Name.empty()) {
      S.Name = std::move(Name);
      S.LinkageName = F.LinkageName;
    }
    S.EnergyJ += EnergyOf(F.Energy, false).value_or(0);
    S.TimeNs += F.Time.Exclusive;
    auto It = BigO.find(&F);
    if (!S.Complexity && It != BigO.end())
      S.Complexity = It->second;
  }
}

static double mean(ArrayRef<double> Values) {
  return std::accumulate(Values.begin(), Values.end(), 0.0) / Values.size();
}

RegionFigures VariantTableBuilder::regionFigures(size_t V, bool Training,
                                                 bool &PerItemPossible) const {
  RegionFigures Fig;
  const std::vector<Run> &Rs = Runs[V];
  std::vector<double> Energy, Time, Calls, Items, EnergyPer1k, TimePer1k;
  for (const Run &R : Rs) {
    const std::optional<RegionRun> &Region =
        Training ? R.Training : R.Inference;
    if (!Region)
      return Fig; // A run without it: no mean to take.
    if (Region->EnergyJ)
      Energy.push_back(*Region->EnergyJ);
    Time.push_back(Region->TimeNs);
    Calls.push_back(Region->Calls);
    if (Region->Items && Region->Items->Count > 0) {
      if (Fig.ItemsUnit.empty())
        Fig.ItemsUnit = Region->Items->Unit;
      else if (Fig.ItemsUnit != Region->Items->Unit)
        PerItemPossible = false;
      double Count = Region->Items->Count;
      Items.push_back(Count);
      TimePer1k.push_back(Region->TimeNs * 1000.0 / Count);
      if (Region->EnergyJ)
        EnergyPer1k.push_back(*Region->EnergyJ * 1000.0 / Count);
    }
  }
  Fig.Present = true;
  Fig.TimeNs = mean(Time);
  Fig.Calls = mean(Calls);
  if (Energy.size() == Rs.size())
    Fig.EnergyJ = mean(Energy);
  if (Items.size() == Rs.size()) {
    Fig.Items = mean(Items);
    Fig.TimeNsPer1k = mean(TimePer1k);
    if (EnergyPer1k.size() == Rs.size())
      Fig.EnergyJPer1k = mean(EnergyPer1k);
  } else {
    PerItemPossible = false;
  }
  return Fig;
}

// The names of \p Rows whose region is absent, for a note.
static std::vector<std::string> lacking(const std::vector<VariantRow> &Rows,
                                        bool Training) {
  std::vector<std::string> Names;
  for (const VariantRow &R : Rows)
    if (!(Training ? R.Training : R.Inference).Present)
      Names.push_back(R.Name);
  return Names;
}

Expected<VariantTable> VariantTableBuilder::finish() {
  VariantTable T;
  T.TrainingRegion = Opts.TrainingRegion;
  T.InferenceRegion = Opts.InferenceRegion;
  T.Sort = Opts.Sort;
  T.HasStatic = Static != nullptr;
  if (Static)
    T.StaticSource = Static->Source;

  if (!Opts.Domain.empty() && !DomainsSeen.count(Opts.Domain)) {
    return makeError("no profile has energy domain '" + Opts.Domain + "'",
                     DomainsSeen.empty()
                         ? Twine("leave out --domain: the profiles have no "
                                 "energy figures")
                         : Twine("use one of: " + join(DomainsSeen, ", ")));
  }
  if (DomainChosen)
    T.Domain = Domain;

  // The metrics every profile recorded, and the one shown.
  std::set<std::string> Shared = MetricsSeen;
  for (const std::vector<Run> &Rs : Runs)
    for (const Run &R : Rs)
      for (auto It = Shared.begin(); It != Shared.end();)
        It = R.Metrics.count(*It) ? std::next(It) : Shared.erase(It);
  T.MetricsEveryProfileHas.assign(Shared.begin(), Shared.end());
  if (!Opts.Metric.empty()) {
    if (!MetricsSeen.count(Opts.Metric))
      return makeError(
          "no profile has the metric '" + Opts.Metric + "'",
          MetricsSeen.empty()
              ? Twine("leave out --metric: the profiles record no metrics "
                      "(frugal_metric)")
              : Twine("use one of the metrics the profiles have: " +
                      join(MetricsSeen, ", ")));
    T.Metric = Opts.Metric;
  } else if (Shared.count("accuracy")) {
    T.Metric = "accuracy";
  } else if (!Shared.empty()) {
    T.Metric = *Shared.begin();
  }
  if (Opts.Sort == SortKey::Metric && !T.Metric)
    return makeError("--sort metric, but no metric every profile has",
                     "pass --metric NAME, or sort by input, training or "
                     "inference");

  bool PerItem = true;
  std::string Unit;
  std::vector<std::string> MissingDomain;
  for (size_t V = 0; V < Variants.size(); ++V) {
    const std::vector<Run> &Rs = Runs[V];
    VariantRow Row;
    Row.Name = Variants[V].Name;
    Row.Paths = Variants[V].Paths;
    Row.InputIndex = V;
    Row.HasEnergy =
        T.Domain && all_of(Rs, [](const Run &R) { return R.HasDomain; });
    if (T.Domain && !Row.HasEnergy)
      MissingDomain.push_back(Row.Name);
    for (const Run &R : Rs)
      if (R.HasDomain) {
        Row.Measured &= R.Measured;
        if (!is_contained(Row.Sources, R.Source))
          Row.Sources.push_back(R.Source);
      }
    for (const auto &[Name, Value] : Rs.front().Metrics) {
      std::vector<double> Values;
      for (const Run &R : Rs) {
        auto It = R.Metrics.find(Name);
        if (It != R.Metrics.end())
          Values.push_back(It->second);
      }
      if (Values.size() == Rs.size())
        Row.Metrics[Name] = mean(Values);
    }
    if (T.Metric) {
      auto It = Row.Metrics.find(*T.Metric);
      if (It != Row.Metrics.end())
        Row.Metric = It->second;
    }
    bool Ignored = true;
    Row.Training = regionFigures(V, /*Training=*/true, Ignored);
    Row.Inference = regionFigures(V, /*Training=*/false, PerItem);
    if (Row.Inference.Present && Row.Inference.Items) {
      if (Unit.empty())
        Unit = Row.Inference.ItemsUnit;
      else if (Unit != Row.Inference.ItemsUnit)
        PerItem = false;
    }
    if (!Row.HasEnergy)
      Row.Training.EnergyJ = Row.Inference.EnergyJ =
          Row.Inference.EnergyJPer1k = std::nullopt;
    std::vector<double> Totals, Walls, Exclusive;
    for (const Run &R : Rs) {
      if (R.TotalEnergyJ)
        Totals.push_back(*R.TotalEnergyJ);
      Walls.push_back(R.WallNs);
      Exclusive.push_back(R.ExclusiveNs);
    }
    if (Row.HasEnergy)
      Row.TotalEnergyJ = mean(Totals);
    Row.WallNs = mean(Walls);

    // The top function: the largest mean over the runs (a run without the
    // function counts 0), ties to the first name.
    const FunctionSum *Best = nullptr;
    for (const auto &Entry : Functions[V]) {
      const FunctionSum &S = Entry.second;
      double Key = Row.HasEnergy ? S.EnergyJ : S.TimeNs;
      double BestKey = !Best           ? -1
                       : Row.HasEnergy ? Best->EnergyJ
                                       : Best->TimeNs;
      if (!Best || Key > BestKey || (Key == BestKey && S.Name < Best->Name))
        Best = &S;
    }
    if (Best) {
      TopFunction Top;
      double Runs = Rs.size();
      Top.Name = Best->Name;
      Top.LinkageName = Best->LinkageName;
      Top.RankedByEnergy = Row.HasEnergy;
      Top.TimeNs = Best->TimeNs / Runs;
      Top.Complexity = Best->Complexity;
      if (Row.HasEnergy) {
        Top.EnergyJ = Best->EnergyJ / Runs;
        if (*Row.TotalEnergyJ > 0)
          Top.Share = *Top.EnergyJ / *Row.TotalEnergyJ;
      } else if (double All = mean(Exclusive); All > 0) {
        Top.Share = Top.TimeNs / All;
      }
      Row.Top = std::move(Top);
    }
    T.Rows.push_back(std::move(Row));
  }

  // The inference column: per 1000 items when every variant counted items
  // of one unit, else every variant's whole region, so that the column
  // compares like with like.
  bool AnyInference =
      any_of(T.Rows, [](const VariantRow &R) { return R.Inference.Present; });
  T.InferencePerItem = AnyInference && PerItem;
  if (T.InferencePerItem)
    T.ItemsUnit = Unit;

  // Notes, in the order of the columns.
  if (!T.Metric) {
    T.Notes.push_back(MetricsSeen.empty()
                          ? "no metric: the profiles record none "
                            "(frugal_metric), so the table has no quality "
                            "column and no front"
                          : "no metric every profile has (" +
                                join(MetricsSeen, ", ") +
                                "): pass --metric NAME to show one");
  } else {
    std::vector<std::string> Without;
    for (const VariantRow &R : T.Rows)
      if (!R.Metric)
        Without.push_back(R.Name);
    if (!Without.empty())
      T.Notes.push_back("no " + *T.Metric + " in " + join(Without, ", ") +
                        " (—)");
  }
  for (bool Training : {true, false}) {
    std::vector<std::string> Without = lacking(T.Rows, Training);
    if (Without.empty())
      continue;
    const std::string &Region = Training ? T.TrainingRegion : T.InferenceRegion;
    std::string Known = RegionsSeen.empty()
                            ? "the profiles have no regions"
                            : "regions: " + join(RegionsSeen, ", ");
    T.Notes.push_back("no region '" + Region + "' in " +
                      (Without.size() == T.Rows.size()
                           ? std::string("any variant")
                           : join(Without, ", ")) +
                      " (—; " + Known + ")");
  }
  if (AnyInference && !T.InferencePerItem) {
    std::vector<std::string> Without;
    std::set<std::string> Units;
    for (const VariantRow &R : T.Rows)
      if (R.Inference.Present) {
        if (!R.Inference.Items)
          Without.push_back(R.Name);
        else
          Units.insert(R.Inference.ItemsUnit);
      }
    T.Notes.push_back(
        "inference: the region's whole energy and time, not per 1000 items: " +
        (Without.empty() ? "the variants count items in different units (" +
                               join(Units, ", ") + ")"
                         : "no items counted (frugal_region_items) in " +
                               join(Without, ", ")));
  }

  if (!MissingDomain.empty())
    T.Warnings.push_back("no " + *T.Domain + " energy in every run of " +
                         join(MissingDomain, ", ") +
                         ": their energy cells are empty");
  if (T.anyModelled() && T.anyMeasured()) {
    std::vector<std::string> Measured, Modelled;
    for (const VariantRow &R : T.Rows)
      if (R.HasEnergy)
        (R.Measured ? Measured : Modelled).push_back(R.Name);
    T.Warnings.push_back(*T.Domain + " energy is measured in " +
                         join(Measured, ", ") + " but MODELLED in " +
                         join(Modelled, ", ") +
                         ": their energy figures are not comparable");
  }

  // A region that ran but got no energy is one the energy samples missed
  // (too short, or before the first sample): 0 J would win every front.
  for (bool Training : {true, false}) {
    std::vector<std::string> Missed;
    for (const VariantRow &R : T.Rows) {
      const RegionFigures &F = Training ? R.Training : R.Inference;
      if (F.EnergyJ && *F.EnergyJ == 0 && F.TimeNs && *F.TimeNs > 0)
        Missed.push_back(R.Name);
    }
    if (!Missed.empty())
      T.Warnings.push_back(
          "0 J of " + *T.Domain + " energy in region '" +
          (Training ? T.TrainingRegion : T.InferenceRegion) + "' of " +
          join(Missed, ", ") +
          ", which ran: the energy samples missed it (too short, or before "
          "the first sample), so the front there is not reliable");
  }

  // The fronts, on the figures the columns show.
  std::vector<std::optional<double>> Metric, Training, Inference;
  for (const VariantRow &R : T.Rows) {
    Metric.push_back(R.Metric);
    Training.push_back(R.Training.EnergyJ);
    Inference.push_back(T.InferencePerItem ? R.Inference.EnergyJPer1k
                                           : R.Inference.EnergyJ);
  }
  std::vector<std::optional<bool>> FrontT = paretoFront(Metric, Training);
  std::vector<std::optional<bool>> FrontI = paretoFront(Metric, Inference);
  for (size_t I = 0; I < T.Rows.size(); ++I) {
    T.Rows[I].FrontTraining = FrontT[I];
    T.Rows[I].FrontInference = FrontI[I];
  }

  // Best first: the highest metric, or the least energy; rows without the
  // figure last, in their input order.
  auto SortFigure = [&](const VariantRow &R) -> std::optional<double> {
    switch (T.Sort) {
    case SortKey::Input:
      return std::nullopt;
    case SortKey::Metric:
      return R.Metric ? std::optional<double>(-*R.Metric) : std::nullopt;
    case SortKey::Training:
      return R.Training.EnergyJ;
    case SortKey::Inference:
      return T.InferencePerItem ? R.Inference.EnergyJPer1k
                                : R.Inference.EnergyJ;
    }
    llvm_unreachable("unknown sort key");
  };
  std::sort(T.Rows.begin(), T.Rows.end(),
            [&](const VariantRow &A, const VariantRow &B) {
              std::optional<double> X = SortFigure(A), Y = SortFigure(B);
              if (X && Y && *X != *Y)
                return *X < *Y;
              if (X.has_value() != Y.has_value())
                return X.has_value();
              return A.InputIndex < B.InputIndex;
            });
  return T;
}

} // namespace frugal::variants
