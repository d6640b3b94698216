//===- Runtime.h - Process-wide state: initialisation and writing ---------===//
//
// Initialisation is lazy and idempotent: the first of the runtime's own
// constructor, a module registration (which may run earlier, depending on
// link order), a hook or an API call performs it. Everything global is
// constant-initialised, so it is usable before any constructor ran and is
// never destroyed at exit (hooks keep running during exit).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_RUNTIME_H
#define FRUGAL_RUNTIME_RUNTIME_H

#include "ThreadState.h"

namespace frugal::rt {

class Registry;
class RegionTable;

// False when the runtime is disabled (FRUGAL_DISABLE=1) or failed to start.
bool ensureInitialized();

// First use, once (later calls return at once): registers the exit handler
// that writes the profile (not at initialisation: see Runtime.cpp for why),
// meets the process's other copies of the runtime (Rendezvous.h), installs
// the signal handlers and starts the flush thread and the energy sampler.
// Needs initialisation.
void activateRuntime();

// At exit, with FRUGAL_VERBOSE=1: says so when nothing ever used the
// runtime (no instrumented module, no API call), hence no profile.
void reportUnusedRuntime();

// Slow path of a thread's first hook: the thread's new state, or the inert
// state when disabled or out of memory. Sets CurrentThread.
ThreadState *attachCurrentThread();

Registry &moduleRegistry();
RegionTable &regionTable();

// Whether the exit (or signal) profile has been written: nothing will read
// module records after that.
bool finalProfileWritten();

enum class WriteReason { Exit, Signal, ExplicitFlush, PeriodicFlush };

// Writes the profile; 0 on success (or when the final one was already
// written), -1 otherwise. Signal is the signal number for WriteReason::Signal.
int writeProfile(WriteReason Why, int Signal = 0);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_RUNTIME_H
