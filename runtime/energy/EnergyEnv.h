//===- EnergyEnv.h - FRUGAL_* variables of the energy sources -------------===//
//
// Parsed once, at initialisation, like Env.h's: see the table in
// EnergyEnv.cpp and docs/energy.md. A bad value gives one warning and the
// documented default.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_ENERGYENV_H
#define FRUGAL_RUNTIME_ENERGY_ENERGYENV_H

#include "Env.h"
#include "energy/Source.h"

namespace frugal::rt::energy {

// The model's power per busy core when FRUGAL_CPU_WATTS is unset.
inline constexpr double DefaultCpuWatts = 10.0;
inline constexpr double MaxCpuWatts = 1000.0;
// Bound on FRUGAL_IDLE_WATTS: above it the value is a typo (mW?), not a
// machine.
inline constexpr double MaxIdleWatts = 100000.0;

// Fills Out from Lookup (secure_getenv by default); every bad value reports
// exactly one message to Warn (warning() by default) and leaves the field
// at its default.
void parseEnergyConfig(EnergyConfig &Out, EnvLookup Lookup = nullptr,
                       WarnSink Warn = nullptr);

// FRUGAL_ATTRIBUTION: how a measured domain's tick energy is split among the
// functions that ran in the tick (Attribution.h). A modelled domain (CPU
// time x watts) is split by time whatever the choice: there is nothing in
// it for a regression to find.
enum class AttributionChoice : uint8_t {
  Auto,       // the regression (the default)
  Regression, // the same, asked for: a warning if nothing is measured
  Time,       // by time: every function draws the tick's mean power
};

// Reads FRUGAL_ATTRIBUTION into Out: unset leaves it as is, a bad value sets
// Auto with one warning to Warn.
void parseAttributionChoice(AttributionChoice &Out, EnvLookup Lookup = nullptr,
                            WarnSink Warn = nullptr);

// The choice the last parseEnergyConfig read (Auto before any): the
// sampler's, process-wide like the configuration it is read with (a forked
// child keeps it).
AttributionChoice configuredAttribution();

// Whether T is a usable FRUGAL_MSR_PATH: "%d" exactly once (the CPU
// number) and no other '%'.
bool isMsrPathTemplate(const char *T);

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_ENERGYENV_H
