//===- FlushThread.h - Periodic profile rewrites (FRUGAL_FLUSH_S) ---------===//
//
// A detached thread sleeps and calls back every N seconds, so that a
// long-running or killed program leaves a recent profile. It blocks all
// signals, so SIGINT/SIGTERM are never delivered to it mid-write.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_FLUSHTHREAD_H
#define FRUGAL_RUNTIME_FLUSHTHREAD_H

#include <stdint.h>

namespace frugal::rt {

// Returns false (after a warning) when the thread cannot be created.
bool startFlushThread(uint64_t Seconds, void (*Flush)());

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_FLUSHTHREAD_H
