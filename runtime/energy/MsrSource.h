//===- MsrSource.h - RAPL through /dev/cpu/N/msr --------------------------===//
//
// The last resort among the measured sources: needs the msr module, root or
// CAP_SYS_RAWIO, and each read is a system call plus an inter-processor
// interrupt to the CPU whose register is read. Registers are 32-bit
// counters (Modulus 2^32) in units of 1/2^ESU J from the unit register.
//
// Intel: package 0x611, PP0 0x639 (core), PP1 0x641 (uncore), DRAM 0x619,
// PSYS 0x64D (once), read on one CPU per package. AMD and Hygon (family
// 17h and later): package 0xC001029B per package, and core energy
// 0xC001029A per physical core, one channel each (the consumer sums the
// channels of one Dom + Unit); no DRAM.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_MSRSOURCE_H
#define FRUGAL_RUNTIME_ENERGY_MSRSOURCE_H

#include "energy/Source.h"

namespace frugal::rt::energy {

enum class CpuVendor : uint8_t { Unknown, Intel, Amd, Hygon };

struct CpuIdentity {
  CpuVendor Vendor = CpuVendor::Unknown;
  unsigned Family = 0; // with the extended family added
  unsigned Model = 0;  // with the extended model added
};

// From cpuid (Unknown off x86).
CpuIdentity detectCpu();

// Intel server parts whose DRAM counter uses a fixed 2^-16 J unit instead
// of the ESU of MSR_RAPL_POWER_UNIT (family 6 models; see docs/energy.md).
bool intelDramHasFixedUnit(unsigned Model);

namespace msr {
inline constexpr uint32_t IntelPowerUnit = 0x606;
inline constexpr uint32_t IntelPackageEnergy = 0x611;
inline constexpr uint32_t IntelDramEnergy = 0x619;
inline constexpr uint32_t IntelPp0Energy = 0x639;
inline constexpr uint32_t IntelPp1Energy = 0x641;
inline constexpr uint32_t IntelPsysEnergy = 0x64D;
inline constexpr uint32_t AmdPowerUnit = 0xC0010299;
inline constexpr uint32_t AmdCoreEnergy = 0xC001029A;
inline constexpr uint32_t AmdPackageEnergy = 0xC001029B;
} // namespace msr

class MsrSource : public Source {
public:
  // PathTemplate: FRUGAL_MSR_PATH ("%d" is the CPU); CpuRoot:
  // FRUGAL_CPU_ROOT (online CPUs and their package and core ids). Cpu:
  // nullptr to ask cpuid (tests pass one). nullptr with the reason and its
  // fix in Why when no register can be read.
  static MsrSource *create(const char *PathTemplate, const char *CpuRoot,
                           Reason &Why, const CpuIdentity *Cpu = nullptr);

  // Low 32 bits of each energy register.
  ReadStatus read(uint64_t *Raw, bool *Valid) override;
  void close() override;

private:
  struct Register {
    int Fd = -1; // the device of the CPU it is read on (shared)
    uint32_t Offset = 0;
  };
  Register *Registers = nullptr; // one per channel
  int *Fds = nullptr;            // each device once, for close()
  unsigned NumFds = 0;
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_MSRSOURCE_H
