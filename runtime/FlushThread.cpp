//===- FlushThread.cpp - Periodic profile rewrites ------------------------===//
#include "FlushThread.h"

#include "Log.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
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
  sigset_t All, Saved;
  sigfillset(&All);
  pthread_sigmask(SIG_SETMASK, &All, &Saved); // inherited by the new thread
  pthread_t Thread;
  int Err = pthread_create(&Thread, nullptr, flushLoop, nullptr);
  pthread_sigmask(SIG_SETMASK, &Saved, nullptr);
  if (Err != 0) {
    warning("cannot start the FRUGAL_FLUSH_S thread; the profile is written "
            "at exit only");
    return false;
  }
  pthread_detach(Thread);
  pthread_setname_np(Thread, "frugal-flush");
  verbose("rewriting the profile every ", Seconds, " s");
  return true;
}

} // namespace frugal::rt
