//===- Signals.h - Writing the profile when a signal ends the process -----===//
//
// Two kinds of signal end a process by default:
// - termination signals (SIGINT, SIGTERM), sent from outside: the program's
//   state is consistent, and the profile is written with the signal-handler
//   limits (no allocation, bounded waits);
// - crash signals (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT), raised by a
//   faulting instruction or by abort(): the program's memory may be
//   corrupt, so the handler restores SIG_DFL *before* writing (a second
//   fault kills the process by its signal instead of re-entering),
//   and the caller skips the write when the fault is in the runtime itself.
//
// A handler is installed only where the disposition at first use is
// SIG_DFL: a program's own handler (or SIG_IGN) is left alone, and a handler
// the program installs later replaces ours. Ours writes the profile, then
// restores SIG_DFL and raises the signal again: it is blocked while the
// handler runs and delivered when it returns, so the process dies of the
// signal exactly as it would have (same status for the shell, same core
// dump, which shows the context the handler returns to: the fault's).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_SIGNALS_H
#define FRUGAL_RUNTIME_SIGNALS_H

namespace frugal::rt {

using SignalCallback = void (*)(int Signal);

// Returns how many handlers were installed (0 to 2).
int installTerminationHandlers(SignalCallback OnSignal);

// Sent: the signal came from kill, raise, abort or sigqueue (si_code <= 0),
// not from a faulting instruction.
using CrashCallback = void (*)(int Signal, bool Sent);

// Returns how many handlers were installed (0 to 5).
int installCrashHandlers(CrashCallback OnCrash);

// "SIGINT", "SIGSEGV", ... (others: "SIG?").
const char *signalName(int Signal);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_SIGNALS_H
