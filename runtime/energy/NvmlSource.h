//===- NvmlSource.h - NVIDIA GPU energy through NVML ----------------------===//
//
// libnvidia-ml is loaded at run time (dlopen), so the runtime neither
// builds nor links against CUDA, and a machine without the driver simply
// has no GPU source. The counter is nvmlDeviceGetTotalEnergyConsumption:
// millijoules since the driver was loaded, 64-bit, Volta and newer.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_NVMLSOURCE_H
#define FRUGAL_RUNTIME_ENERGY_NVMLSOURCE_H

#include "energy/Source.h"

namespace frugal::rt::energy {

class NvmlSource : public Source {
public:
  // Library: FRUGAL_NVML_LIBRARY (a soname or a path). nullptr with the
  // reason in Why when there is no library, no device, or no device with
  // an energy counter; never an error for the program.
  static NvmlSource *create(const char *Library, Reason &Why);

  // Millijoules per device (domain gpu, unit = NVML index).
  ReadStatus read(uint64_t *Raw, bool *Valid) override;
  // nvmlShutdown, once. The library stays loaded: NVML may keep threads of
  // its own, and unloading it under them at exit is not worth the risk.
  void close() override;

  // NVML's ABI, declared here so that no NVIDIA header is needed.
  using Return = int; // nvmlReturn_t; 0 is NVML_SUCCESS
  using Device = struct nvmlDevice_st *;

private:
  using GetEnergyFn = Return (*)(Device, unsigned long long *);
  using ShutdownFn = Return (*)();
  GetEnergyFn GetEnergy = nullptr;
  ShutdownFn Shutdown = nullptr;
  Device *Devices = nullptr; // one per channel
  bool Initialized = false;
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_NVMLSOURCE_H
