//===- PerfEvents.cpp - Event names checked with libpfm4 and perf ---------===//

#include "PerfEvents.h"

#include "EventNames.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MemoryBuffer.h"

#include <perfmon/pfmlib_perf_event.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

using namespace llvm;

namespace frugal {

StringRef statusName(EventStatus Status) {
  switch (Status) {
  case EventStatus::Ok:
    return "ok";
  case EventStatus::Unavailable:
    return "unavailable";
  case EventStatus::Unknown:
    return "unknown";
  }
  llvm_unreachable("unknown event status");
}

Error initializeEvents() {
  int Ret = pfm_initialize();
  if (Ret != PFM_SUCCESS)
    return makeError("libpfm4 does not start: " + Twine(pfm_strerror(Ret)),
                     "check the libpfm4 installation (scripts/install-deps.sh "
                     "installs libpfm4-dev)");
  return Error::success();
}

std::vector<std::string> pmuEventNames() {
  std::vector<std::string> Names;
  // pfm_for_all_pmus increments an enum, which C++ does not allow.
  for (int P = PFM_PMU_NONE; P < PFM_PMU_MAX; ++P) {
    pfm_pmu_t Pmu = static_cast<pfm_pmu_t>(P);
    pfm_pmu_info_t PmuInfo;
    std::memset(&PmuInfo, 0, sizeof(PmuInfo));
    PmuInfo.size = sizeof(PmuInfo);
    if (pfm_get_pmu_info(Pmu, &PmuInfo) != PFM_SUCCESS || !PmuInfo.is_present)
      continue;
    for (int Idx = PmuInfo.first_event; Idx != -1;
         Idx = pfm_get_event_next(Idx)) {
      pfm_event_info_t Info;
      std::memset(&Info, 0, sizeof(Info));
      Info.size = sizeof(Info);
      if (pfm_get_event_info(Idx, PFM_OS_PERF_EVENT_EXT, &Info) != PFM_SUCCESS)
        continue;
      Names.push_back((Twine(PmuInfo.name) + "::" + Info.name).str());
    }
  }
  return Names;
}

std::optional<int> perfEventParanoid() {
  ErrorOr<std::unique_ptr<MemoryBuffer>> File =
      MemoryBuffer::getFileAsStream("/proc/sys/kernel/perf_event_paranoid");
  if (!File)
    return std::nullopt;
  int Level;
  if ((*File)->getBuffer().trim().getAsInteger(10, Level))
    return std::nullopt;
  return Level;
}

// The close matches of an unknown name: perf's generic names first, then
// every event of this machine's PMUs (computed once).
static std::vector<std::string> suggestionsFor(StringRef Name) {
  static const std::vector<std::string> Candidates = [] {
    std::vector<std::string> All;
    for (StringRef Generic : genericEventNames())
      All.push_back(Generic.str());
    std::vector<std::string> Pmu = pmuEventNames();
    All.insert(All.end(), Pmu.begin(), Pmu.end());
    return All;
  }();
  return closeMatches(Name, Candidates);
}

EventCheck checkEvent(StringRef Name) {
  EventCheck Check;
  Check.Name = Name.str();

  perf_event_attr Attr;
  std::memset(&Attr, 0, sizeof(Attr));
  char *Fstr = nullptr;
  pfm_perf_encode_arg_t Arg;
  std::memset(&Arg, 0, sizeof(Arg));
  Arg.attr = &Attr;
  Arg.fstr = &Fstr;
  Arg.size = sizeof(Arg);
  // User level only, unless the name's own modifiers say otherwise: what the
  // runtime counts.
  int Ret = pfm_get_os_event_encoding(Check.Name.c_str(), PFM_PLM3,
                                      PFM_OS_PERF_EVENT_EXT, &Arg);
  if (Ret != PFM_SUCCESS) {
    std::free(Fstr);
    Check.Status = EventStatus::Unknown;
    Check.Suggestions = suggestionsFor(Name);
    if (Ret == PFM_ERR_NOTFOUND)
      Check.Reason = "libpfm4 knows no event of this name";
    else
      Check.Reason =
          "libpfm4 cannot encode it: " + std::string(pfm_strerror(Ret));
    if (Check.Suggestions.empty())
      Check.Reason += "; 'frugal events --all' lists this machine's events";
    else
      Check.Reason += didYouMean(Check.Suggestions);
    return Check;
  }
  Check.Canonical = canonicalEventName(Fstr ? Fstr : "", Name);
  std::free(Fstr);
  Check.Unit = eventUnit(Check.Canonical).str();

  // Counting is only enabled by the runtime; opening is the test.
  Attr.size = sizeof(Attr);
  Attr.disabled = 1;
  int Fd = perf_event_open(&Attr, /*pid=*/0, /*cpu=*/-1, /*group_fd=*/-1,
                           PERF_FLAG_FD_CLOEXEC);
  if (Fd < 0) {
    int Errno = errno;
    Check.Status = EventStatus::Unavailable;
    Check.Reason = perfOpenFailureReason(Errno, perfEventParanoid());
    return Check;
  }
  ::close(Fd);
  Check.Status = EventStatus::Ok;
  return Check;
}

} // namespace frugal
