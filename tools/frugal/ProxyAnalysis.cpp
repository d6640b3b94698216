//===- ProxyAnalysis.cpp - How well cheap proxies predict energy ----------===//
//
// Pools the functions of every profile given (model variants, repeated
// runs) into one set of observations, so that a proxy is judged on how it
// ranks and scales across all of them, not within one run.
//
//===----------------------------------------------------------------------===//

#include "ProxyAnalysis.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"

#include <algorithm>
#include <cmath>
#include <numeric>

using namespace llvm;

namespace frugal {

namespace {
// Why observations lack a proxy: each reason with how many, in the order
// first seen.
class MissingReasons {
public:
  void add(const std::string &Why) {
    for (auto &[Reason, Count] : Reasons)
      if (Reason == Why) {
        ++Count;
        return;
      }
    Reasons.push_back({Why, 1});
  }

  // The two commonest reasons, with their counts when there are several.
  std::string summary() const {
    // Commonest first, ties in the order first seen (std::stable_sort
    // warns with this libstdc++).
    std::vector<std::pair<std::string, size_t>> Sorted;
    std::vector<size_t> Order(Reasons.size());
    std::iota(Order.begin(), Order.end(), 0);
    llvm::sort(Order, [&](size_t A, size_t B) {
      if (Reasons[A].second != Reasons[B].second)
        return Reasons[A].second > Reasons[B].second;
      return A < B;
    });
    for (size_t I : Order)
      Sorted.push_back(Reasons[I]);
    if (Sorted.size() == 1)
      return Sorted.front().first;
    std::string Text;
    for (size_t I = 0; I < Sorted.size() && I < 2; ++I)
      Text += (I ? "; " : "") + Sorted[I].first + " (" +
              std::to_string(Sorted[I].second) + ")";
    if (Sorted.size() > 2)
      Text += "; and " + std::to_string(Sorted.size() - 2) + " other reason" +
              (Sorted.size() == 3 ? "" : "s");
    return Text;
  }

private:
  std::vector<std::pair<std::string, size_t>> Reasons;
};

// The fixed proxies' names; events take their own names.
constexpr StringLiteral TimeName = "time";
constexpr StringLiteral AllocName = "alloc_bytes";
constexpr StringLiteral FlopsName = "static_flops";
constexpr StringLiteral BytesName = "static_bytes";
constexpr StringLiteral CyclomaticName = "cyclomatic";

const char *const NoStatic =
    "no static analysis (give --static STATIC.json or -p BUILD_DIR)";
} // namespace

EnergyOrigin ProxyAnalysis::origin() const {
  bool AnyMeasured = false, AnyModelled = false;
  for (size_t I = 0; I < Measured.size(); ++I) {
    if (!PerProfile[I])
      continue;
    (Measured[I] ? AnyMeasured : AnyModelled) = true;
  }
  if (AnyMeasured && AnyModelled)
    return EnergyOrigin::Mixed;
  return AnyModelled ? EnergyOrigin::Modelled : EnergyOrigin::Measured;
}

std::string ProxyAnalysis::warning(ArrayRef<ProxyProfile> Profiles) const {
  switch (origin()) {
  case EnergyOrigin::Measured:
    return "";
  case EnergyOrigin::Modelled:
    return "circular analysis: the " + Domain +
           " energy is MODELLED, not measured (source '" + Sources.front() +
           "' derives it from CPU time), so time and time-like counters "
           "'predict' it perfectly because the model made the energy from "
           "time; measure energy (docs/energy.md) before trusting any proxy";
  case EnergyOrigin::Mixed: {
    std::vector<std::string> Modelled;
    for (size_t I = 0; I < Profiles.size(); ++I)
      if (!Measured[I] && PerProfile[I])
        Modelled.push_back(Profiles[I].Path);
    return "partly circular analysis: the " + Domain +
           " energy is MODELLED from CPU time, not measured, in " +
           join(Modelled, ", ") +
           " and measured in the other profiles; the modelled observations "
           "make time look a better predictor than it is: compare measured "
           "profiles only";
  }
  }
  llvm_unreachable("unknown energy origin");
}

// The domain of the analysis: \p Wanted, or the first domain of the first
// profile that every profile has.
static Expected<std::string> selectDomain(ArrayRef<ProxyProfile> Profiles,
                                          StringRef Wanted, bool &Usage) {
  std::vector<std::string> Common;
  for (const EnergyDomain &D : Profiles.front().Prof.Energy.Domains)
    if (all_of(Profiles, [&](const ProxyProfile &P) {
          return P.Prof.Energy.domain(D.Name);
        }))
      Common.push_back(D.Name);
  if (Wanted.empty()) {
    if (!Common.empty())
      return Common.front();
    std::vector<std::string> Each;
    for (const ProxyProfile &P : Profiles) {
      std::vector<std::string> Names;
      for (const EnergyDomain &D : P.Prof.Energy.Domains)
        Names.push_back(D.Name);
      Each.push_back(P.Path + ": " + join(Names, ", "));
    }
    return makeError("the profiles share no energy domain (" +
                         join(Each, "; ") + ")",
                     "give profiles measured on the same kind of machine");
  }
  if (is_contained(Common, Wanted))
    return Wanted.str();
  Usage = true;
  std::string Fix = Common.empty() ? "the profiles share no energy domain"
                                   : "use one of: " + join(Common, ", ");
  for (const ProxyProfile &P : Profiles)
    if (!P.Prof.Energy.domain(Wanted))
      return makeError(P.Path + ": no energy domain '" + Wanted + "'", Fix);
  llvm_unreachable("a domain every profile has is common");
}

// The proxies the profiles could have, in a fixed order: time, the events
// (each name once, as first seen), allocations, then the static ones.
static std::vector<ProxyKind> proxyKinds(ArrayRef<ProxyProfile> Profiles) {
  std::vector<ProxyKind> Kinds;
  Kinds.push_back({TimeName.str(), "exclusive time", "s"});
  StringSet<> Seen;
  for (const ProxyProfile &P : Profiles)
    for (const EventInfo &E : P.Prof.Events)
      if (Seen.insert(E.Name).second)
        Kinds.push_back({E.Name, E.Name, E.isTime() ? "s" : "count"});
  Kinds.push_back({AllocName.str(), "bytes allocated", "B"});
  // The body's own operations (ops.self): the target is exclusive energy,
  // which leaves the callees' energy out as ops.self leaves their work.
  Kinds.push_back({FlopsName.str(), "static flops (own)", "flop", true});
  Kinds.push_back(
      {BytesName.str(), "static bytes loaded+stored (own)", "B", true});
  Kinds.push_back({CyclomaticName.str(), "cyclomatic complexity", "unit", true,
                   /*Extensive=*/false});
  return Kinds;
}

// ops.self's flops, and its load + store bytes, as one expression.
static StaticExpr selfFlops(const StaticFunction &S) {
  auto It = S.Self.find("flops");
  return It == S.Self.end() ? StaticExpr() : It->second;
}

static StaticExpr selfBytes(const StaticFunction &S) {
  auto Load = S.Self.find("load_bytes"), Store = S.Self.find("store_bytes");
  if (Load == S.Self.end() || Store == S.Self.end() || !Load->second.known() ||
      !Store->second.known())
    return StaticExpr();
  return StaticExpr{"(" + Load->second.Text + ") + (" + Store->second.Text +
                    ")"};
}

namespace {
// Fills one observation's proxy values, noting why a value is missing.
class ValueReader {
public:
  ValueReader(ArrayRef<ProxyKind> Kinds, std::vector<MissingReasons> &Why)
      : Kinds(Kinds), Why(Why) {}

  std::vector<std::optional<double>> read(const ProxyProfile &P,
                                          const FunctionRecord &F,
                                          const StaticFunction *S,
                                          bool HaveStatic) {
    std::vector<std::optional<double>> Values(Kinds.size());
    for (size_t K = 0; K < Kinds.size(); ++K) {
      std::string Missing;
      Values[K] = value(Kinds[K], P, F, S, HaveStatic, Missing);
      if (!Values[K])
        Why[K].add(Missing);
    }
    return Values;
  }

private:
  std::optional<double> value(const ProxyKind &Kind, const ProxyProfile &P,
                              const FunctionRecord &F, const StaticFunction *S,
                              bool HaveStatic, std::string &Missing) {
    if (Kind.Name == TimeName)
      return F.Time.Exclusive / 1e9;
    if (Kind.Name == AllocName) {
      if (!P.Prof.Alloc.on()) {
        Missing = "allocations not tracked in " + P.Path +
                  (P.Prof.Alloc.Status == "off"
                       ? std::string(" (run with FRUGAL_TRACK_ALLOC=1)")
                       : " (" + P.Prof.Alloc.Status + ")");
        return std::nullopt;
      }
      if (!F.Alloc) {
        Missing = "no allocation figures";
        return std::nullopt;
      }
      return static_cast<double>(F.Alloc->Bytes);
    }
    if (Kind.Static) {
      if (!HaveStatic) {
        Missing = NoStatic;
        return std::nullopt;
      }
      if (!S) {
        Missing = "not in the static analysis";
        return std::nullopt;
      }
      if (Kind.Name == CyclomaticName)
        return static_cast<double>(S->Cyclomatic);
      StaticExpr E = Kind.Name == FlopsName ? selfFlops(*S) : selfBytes(*S);
      if (!E.known()) {
        Missing = "the static analysis lost this count (overflow)";
        return std::nullopt;
      }
      EvaluatedExpr V = evaluatePerCall(E, *S, &F);
      if (!V.PerCall) {
        Missing = V.Why;
        return std::nullopt;
      }
      // Per call times calls: the total over the run, as the energy is.
      return *V.PerCall * static_cast<double>(F.Calls);
    }
    // An event.
    const EventInfo *E = P.Prof.event(Kind.Name);
    if (!E) {
      Missing = "not in FRUGAL_EVENTS of " + P.Path;
      return std::nullopt;
    }
    if (!E->counted()) {
      Missing = "not counted in " + P.Path + " (" + E->Status +
                (E->Reason ? ": " + *E->Reason : std::string()) + ")";
      return std::nullopt;
    }
    auto It = F.Counters.find(Kind.Name);
    if (It == F.Counters.end()) {
      Missing = "no counts";
      return std::nullopt;
    }
    double Count = static_cast<double>(It->second.Exclusive);
    return E->isTime() ? Count / 1e9 : Count;
  }

  ArrayRef<ProxyKind> Kinds;
  std::vector<MissingReasons> &Why;
};
} // namespace

// Evaluates proxy \p K over the observations that have it.
static ProxyResult evaluateProxy(const ProxyAnalysis &A, size_t K,
                                 const MissingReasons &Why) {
  ProxyResult R;
  R.Kind = K;
  std::vector<double> X, Y;
  for (const Observation &O : A.Observations)
    if (O.Values[K]) {
      X.push_back(*O.Values[K]);
      Y.push_back(O.EnergyJ);
    }
  R.N = X.size();
  size_t Total = A.Observations.size();
  if (R.N == 0) {
    R.Skipped = Why.summary();
    return R;
  }
  if (R.N < Total)
    R.Missing = Why.summary();
  // A proxy seen on a few observations would be judged on a different
  // sample than the others: only those on most of them are compared.
  if (R.N < 3 || 2 * R.N < Total) {
    R.Skipped = "only " + std::to_string(R.N) + " of " + std::to_string(Total) +
                " observations have it (the others: " + R.Missing + ")";
    return R;
  }
  R.Pearson = stats::pearson(X, Y);
  R.Spearman = stats::spearman(X, Y);
  R.Fit = stats::fitLinear(X, Y);
  if (!R.Pearson) {
    bool Constant = all_of(X, [&](double V) { return V == X.front(); });
    R.Skipped = Constant ? "the same value on every observation; nothing to "
                           "correlate"
                         : "the energy is the same on every observation "
                           "that has it; nothing to correlate";
    R.Spearman.reset();
    R.Fit.reset();
  }
  return R;
}

// Sorts evaluated proxies by R² (or |ρ|), largest first, those without a
// figure after, then skipped ones; ties keep the proxies' fixed order.
static void sortResults(std::vector<ProxyResult> &Results, ProxySort Sort) {
  auto Key = [Sort](const ProxyResult &R) -> double {
    if (!R.Skipped.empty())
      return -2;
    if (Sort == ProxySort::Rho)
      return R.Spearman ? std::abs(*R.Spearman) : -1;
    return R.Fit && R.Fit->R2 ? *R.Fit->R2 : -1;
  };
  llvm::sort(Results, [&](const ProxyResult &A, const ProxyResult &B) {
    bool SkippedA = !A.Skipped.empty(), SkippedB = !B.Skipped.empty();
    if (SkippedA != SkippedB)
      return SkippedB;
    if (Key(A) != Key(B))
      return Key(A) > Key(B);
    return A.Kind < B.Kind;
  });
}

// The non-negative model from every evaluated proxy that is an amount of
// work and that every observation has.
static ProxyModel fitModel(ProxyAnalysis &A) {
  ProxyModel M;
  size_t Total = A.Observations.size();
  for (const ProxyResult &R : A.Results) {
    if (!R.Skipped.empty())
      continue;
    const ProxyKind &Kind = A.Kinds[R.Kind];
    if (!Kind.Extensive)
      M.LeftOut.push_back({Kind.Name, "a property of the code, not an amount "
                                      "of work that adds up over calls"});
    else if (R.N < Total)
      M.LeftOut.push_back({Kind.Name, "on " + std::to_string(R.N) + " of " +
                                          std::to_string(Total) +
                                          " observations only; the model "
                                          "needs them all"});
    else
      M.Terms.push_back(R.Kind);
  }
  if (M.Terms.empty()) {
    M.Missing = "no evaluated proxy is an amount of work that every "
                "observation has";
    return M;
  }
  std::vector<std::vector<double>> X;
  std::vector<double> Y;
  for (const Observation &O : A.Observations) {
    std::vector<double> Row;
    for (size_t K : M.Terms)
      Row.push_back(*O.Values[K]);
    X.push_back(std::move(Row));
    Y.push_back(O.EnergyJ);
  }
  M.Fit = stats::fitNonNegative(X, Y);
  if (!M.Fit) {
    M.Missing = "the fit is undefined for these observations";
    return M;
  }
  for (ProxyResult &R : A.Results)
    for (size_t T = 0; T < M.Terms.size(); ++T)
      if (M.Terms[T] == R.Kind)
        R.ModelCoefficient = M.Fit->Coefficients[T];
  return M;
}

Expected<ProxyAnalysis> analyzeProxies(ArrayRef<ProxyProfile> Profiles,
                                       const StaticAnalysis *Static,
                                       StringRef Domain, ProxySort Sort,
                                       bool &Usage) {
  Usage = false;
  for (const ProxyProfile &P : Profiles)
    if (!P.Prof.Energy.hasEnergy())
      return makeError(P.Path + ": no energy figures (energy status " +
                           P.Prof.Energy.Status +
                           "); proxies are judged against energy",
                       "give profiles with energy, measured or modelled "
                       "(docs/energy.md)");
  Expected<std::string> Selected = selectDomain(Profiles, Domain, Usage);
  if (!Selected)
    return Selected.takeError();

  ProxyAnalysis A;
  A.Domain = *Selected;
  A.Sort = Sort;
  A.StaticSource = Static ? Static->Source : "";
  A.Kinds = proxyKinds(Profiles);
  std::vector<MissingReasons> Why(A.Kinds.size());
  ValueReader Reader(A.Kinds, Why);
  for (size_t I = 0; I < Profiles.size(); ++I) {
    const ProxyProfile &P = Profiles[I];
    const EnergyDomain *D = P.Prof.Energy.domain(A.Domain);
    A.Sources.push_back(D->Source);
    A.Measured.push_back(D->Measured);
    DenseMap<const FunctionRecord *, const StaticFunction *> StaticOf;
    if (Static)
      for (const JoinedFunction &J : joinStatic(P.Prof, *Static))
        if (J.Measured && J.Static)
          StaticOf[J.Measured] = J.Static;
    size_t Count = 0;
    for (const FunctionRecord &F : P.Prof.Functions) {
      // Filtered functions were not measured; uncalled ones cost nothing.
      if (F.Filtered || F.Calls <= 0)
        continue;
      auto E = F.Energy.find(A.Domain);
      if (E == F.Energy.end())
        continue;
      Observation O;
      O.Function = displayName(F);
      O.Profile = I;
      O.EnergyJ = E->second.Exclusive;
      O.Measured = D->Measured;
      O.Values = Reader.read(P, F, StaticOf.lookup(&F), Static != nullptr);
      A.Observations.push_back(std::move(O));
      ++Count;
    }
    A.PerProfile.push_back(Count);
  }

  size_t N = A.Observations.size();
  std::string Profs = std::to_string(Profiles.size()) + " profile" +
                      (Profiles.size() == 1 ? "" : "s");
  if (N < 3)
    return makeError("only " + std::to_string(N) + " observation" +
                         (N == 1 ? "" : "s") + " (functions called, with " +
                         A.Domain + " energy) in " + Profs +
                         "; correlations need at least 3",
                     "give more profiles, or instrument more functions "
                     "(FRUGAL_INSTRUMENT_THRESHOLD=0)");
  if (all_of(A.Observations, [&](const Observation &O) {
        return O.EnergyJ == A.Observations.front().EnergyJ;
      }))
    return makeError("all " + std::to_string(N) + " observations in " + Profs +
                         " have the same exclusive " + A.Domain +
                         " energy; there is nothing to predict",
                     "give profiles of longer runs, or pool more variants");

  for (size_t K = 0; K < A.Kinds.size(); ++K)
    A.Results.push_back(evaluateProxy(A, K, Why[K]));
  sortResults(A.Results, Sort);
  A.Model = fitModel(A);
  return A;
}

// JSON has no NaN or infinity: a figure that overflowed is null too.
static json::Value optionalNumber(std::optional<double> V) {
  return V && std::isfinite(*V) ? json::Value(*V) : json::Value(nullptr);
}

static json::Value optionalText(const std::string &Text) {
  return Text.empty() ? json::Value(nullptr) : json::Value(Text);
}

static void writeProxy(json::OStream &J, const ProxyAnalysis &A,
                       const ProxyResult &R) {
  const ProxyKind &K = A.Kinds[R.Kind];
  const stats::LinearFit *Fit = R.Fit ? &*R.Fit : nullptr;
  auto FitFigure = [&](double stats::LinearFit::*Field) {
    return optionalNumber(Fit ? std::optional(Fit->*Field) : std::nullopt);
  };
  J.object([&] {
    J.attribute("name", K.Name);
    J.attribute("label", K.Label);
    J.attribute("unit", K.Unit);
    J.attribute("static", K.Static);
    J.attribute("extensive", K.Extensive);
    J.attribute("n", static_cast<int64_t>(R.N));
    J.attribute("skipped", optionalText(R.Skipped));
    J.attribute("missing", optionalText(R.Missing));
    J.attribute("pearson_r", optionalNumber(R.Pearson));
    J.attribute("spearman_rho", optionalNumber(R.Spearman));
    J.attribute("r2", optionalNumber(Fit ? Fit->R2 : std::nullopt));
    J.attribute("loo_mape", optionalNumber(Fit ? Fit->LooMape : std::nullopt));
    J.attribute("slope_j_per_unit", FitFigure(&stats::LinearFit::Slope));
    J.attribute("intercept_j", FitFigure(&stats::LinearFit::Intercept));
    J.attribute("model_coefficient_j_per_unit",
                optionalNumber(R.ModelCoefficient));
  });
}

static void writeModel(json::OStream &J, const ProxyAnalysis &A) {
  const ProxyModel &M = A.Model;
  const stats::NonNegativeFit *Fit = M.Fit ? &*M.Fit : nullptr;
  J.object([&] {
    J.attribute("method", "nnls");
    J.attribute("intercept", false);
    J.attribute("n", static_cast<int64_t>(Fit ? A.Observations.size() : 0));
    J.attributeArray("terms", [&] {
      for (size_t T = 0; T < M.Terms.size(); ++T)
        J.object([&] {
          J.attribute("name", A.Kinds[M.Terms[T]].Name);
          J.attribute("unit", A.Kinds[M.Terms[T]].Unit);
          J.attribute("coefficient_j_per_unit",
                      optionalNumber(Fit ? std::optional(Fit->Coefficients[T])
                                         : std::nullopt));
        });
    });
    J.attribute("r2", optionalNumber(Fit ? Fit->R2 : std::nullopt));
    J.attribute("loo_mape", optionalNumber(Fit ? Fit->LooMape : std::nullopt));
    J.attributeArray("left_out", [&] {
      for (const auto &[Name, Why] : M.LeftOut)
        J.object([&] {
          J.attribute("name", Name);
          J.attribute("reason", Why);
        });
    });
    J.attribute("missing", optionalText(M.Missing));
  });
}

void writeProxiesJson(json::OStream &J, const ProxyAnalysis &A,
                      ArrayRef<ProxyProfile> Profiles) {
  EnergyOrigin Origin = A.origin();
  StringRef OriginName = Origin == EnergyOrigin::Measured   ? "measured"
                         : Origin == EnergyOrigin::Modelled ? "modelled"
                                                            : "mixed";
  J.object([&] {
    J.attribute("kind", "proxies");
    J.attribute("schema_version", 1);
    J.attribute("domain", A.Domain);
    J.attribute("target", "exclusive energy (J) of each function with calls");
    J.attribute("energy", OriginName);
    J.attribute("circular", A.circular());
    J.attribute("warning", optionalText(A.warning(Profiles)));
    J.attribute("observations", static_cast<int64_t>(A.Observations.size()));
    J.attributeArray("profiles", [&] {
      for (size_t I = 0; I < Profiles.size(); ++I)
        J.object([&] {
          J.attribute("path", Profiles[I].Path);
          J.attribute("observations", static_cast<int64_t>(A.PerProfile[I]));
          J.attribute("energy_source", A.Sources[I]);
          J.attribute("energy_measured", static_cast<bool>(A.Measured[I]));
        });
    });
    J.attribute("static", optionalText(A.StaticSource));
    J.attribute("sort", A.Sort == ProxySort::R2 ? "r2" : "rho");
    J.attributeArray("proxies", [&] {
      for (const ProxyResult &R : A.Results)
        writeProxy(J, A, R);
    });
    J.attributeBegin("model");
    writeModel(J, A);
    J.attributeEnd();
    // The points of the scatter plots: every observation, with the value
    // of each evaluated proxy (null where it has none). Streamed: with
    // 100,000 functions a json::Value of them would take gigabytes.
    J.attributeArray("points", [&] {
      for (const Observation &O : A.Observations)
        J.object([&] {
          J.attribute("function", O.Function);
          J.attribute("profile", Profiles[O.Profile].Path);
          J.attribute("energy_j", O.EnergyJ);
          J.attribute("energy_measured", O.Measured);
          J.attributeObject("values", [&] {
            for (const ProxyResult &R : A.Results)
              if (R.Skipped.empty())
                J.attribute(A.Kinds[R.Kind].Name,
                            optionalNumber(O.Values[R.Kind]));
          });
        });
    });
  });
}

} // namespace frugal
