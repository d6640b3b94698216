//===- Counters.h - FRUGAL_EVENTS: hardware and software counters ---------===//
//
// Events named in FRUGAL_EVENTS are encoded with libpfm4 (loaded with dlopen
// when the variable is set) and opened per thread as one perf_event group.
// Two ways to attribute them to calling-context nodes (docs/counters.md):
// events the thread may read with rdpmc are read by the hooks whenever the
// top frame changes; the others are read by the sampler thread at each tick
// and split over the nodes that ran in the tick, in proportion to their
// time. The hooks never make a system call for them.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_COUNTERS_COUNTERS_H
#define FRUGAL_RUNTIME_COUNTERS_COUNTERS_H

#include "Env.h"

#include <stdint.h>

namespace frugal::rt {
struct ThreadState;
} // namespace frugal::rt

namespace frugal::rt::counters {

// Reads FRUGAL_EVENTS and encodes the events; returns how many node metric
// slots they need (0 when the variable is unset or nothing can be counted).
uint32_t configureEvents(EnvLookup Lookup = nullptr, WarnSink Warn = nullptr);
// True when some event is counted: the sampler must tick then (it reads
// the sampled events, keeps the groups' totals and closes ended threads').
bool needsSampler();
// Opens the calling thread's group; at its first hook, before publication.
void attachThread(ThreadState &TS);
// In a forked child, for its one thread: the inherited descriptors count
// the parent's threads; they are closed and the child's group opened.
void reattachInChild(ThreadState &TS);

} // namespace frugal::rt::counters

#endif // FRUGAL_RUNTIME_COUNTERS_COUNTERS_H
