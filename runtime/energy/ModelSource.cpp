//===- ModelSource.cpp - Estimated CPU energy from process CPU time -------===//
#include "energy/ModelSource.h"

#include "energy/EnergyEnv.h"

#include <time.h>
#include <unistd.h>

namespace frugal::rt::energy {

ModelSource *ModelSource::create(double WattsPerCore) {
  ModelSource *S = permanentObject<ModelSource>();
  Channel *C = permanentArray<Channel>(1);
  if (!S || !C)
    return nullptr;
  bool Default = !(WattsPerCore > 0);
  S->Kind = SourceKind::Model;
  S->Measured = false;
  S->Watts = Default ? DefaultCpuWatts : WattsPerCore;
  C->Dom = Domain::Package;
  C->Unit = 0;
  C->JoulesPerCount = S->Watts * 1e-9;
  C->Modulus = 0;
  // Every CPU busy at once is the most the model can report (with margin):
  // on a big machine that is well above the default glitch bound.
  long Cpus = sysconf(_SC_NPROCESSORS_CONF);
  C->MaxWatts = 2 * S->Watts * double(Cpus > 0 ? Cpus : 1) + 1;
  setLabel(*C, "model", "process CPU time");
  S->Channels = C;
  S->NumChannels = 1;
  MessageBuilder B;
  B.append("process CPU time × ");
  appendNumber(B, S->Watts);
  B.append(" W per busy core (");
  B.append(Default ? "default; set FRUGAL_CPU_WATTS" : "FRUGAL_CPU_WATTS");
  B.append(")");
  copyText(S->Note, sizeof(S->Note), B.view());
  return S;
}

ReadStatus ModelSource::read(uint64_t *Raw, bool *Valid) {
  timespec Ts;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &Ts) != 0) {
    Raw[0] = 0;
    Valid[0] = false;
    return ReadStatus::Failed;
  }
  Raw[0] = uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
  Valid[0] = true;
  return ReadStatus::Ok;
}

} // namespace frugal::rt::energy
