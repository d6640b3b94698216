//===- Pfm.cpp - libpfm4, loaded on demand
//---------------------------------===//
#include "counters/Pfm.h"

#include <dlfcn.h>
#include <perfmon/pfmlib_perf_event.h>
#include <stdlib.h>
#include <string.h>

namespace frugal::rt::counters {

namespace {

// Only the entry points used, resolved once per process.
struct PfmApi {
  int (*Initialize)();
  int (*Encode)(const char *, int, pfm_os_t, void *);
  const char *(*StrError)(int);
  int (*PmuInfo)(pfm_pmu_t, pfm_pmu_info_t *);
  int (*EventNext)(int);
  int (*EventInfo)(int, pfm_os_t, pfm_event_info_t *);
};
constinit PfmApi Api{};

// perf's own names for the generic events, which libpfm4 accepts but does
// not list (its names are PERF_COUNT_HW_CPU_CYCLES and so on).
constexpr const char *GenericAliases[] = {"cycles",
                                          "instructions",
                                          "cache-references",
                                          "cache-misses",
                                          "branches",
                                          "branch-instructions",
                                          "branch-misses",
                                          "bus-cycles",
                                          "ref-cycles",
                                          "stalled-cycles-frontend",
                                          "stalled-cycles-backend",
                                          "cpu-clock",
                                          "task-clock",
                                          "page-faults",
                                          "faults",
                                          "minor-faults",
                                          "major-faults",
                                          "context-switches",
                                          "cs",
                                          "cpu-migrations",
                                          "migrations",
                                          "alignment-faults",
                                          "emulation-faults",
                                          "L1-dcache-loads",
                                          "L1-dcache-load-misses",
                                          "L1-icache-load-misses",
                                          "LLC-loads",
                                          "LLC-load-misses",
                                          "LLC-stores",
                                          "LLC-store-misses",
                                          "dTLB-load-misses",
                                          "iTLB-load-misses",
                                          "branch-loads",
                                          "branch-load-misses"};

template <class Fn> bool resolve(void *Handle, const char *Name, Fn &Out) {
  Out = reinterpret_cast<Fn>(dlsym(Handle, Name));
  return Out != nullptr;
}

} // namespace

void canonicalEventName(const char *Full, char *Out, size_t OutBytes) {
  size_t Len = 0;
  auto Append = [&](const char *P, size_t N) {
    if (Len + N + 1 > OutBytes)
      N = OutBytes - 1 - Len;
    memcpy(Out + Len, P, N);
    Len += N;
  };
  // "perf::EVENT:UMASK:u=1:k=0": the PMU prefix ends with "::", then
  // colon-separated parts, of which "name=value" ones are modifiers.
  const char *P = Full;
  if (const char *Pmu = strstr(Full, "::")) {
    Append(Full, size_t(Pmu - Full) + 2);
    P = Pmu + 2;
  }
  bool First = true;
  while (*P) {
    const char *End = strchr(P, ':');
    if (!End)
      End = P + strlen(P);
    size_t N = size_t(End - P);
    if (N && !memchr(P, '=', N)) {
      if (!First)
        Append(":", 1);
      Append(P, N);
      First = false;
    }
    P = *End ? End + 1 : End;
  }
  Out[Len] = '\0';
  // Raw events ("perf_raw:::u=1..."): nothing after the prefix names them.
  if (Len >= 2 && Out[Len - 1] == ':' && Out[Len - 2] == ':')
    Out[0] = '\0';
}

bool PfmLibrary::load(const char *Path, const char *&Why) {
  if (Handle)
    return true;
  void *H = dlopen(Path, RTLD_NOW | RTLD_LOCAL);
  if (!H) {
    Why = "libpfm4 is not installed (apt-get install libpfm4), or "
          "FRUGAL_PFM_LIBRARY names no loadable library";
    return false;
  }
  PfmApi A{};
  if (!resolve(H, "pfm_initialize", A.Initialize) ||
      !resolve(H, "pfm_get_os_event_encoding", A.Encode) ||
      !resolve(H, "pfm_strerror", A.StrError) ||
      !resolve(H, "pfm_get_pmu_info", A.PmuInfo) ||
      !resolve(H, "pfm_get_event_next", A.EventNext) ||
      !resolve(H, "pfm_get_event_info", A.EventInfo)) {
    Why = "the libpfm4 library found lacks the functions frugal needs "
          "(libpfm4 4.x expected)";
    dlclose(H);
    return false;
  }
  if (A.Initialize() != PFM_SUCCESS) {
    Why = "libpfm4 failed to initialise";
    dlclose(H);
    return false;
  }
  Api = A;
  Handle = H;
  return true;
}

PfmLibrary::Encoding PfmLibrary::encode(const char *Name, perf_event_attr &Attr,
                                        char *Canonical, const char *&Why) {
  memset(&Attr, 0, sizeof(Attr));
  Canonical[0] = '\0';
  char *Full = nullptr;
  pfm_perf_encode_arg_t Arg;
  memset(&Arg, 0, sizeof(Arg));
  Arg.attr = &Attr;
  Arg.fstr = &Full;
  Arg.size = sizeof(Arg);
  int Ret = Api.Encode(Name, PFM_PLM3, PFM_OS_PERF_EVENT_EXT, &Arg);
  if (Full) {
    canonicalEventName(Full, Canonical, CanonicalBytes);
    free(Full); // allocated by libpfm4
  }
  Attr.size = sizeof(Attr);
  if (Ret == PFM_SUCCESS)
    return Encoding::Ok;
  Why = Api.StrError(Ret);
  return Ret == PFM_ERR_NOTFOUND ? Encoding::Unknown : Encoding::Invalid;
}

void PfmLibrary::offerNames(CloseMatches &Matches) {
  for (const char *Alias : GenericAliases)
    Matches.offer(Alias);
  if (!Handle)
    return;
  for (int Pmu = PFM_PMU_NONE; Pmu < PFM_PMU_MAX; ++Pmu) {
    pfm_pmu_info_t Info;
    memset(&Info, 0, sizeof(Info));
    Info.size = sizeof(Info);
    if (Api.PmuInfo(pfm_pmu_t(Pmu), &Info) != PFM_SUCCESS || !Info.is_present)
      continue;
    for (int I = Info.first_event; I != -1; I = Api.EventNext(I)) {
      pfm_event_info_t E;
      memset(&E, 0, sizeof(E));
      E.size = sizeof(E);
      if (Api.EventInfo(I, PFM_OS_PERF_EVENT_EXT, &E) != PFM_SUCCESS || !E.name)
        continue;
      char Qualified[CloseMatches::NameBytes];
      size_t P = strlen(Info.name), N = strlen(E.name);
      if (P + 2 + N >= sizeof(Qualified))
        continue;
      memcpy(Qualified, Info.name, P);
      memcpy(Qualified + P, "::", 2);
      memcpy(Qualified + P + 2, E.name, N + 1);
      Matches.offer(Qualified);
    }
  }
}

} // namespace frugal::rt::counters
