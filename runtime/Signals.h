//===- Signals.h - Writing the profile on SIGINT and SIGTERM --------------===//
//
// A handler is installed only where the disposition at initialisation is
// SIG_DFL: a program's own handler (or SIG_IGN) is left alone, and a handler
// the program installs later replaces ours. Ours writes the profile, then
// restores SIG_DFL and re-raises, so the process dies of the signal exactly
// as it would have (same exit status for the shell).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_SIGNALS_H
#define FRUGAL_RUNTIME_SIGNALS_H

namespace frugal::rt {

using SignalCallback = void (*)(int Signal);

// Returns how many handlers were installed (0 to 2).
int installTerminationHandlers(SignalCallback OnSignal);

// "SIGINT" or "SIGTERM" (others: "SIG?").
const char *signalName(int Signal);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_SIGNALS_H
