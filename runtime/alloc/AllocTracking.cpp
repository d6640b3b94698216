//===- AllocTracking.cpp - FRUGAL_TRACK_ALLOC: configuration and report ---===//
//
// Variable                   Accepted values          Default / fallback
// -------------------------  -----------------------  ------------------
// FRUGAL_TRACK_ALLOC         bool                     0 (off)
// FRUGAL_TRACK_ALLOC_SLOTS   integer in [2^10, 2^30]  2^20 live blocks
//                            (rounded up to a power
//                            of two)
//
// See docs/memory.md. Tracking needs the interposer, which only the shared
// runtime has, and needs it to be the process's malloc: otherwise it is
// "unavailable", with one warning that says why.
//
//===----------------------------------------------------------------------===//
#include "alloc/AllocTracking.h"

#include "Log.h"
#include "alloc/AllocReport.h"
#include "alloc/Interposer.h"
#include "alloc/Recorder.h"

#include <pthread.h>
#include <string.h>

namespace frugal::rt::alloc {

// Weak: defined in Interpose.cpp, absent (null) from the static runtime.
bool interposerInUse(char *Owner, size_t Capacity) __attribute__((weak));

namespace {

constexpr uint64_t DefaultSlots = uint64_t(1) << 20;
constexpr uint64_t MinSlots = uint64_t(1) << 10;
constexpr uint64_t MaxSlots = uint64_t(1) << 30;

constinit AllocReport Report;
// The reason when it names an object (the report keeps a pointer).
constinit char ReasonText[512] = {};
constinit bool ForkHandlerInstalled = false;

void defaultWarn(std::string_view Message) { warning(Message); }

// Status "unavailable", with one warning.
bool unavailable(WarnSink Warn, const char *Reason) {
  Report.Status = "unavailable";
  Report.Reason = Reason;
  MessageBuilder B;
  B.append("FRUGAL_TRACK_ALLOC=1 but ").append(Reason);
  B.append("; allocations are not tracked");
  Warn(B.view());
  return false;
}

void onForkChild() { restartInChild(); }

} // namespace

bool configureAllocTracking(EnvLookup Lookup, WarnSink Warn) {
  Report = AllocReport();
  if (!Warn)
    Warn = defaultWarn;
  EnvReader Env(Lookup, Warn);
  bool Wanted = false;
  Env.readBool("FRUGAL_TRACK_ALLOC", Wanted);
  if (!Wanted)
    return false;
  uint64_t Slots = DefaultSlots;
  Env.readUnsigned("FRUGAL_TRACK_ALLOC_SLOTS", MinSlots, MaxSlots,
                   "an integer in [1024, 1073741824]", Slots);

  if (!interposerInUse)
    return unavailable(Warn, "this program links the static runtime, which "
                             "cannot interpose malloc: link libfrugal_rt.so "
                             "(frugal-clang's default)");
  char Owner[256];
  if (!interposerInUse(Owner, sizeof(Owner))) {
    MessageBuilder B;
    B.append("malloc resolves to ").append(Owner);
    B.append(", not to libfrugal_rt.so (the runtime was loaded with dlopen, "
             "or another allocator comes first in the link order)");
    size_t N = B.view().size() < sizeof(ReasonText) ? B.view().size()
                                                    : sizeof(ReasonText) - 1;
    memcpy(ReasonText, B.view().data(), N);
    ReasonText[N] = '\0';
    return unavailable(Warn, ReasonText);
  }
  if (!prepareRecorder(Slots))
    return unavailable(Warn, "the table of live blocks cannot be mapped");
  Report.Status = "on";
  verbose("allocation tracking: on (room for ", Slots, " live blocks)");
  return true;
}

void startAllocTracking() {
  // Before recording starts: pthread_atfork may itself allocate.
  if (!ForkHandlerInstalled) {
    ForkHandlerInstalled = true;
    pthread_atfork(nullptr, nullptr, onForkChild);
  }
  startRecording();
}

const AllocReport &reportAlloc(const uint64_t *NodeSums) {
  if (!strcmp(Report.Status, "on"))
    fillTotals(Report, NodeSums);
  return Report;
}

bool functionPeakLiveBytes(uint32_t Id, uint64_t &Out) {
  return recording() && functionPeak(Id, Out);
}

} // namespace frugal::rt::alloc
