//===- ModelSource.h - Estimated CPU energy from process CPU time ---------===//
//
// The fallback when no RAPL interface can be read: the process's CPU time
// (CLOCK_PROCESS_CPUTIME_ID, all threads) times a power per busy core.
// Its figures are estimates and say so (measured() is false), the way
// CodeCarbon's TDP model must be labelled.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_MODELSOURCE_H
#define FRUGAL_RUNTIME_ENERGY_MODELSOURCE_H

#include "energy/Source.h"

namespace frugal::rt::energy {

class ModelSource : public Source {
public:
  // WattsPerCore <= 0: DefaultCpuWatts (10 W). nullptr only when memory
  // runs out.
  static ModelSource *create(double WattsPerCore);

  // One channel: process CPU nanoseconds; JoulesPerCount = watts x 1e-9.
  ReadStatus read(uint64_t *Raw, bool *Valid) override;

  double wattsPerCore() const { return Watts; }

private:
  double Watts = 0;
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_MODELSOURCE_H
