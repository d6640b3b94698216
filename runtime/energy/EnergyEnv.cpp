//===- EnergyEnv.cpp - FRUGAL_* variables of the energy sources -----------===//
//
// Variable              Accepted values                 Default / fallback
// --------------------  ------------------------------  -------------------
// FRUGAL_ENERGY         auto, perf, powercap, msr,      auto
//                       model, none
// FRUGAL_GPU            bool                            1
// FRUGAL_CPU_WATTS      number in (0, 1000], decimal    10 (the model's W
//                       point allowed                   per busy core)
// FRUGAL_IDLE_WATTS     number in [0, 100000]          unset (-1: estimated)
// FRUGAL_PERF_ROOT      path (< 512 bytes) /sys/bus/event_source/devices
// FRUGAL_POWERCAP_ROOT  path (< 512 bytes)              /sys/class/powercap
// FRUGAL_MSR_PATH       path with one %d (< 512)        /dev/cpu/%d/msr
// FRUGAL_CPU_ROOT       path (< 512 bytes)              /sys/devices/system/cpu
// FRUGAL_NVML_LIBRARY   library name or path (< 512)    libnvidia-ml.so.1
// FRUGAL_ATTRIBUTION    auto, regression, time          auto (regression for
//                                                       measured domains)
//
// Same conventions as Env.cpp: unset takes the default silently, set but
// invalid takes it with one warning, secure_getenv throughout (the paths
// name files the runtime opens, which a set-uid program must not take from
// its caller).
//
//===----------------------------------------------------------------------===//
#include "energy/EnergyEnv.h"

#include "Log.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

namespace frugal::rt::energy {

namespace {

struct Parser : EnvReader {
  using EnvReader::EnvReader;

  void readChoice(EnergyChoice &Field) {
    static constexpr NamedValue<EnergyChoice> Choices[] = {
        {"auto", EnergyChoice::Auto},         {"perf", EnergyChoice::Perf},
        {"powercap", EnergyChoice::Powercap}, {"msr", EnergyChoice::Msr},
        {"model", EnergyChoice::Model},       {"none", EnergyChoice::None}};
    readNamed("FRUGAL_ENERGY", Choices, Field, EnergyChoice::Auto, "auto");
  }

  void readAttribution(AttributionChoice &Field) {
    static constexpr NamedValue<AttributionChoice> Choices[] = {
        {"auto", AttributionChoice::Auto},
        {"regression", AttributionChoice::Regression},
        {"time", AttributionChoice::Time}};
    readNamed("FRUGAL_ATTRIBUTION", Choices, Field, AttributionChoice::Auto,
              "auto (the regression where the energy is measured)");
  }

  // Min is exclusive when MinExclusive (the model's watts must be > 0).
  void readWatts(const char *Name, double Min, bool MinExclusive, double Max,
                 const char *Expected, const char *Fallback, double &Field) {
    const char *V = get(Name);
    if (!V)
      return;
    double W;
    if (!parseNumber(V, /*AllowExponent=*/false, W) || W < Min ||
        (MinExclusive && W == Min) || W > Max) {
      complain(Name, V, Expected, Fallback);
      return;
    }
    Field = W;
  }
};

// Set once, at initialisation, before the sampler starts (which reads it).
constinit AttributionChoice ConfiguredAttribution = AttributionChoice::Auto;

} // namespace

void parseAttributionChoice(AttributionChoice &Out, EnvLookup Lookup,
                            WarnSink Warn) {
  Parser(Lookup, Warn).readAttribution(Out);
}

AttributionChoice configuredAttribution() { return ConfiguredAttribution; }

bool isMsrPathTemplate(const char *T) {
  unsigned Cpu = 0;
  for (const char *P = strchr(T, '%'); P; P = strchr(P + 1, '%')) {
    if (P[1] != 'd')
      return false;
    ++Cpu;
  }
  return Cpu == 1;
}

void parseEnergyConfig(EnergyConfig &Out, EnvLookup Lookup, WarnSink Warn) {
  Parser P(Lookup, Warn);
  P.readChoice(Out.Choice);
  P.readBool("FRUGAL_GPU", Out.Gpu);
  P.readWatts("FRUGAL_CPU_WATTS", 0, true, MaxCpuWatts,
              "a number of watts per busy core in (0, 1000]", "10",
              Out.CpuWatts);
  P.readWatts("FRUGAL_IDLE_WATTS", 0, false, MaxIdleWatts,
              "a number of watts in [0, 100000]", "an estimate", Out.IdleWatts);
  P.readPath("FRUGAL_PERF_ROOT", Out.PerfRoot,
             "a non-empty path shorter than 512 bytes");
  P.readPath("FRUGAL_POWERCAP_ROOT", Out.PowercapRoot,
             "a non-empty path shorter than 512 bytes");
  P.readPath("FRUGAL_MSR_PATH", Out.MsrPath,
             "a path shorter than 512 bytes with one %d for the CPU and no "
             "other %",
             isMsrPathTemplate);
  P.readPath("FRUGAL_CPU_ROOT", Out.CpuRoot,
             "a non-empty path shorter than 512 bytes");
  P.readPath("FRUGAL_NVML_LIBRARY", Out.NvmlLibrary,
             "a non-empty library name or path shorter than 512 bytes");
  AttributionChoice Attribution = AttributionChoice::Auto;
  P.readAttribution(Attribution);
  ConfiguredAttribution = Attribution;
}

} // namespace frugal::rt::energy
