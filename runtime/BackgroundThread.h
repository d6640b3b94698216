//===- BackgroundThread.h - The runtime's own detached threads ------------===//
//
// The flush thread and the energy sampler run inside the host program: they
// must never receive its signals (a handler the program installed would
// run on a thread it does not know), so they start with every signal
// blocked, and nobody joins them.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_BACKGROUNDTHREAD_H
#define FRUGAL_RUNTIME_BACKGROUNDTHREAD_H

namespace frugal::rt {

// Starts Main(Arg) on a detached thread with all signals blocked; false
// when it cannot be created. The thread names itself (prctl PR_SET_NAME):
// naming it from here could race with its exit.
bool startBackgroundThread(void *(*Main)(void *), void *Arg);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_BACKGROUNDTHREAD_H
