//===- Signals.cpp - Writing the profile on SIGINT and SIGTERM ------------===//
#include "Signals.h"

#include "Log.h"

#include <atomic>
#include <errno.h>
#include <signal.h>

namespace frugal::rt {

namespace {

constinit std::atomic<SignalCallback> Callback{nullptr};

void onTerminationSignal(int Signal) {
  int SavedErrno = errno;
  if (SignalCallback Fn = Callback.load(std::memory_order_acquire))
    Fn(Signal);
  struct sigaction Default = {};
  Default.sa_handler = SIG_DFL;
  sigemptyset(&Default.sa_mask);
  sigaction(Signal, &Default, nullptr);
  // Blocked while this handler runs; delivered (fatally) when it returns.
  raise(Signal);
  errno = SavedErrno;
}

} // namespace

int installTerminationHandlers(SignalCallback OnSignal) {
  Callback.store(OnSignal, std::memory_order_release);
  int Installed = 0;
  for (int Signal : {SIGINT, SIGTERM}) {
    struct sigaction Current = {};
    if (sigaction(Signal, nullptr, &Current) != 0)
      continue;
    bool IsDefault = !(Current.sa_flags & SA_SIGINFO) &&
                     Current.sa_handler == SIG_DFL;
    if (!IsDefault) {
      verbose(signalName(Signal),
              Current.sa_handler == SIG_IGN && !(Current.sa_flags & SA_SIGINFO)
                  ? " is ignored"
                  : " has the program's own handler",
              ": left alone (no profile is written when it kills the process)");
      continue;
    }
    struct sigaction Ours = {};
    Ours.sa_handler = onTerminationSignal;
    // Both blocked during the write: a second Ctrl-C waits for the profile.
    sigemptyset(&Ours.sa_mask);
    sigaddset(&Ours.sa_mask, SIGINT);
    sigaddset(&Ours.sa_mask, SIGTERM);
    Ours.sa_flags = SA_RESTART;
    if (sigaction(Signal, &Ours, nullptr) == 0)
      ++Installed;
  }
  return Installed;
}

const char *signalName(int Signal) {
  switch (Signal) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  }
  return "SIG?";
}

} // namespace frugal::rt
