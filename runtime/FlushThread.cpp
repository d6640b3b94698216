//===- FlushThread.cpp - Periodic profile rewrites ------------------------===//
#include "FlushThread.h"

#include "BackgroundThread.h"
#include "Log.h"

#include <errno.h>
#include <pthread.h>
#include <sys/prctl.h>
#include <time.h>

namespace frugal::rt {

namespace {

struct FlushSettings {
  uint64_t Seconds;
  void (*Flush)();
};
// One flush thread per process (a forked child starts its own).
constinit FlushSettings Settings{0, nullptr};

void *flushLoop(void *) {
  prctl(PR_SET_NAME, "frugal-flush", 0, 0, 0);
  for (;;) {
    timespec Delay{static_cast<time_t>(Settings.Seconds), 0};
    while (nanosleep(&Delay, &Delay) != 0 && errno == EINTR) {
    }
    Settings.Flush();
  }
  return nullptr;
}

} // namespace

bool startFlushThread(uint64_t Seconds, void (*Flush)()) {
  Settings = FlushSettings{Seconds, Flush};
  if (!startBackgroundThread(flushLoop, nullptr)) {
    warning("cannot start the FRUGAL_FLUSH_S thread; the profile is written "
            "at exit only");
    return false;
  }
  verbose("rewriting the profile every ", Seconds, " s");
  return true;
}

} // namespace frugal::rt
