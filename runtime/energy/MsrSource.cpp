//===- MsrSource.cpp - RAPL through /dev/cpu/N/msr ------------------------===//
#include "energy/MsrSource.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

namespace frugal::rt::energy {

namespace {

// Beyond the kernel's usual NR_CPUS (8192), with room.
constexpr unsigned MaxCpus = 16384;

struct CpuTopo {
  uint32_t Cpu = 0;
  uint32_t Package = 0;
  uint32_t Core = 0;
};

struct OpenCpu {
  uint32_t Cpu = 0;
  int Fd = -1;
};

struct Entry {
  Channel C;
  int Fd = -1;
  uint32_t Offset = 0;
};

bool readTopologyId(const char *CpuRoot, uint32_t Cpu, const char *File,
                    uint32_t &Out) {
  PathBuilder P(CpuRoot);
  P.append("/cpu").append(uint64_t(Cpu)).append("/topology/").append(File);
  char Buf[24];
  uint64_t V;
  if (P.overflow() || !readText(P.c_str(), Buf, sizeof(Buf)) ||
      !parseU64(Buf, V) || V > UINT32_MAX)
    return false;
  Out = uint32_t(V);
  return true;
}

// PathTemplate with its "%d" replaced by Cpu (EnergyEnv checked that there
// is exactly one and no other '%': the template is never a printf format).
bool devicePath(const char *PathTemplate, uint32_t Cpu, PathBuilder &Out) {
  const char *D = strstr(PathTemplate, "%d");
  if (!D)
    return false;
  char Head[PathBuilder::Capacity];
  copyText(Head, sizeof(Head),
           std::string_view(PathTemplate, size_t(D - PathTemplate)));
  Out.append(Head).append(uint64_t(Cpu)).append(D + 2);
  return !Out.overflow();
}

// Low 32 bits of register Offset; false when the read fails (EIO: the
// register does not exist on this CPU).
bool readRegister(int Fd, uint32_t Offset, uint64_t &Out) {
  uint64_t V;
  if (!preadExact(Fd, &V, sizeof(V), Offset))
    return false;
  Out = V;
  return true;
}

class Opener {
public:
  Opener(const char *PathTemplate, ScratchArray<OpenCpu> &Open)
      : PathTemplate(PathTemplate), Open(Open) {}

  // The device of Cpu, opened once; -1 with the reason in Why.
  int fdFor(uint32_t Cpu, Reason &Why) {
    for (unsigned I = 0; I < Open.size(); ++I)
      if (Open[I].Cpu == Cpu)
        return Open[I].Fd;
    PathBuilder Path;
    if (!devicePath(PathTemplate, Cpu, Path)) {
      Why.append("FRUGAL_MSR_PATH '")
          .append(PathTemplate)
          .append("' has no %d for the CPU number");
      return -1;
    }
    int Fd = openReadOnly(Path.c_str());
    if (Fd < 0) {
      int Err = errno;
      if (Err == ENOENT || Err == ENXIO || Err == ENODEV)
        Why.append("msr driver not loaded: ")
            .append(Path.c_str())
            .append(" is missing (sudo modprobe msr)");
      else if (Err == EACCES || Err == EPERM)
        Why.append("permission denied on ")
            .append(Path.c_str())
            .append(": reading MSRs needs root, or CAP_SYS_RAWIO and read "
                    "access to the device (`sudo setcap cap_sys_rawio=ep "
                    "PROGRAM` and `sudo chmod o+r /dev/cpu/*/msr`)");
      else
        Why.append("cannot open ")
            .append(Path.c_str())
            .append(": ")
            .append(errnoText(Err));
      return -1;
    }
    OpenCpu *O = Open.push();
    if (!O) {
      ::close(Fd);
      Why.append("too many MSR devices");
      return -1;
    }
    O->Cpu = Cpu;
    O->Fd = Fd;
    return Fd;
  }

  void closeAll() {
    for (unsigned I = 0; I < Open.size(); ++I)
      ::close(Open[I].Fd);
  }

private:
  const char *PathTemplate;
  ScratchArray<OpenCpu> &Open;
};

std::string_view hex(uint32_t V, char (&Buf)[16]) {
  Buf[0] = '0';
  Buf[1] = 'x';
  auto R = std::to_chars(Buf + 2, Buf + sizeof(Buf), V, 16);
  return std::string_view(Buf, size_t(R.ptr - Buf));
}

double unitJoules(uint64_t UnitRegister) {
  unsigned Esu = unsigned(UnitRegister >> 8) & 0x1f;
  return 1.0 / double(uint64_t(1) << Esu);
}

// Adds register Offset read on Cpu's device as a channel, unless the read
// fails (an absent domain) or reads 0 (implemented as a stub: a real
// energy counter is never 0 after boot).
void addRegister(Opener &Devices, ScratchArray<Entry> &Entries, uint32_t Cpu,
                 uint32_t Offset, Domain Dom, uint16_t Unit, double Joules) {
  char Hex[16];
  Reason Ignored;
  int Fd = Devices.fdFor(Cpu, Ignored);
  uint64_t V;
  if (Fd < 0) {
    verbose("msr: no ", domainName(Dom), " energy for package ", Unit, ": ",
            Ignored.view());
    return;
  }
  if (!readRegister(Fd, Offset, V)) {
    verbose("msr: no ", domainName(Dom), " energy on package ", Unit,
            " (register ", hex(Offset, Hex), " unreadable: ", errnoText(errno),
            ")");
    return;
  }
  if ((V & 0xffffffffu) == 0) {
    verbose("msr: no ", domainName(Dom), " energy on package ", Unit,
            " (register ", hex(Offset, Hex), " reads 0)");
    return;
  }
  Entry *E = Entries.push();
  if (!E) {
    verbose("msr: more registers than channels; ignoring register ",
            hex(Offset, Hex), " on cpu ", Cpu);
    return;
  }
  E->Fd = Fd;
  E->Offset = Offset;
  E->C.Dom = Dom;
  E->C.Unit = Unit;
  E->C.JoulesPerCount = Joules;
  E->C.Modulus = uint64_t(1) << 32;
  MessageBuilder L;
  L.append("msr ").append(hex(Offset, Hex)).append(" cpu").append(Cpu);
  copyText(E->C.Label, sizeof(E->C.Label), L.view());
}

} // namespace

CpuIdentity detectCpu() {
  CpuIdentity Id;
#if defined(__x86_64__) || defined(__i386__)
  unsigned A, B, C, D;
  if (!__get_cpuid(0, &A, &B, &C, &D))
    return Id;
  char Vendor[13];
  memcpy(Vendor, &B, 4);
  memcpy(Vendor + 4, &D, 4);
  memcpy(Vendor + 8, &C, 4);
  Vendor[12] = '\0';
  if (!strcmp(Vendor, "GenuineIntel"))
    Id.Vendor = CpuVendor::Intel;
  else if (!strcmp(Vendor, "AuthenticAMD"))
    Id.Vendor = CpuVendor::Amd;
  else if (!strcmp(Vendor, "HygonGenuine"))
    Id.Vendor = CpuVendor::Hygon;
  if (!__get_cpuid(1, &A, &B, &C, &D))
    return Id;
  unsigned BaseFamily = (A >> 8) & 0xf, BaseModel = (A >> 4) & 0xf;
  Id.Family = BaseFamily;
  if (BaseFamily == 0xf)
    Id.Family += (A >> 20) & 0xff;
  Id.Model = BaseModel;
  if (BaseFamily == 0x6 || BaseFamily == 0xf)
    Id.Model += ((A >> 16) & 0xf) << 4;
#endif
  return Id;
}

bool intelDramHasFixedUnit(unsigned Model) {
  // As Linux's intel_rapl driver: Haswell-EP, Broadwell-EP and -DE,
  // Skylake-X (also Cascade and Cooper Lake), Xeon Phi KNL and KNM, Ice
  // Lake-SP and -D, Sapphire and Emerald Rapids, Granite Rapids.
  static constexpr unsigned Models[] = {0x3F, 0x4F, 0x56, 0x55, 0x57, 0x85,
                                        0x6A, 0x6C, 0x8F, 0xCF, 0xAD, 0xAE};
  for (unsigned M : Models)
    if (M == Model)
      return true;
  return false;
}

MsrSource *MsrSource::create(const char *PathTemplate, const char *CpuRoot,
                             Reason &Why, const CpuIdentity *Cpu) {
  CpuIdentity Detected;
  if (!Cpu) {
    Detected = detectCpu();
    Cpu = &Detected;
  }
  bool Amd = Cpu->Vendor == CpuVendor::Amd || Cpu->Vendor == CpuVendor::Hygon;
  if (Cpu->Vendor == CpuVendor::Unknown) {
    Why.append("no RAPL registers known for this CPU (not Intel, AMD or "
               "Hygon)");
    return nullptr;
  }
  if (Amd && Cpu->Family < 0x17) {
    Why.append("AMD family ").append(Cpu->Family);
    Why.append(" has no RAPL registers (family 17h and later have them)");
    return nullptr;
  }

  // Online CPUs, and the package and core of each.
  ScratchArray<uint32_t> Online(MaxCpus);
  ScratchArray<CpuTopo> Topo(MaxCpus);
  ScratchArray<OpenCpu> Open(MaxCpus);
  ScratchArray<Entry> Entries(MaxChannels);
  if (!Online.ok() || !Topo.ok() || !Open.ok() || !Entries.ok() ||
      !Online.resize(MaxCpus)) {
    Why.append("out of memory");
    return nullptr;
  }
  char Buf[4096];
  PathBuilder OnlinePath(CpuRoot);
  OnlinePath.append("/online");
  unsigned NumOnline = 0;
  if (OnlinePath.overflow() ||
      !readText(OnlinePath.c_str(), Buf, sizeof(Buf)) ||
      !parseCpuList(Buf, Online.data(), MaxCpus, NumOnline) || NumOnline == 0) {
    Why.append("cannot read the online CPUs from ").append(OnlinePath.c_str());
    return nullptr;
  }
  if (NumOnline > MaxCpus)
    NumOnline = MaxCpus;
  for (unsigned I = 0; I < NumOnline; ++I) {
    CpuTopo T;
    T.Cpu = Online[I];
    if (!readTopologyId(CpuRoot, T.Cpu, "physical_package_id", T.Package) ||
        !readTopologyId(CpuRoot, T.Cpu, "core_id", T.Core)) {
      verbose("msr: skipping cpu ", T.Cpu, ": no topology under ", CpuRoot);
      continue;
    }
    *Topo.push() = T;
  }
  if (Topo.size() == 0) {
    Why.append("no CPU topology under ").append(CpuRoot);
    return nullptr;
  }

  Opener Devices(PathTemplate, Open);
  // The first online CPU: if its device cannot be opened, none can.
  if (Devices.fdFor(Topo[0].Cpu, Why) < 0)
    return nullptr;

  bool HavePsys = false;
  unsigned Packages = 0;
  for (unsigned I = 0; I < Topo.size(); ++I) {
    bool FirstOfPackage = true;
    for (unsigned J = 0; J < I && FirstOfPackage; ++J)
      FirstOfPackage = Topo[J].Package != Topo[I].Package;
    if (!FirstOfPackage)
      continue;
    uint32_t Reader = Topo[I].Cpu;
    uint16_t Unit = uint16_t(Topo[I].Package);
    Reason OpenWhy;
    int Fd = Devices.fdFor(Reader, OpenWhy);
    uint64_t Units;
    uint32_t UnitRegister = Amd ? msr::AmdPowerUnit : msr::IntelPowerUnit;
    if (Fd < 0 || !readRegister(Fd, UnitRegister, Units)) {
      verbose("msr: skipping package ", Unit, ": ",
              Fd < 0 ? OpenWhy.view()
                     : "the RAPL unit register is "
                       "unreadable");
      continue;
    }
    ++Packages;
    double Joules = unitJoules(Units);
    if (Amd) {
      addRegister(Devices, Entries, Reader, msr::AmdPackageEnergy,
                  Domain::Package, Unit, Joules);
      // Core energy is per physical core: one channel per core, read on
      // its first CPU (a sibling thread reads the same register).
      for (unsigned J = 0; J < Topo.size(); ++J) {
        if (Topo[J].Package != Topo[I].Package)
          continue;
        bool FirstOfCore = true;
        for (unsigned K = 0; K < J && FirstOfCore; ++K)
          FirstOfCore = Topo[K].Package != Topo[J].Package ||
                        Topo[K].Core != Topo[J].Core;
        if (FirstOfCore)
          addRegister(Devices, Entries, Topo[J].Cpu, msr::AmdCoreEnergy,
                      Domain::Core, Unit, Joules);
      }
      continue;
    }
    double DramJoules = Cpu->Family == 6 && intelDramHasFixedUnit(Cpu->Model)
                            ? 1.0 / 65536
                            : Joules;
    addRegister(Devices, Entries, Reader, msr::IntelPackageEnergy,
                Domain::Package, Unit, Joules);
    addRegister(Devices, Entries, Reader, msr::IntelPp0Energy, Domain::Core,
                Unit, Joules);
    addRegister(Devices, Entries, Reader, msr::IntelPp1Energy, Domain::Uncore,
                Unit, Joules);
    addRegister(Devices, Entries, Reader, msr::IntelDramEnergy, Domain::Dram,
                Unit, DramJoules);
    if (!HavePsys) {
      // Platform energy is one counter for the machine.
      unsigned Before = Entries.size();
      addRegister(Devices, Entries, Reader, msr::IntelPsysEnergy, Domain::Psys,
                  0, Joules);
      HavePsys = Entries.size() > Before;
    }
  }
  if (Entries.size() == 0) {
    Devices.closeAll();
    if (Packages == 0)
      Why.append("the RAPL unit register (0x")
          .append(Amd ? "c0010299" : "606")
          .append(") is unreadable: no RAPL on this CPU, or a virtual "
                  "machine that hides it");
    else
      Why.append("no RAPL energy register could be read");
    return nullptr;
  }

  unsigned N = Entries.size();
  // Devices no channel reads (a package whose registers all failed) are
  // closed now.
  unsigned Used = 0;
  for (unsigned I = 0; I < Open.size(); ++I) {
    bool InUse = false;
    for (unsigned J = 0; J < N && !InUse; ++J)
      InUse = Entries[J].Fd == Open[I].Fd;
    if (InUse)
      Open[Used++] = Open[I];
    else
      ::close(Open[I].Fd);
  }
  MsrSource *S = permanentObject<MsrSource>();
  Channel *Channels = permanentArray<Channel>(N);
  Register *Registers = permanentArray<Register>(N);
  int *Fds = permanentArray<int>(Used);
  if (!S || !Channels || !Registers || !Fds) {
    for (unsigned I = 0; I < Used; ++I)
      ::close(Open[I].Fd);
    Why.append("out of memory");
    return nullptr;
  }
  for (unsigned I = 0; I < N; ++I) {
    Channels[I] = Entries[I].C;
    Registers[I].Fd = Entries[I].Fd;
    Registers[I].Offset = Entries[I].Offset;
  }
  for (unsigned I = 0; I < Used; ++I)
    Fds[I] = Open[I].Fd;
  S->Kind = SourceKind::Msr;
  S->Measured = true;
  S->NumChannels = N;
  S->Channels = Channels;
  S->Registers = Registers;
  S->Fds = Fds;
  S->NumFds = Used;
  MessageBuilder B;
  appendDomainSummary(B, Channels, N);
  B.append(Amd ? " (AMD" : " (Intel").append(", ").append(PathTemplate);
  B.append(")");
  copyText(S->Note, sizeof(S->Note), B.view());
  return S;
}

ReadStatus MsrSource::read(uint64_t *Raw, bool *Valid) {
  for (unsigned I = 0; I < NumChannels; ++I) {
    uint64_t V = 0;
    Valid[I] = Registers[I].Fd >= 0 &&
               readRegister(Registers[I].Fd, Registers[I].Offset, V);
    Raw[I] = Valid[I] ? (V & 0xffffffffu) : 0;
  }
  return summarize(Valid, NumChannels);
}

void MsrSource::close() {
  for (unsigned I = 0; I < NumFds; ++I)
    if (Fds[I] >= 0) {
      ::close(Fds[I]);
      Fds[I] = -1;
    }
  for (unsigned I = 0; I < NumChannels; ++I)
    Registers[I].Fd = -1;
}

} // namespace frugal::rt::energy
