//===- ReportRows.cpp - The rows of frugal report -------------------------===//

#include "ReportRows.h"

#include "ProgramMetrics.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/JSON.h"

using namespace llvm;

namespace frugal {

std::optional<double> ReportRow::inclusiveJ(StringRef Domain) const {
  if (!Energy || !measured())
    return std::nullopt;
  auto It = Energy->find(Domain.str());
  if (It == Energy->end())
    return std::nullopt;
  return It->second.Inclusive;
}

std::optional<double> ReportRow::exclusiveJ(StringRef Domain) const {
  if (!Energy || !measured())
    return std::nullopt;
  auto It = Energy->find(Domain.str());
  if (It == Energy->end())
    return std::nullopt;
  return It->second.Exclusive;
}

std::optional<double> ReportRow::joulesPerFlop(StringRef Domain) const {
  std::optional<double> J = inclusiveJ(Domain);
  if (!J || !Flops.Total || *Flops.Total <= 0)
    return std::nullopt;
  return *J / *Flops.Total;
}

std::optional<double> ReportRow::timePerThousandNs() const {
  if (!Items)
    return std::nullopt;
  return perThousand(static_cast<double>(Time.Inclusive), Items->Count);
}

std::optional<double> ReportRow::energyPerThousandJ(StringRef Domain) const {
  std::optional<double> J = inclusiveJ(Domain);
  if (!Items || !J)
    return std::nullopt;
  return perThousand(*J, Items->Count);
}

std::optional<double> ReportRow::intensity() const {
  if (!Flops.PerCall.PerCall || !BytesTouched.PerCall.PerCall ||
      *BytesTouched.PerCall.PerCall <= 0)
    return std::nullopt;
  return *Flops.PerCall.PerCall / *BytesTouched.PerCall.PerCall;
}

// A quantity per call and, for functions that were measured, over the
// calls; a frame's bytes (\p PerCallOnly) do not add up over calls.
static StaticQuantity quantity(const StaticExpr &E, const StaticFunction &S,
                               const FunctionRecord *M, int64_t Calls,
                               bool PerCallOnly = false) {
  StaticQuantity Q;
  Q.Expr = E;
  Q.PerCall = evaluatePerCall(E, S, M);
  if (Q.PerCall.PerCall && M && !M->Filtered && !PerCallOnly)
    Q.Total = *Q.PerCall.PerCall * static_cast<double>(Calls);
  return Q;
}

static StaticExpr selfExpr(const StaticFunction &S, StringRef Key) {
  auto It = S.Self.find(Key.str());
  return It == S.Self.end() ? StaticExpr() : It->second;
}

static void addStatic(ReportRow &R, const StaticFunction &S) {
  R.Static = &S;
  R.InStatic = true;
  static const StaticExpr Lost;
  auto It = S.Total.find("flops");
  R.Flops =
      quantity(It == S.Total.end() ? Lost : It->second, S, R.Measured, R.Calls);
  R.BytesTouched = quantity(S.BytesTouched, S, R.Measured, R.Calls);
  R.StackBytes =
      quantity(S.StackBytes, S, R.Measured, R.Calls, /*PerCallOnly=*/true);
  R.SelfFlops = quantity(selfExpr(S, "flops"), S, R.Measured, R.Calls);
  StaticExpr Load = selfExpr(S, "load_bytes"),
             Store = selfExpr(S, "store_bytes");
  StaticExpr Bytes;
  if (Load.known() && Store.known())
    Bytes.Text = "(" + Load.Text + ") + (" + Store.Text + ")";
  R.SelfBytes = quantity(Bytes, S, R.Measured, R.Calls);
  R.HeapBytes = quantity(S.HeapBytes, S, R.Measured, R.Calls);
}

std::vector<ReportRow> buildReportRows(const Profile &Prof,
                                       const StaticAnalysis *Static) {
  std::vector<ReportRow> Rows;
  auto AddFunction = [&](const FunctionRecord *M, const StaticFunction *S) {
    ReportRow R;
    if (M) {
      R.Id = M->Id;
      R.Name = displayName(*M);
      R.File = M->File;
      R.Line = M->Line;
      R.InProfile = true;
      R.Instrumented = !M->Filtered;
      R.FilterReason = M->FilterReason;
      R.Calls = M->Calls;
      R.Time = M->Time;
      R.Energy = &M->Energy;
      R.Power = &M->Power;
      R.Counters = &M->Counters;
      if (M->Alloc)
        R.AllocBytes = M->Alloc->Bytes;
      R.Measured = M;
    } else {
      R.Name = S->Name;
      R.File = S->File;
      R.Line = S->Line;
    }
    if (S)
      addStatic(R, *S);
    Rows.push_back(std::move(R));
  };
  if (Static) {
    for (const JoinedFunction &J : joinStatic(Prof, *Static))
      AddFunction(J.Measured, J.Static);
  } else {
    for (const FunctionRecord &F : Prof.Functions)
      AddFunction(&F, nullptr);
  }
  for (const RegionRecord &Region : Prof.Regions) {
    ReportRow R;
    R.RowKind = ReportRow::Kind::Region;
    R.Id = Region.Id;
    R.Name = Region.Name;
    R.InProfile = R.Instrumented = true;
    R.Calls = Region.Calls;
    R.Time = Region.Time;
    R.Energy = &Region.Energy;
    R.Power = &Region.Power;
    R.Counters = &Region.Counters;
    if (Region.Alloc)
      R.AllocBytes = Region.Alloc->Bytes;
    R.Items = Region.Items ? &*Region.Items : nullptr;
    Rows.push_back(std::move(R));
  }
  return Rows;
}

//===----------------------------------------------------------------------===//
// JSON
//===----------------------------------------------------------------------===//

static json::Value optionalNumber(std::optional<double> V) {
  return V ? json::Value(*V) : json::Value(nullptr);
}

static json::Value quantityJson(const StaticQuantity &Q) {
  if (!Q.Expr)
    return nullptr;
  json::Object O;
  O["expr"] = Q.Expr->known() ? json::Value(Q.Expr->Text) : nullptr;
  O["per_call"] = optionalNumber(Q.PerCall.PerCall);
  O["total"] = optionalNumber(Q.Total);
  if (Q.PerCall.PerCall) {
    O["min"] = Q.PerCall.Min;
    O["max"] = Q.PerCall.Max;
  } else {
    O["min"] = nullptr;
    O["max"] = nullptr;
  }
  O["samples"] = static_cast<int64_t>(Q.PerCall.Samples);
  O["why"] =
      Q.PerCall.PerCall ? json::Value(nullptr) : json::Value(Q.PerCall.Why);
  return O;
}

static json::Value staticJson(const ReportRow &R) {
  if (!R.Static)
    return nullptr;
  const StaticFunction &S = *R.Static;
  json::Object O;
  O["big_o"] = S.BigO ? json::Value(*S.BigO) : nullptr;
  O["confidence"] = S.Confidence;
  O["cyclomatic"] = S.Cyclomatic;
  O["cognitive"] = S.Cognitive;
  O["statements"] = S.Statements;
  O["max_loop_depth"] = S.MaxLoopDepth;
  O["params"] = S.Params;
  O["flops"] = quantityJson(R.Flops);
  O["bytes_touched"] = quantityJson(R.BytesTouched);
  O["stack_bytes"] = quantityJson(R.StackBytes);
  O["heap_bytes"] = quantityJson(R.HeapBytes);
  O["self_flops"] = quantityJson(R.SelfFlops);
  O["self_bytes"] = quantityJson(R.SelfBytes);
  O["intensity_per_call"] = optionalNumber(R.intensity());
  if (S.ArithmeticIntensity.empty()) {
    O["arithmetic_intensity"] = nullptr;
  } else {
    double D;
    O["arithmetic_intensity"] = !StringRef(S.ArithmeticIntensity).getAsDouble(D)
                                    ? json::Value(D)
                                    : json::Value(S.ArithmeticIntensity);
  }
  O["uncounted"] = static_cast<int64_t>(S.Uncounted);
  O["recursive"] = S.Recursive;
  return O;
}

static json::Value timesJson(const Times &T) {
  return json::Object{{"inclusive", T.Inclusive}, {"exclusive", T.Exclusive}};
}

static json::Value energyJson(const EnergyByDomain *E) {
  json::Object O;
  if (E)
    for (const auto &[Domain, J] : *E)
      O[Domain] = json::Object{{"inclusive", J.Inclusive},
                               {"exclusive", J.Exclusive},
                               {"dynamic", J.Dynamic}};
  return O;
}

static json::Value rowJson(const Profile &Prof, const ReportRow &R) {
  json::Object O;
  O["kind"] = R.RowKind == ReportRow::Kind::Region ? "region" : "function";
  O["id"] = R.Id >= 0 ? json::Value(R.Id) : nullptr;
  O["name"] = R.Name;
  O["linkage_name"] = R.Measured ? json::Value(R.Measured->LinkageName)
                      : R.Static ? json::Value(R.Static->LinkageName)
                                 : nullptr;
  O["file"] = R.File.empty() ? json::Value(nullptr) : json::Value(R.File);
  O["line"] = R.Line ? json::Value(R.Line) : nullptr;
  O["in_profile"] = R.InProfile;
  O["in_static"] = R.InStatic;
  O["instrumented"] = R.Instrumented;
  O["filter_reason"] = R.FilterReason.empty() ? json::Value(nullptr)
                                              : json::Value(R.FilterReason);
  O["calls"] = R.Calls;
  O["time_ns"] = timesJson(R.Time);
  O["energy_j"] = energyJson(R.Energy);
  json::Object Power, PerCall, PerFlop;
  for (const EnergyDomain &D : Prof.Energy.Domains) {
    if (R.Power) {
      auto It = R.Power->find(D.Name);
      Power[D.Name] =
          It != R.Power->end() ? optionalNumber(It->second.MeanW) : nullptr;
    }
    std::optional<double> J = R.inclusiveJ(D.Name);
    PerCall[D.Name] = J && R.Calls ? json::Value(*J / R.Calls) : nullptr;
    PerFlop[D.Name] = optionalNumber(R.joulesPerFlop(D.Name));
  }
  O["power_w"] = std::move(Power);
  O["energy_per_call_j"] = std::move(PerCall);
  json::Object Counters;
  if (R.Counters)
    for (const auto &[Event, C] : *R.Counters)
      Counters[Event] =
          json::Object{{"inclusive", C.Inclusive}, {"exclusive", C.Exclusive}};
  O["counters"] = std::move(Counters);
  O["alloc_bytes"] = R.AllocBytes ? json::Value(*R.AllocBytes) : nullptr;
  if (R.Items) {
    json::Object PerThousand;
    for (const EnergyDomain &D : Prof.Energy.Domains)
      PerThousand[D.Name] = optionalNumber(R.energyPerThousandJ(D.Name));
    O["items"] =
        json::Object{{"count", R.Items->Count},
                     {"unit", R.Items->Unit},
                     {"time_per_1k_ns", optionalNumber(R.timePerThousandNs())},
                     {"energy_per_1k_j", std::move(PerThousand)}};
  } else {
    O["items"] = nullptr;
  }
  O["static"] = staticJson(R);
  O["j_per_flop"] = R.Static && R.InProfile && !Prof.Energy.Domains.empty()
                        ? json::Value(std::move(PerFlop))
                        : nullptr;
  return O;
}

// The calling-context tree with names, for flame graphs; one node at a
// time, so a large tree is never held as JSON.
static void writeTree(json::OStream &J, const Profile &Prof) {
  ItemsById Index = indexItems(Prof);
  const auto &Functions = Index.Functions;
  const auto &Regions = Index.Regions;
  J.attributeObject("tree", [&] {
    J.attributeArray("nodes", [&] {
      for (const TreeNode &N : Prof.Tree.Nodes) {
        std::string Name = "<root>";
        StringRef Kind = "root";
        if (N.Ref) {
          Kind = "function";
          if (auto It = Functions.find(*N.Ref); It != Functions.end()) {
            Name = displayName(*It->second);
          } else if (auto It = Regions.find(*N.Ref); It != Regions.end()) {
            Name = It->second->Name;
            Kind = "region";
          } else {
            Name = "<unknown " + std::to_string(*N.Ref) + ">";
          }
        }
        J.value(json::Object{
            {"id", N.Id},
            {"parent", N.Parent ? json::Value(*N.Parent) : nullptr},
            {"name", std::move(Name)},
            {"kind", Kind},
            {"calls", N.Calls},
            {"time_ns", timesJson(N.Time)},
            {"energy_j", energyJson(&N.Energy)}});
      }
    });
  });
}

void writeReportJson(raw_ostream &OS, const Profile &Prof,
                     StringRef ProfilePath, const StaticAnalysis *Static,
                     ArrayRef<ReportRow> Rows) {
  json::OStream J(OS);
  J.object([&] {
    J.attribute("kind", "report");
    J.attribute("schema_version", 1);
    J.attribute("generator", "frugal " FRUGAL_VERSION);
    J.attribute("profile", json::Object{{"path", ProfilePath},
                                        {"executable", Prof.Program.Executable},
                                        {"argv", Prof.Program.Argv},
                                        {"wall_ns", Prof.Program.WallNs}});
    J.attribute("static",
                Static ? json::Value(json::Object{{"source", Static->Source}})
                       : nullptr);
    json::Array Domains;
    for (const EnergyDomain &D : Prof.Energy.Domains)
      Domains.push_back(json::Object{
          {"name", D.Name}, {"source", D.Source}, {"measured", D.Measured}});
    J.attribute("energy", json::Object{{"status", Prof.Energy.Status},
                                       {"domains", std::move(Domains)}});
    J.attributeArray("events", [&] {
      for (const EventInfo *E : Prof.countedEvents())
        J.value(E->Name);
    });
    J.attributeObject("metrics", [&] {
      for (const auto &[Name, Value] : Prof.Metrics)
        J.attribute(Name, Value);
    });
    J.attributeArray("rows", [&] {
      for (const ReportRow &R : Rows)
        J.value(rowJson(Prof, R));
    });
    writeTree(J, Prof);
  });
}

} // namespace frugal
