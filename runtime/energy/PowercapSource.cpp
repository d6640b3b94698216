//===- PowercapSource.cpp - RAPL through /sys/class/powercap --------------===//
#include "energy/PowercapSource.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

namespace frugal::rt::energy {

namespace {

constexpr const char *ZonePrefix = "intel-rapl:";
constexpr const char *MmioPrefix = "intel-rapl-mmio:";

struct ZoneName {
  char Text[64];
};

struct Entry {
  Channel C;
  int Fd = -1;
};

// The zone directories under Root, listed with getdents64 (opendir would
// malloc). False with errno when Root cannot be opened.
bool listZones(const char *Root, ScratchArray<ZoneName> &Zones) {
  int Dir;
  do
    Dir = open(Root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  while (Dir < 0 && errno == EINTR);
  if (Dir < 0)
    return false;
  alignas(8) char Buf[4096];
  while (true) {
    ssize_t N = getdents64(Dir, Buf, sizeof(Buf));
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      break;
    for (ssize_t Off = 0; Off < N;) {
      auto *E = reinterpret_cast<dirent64 *>(Buf + Off);
      Off += E->d_reclen;
      const char *Name = E->d_name;
      if (!strncmp(Name, MmioPrefix, strlen(MmioPrefix))) {
        verbose("powercap: skipping ", Name,
                ": the MMIO interface repeats intel-rapl's package counter");
        continue;
      }
      if (strncmp(Name, ZonePrefix, strlen(ZonePrefix)))
        continue; // control types ("intel-rapl", "dtpm") and other drivers
      if (strlen(Name) >= sizeof(ZoneName::Text))
        continue;
      ZoneName *Z = Zones.push();
      if (!Z) {
        verbose("powercap: more zones than channels; ignoring ", Name);
        continue;
      }
      strcpy(Z->Text, Name);
    }
  }
  ::close(Dir);
  return true;
}

// "package-3" and "package-3-die-1" -> 3.
bool packageId(const char *Name, uint16_t &Id) {
  if (strncmp(Name, "package-", 8))
    return false;
  const char *P = Name + 8;
  uint64_t V = 0;
  auto R = std::from_chars(P, P + strlen(P), V, 10);
  if (R.ec != std::errc() || R.ptr == P || V > UINT16_MAX ||
      (*R.ptr && strncmp(R.ptr, "-die-", 5)))
    return false;
  Id = uint16_t(V);
  return true;
}

bool readZoneFile(const char *Root, const char *Zone, const char *File,
                  char *Buf, size_t Cap) {
  PathBuilder P(Root);
  P.append("/").append(Zone).append("/").append(File);
  return !P.overflow() && readText(P.c_str(), Buf, Cap);
}

bool entryLess(const Entry &A, const Entry &B) {
  if (A.C.Dom != B.C.Dom)
    return A.C.Dom < B.C.Dom;
  if (A.C.Unit != B.C.Unit)
    return A.C.Unit < B.C.Unit;
  return strcmp(A.C.Label, B.C.Label) < 0;
}

// What probing found, for the reason when nothing is usable.
struct Findings {
  unsigned Denied = 0;
  char DeniedPath[PathBuilder::Capacity] = {};
  unsigned Skipped = 0;
};

// Fills E from one zone directory; false (with a verbose line) to skip it.
bool probeZone(const char *Root, const char *Zone, bool &HavePsys, Entry &E,
               Findings &F) {
  // "intel-rapl:N" or "intel-rapl:N:M".
  const char *Colon = strchr(Zone + strlen(ZonePrefix), ':');
  bool Sub = Colon != nullptr;
  char Name[64];
  if (!readZoneFile(Root, Zone, "name", Name, sizeof(Name))) {
    verbose("powercap: skipping ", Zone, ": cannot read its name (",
            errnoText(errno), ")");
    return false;
  }
  uint16_t Unit = 0;
  if (!Sub) {
    if (!strcmp(Name, "psys")) {
      if (HavePsys) {
        verbose("powercap: skipping ", Zone, ": a second psys zone");
        return false;
      }
      E.C.Dom = Domain::Psys;
    } else if (packageId(Name, Unit)) {
      E.C.Dom = Domain::Package;
    } else {
      verbose("powercap: skipping ", Zone, ": unknown zone name '", Name, "'");
      return false;
    }
  } else {
    if (!strcmp(Name, "core"))
      E.C.Dom = Domain::Core;
    else if (!strcmp(Name, "uncore"))
      E.C.Dom = Domain::Uncore;
    else if (!strcmp(Name, "dram"))
      E.C.Dom = Domain::Dram;
    else {
      verbose("powercap: skipping ", Zone, ": unknown subzone name '", Name,
              "'");
      return false;
    }
    // The subzone belongs to its parent's package.
    char Parent[64], ParentName[64];
    copyText(Parent, sizeof(Parent),
             std::string_view(Zone, size_t(Colon - Zone)));
    if (!readZoneFile(Root, Parent, "name", ParentName, sizeof(ParentName)) ||
        !packageId(ParentName, Unit))
      Unit = 0;
  }
  E.C.Unit = Unit;
  E.C.JoulesPerCount = 1e-6;
  char Range[32];
  uint64_t MaxRange;
  if (!readZoneFile(Root, Zone, "max_energy_range_uj", Range, sizeof(Range)) ||
      !parseU64(Range, MaxRange) || MaxRange == 0 || MaxRange == UINT64_MAX) {
    // Without the wrap point a wrap would look like a glitch forever.
    verbose("powercap: skipping ", Zone,
            ": no usable max_energy_range_uj to unwrap its counter");
    return false;
  }
  E.C.Modulus = MaxRange + 1;
  setLabel(E.C, Zone, Name);

  PathBuilder Energy(Root);
  Energy.append("/").append(Zone).append("/energy_uj");
  int Fd = Energy.overflow() ? -1 : openReadOnly(Energy.c_str());
  if (Fd < 0) {
    int Err = Energy.overflow() ? ENAMETOOLONG : errno;
    if (Err == EACCES || Err == EPERM) {
      if (!F.Denied++)
        copyText(F.DeniedPath, sizeof(F.DeniedPath), Energy.c_str());
    }
    verbose("powercap: skipping ", Zone, ": cannot open energy_uj (",
            errnoText(Err), ")");
    return false;
  }
  // Reading can fail where opening did not (EACCES from the show function
  // on some kernels, EIO when the domain is gone).
  char Buf[32];
  ssize_t R;
  do
    R = pread(Fd, Buf, sizeof(Buf), 0);
  while (R < 0 && errno == EINTR);
  uint64_t V;
  if (R <= 0 || !parseCounterText(Buf, size_t(R), V)) {
    int Err = R < 0 ? errno : 0;
    ::close(Fd);
    if (Err == EACCES || Err == EPERM) {
      if (!F.Denied++)
        copyText(F.DeniedPath, sizeof(F.DeniedPath), Energy.c_str());
    }
    verbose("powercap: skipping ", Zone, ": energy_uj unreadable (",
            Err ? errnoText(Err) : "not a number", ")");
    return false;
  }
  E.Fd = Fd;
  if (E.C.Dom == Domain::Psys)
    HavePsys = true;
  return true;
}

} // namespace

PowercapSource *PowercapSource::create(const char *Root, Reason &Why) {
  ScratchArray<ZoneName> Zones(MaxChannels);
  ScratchArray<Entry> Entries(MaxChannels);
  if (!Zones.ok() || !Entries.ok()) {
    Why.append("out of memory");
    return nullptr;
  }
  if (!listZones(Root, Zones)) {
    int Err = errno;
    if (Err == ENOENT || Err == ENOTDIR)
      Why.append("no RAPL zones under ")
          .append(Root)
          .append(" (a virtual machine exposes no RAPL; on bare metal load the "
                  "driver: "
                  "sudo modprobe intel_rapl_msr)");
    else
      Why.append("cannot list ")
          .append(Root)
          .append(": ")
          .append(errnoText(Err));
    return nullptr;
  }
  if (Zones.size() == 0) {
    Why.append("no RAPL zones under ")
        .append(Root)
        .append(" (a virtual machine exposes no RAPL; on bare metal load the "
                "driver: "
                "sudo modprobe intel_rapl_msr)");
    return nullptr;
  }
  // Name order, so that neither the psys zone kept when there are two nor
  // the messages depend on the order getdents returns.
  for (unsigned I = 1; I < Zones.size(); ++I)
    for (unsigned J = I; J > 0 && strcmp(Zones[J].Text, Zones[J - 1].Text) < 0;
         --J) {
      ZoneName T = Zones[J];
      Zones[J] = Zones[J - 1];
      Zones[J - 1] = T;
    }
  Findings F;
  bool HavePsys = false;
  for (unsigned I = 0; I < Zones.size(); ++I) {
    Entry Candidate;
    if (!probeZone(Root, Zones[I].Text, HavePsys, Candidate, F))
      continue;
    Entry *E = Entries.push();
    if (!E) {
      ::close(Candidate.Fd);
      break;
    }
    *E = Candidate;
  }
  auto CloseAll = [&] {
    for (unsigned I = 0; I < Entries.size(); ++I)
      ::close(Entries[I].Fd);
  };
  if (Entries.size() == 0) {
    if (F.Denied) {
      // CVE-2020-8694 ("Platypus"): energy_uj is root-only since Linux
      // 5.10, because fine-grained energy leaks secrets.
      Why.append("permission denied on ").append(F.DeniedPath);
      Why.append(": energy_uj is readable by root only since Linux 5.10 "
                 "(CVE-2020-8694); run as root, or `sudo chmod o+r ")
          .append(Root)
          .append("/intel-rapl:*/energy_uj ")
          .append(Root)
          .append("/intel-rapl:*:*/energy_uj`, or use FRUGAL_ENERGY=perf "
                  "with CAP_PERFMON or kernel.perf_event_paranoid <= 0");
    } else {
      Why.append("no readable RAPL zone under ")
          .append(Root)
          .append(" (FRUGAL_VERBOSE=1 lists why each was skipped)");
    }
    return nullptr;
  }
  if (F.Denied)
    verbose("powercap: ", F.Denied,
            " zone(s) not readable (permission denied); their domains are "
            "missing");
  for (unsigned I = 1; I < Entries.size(); ++I)
    for (unsigned J = I; J > 0 && entryLess(Entries[J], Entries[J - 1]); --J) {
      Entry T = Entries[J];
      Entries[J] = Entries[J - 1];
      Entries[J - 1] = T;
    }

  unsigned N = Entries.size();
  PowercapSource *S = permanentObject<PowercapSource>();
  Channel *Channels = permanentArray<Channel>(N);
  int *Fds = permanentArray<int>(N);
  if (!S || !Channels || !Fds) {
    CloseAll();
    Why.append("out of memory");
    return nullptr;
  }
  for (unsigned I = 0; I < N; ++I) {
    Channels[I] = Entries[I].C;
    Fds[I] = Entries[I].Fd;
  }
  S->Kind = SourceKind::Powercap;
  S->Measured = true;
  S->NumChannels = N;
  S->Channels = Channels;
  S->Fds = Fds;
  MessageBuilder B;
  appendDomainSummary(B, Channels, N);
  B.append(" (").append(Root).append(")");
  copyText(S->Note, sizeof(S->Note), B.view());
  return S;
}

ReadStatus PowercapSource::read(uint64_t *Raw, bool *Valid) {
  for (unsigned I = 0; I < NumChannels; ++I) {
    char Buf[32];
    ssize_t R = -1;
    if (Fds[I] >= 0)
      do
        R = pread(Fds[I], Buf, sizeof(Buf), 0);
      while (R < 0 && errno == EINTR);
    Valid[I] = R > 0 && parseCounterText(Buf, size_t(R), Raw[I]);
    if (!Valid[I])
      Raw[I] = 0;
  }
  return summarize(Valid, NumChannels);
}

void PowercapSource::close() {
  for (unsigned I = 0; I < NumChannels; ++I)
    if (Fds[I] >= 0) {
      ::close(Fds[I]);
      Fds[I] = -1;
    }
}

} // namespace frugal::rt::energy
