//===- Signals.cpp - Writing the profile when a signal ends the process ---===//
#include "Signals.h"

#include "Log.h"

#include <atomic>
#include <errno.h>
#include <signal.h>

namespace frugal::rt {

namespace {

constinit std::atomic<SignalCallback> TerminationCallback{nullptr};
constinit std::atomic<CrashCallback> OnCrashCallback{nullptr};

constexpr int TerminationSignals[] = {SIGINT, SIGTERM};
constexpr int CrashSignals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};

void restoreDefault(int Signal) {
  struct sigaction Default = {};
  Default.sa_handler = SIG_DFL;
  sigemptyset(&Default.sa_mask);
  sigaction(Signal, &Default, nullptr);
}

void onTerminationSignal(int Signal) {
  int SavedErrno = errno;
  if (SignalCallback Fn = TerminationCallback.load(std::memory_order_acquire))
    Fn(Signal);
  restoreDefault(Signal);
  // Blocked while this handler runs; delivered (fatally) when it returns.
  raise(Signal);
  errno = SavedErrno;
}

void onCrashSignal(int Signal, siginfo_t *Info, void *) {
  int SavedErrno = errno;
  // Default first: the program's memory may be corrupt, and a fault in the
  // writer must end the process (by that fault's signal), not loop here.
  // (A synchronous fault whose signal is blocked, as every crash signal is
  // in this handler, is delivered with the default action by the kernel.)
  restoreDefault(Signal);
  if (CrashCallback Fn = OnCrashCallback.load(std::memory_order_acquire))
    Fn(Signal, !Info || Info->si_code <= 0);
  // Pending until the handler returns, then fatal. Raising rather than
  // returning to re-execute the faulting instruction also ends a process
  // whose signal came from kill(), raise() or abort(), or from an
  // asynchronous machine-check SIGBUS that would not recur.
  raise(Signal);
  errno = SavedErrno;
}

bool isDefault(int Signal) {
  struct sigaction Current = {};
  if (sigaction(Signal, nullptr, &Current) != 0)
    return false;
  if (!(Current.sa_flags & SA_SIGINFO) && Current.sa_handler == SIG_DFL)
    return true;
  verbose(signalName(Signal),
          Current.sa_handler == SIG_IGN && !(Current.sa_flags & SA_SIGINFO)
              ? " is ignored"
              : " has the program's own handler",
          ": left alone (no profile is written when it kills the process)");
  return false;
}

// Installs Ours (its handler and flags set) for each of Signals whose
// disposition is the default, with every signal of Blocked blocked while it
// runs.
template <size_t N, size_t M>
int installWhereDefault(const int (&Signals)[N], struct sigaction Ours,
                        const int (&Blocked)[M]) {
  sigemptyset(&Ours.sa_mask);
  for (int Signal : Blocked)
    sigaddset(&Ours.sa_mask, Signal);
  Ours.sa_flags |= SA_RESTART;
  int Installed = 0;
  for (int Signal : Signals)
    if (isDefault(Signal) && sigaction(Signal, &Ours, nullptr) == 0)
      ++Installed;
  return Installed;
}

} // namespace

int installTerminationHandlers(SignalCallback OnSignal) {
  TerminationCallback.store(OnSignal, std::memory_order_release);
  struct sigaction Ours = {};
  Ours.sa_handler = onTerminationSignal;
  // Both blocked during the write: a second Ctrl-C waits for the profile.
  return installWhereDefault(TerminationSignals, Ours, TerminationSignals);
}

int installCrashHandlers(CrashCallback OnCrash) {
  OnCrashCallback.store(OnCrash, std::memory_order_release);
  struct sigaction Ours = {};
  Ours.sa_sigaction = onCrashSignal;
  Ours.sa_flags = SA_SIGINFO; // si_code tells a fault from a sent signal
  // All blocked during the write: a fault of any kind in the writer is then
  // fatal at once, and a Ctrl-C does not cut the crash's write short.
  static constexpr int Blocked[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE,
                                    SIGABRT, SIGINT, SIGTERM};
  return installWhereDefault(CrashSignals, Ours, Blocked);
}

const char *signalName(int Signal) {
  switch (Signal) {
  case SIGINT:
    return "SIGINT";
  case SIGTERM:
    return "SIGTERM";
  case SIGSEGV:
    return "SIGSEGV";
  case SIGBUS:
    return "SIGBUS";
  case SIGILL:
    return "SIGILL";
  case SIGFPE:
    return "SIGFPE";
  case SIGABRT:
    return "SIGABRT";
  }
  return "SIG?";
}

} // namespace frugal::rt
