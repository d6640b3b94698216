//===- PerfSource.cpp - RAPL through the perf_event "power" PMU -----------===//
#include "energy/PerfSource.h"

#include <errno.h>
#include <linux/perf_event.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace frugal::rt::energy {

namespace {

struct EventKind {
  const char *Name; // after "energy-"
  Domain Dom;
};
// pkg, cores (PP0), gpu (PP1, the uncore), ram, psys: the rapl driver's
// names. AMD kernels list only pkg (older ones advertised more that
// failed to open; those are skipped one by one).
constexpr EventKind Events[] = {{"pkg", Domain::Package},
                                {"cores", Domain::Core},
                                {"gpu", Domain::Uncore},
                                {"ram", Domain::Dram},
                                {"psys", Domain::Psys}};

// Counters of one CPU per package; more would be an odd PMU.
constexpr unsigned MaxPackages = 256;

struct Entry {
  Channel C;
  int Fd = -1;
  bool Seekable = false;
};

// "event=0x02" (the power PMU's only format field) -> 2.
bool parseEventConfig(const char *Text, uint64_t &Config) {
  if (strncmp(Text, "event=", 6))
    return false;
  const char *P = Text + 6;
  int Base = 10;
  if (P[0] == '0' && (P[1] == 'x' || P[1] == 'X')) {
    P += 2;
    Base = 16;
  }
  size_t N = strlen(P);
  auto R = std::from_chars(P, P + N, Config, Base);
  return N && R.ec == std::errc() && R.ptr == P + N;
}

bool readPmuFile(const char *Root, const char *File, char *Buf, size_t Cap) {
  PathBuilder P(Root);
  P.append("/power/").append(File);
  if (P.overflow()) {
    errno = ENAMETOOLONG;
    return false;
  }
  return readText(P.c_str(), Buf, Cap);
}

uint16_t packageOf(const char *CpuRoot, uint32_t Cpu, uint16_t Fallback) {
  PathBuilder P(CpuRoot);
  P.append("/cpu")
      .append(uint64_t(Cpu))
      .append("/topology/physical_package_id");
  char Buf[24];
  uint64_t Id;
  if (!P.overflow() && readText(P.c_str(), Buf, sizeof(Buf)) &&
      parseU64(Buf, Id) && Id <= UINT16_MAX)
    return uint16_t(Id);
  return Fallback;
}

// One read of a counter: perf fds with read(), files at offset 0.
bool readCount(int Fd, bool Seekable, uint64_t &Out) {
  uint64_t V = 0;
  ssize_t R;
  do
    R = Seekable ? pread(Fd, &V, sizeof(V), 0) : ::read(Fd, &V, sizeof(V));
  while (R < 0 && errno == EINTR);
  if (R != sizeof(V))
    return false;
  Out = V;
  return true;
}

void explainDenied(Reason &Why, int Err, const char *ParanoidPath) {
  char Paranoid[16];
  Why.append("opening the RAPL perf events was refused (")
      .append(errnoText(Err))
      .append("): system-wide events need kernel.perf_event_paranoid <= 0 "
              "(it is ");
  if (ParanoidPath && readText(ParanoidPath, Paranoid, sizeof(Paranoid)))
    Why.append(Paranoid);
  else
    Why.append("unknown");
  Why.append(" here; Debian's default is 3), CAP_PERFMON or root; fix: "
             "`sudo sysctl kernel.perf_event_paranoid=0`, or `sudo setcap "
             "cap_perfmon+ep PROGRAM`, or run as root");
}

} // namespace

int openPerfEvent(uint32_t Type, uint64_t Config, int Cpu) {
  perf_event_attr Attr;
  memset(&Attr, 0, sizeof(Attr));
  Attr.type = Type;
  Attr.size = sizeof(Attr);
  Attr.config = Config;
  // Counting from the open on; no sampling, no exclusions (the power PMU
  // rejects both).
  return moveFdHigh(int(
      syscall(SYS_perf_event_open, &Attr, -1, Cpu, -1, PERF_FLAG_FD_CLOEXEC)));
}

PerfSource *PerfSource::create(const char *PerfRoot, const char *CpuRoot,
                               Reason &Why, PerfOpener Open,
                               const char *ParanoidPath) {
  if (!Open)
    Open = openPerfEvent;
  char Buf[256];
  uint64_t Type;
  if (!readPmuFile(PerfRoot, "type", Buf, sizeof(Buf))) {
    if (errno == ENOENT || errno == ENOTDIR)
      Why.append("no RAPL power PMU: ")
          .append(PerfRoot)
          .append("/power is missing (a virtual machine exposes no RAPL; on "
                  "bare metal the kernel "
                  "lacks the rapl perf driver)");
    else
      Why.append("cannot read ")
          .append(PerfRoot)
          .append("/power/type: ")
          .append(errnoText(errno));
    return nullptr;
  }
  if (!parseU64(Buf, Type) || Type > UINT32_MAX) {
    Why.append(PerfRoot).append("/power/type is not a PMU type: '");
    Why.append(Buf).append("'");
    return nullptr;
  }
  uint32_t Cpus[MaxPackages];
  unsigned NumCpus = 0;
  if (!readPmuFile(PerfRoot, "cpumask", Buf, sizeof(Buf)) ||
      !parseCpuList(Buf, Cpus, MaxPackages, NumCpus) || NumCpus == 0) {
    Why.append("the power PMU lists no CPU to open its events on (")
        .append(PerfRoot)
        .append("/power/cpumask)");
    return nullptr;
  }
  if (NumCpus > MaxPackages)
    NumCpus = MaxPackages;

  ScratchArray<Entry> Entries(MaxChannels);
  if (!Entries.ok()) {
    Why.append("out of memory");
    return nullptr;
  }
  auto CloseAll = [&] {
    for (unsigned I = 0; I < Entries.size(); ++I)
      ::close(Entries[I].Fd);
  };
  for (const EventKind &K : Events) {
    PathBuilder Event("events/energy-");
    Event.append(K.Name);
    if (!readPmuFile(PerfRoot, Event.c_str(), Buf, sizeof(Buf)))
      continue; // not on this CPU: nothing to say
    uint64_t Config;
    if (!parseEventConfig(Buf, Config)) {
      verbose("perf: skipping energy-", K.Name, ": unknown encoding '", Buf,
              "'");
      continue;
    }
    PathBuilder File(Event.c_str());
    File.append(".scale");
    double Scale;
    if (!readPmuFile(PerfRoot, File.c_str(), Buf, sizeof(Buf)) ||
        !parseNumber(Buf, /*AllowExponent=*/true, Scale) || !(Scale > 0)) {
      verbose("perf: skipping energy-", K.Name, ": no usable .scale");
      continue;
    }
    PathBuilder UnitFile(Event.c_str());
    UnitFile.append(".unit");
    if (readPmuFile(PerfRoot, UnitFile.c_str(), Buf, sizeof(Buf)) &&
        strcmp(Buf, "Joules")) {
      verbose("perf: skipping energy-", K.Name, ": unit '", Buf,
              "', not Joules");
      continue;
    }
    // Platform energy (psys) is one counter, not one per package.
    unsigned CpuCount = K.Dom == Domain::Psys ? 1 : NumCpus;
    for (unsigned I = 0; I < CpuCount; ++I) {
      int Fd = Open(uint32_t(Type), Config, int(Cpus[I]));
      if (Fd < 0) {
        int Err = errno;
        if (Err == EACCES || Err == EPERM) {
          CloseAll();
          explainDenied(Why, Err, ParanoidPath);
          return nullptr;
        }
        verbose("perf: skipping energy-", K.Name, " on cpu ", Cpus[I], ": ",
                errnoText(Err));
        continue;
      }
      uint64_t Probe;
      bool Seekable = readCount(Fd, true, Probe);
      if (!Seekable && !readCount(Fd, false, Probe)) {
        verbose("perf: skipping energy-", K.Name, " on cpu ", Cpus[I],
                ": the count cannot be read (", errnoText(errno), ")");
        ::close(Fd);
        continue;
      }
      Entry *E = Entries.push();
      if (!E) {
        ::close(Fd);
        break;
      }
      E->Fd = Fd;
      E->Seekable = Seekable;
      E->C.Dom = K.Dom;
      E->C.Unit = K.Dom == Domain::Psys ? 0 : packageOf(CpuRoot, Cpus[I], I);
      E->C.JoulesPerCount = Scale;
      E->C.Modulus = 0; // the kernel accumulates into 64 bits
      PathBuilder Label("energy-");
      Label.append(K.Name).append(" cpu").append(uint64_t(Cpus[I]));
      setLabel(E->C, Label.c_str());
    }
  }
  if (Entries.size() == 0) {
    Why.append("no RAPL event of the power PMU could be opened (")
        .append(PerfRoot)
        .append("/power/events; FRUGAL_VERBOSE=1 says why)");
    return nullptr;
  }

  unsigned N = Entries.size();
  PerfSource *S = permanentObject<PerfSource>();
  Channel *Channels = permanentArray<Channel>(N);
  Counter *Counters = permanentArray<Counter>(N);
  if (!S || !Channels || !Counters) {
    CloseAll();
    Why.append("out of memory");
    return nullptr;
  }
  for (unsigned I = 0; I < N; ++I) {
    Channels[I] = Entries[I].C;
    Counters[I].Fd = Entries[I].Fd;
    Counters[I].Seekable = Entries[I].Seekable;
  }
  S->Kind = SourceKind::Perf;
  S->Measured = true;
  S->NumChannels = N;
  S->Channels = Channels;
  S->Counters = Counters;
  MessageBuilder B;
  B.append("power PMU: ");
  appendDomainSummary(B, Channels, N);
  copyText(S->Note, sizeof(S->Note), B.view());
  return S;
}

ReadStatus PerfSource::read(uint64_t *Raw, bool *Valid) {
  for (unsigned I = 0; I < NumChannels; ++I) {
    Valid[I] = Counters[I].Fd >= 0 &&
               readCount(Counters[I].Fd, Counters[I].Seekable, Raw[I]);
    if (!Valid[I])
      Raw[I] = 0;
  }
  return summarize(Valid, NumChannels);
}

void PerfSource::close() {
  for (unsigned I = 0; I < NumChannels; ++I)
    if (Counters[I].Fd >= 0) {
      ::close(Counters[I].Fd);
      Counters[I].Fd = -1;
    }
}

} // namespace frugal::rt::energy
