//===- SelectSources.cpp - Which energy sources this run uses -------------===//
//
// CPU: perf, then powercap, then msr (the order of preference in
// docs/energy.md), each kept only if one of its counters moves within
// EnergyConfig::LivenessProbeMs; else the model. A source forced with
// FRUGAL_ENERGY that cannot be used is a warning, and the model stands in
// (said so, since its figures are estimates). GPU: NVML alongside, unless
// FRUGAL_GPU=0; its absence is never a warning.
//
//===----------------------------------------------------------------------===//
#include "energy/ModelSource.h"
#include "energy/MsrSource.h"
#include "energy/NvmlSource.h"
#include "energy/PerfSource.h"
#include "energy/PowercapSource.h"
#include "energy/Source.h"

namespace frugal::rt::energy {

namespace {

Source *tryMeasured(EnergyChoice Choice, const EnergyConfig &Cfg, Reason &Why) {
  Source *S = nullptr;
  switch (Choice) {
  case EnergyChoice::Perf:
    S = PerfSource::create(Cfg.PerfRoot, Cfg.CpuRoot, Why);
    break;
  case EnergyChoice::Powercap:
    S = PowercapSource::create(Cfg.PowercapRoot, Why);
    break;
  case EnergyChoice::Msr:
    S = MsrSource::create(Cfg.MsrPath, Cfg.CpuRoot, Why);
    break;
  default:
    return nullptr;
  }
  if (S && Cfg.LivenessProbeMs &&
      !counterAdvances(*S, Cfg.LivenessProbeMs, Why)) {
    // The object stays in the permanent arena (a few hundred bytes, once
    // per process); its descriptors do not.
    S->close();
    return nullptr;
  }
  return S;
}

const char *choiceName(EnergyChoice C) {
  switch (C) {
  case EnergyChoice::Auto:
    return "auto";
  case EnergyChoice::Perf:
    return "perf";
  case EnergyChoice::Powercap:
    return "powercap";
  case EnergyChoice::Msr:
    return "msr";
  case EnergyChoice::Model:
    return "model";
  case EnergyChoice::None:
    return "none";
  }
  return "auto";
}

Source *model(const EnergyConfig &Cfg) {
  Source *S = ModelSource::create(Cfg.CpuWatts);
  if (S)
    verbose("energy: CPU source ", sourceName(S->kind()), ": ", S->note());
  return S;
}

Source *selectCpu(const EnergyConfig &Cfg) {
  switch (Cfg.Choice) {
  case EnergyChoice::None:
    verbose("energy: no CPU source (FRUGAL_ENERGY=none)");
    return nullptr;
  case EnergyChoice::Model:
    return model(Cfg);
  case EnergyChoice::Perf:
  case EnergyChoice::Powercap:
  case EnergyChoice::Msr: {
    Reason Why;
    if (Source *S = tryMeasured(Cfg.Choice, Cfg, Why)) {
      verbose("energy: CPU source ", sourceName(S->kind()), ": ", S->note());
      return S;
    }
    warning("FRUGAL_ENERGY=", choiceName(Cfg.Choice),
            " cannot be used: ", Why.view(),
            "; using the model instead (estimates, not "
            "measurements)");
    return model(Cfg);
  }
  case EnergyChoice::Auto:
    break;
  }
  for (EnergyChoice C :
       {EnergyChoice::Perf, EnergyChoice::Powercap, EnergyChoice::Msr}) {
    Reason Why;
    if (Source *S = tryMeasured(C, Cfg, Why)) {
      verbose("energy: CPU source ", sourceName(S->kind()), ": ", S->note());
      return S;
    }
    verbose("energy: ", choiceName(C), " unavailable: ", Why.view());
  }
  verbose("energy: no RAPL interface usable; CPU energy is estimated");
  return model(Cfg);
}

} // namespace

SourceSet selectSources(const EnergyConfig &Cfg) {
  SourceSet Set;
  Set.Cpu = selectCpu(Cfg);
  if (!Cfg.Gpu) {
    verbose("energy: GPU energy off (FRUGAL_GPU=0)");
    return Set;
  }
  Reason Why;
  Set.Gpu = NvmlSource::create(Cfg.NvmlLibrary, Why);
  if (Set.Gpu)
    verbose("energy: GPU source ", sourceName(Set.Gpu->kind()), ": ", Set.Gpu->note());
  else
    verbose("energy: no GPU source: ", Why.view());
  return Set;
}

} // namespace frugal::rt::energy
