//===- ProfileWriter.cpp - The profile document ---------------------------===//
//
// Field by field as in docs/profile-format.md; keep the two in step.
//
//===----------------------------------------------------------------------===//
#include "ProfileWriter.h"

#include "ArgSampler.h"
#include "JsonWriter.h"
#include "NodeMetrics.h"
#include "ProfileMerge.h"
#include "ProgramMetrics.h"
#include "Regions.h"
#include "Registry.h"
#include "alloc/AllocReport.h"
#include "counters/EventReport.h"
#include "energy/EnergyRuntime.h"

#include <string.h>

#ifndef FRUGAL_VERSION
#error "FRUGAL_VERSION must be defined by the build"
#endif

namespace frugal::rt {

namespace {

constexpr int SchemaVersion = 5;

using energy::Domain;
using energy::NumDomains;

class Emitter {
public:
  Emitter(JsonWriter &W, const ProfileDocument &Doc) : W(W), Doc(Doc) {}

  void document() {
    W.beginObject();
    W.field("schema_version", SchemaVersion);
    W.field("generator", "frugal-rt " FRUGAL_VERSION);
    program();
    metrics();
    machine();
    build();
    timing();
    energy();
    events();
    allocTracking();
    modules();
    functions();
    regions();
    tree();
    threads();
    totals();
    W.endObject();
  }

private:
  uint64_t ns(uint64_t Ticks) const { return Doc.Rate.toNs(Ticks); }

  void times(uint64_t Inclusive, uint64_t Exclusive) {
    W.key("time_ns");
    W.beginObject();
    W.field("inclusive", ns(Inclusive));
    W.field("exclusive", ns(Exclusive));
    W.endObject();
  }

  // counters {event: {inclusive, exclusive}} and alloc {...} of a function,
  // region or node; nothing when neither is collected. PeakLive: the
  // function's own peak when known (else the slot's).
  void metricFields(const uint64_t *Excl, const uint64_t *Incl,
                    const uint64_t *PeakLive = nullptr) {
    const MetricLayout &L = NodeMetricLayout;
    if (!Excl || !Incl)
      return;
    if (countedEvents()) {
      W.key("counters");
      W.beginObject();
      for (unsigned I = 0; I < Doc.NumEvents; ++I) {
        const counters::EventReport &E = Doc.Events[I];
        if (E.Slot < 0)
          continue;
        W.key(E.Name);
        W.beginObject();
        W.field("inclusive", Incl[E.Slot]);
        W.field("exclusive", Excl[E.Slot]);
        W.endObject();
      }
      W.endObject();
    }
    if (L.Alloc) {
      const uint64_t *A = Excl + L.AllocBase;
      const uint64_t *AI = Incl + L.AllocBase;
      W.key("alloc");
      W.beginObject();
      W.field("bytes", A[AllocBytes]);
      W.field("count", A[AllocCount]);
      W.field("frees", A[AllocFrees]);
      W.field("freed_bytes", A[AllocFreedBytes]);
      W.field("peak_live_bytes", PeakLive ? *PeakLive : A[AllocPeakLive]);
      W.field("inclusive_bytes", AI[AllocBytes]);
      W.field("inclusive_count", AI[AllocCount]);
      W.endObject();
    }
  }

  bool countedEvents() const {
    for (unsigned I = 0; I < Doc.NumEvents; ++I)
      if (Doc.Events[I].Slot >= 0)
        return true;
    return false;
  }

  void functionMetrics(uint32_t Id) {
    const ProfileSnapshot &S = *Doc.Snapshot;
    if (Id > S.MaxId)
      return;
    uint64_t Peak;
    bool HavePeak = alloc::functionPeakLiveBytes(Id, Peak);
    metricFields(S.FunctionMetrics.exclusive(Id),
                 S.FunctionMetrics.inclusive(Id), HavePeak ? &Peak : nullptr);
  }

  static const char *statusName(counters::EventStatus S) {
    switch (S) {
    case counters::EventStatus::Ok:
      return "ok";
    case counters::EventStatus::Unavailable:
      return "unavailable";
    case counters::EventStatus::Unknown:
      return "unknown";
    }
    return "unknown";
  }
  static const char *methodName(counters::EventMethod M) {
    switch (M) {
    case counters::EventMethod::Rdpmc:
      return "rdpmc";
    case counters::EventMethod::Sampler:
      return "sampler";
    case counters::EventMethod::None:
      break;
    }
    return nullptr;
  }

  void events() {
    W.key("events");
    W.beginArray();
    for (unsigned I = 0; I < Doc.NumEvents; ++I) {
      const counters::EventReport &E = Doc.Events[I];
      bool Counted = E.Slot >= 0;
      W.beginObject();
      W.field("name", E.Name);
      if (*E.Canonical)
        W.field("canonical", E.Canonical);
      else
        W.nullField("canonical");
      W.field("status", statusName(E.Status));
      if (*E.Reason)
        W.field("reason", E.Reason);
      else
        W.nullField("reason");
      if (const char *M = methodName(E.Method))
        W.field("method", M);
      else
        W.nullField("method");
      W.field("unit", E.Unit);
      W.field("scaled", E.Scaled);
      if (Counted) {
        W.field("running_fraction", E.MinRunningFraction);
        W.field("total", E.Total);
        W.field("unattributed", E.Unattributed);
      } else {
        W.nullField("running_fraction");
        W.nullField("total");
        W.nullField("unattributed");
      }
      W.endObject();
    }
    W.endArray();
  }

  void allocTracking() {
    W.key("alloc_tracking");
    W.beginObject();
    const alloc::AllocReport *A = Doc.Alloc;
    W.field("status", A ? A->Status : "off");
    if (A && *A->Reason)
      W.field("reason", A->Reason);
    else
      W.nullField("reason");
    if (A && NodeMetricLayout.Alloc) {
      W.field("bytes", A->Bytes);
      W.field("count", A->Count);
      W.field("frees", A->Frees);
      W.field("freed_bytes", A->FreedBytes);
      W.field("peak_live_bytes", A->PeakLiveBytes);
      W.field("unattributed_bytes", A->UnattributedBytes);
      W.field("unattributed_count", A->UnattributedCount);
      W.field("untracked_blocks", A->UntrackedBlocks);
    }
    W.endObject();
  }

  CallStats statsOf(uint32_t Id) const {
    const ProfileSnapshot &S = *Doc.Snapshot;
    return Id <= S.MaxId ? S.Functions[Id] : CallStats{0, 0, 0};
  }

  void program() {
    W.key("program");
    W.beginObject();
    W.key("argv");
    W.beginArray();
    for (size_t I = 0; I < Doc.ArgvLen;) {
      size_t N = strnlen(Doc.Argv + I, Doc.ArgvLen - I);
      W.string(std::string_view(Doc.Argv + I, N));
      I += N + 1;
    }
    W.endArray();
    W.field("executable", Doc.Executable);
    W.field("pid", Doc.Pid);
    W.field("host", Doc.Host);
    if (Doc.Rank.Known)
      W.field("rank", Doc.Rank.Value);
    else
      W.nullField("rank");
    W.field("start_unix_ns", Doc.StartUnixNs);
    W.field("wall_ns", Doc.WallNs);
    W.field("end", Doc.End);
    if (Doc.PeakRssBytes)
      W.field("peak_rss_bytes", Doc.PeakRssBytes);
    else
      W.nullField("peak_rss_bytes");
    W.endObject();
  }

  // Always written, {} when the program recorded none.
  void metrics() {
    W.key("metrics");
    W.beginObject();
    const ProgramMetricTable *T = Doc.Metrics;
    for (unsigned I = 0, N = T ? T->size() : 0; I < N; ++I) {
      W.key(T->name(I));
      exactNumber(T->value(I));
    }
    W.endObject();
  }

  // Whole numbers (sizes, counts) exactly, up to 2^53; others with the
  // writer's nine significant digits.
  void exactNumber(double V) {
    constexpr double Exact = 9007199254740992.0; // 2^53
    if (V >= -Exact && V <= Exact && V == double(int64_t(V)))
      W.number(int64_t(V));
    else
      W.number(V);
  }

  void machine() {
    const MachineInfo &M = *Doc.Machine;
    W.key("machine");
    W.beginObject();
    W.field("cpu_model", M.CpuModel);
    W.field("cores", static_cast<int64_t>(M.Cores));
    W.field("kernel", M.Kernel);
    if (M.HasGovernor)
      W.field("governor", M.Governor);
    else
      W.nullField("governor");
    W.field("timer", timerName(Doc.Timer));
    W.field("tsc_invariant", Doc.TscInvariant);
    if (Doc.Timer == TimerKind::Tsc)
      W.field("tsc_hz", Doc.Rate.hz());
    else
      W.nullField("tsc_hz");
    W.endObject();
  }

  void build() {
    const ModuleEntry *First = Doc.Modules ? Doc.Modules->first() : nullptr;
    W.key("build");
    W.beginObject();
    W.field("frugal_version", FRUGAL_VERSION);
    if (First) {
      W.field("llvm_version", First->LlvmVersion);
      W.field("filter", First->Filter);
    } else {
      W.nullField("llvm_version");
      W.nullField("filter");
    }
    W.endObject();
  }

  void timing() {
    W.key("timing");
    W.beginObject();
    W.field("mode", Doc.SampledTiming ? "sampled" : "exact");
    if (Doc.SampledTiming) {
      W.field("sample_period_us", Doc.SamplePeriodUs);
      W.field("stack_samples", Doc.StackSamples);
    }
    W.field("overhead_correction", Doc.OverheadCorrection);
    W.field("hook_pair_ns", Doc.Rate.fixedToNs(Doc.MeasuredCost.PairFixed,
                                               HookCost::FixedShift));
    W.field("hook_inner_ns", Doc.Rate.fixedToNs(Doc.MeasuredCost.InnerFixed,
                                                HookCost::FixedShift));
    W.endObject();
  }

  const energy::EnergyReport *report() const {
    return Doc.Energy && Doc.Energy->Attr ? Doc.Energy : nullptr;
  }
  bool domainShown(unsigned D) const {
    return report() && report()->Domains[D].Active;
  }
  const char *domainKey(unsigned D) const {
    return energy::domainName(Domain(D));
  }

  void energy() {
    const energy::EnergyReport *E = report();
    W.key("energy");
    W.beginObject();
    bool AnyMeasured = false, AnyModelled = false;
    for (unsigned D = 0; D < NumDomains; ++D)
      if (domainShown(D))
        (E->Domains[D].Measured ? AnyMeasured : AnyModelled) = true;
    W.field("status", AnyMeasured   ? (AnyModelled ? "mixed" : "measured")
                      : AnyModelled ? "modelled"
                                    : "not-measured");
    W.field("method", E ? E->Method : "none");
    if (E && E->Ticks)
      W.field("tick_us", E->TickUs);
    else
      W.nullField("tick_us");
    W.field("phase_locked", E ? E->PhaseLocked : false);
    if (E && E->PhaseLocked) {
      W.field("update_period_us", E->UpdatePeriodUs);
      W.field("poll_guard_us", E->PollGuardUs);
    }
    W.key("domains");
    W.beginObject();
    for (unsigned D = 0; D < NumDomains; ++D)
      if (domainShown(D))
        domainInfo(*E, D);
    W.endObject();
    W.key("baseline_w");
    W.beginObject();
    for (unsigned D = 0; D < NumDomains; ++D) {
      if (!domainShown(D))
        continue;
      const energy::RegressionSolution *S = E->Attr->solution(Domain(D));
      if (S && S->BaselineIdentified)
        W.field(domainKey(D), S->BaselineW);
      else
        W.nullField(domainKey(D));
    }
    W.endObject();
    if (E) {
      W.key("sampler");
      W.beginObject();
      W.field("ticks", E->Ticks);
      W.field("late_boundaries", E->SoftEnds);
      W.field("unlocked_ticks", E->UnlockedTicks);
      W.field("lock_fallbacks", E->LockFallbacks);
      W.field("windows", E->Attr->windows());
      W.field("missed_updates", E->Misses);
      W.field("late_wakes", E->LateWakes);
      W.field("relocks", E->Relocks);
      W.field("ring_overflows", E->RingOverflows);
      W.field("dropped_entries", E->DroppedEntries);
      W.field("function_columns", E->Attr->functionColumns());
      W.field("functions_in_rest", E->Attr->refsInRest());
      W.field("others_cpu_covariate", E->OthersCpu);
      W.field("cpu_s", E->SamplerCpuS);
      W.endObject();
    }
    W.endObject();
  }

  void domainInfo(const energy::EnergyReport &E, unsigned D) {
    const energy::DomainReport &R = E.Domains[D];
    W.key(domainKey(D));
    W.beginObject();
    W.field("source", energy::sourceName(R.Kind));
    W.field("measured", R.Measured);
    W.field("resolution_j", R.ResolutionJ);
    W.field("note", R.Note ? R.Note : "");
    W.key("units");
    W.beginArray();
    for (unsigned U = 0; U < R.NumUnits; ++U) {
      W.beginObject();
      W.field("unit", static_cast<uint32_t>(R.UnitIds[U]));
      W.field("energy_j", R.UnitJ[U]);
      W.endObject();
    }
    W.endArray();
    W.field("wraps", R.Wraps);
    W.field("rejected_samples", R.Glitches);
    W.field("unreadable_samples", R.Unreadable);
    W.field("rows", E.Attr->rows(Domain(D)));
    if (const energy::RegressionSolution *S = E.Attr->solution(Domain(D))) {
      W.key("regression");
      W.beginObject();
      W.field("baseline_identified", S->BaselineIdentified);
      W.field("baseline_stderr_w", S->BaselineStderrW);
      W.field("others_w_per_cpu_s", S->OthersW);
      W.field("pooled_w", S->PooledW);
      W.field("residual_std_j", S->ResidualStdJ);
      W.endObject();
    } else {
      W.nullField("regression");
    }
    W.endObject();
  }

  // energy_j and power_w of a function, region or node.
  void energyFields(const EnergyStats *Stats, uint32_t Ref, uint64_t ExclTicks,
                    bool WithPower) {
    if (!report() || !Stats)
      return;
    W.key("energy_j");
    W.beginObject();
    for (unsigned D = 0; D < NumDomains; ++D) {
      if (!domainShown(D))
        continue;
      W.key(domainKey(D));
      W.beginObject();
      W.field("inclusive", Stats->InclTotal[D]);
      W.field("exclusive", Stats->ExclTotal[D]);
      W.field("dynamic", Stats->ExclDynamic[D]);
      W.field("dynamic_inclusive", Stats->InclDynamic[D]);
      W.endObject();
    }
    W.endObject();
    if (!WithPower)
      return;
    W.key("power_w");
    W.beginObject();
    double Seconds = double(ns(ExclTicks)) * 1e-9;
    for (unsigned D = 0; D < NumDomains; ++D) {
      if (!domainShown(D))
        continue;
      W.key(domainKey(D));
      W.beginObject();
      energy::PowerEstimate P;
      if (report()->Attr->power(Domain(D), Ref, P)) {
        W.field("mean", P.MeanW);
        W.field("stderr", P.StderrW);
        W.field("resolved", P.Resolved);
      } else {
        // Modelled (or not regressed): the energy's average over the time.
        if (Seconds > 0)
          W.field("mean", Stats->ExclTotal[D] / Seconds);
        else
          W.nullField("mean");
        W.nullField("stderr");
        W.field("resolved", false);
      }
      W.endObject();
    }
    W.endObject();
  }

  const EnergyStats *functionEnergy(uint32_t Id) const {
    const ProfileSnapshot &S = *Doc.Snapshot;
    return S.FunctionEnergy && Id <= S.MaxId ? &S.FunctionEnergy[Id] : nullptr;
  }

  void totals() {
    const energy::EnergyReport *E = report();
    W.key("totals");
    W.beginObject();
    W.key("energy_j");
    W.beginObject();
    for (unsigned D = 0; D < NumDomains; ++D)
      if (domainShown(D))
        W.field(domainKey(D), E->Attr->totalJ(Domain(D)));
    W.endObject();
    W.key("unattributed_energy_j");
    W.beginObject();
    for (unsigned D = 0; D < NumDomains; ++D)
      if (domainShown(D))
        W.field(domainKey(D), E->Attr->unattributedJ(Domain(D)));
    W.endObject();
    if (E)
      W.field("sampled_s", E->Attr->seconds());
    else
      W.nullField("sampled_s");
    W.endObject();
  }

  static bool usable(const frugal_func_record &R) {
    return R.abi_version == FRUGAL_ABI_VERSION && R.id != 0;
  }

  void modules() {
    W.key("modules");
    W.beginArray();
    for (const ModuleEntry *M = Doc.Modules ? Doc.Modules->first() : nullptr; M;
         M = M->Next) {
      uint32_t Count = 0;
      for (uint32_t I = 0; I < M->NumRecords; ++I)
        Count += usable(M->Records[I]);
      W.beginObject();
      W.field("path", M->Path);
      W.field("llvm_version", M->LlvmVersion);
      W.field("filter", M->Filter);
      W.field("functions", Count);
      W.field("loaded", M->Loaded);
      W.endObject();
    }
    W.endArray();
  }

  void functions() {
    W.key("functions");
    W.beginArray();
    for (const ModuleEntry *M = Doc.Modules ? Doc.Modules->first() : nullptr; M;
         M = M->Next)
      for (uint32_t I = 0; I < M->NumRecords; ++I)
        if (usable(M->Records[I]))
          function(*M, M->Records[I], M->Args ? M->Args[I] : nullptr);
    W.endArray();
  }

  // "args": the sampled values of the recorded parameters, one row per
  // sampled call; written for every function compiled with recording.
  void args(const ArgSampler &S) {
    bool Named = S.Names != nullptr;
    W.key("args");
    W.beginObject();
    W.key("names");
    W.beginArray();
    for (uint32_t A = 0; Named && A < S.NumArgs; ++A)
      W.string(S.Names[A] ? S.Names[A] : "");
    W.endArray();
    W.key("samples");
    W.beginArray();
    uint32_t Rows = Named ? loadAcquire(S.Rows) : 0;
    int64_t Values[FRUGAL_ARGS_MAX];
    for (uint32_t I = 0; I < Rows; ++I) {
      if (!readRow(S, I, Values))
        continue;
      W.beginArray();
      for (uint32_t A = 0; A < S.NumArgs; ++A)
        W.number(Values[A]);
      W.endArray();
    }
    W.endArray();
    if (S.Note && *S.Note)
      W.field("note", S.Note);
    W.endObject();
  }

  void function(const ModuleEntry &M, const frugal_func_record &R,
                const ArgSampler *Args) {
    CallStats S = statsOf(R.id);
    W.beginObject();
    W.field("id", R.id);
    W.field("name", R.name ? R.name : "");
    W.field("linkage_name", R.linkage_name ? R.linkage_name : "");
    W.field("module", M.Path);
    W.field("file", R.file ? R.file : "");
    W.field("resolved_file", R.resolved_file ? R.resolved_file : "");
    W.field("line", R.line);
    W.field("calls", S.Calls);
    times(S.Inclusive, S.Exclusive);
    energyFields(functionEnergy(R.id), R.id, S.Exclusive, S.Calls != 0);
    functionMetrics(R.id);
    W.key("ir");
    W.beginObject();
    W.field("instructions", R.ir_instructions);
    W.field("basic_blocks", R.ir_basic_blocks);
    W.field("loops", R.ir_loops);
    W.field("max_loop_depth", R.ir_max_loop_depth);
    W.field("call_sites", R.ir_call_sites);
    W.field("alloca_bytes", R.ir_alloca_bytes);
    W.endObject();
    W.field("filtered", (R.flags & FRUGAL_FN_FILTERED) != 0);
    W.field("filter_reason", filterReasonName(R.filter_reason));
    if (Args)
      args(*Args);
    W.endObject();
  }

  void regions() {
    W.key("regions");
    W.beginArray();
    for (const RegionInfo *R = Doc.Regions ? Doc.Regions->first() : nullptr; R;
         R = loadAcquire(R->Next)) {
      CallStats S = statsOf(R->Id);
      W.beginObject();
      W.field("id", R->Id);
      W.field("name", R->Name);
      W.field("calls", S.Calls);
      times(S.Inclusive, S.Exclusive);
      energyFields(functionEnergy(R->Id), R->Id, S.Exclusive, S.Calls != 0);
      functionMetrics(R->Id);
      if (loadRelaxed(R->ItemsCounted)) {
        W.key("items");
        W.beginObject();
        W.field("count", loadRelaxed(R->Items));
        W.field("unit", regionItemsUnit(*R));
        W.endObject();
      }
      W.endObject();
    }
    W.endArray();
  }

  void tree() {
    const ProfileSnapshot &S = *Doc.Snapshot;
    W.key("tree");
    W.beginObject();
    W.field("max_nodes_per_thread", Doc.MaxNodesPerThread);
    W.field("folded_calls", S.FoldedCalls);
    W.key("nodes");
    W.beginArray();
    for (uint32_t I = 0; I < S.NumNodes; ++I) {
      const MergedNode &N = S.Nodes[I];
      W.beginObject();
      W.field("id", I);
      if (N.Parent == NoParent) {
        W.nullField("parent");
        W.nullField("ref");
      } else {
        W.field("parent", N.Parent);
        W.field("ref", N.Ref);
      }
      W.field("calls", N.Calls);
      times(N.Inclusive, N.Exclusive);
      energyFields(S.NodeEnergy ? &S.NodeEnergy[I] : nullptr, N.Ref,
                   N.Exclusive, N.Parent != NoParent && N.Calls != 0);
      metricFields(S.NodeMetrics.exclusive(I), S.NodeMetrics.inclusive(I));
      W.field("folded_calls", N.FoldedCalls);
      W.endObject();
    }
    W.endArray();
    W.endObject();
  }

  void threads() {
    const ProfileSnapshot &S = *Doc.Snapshot;
    W.key("threads");
    W.beginArray();
    for (uint32_t I = 0; I < S.NumThreads; ++I) {
      const ThreadSummary &T = S.Threads[I];
      W.beginObject();
      W.field("index", T.Index);
      W.field("tid", T.Tid);
      W.field("name", T.Name);
      W.field("ended", T.Ended);
      W.field("calls", T.Calls);
      W.field("max_depth", T.MaxDepth);
      W.field("resyncs", T.Resyncs);
      W.field("guard_takeovers", T.GuardTakeovers);
      W.field("overflow_frames", T.OverflowFrames);
      if (T.Metrics && countedEvents()) {
        // What the thread's nodes received: its counts from the first
        // sampler tick (or its first hook, for rdpmc events) on.
        W.key("counters");
        W.beginObject();
        for (unsigned K = 0; K < Doc.NumEvents; ++K)
          if (Doc.Events[K].Slot >= 0)
            W.field(Doc.Events[K].Name, T.Metrics[Doc.Events[K].Slot]);
        W.endObject();
      }
      W.key("functions");
      W.beginArray();
      for (uint32_t J = 0; J < T.NumFunctions; ++J) {
        const ThreadFunctionStats &F = T.Functions[J];
        W.beginObject();
        W.field("id", F.Id);
        W.field("calls", F.Stats.Calls);
        times(F.Stats.Inclusive, F.Stats.Exclusive);
        W.endObject();
      }
      W.endArray();
      W.endObject();
    }
    W.endArray();
  }

  JsonWriter &W;
  const ProfileDocument &Doc;
};

} // namespace

void emitProfile(JsonWriter &W, const ProfileDocument &Doc) {
  Emitter(W, Doc).document();
}

} // namespace frugal::rt
