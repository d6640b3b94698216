//===- ProfileWriter.cpp - A frugal profile, written back -----------------===//
//
// The inverse of Profile.cpp's reading, for `frugal merge`: streamed with
// json::OStream, so that writing a large profile needs no JSON tree beside
// the Profile. Keys follow docs/profile-format.md; only what Profile holds is
// written.
//
//===----------------------------------------------------------------------===//

#include "Profile.h"

#include "llvm/Support/JSON.h"

using namespace llvm;

namespace frugal {

namespace {
class Writer {
public:
  // Compact: a merged profile of many processes is large, and is read by
  // programs.
  explicit Writer(raw_ostream &OS) : J(OS, /*IndentSize=*/0) {}

  void profile(const Profile &Prof);

private:
  void times(StringLiteral Key, const Times &T) {
    J.attributeObject(Key, [&] {
      J.attribute("inclusive", T.Inclusive);
      J.attribute("exclusive", T.Exclusive);
    });
  }

  // energy_j, power_w, counters and alloc, as items carry them; the empty
  // maps are left out, as the runtime does.
  void itemFigures(const EnergyByDomain &Energy, const PowerByDomain &Power,
                   const CountsByEvent &Counters,
                   const std::optional<AllocCounts> &Alloc);
  void program(const ProgramInfo &Prog);
  void energy(const EnergyInfo &E);
  void domain(const EnergyDomain &D);
  void events(const std::vector<EventInfo> &Events);
  void allocTracking(const AllocTracking &A);
  void function(const FunctionRecord &F);
  void region(const RegionRecord &R);
  void tree(const CallTree &T);
  void threads(const std::vector<ThreadRecord> &Threads);
  void totals(const EnergyTotals &T);
  void processes(const std::vector<ProcessInfo> &Processes);

  json::OStream J;
};
} // namespace

void Writer::itemFigures(const EnergyByDomain &Energy,
                         const PowerByDomain &Power,
                         const CountsByEvent &Counters,
                         const std::optional<AllocCounts> &Alloc) {
  if (!Energy.empty())
    J.attributeObject("energy_j", [&] {
      for (const auto &[Name, E] : Energy)
        J.attributeObject(Name, [&] {
          J.attribute("inclusive", E.Inclusive);
          J.attribute("exclusive", E.Exclusive);
          J.attribute("dynamic", E.Dynamic);
          J.attribute("dynamic_inclusive", E.DynamicInclusive);
        });
    });
  if (!Power.empty())
    J.attributeObject("power_w", [&] {
      for (const auto &[Name, W] : Power)
        J.attributeObject(Name, [&] {
          J.attribute("mean", W.MeanW);
          J.attribute("stderr", W.StderrW);
          J.attribute("resolved", W.Resolved);
        });
    });
  if (!Counters.empty())
    J.attributeObject("counters", [&] {
      for (const auto &[Name, C] : Counters)
        J.attributeObject(Name, [&] {
          J.attribute("inclusive", C.Inclusive);
          J.attribute("exclusive", C.Exclusive);
        });
    });
  if (!Alloc) {
    J.attribute("alloc", nullptr);
    return;
  }
  J.attributeObject("alloc", [&] {
    J.attribute("bytes", Alloc->Bytes);
    J.attribute("count", Alloc->Count);
    J.attribute("frees", Alloc->Frees);
    J.attribute("freed_bytes", Alloc->FreedBytes);
    J.attribute("peak_live_bytes", Alloc->PeakLiveBytes);
    J.attribute("inclusive_bytes", Alloc->InclusiveBytes);
    J.attribute("inclusive_count", Alloc->InclusiveCount);
  });
}

void Writer::program(const ProgramInfo &Prog) {
  J.attributeObject("program", [&] {
    J.attributeArray("argv", [&] {
      for (const std::string &Arg : Prog.Argv)
        J.value(Arg);
    });
    J.attribute("executable", Prog.Executable);
    J.attribute("pid", Prog.Pid);
    J.attribute("host", Prog.Host);
    J.attribute("rank", Prog.Rank);
    if (Prog.StartUnixNs)
      J.attribute("start_unix_ns", *Prog.StartUnixNs);
    J.attribute("wall_ns", Prog.WallNs);
    J.attribute("end", Prog.End);
    J.attribute("peak_rss_bytes", Prog.PeakRssBytes);
  });
}

void Writer::domain(const EnergyDomain &D) {
  J.attributeObject(D.Name, [&] {
    J.attribute("source", D.Source);
    J.attribute("measured", D.Measured);
    J.attribute("resolution_j", D.ResolutionJ);
    J.attribute("note", D.Note);
    J.attributeArray("units", [&] {
      for (const EnergyUnit &U : D.Units)
        J.object([&] {
          J.attribute("unit", U.Unit);
          J.attribute("energy_j", U.EnergyJ);
        });
    });
    J.attribute("wraps", D.Wraps);
    J.attribute("rejected_samples", D.RejectedSamples);
    J.attribute("rows", D.Rows);
    if (!D.Regression) {
      J.attribute("regression", nullptr);
      return;
    }
    const RegressionInfo &R = *D.Regression;
    J.attributeObject("regression", [&] {
      J.attribute("baseline_identified", R.BaselineIdentified);
      J.attribute("baseline_stderr_w", R.BaselineStderrW);
      J.attribute("others_w_per_cpu_s", R.OthersWPerCpuS);
      J.attribute("pooled_w", R.PooledW);
      J.attribute("residual_std_j", R.ResidualStdJ);
    });
  });
}

void Writer::energy(const EnergyInfo &E) {
  J.attributeObject("energy", [&] {
    J.attribute("status", E.Status);
    J.attribute("method", E.Method);
    J.attribute("tick_us", E.TickUs);
    J.attribute("phase_locked", E.PhaseLocked);
    J.attributeObject("domains", [&] {
      for (const EnergyDomain &D : E.Domains)
        domain(D);
    });
    J.attributeObject("baseline_w", [&] {
      for (const auto &[Name, W] : E.BaselineW)
        J.attribute(Name, W);
    });
    if (!E.Sampler)
      return;
    const SamplerInfo &S = *E.Sampler;
    J.attributeObject("sampler", [&] {
      J.attribute("ticks", S.Ticks);
      J.attribute("windows", S.Windows);
      J.attribute("missed_updates", S.MissedUpdates);
      J.attribute("late_wakes", S.LateWakes);
      J.attribute("relocks", S.Relocks);
      J.attribute("ring_overflows", S.RingOverflows);
      J.attribute("dropped_entries", S.DroppedEntries);
      J.attribute("function_columns", S.FunctionColumns);
      J.attribute("functions_in_rest", S.FunctionsInRest);
      J.attribute("others_cpu_covariate", S.OthersCpuCovariate);
      J.attribute("cpu_s", S.CpuS);
    });
  });
}

void Writer::events(const std::vector<EventInfo> &Events) {
  writeEventsJson(J, Events);
}

void Writer::allocTracking(const AllocTracking &A) {
  J.attributeObject("alloc_tracking", [&] {
    J.attribute("status", A.Status);
    J.attribute("reason", A.Reason);
    if (!A.on())
      return;
    J.attribute("bytes", A.Bytes);
    J.attribute("count", A.Count);
    J.attribute("frees", A.Frees);
    J.attribute("freed_bytes", A.FreedBytes);
    J.attribute("peak_live_bytes", A.PeakLiveBytes);
    J.attribute("unattributed_bytes", A.UnattributedBytes);
    J.attribute("unattributed_count", A.UnattributedCount);
    J.attribute("untracked_blocks", A.UntrackedBlocks);
  });
}

void Writer::function(const FunctionRecord &F) {
  J.object([&] {
    J.attribute("id", F.Id);
    J.attribute("name", F.Name);
    J.attribute("linkage_name", F.LinkageName);
    J.attribute("module", F.Module);
    J.attribute("file", F.File);
    J.attribute("resolved_file", F.ResolvedFile);
    J.attribute("line", F.Line);
    J.attribute("calls", F.Calls);
    times("time_ns", F.Time);
    J.attribute("filtered", F.Filtered);
    J.attribute("filter_reason", F.FilterReason);
    itemFigures(F.Energy, F.Power, F.Counters, F.Alloc);
    if (!F.Args)
      return;
    J.attributeObject("args", [&] {
      J.attributeArray("names", [&] {
        for (const std::string &Name : F.Args->Names)
          J.value(Name);
      });
      J.attributeArray("samples", [&] {
        for (const std::vector<int64_t> &Sample : F.Args->Samples)
          J.array([&] {
            for (int64_t Value : Sample)
              J.value(Value);
          });
      });
      // The format omits the note when every parameter was recorded.
      if (!F.Args->Note.empty())
        J.attribute("note", F.Args->Note);
    });
  });
}

void Writer::region(const RegionRecord &R) {
  J.object([&] {
    J.attribute("id", R.Id);
    J.attribute("name", R.Name);
    J.attribute("calls", R.Calls);
    times("time_ns", R.Time);
    itemFigures(R.Energy, R.Power, R.Counters, R.Alloc);
    if (R.Items)
      J.attributeObject("items", [&] {
        J.attribute("count", R.Items->Count);
        J.attribute("unit", R.Items->Unit);
      });
  });
}

void Writer::tree(const CallTree &T) {
  J.attributeObject("tree", [&] {
    J.attribute("max_nodes_per_thread", T.MaxNodesPerThread);
    J.attribute("folded_calls", T.FoldedCalls);
    J.attributeArray("nodes", [&] {
      for (const TreeNode &N : T.Nodes)
        J.object([&] {
          J.attribute("id", N.Id);
          J.attribute("parent", N.Parent);
          J.attribute("ref", N.Ref);
          J.attribute("calls", N.Calls);
          times("time_ns", N.Time);
          J.attribute("folded_calls", N.FoldedCalls);
          itemFigures(N.Energy, N.Power, N.Counters, N.Alloc);
        });
    });
  });
}

void Writer::threads(const std::vector<ThreadRecord> &Threads) {
  J.attributeArray("threads", [&] {
    for (const ThreadRecord &T : Threads)
      J.object([&] {
        J.attribute("index", T.Index);
        J.attribute("tid", T.Tid);
        J.attribute("name", T.Name);
        J.attribute("ended", T.Ended);
        J.attribute("calls", T.Calls);
        J.attributeObject("counters", [&] {
          for (const auto &[Name, Count] : T.Counters)
            J.attribute(Name, Count);
        });
      });
  });
}

void Writer::totals(const EnergyTotals &T) {
  J.attributeObject("totals", [&] {
    J.attributeObject("energy_j", [&] {
      for (const auto &[Name, Joules] : T.EnergyJ)
        J.attribute(Name, Joules);
    });
    J.attributeObject("unattributed_energy_j", [&] {
      for (const auto &[Name, Joules] : T.UnattributedJ)
        J.attribute(Name, Joules);
    });
    J.attribute("sampled_s", T.SampledS);
  });
}

void Writer::processes(const std::vector<ProcessInfo> &Processes) {
  J.attributeArray("processes", [&] {
    for (const ProcessInfo &P : Processes)
      J.object([&] {
        J.attribute("profile", P.Profile);
        J.attribute("executable", P.Executable);
        J.attribute("pid", P.Pid);
        J.attribute("rank", P.Rank);
        J.attribute("host", P.Host);
        J.attribute("start_unix_ns", P.StartUnixNs);
        J.attribute("wall_ns", P.WallNs);
        J.attribute("end", P.End);
        J.attribute("peak_rss_bytes", P.PeakRssBytes);
        J.attribute("time_ns", P.TimeNs);
        J.attribute("calls", P.Calls);
        J.attribute("threads", P.Threads);
        J.attributeObject("energy_j", [&] {
          for (const auto &[Name, Joules] : P.EnergyJ)
            J.attribute(Name, Joules);
        });
        J.attributeObject("measured", [&] {
          for (const auto &[Name, Measured] : P.Measured)
            J.attribute(Name, Measured);
        });
        if (!P.Metrics.empty())
          J.attributeObject("metrics", [&] {
            for (const auto &[Name, Value] : P.Metrics)
              J.attribute(Name, Value);
          });
      });
  });
}

void Writer::profile(const Profile &Prof) {
  J.object([&] {
    J.attribute("schema_version", SupportedSchemaVersion);
    J.attribute("generator", Prof.Generator);
    program(Prof.Program);
    J.attributeObject("machine", [&] {
      J.attribute("cpu_model", Prof.Machine.CpuModel);
      J.attribute("cores", Prof.Machine.Cores);
      J.attribute("timer", Prof.Machine.Timer);
    });
    J.attributeObject("timing", [&] {
      J.attribute("mode", Prof.Timing.Mode);
      if (Prof.Timing.sampled()) {
        J.attribute("sample_period_us", Prof.Timing.SamplePeriodUs);
        J.attribute("stack_samples", Prof.Timing.StackSamples);
      }
    });
    energy(Prof.Energy);
    events(Prof.Events);
    allocTracking(Prof.Alloc);
    J.attributeArray("functions", [&] {
      for (const FunctionRecord &F : Prof.Functions)
        function(F);
    });
    J.attributeArray("regions", [&] {
      for (const RegionRecord &R : Prof.Regions)
        region(R);
    });
    tree(Prof.Tree);
    threads(Prof.Threads);
    if (Prof.Totals)
      totals(*Prof.Totals);
    if (!Prof.Processes.empty())
      processes(Prof.Processes);
    if (!Prof.Metrics.empty())
      J.attributeObject("metrics", [&] {
        for (const auto &[Name, Value] : Prof.Metrics)
          J.attribute(Name, Value);
      });
  });
}

void writeProfile(raw_ostream &OS, const Profile &Prof) {
  Writer(OS).profile(Prof);
  OS << '\n';
}

void writeEventsJson(json::OStream &J, ArrayRef<EventInfo> Events) {
  J.attributeArray("events", [&] {
    for (const EventInfo &E : Events)
      J.object([&] {
        J.attribute("name", E.Name);
        J.attribute("canonical", E.Canonical);
        J.attribute("status", E.Status);
        J.attribute("reason", E.Reason);
        J.attribute("method", E.Method);
        J.attribute("unit", E.Unit);
        J.attribute("scaled", E.Scaled);
        J.attribute("running_fraction", E.RunningFraction);
        J.attribute("total", E.Total);
        J.attribute("unattributed", E.Unattributed);
      });
  });
}

} // namespace frugal
