//===- StackSampling.h - Time of sampled timing, from the stacks seen -----===//
//
// With FRUGAL_TIMING=sampled (TimingMode.h) the hooks read no clock. Time is
// charged here instead, by the sampler thread at each tick and by the
// profile writer at the end: the interval since a thread's last sample goes
// to the stack the thread is in now, inclusive to every node on it and
// exclusive to the one on top. Nodes' InclusiveTicks and ExclusiveTicks then
// mean what they mean with exact timing, so the profile writer, the energy
// attribution and the counters read them unchanged.
//
// The stack is read while its thread runs, without a lock: Depth with
// acquire, then the frames below it. A frame being replaced meanwhile yields
// another node of the same thread, never a dangling one (nodes are never
// freed): one sample in a million goes to a neighbouring context, which is
// within the method's own noise.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_STACKSAMPLING_H
#define FRUGAL_RUNTIME_STACKSAMPLING_H

#include <stdint.h>

namespace frugal::rt {

struct Node;
struct ThreadState;

// Charges TS's time from its last sample up to Now (the thread's end, if
// earlier) to the stack it is in. Returns the node on top, or nullptr when
// there was nothing to charge. Callers hold the sampling right (below).
Node *sampleStack(ThreadState &TS, uint64_t Now);

// Only one party samples at a time (the sampler's tick, the final write):
// two would charge the same interval twice. tryBeginSampling gives up after
// about SpinLimit attempts (a signal handler must not wait for a sampler it
// interrupted).
bool tryBeginSampling(uint32_t SpinLimit = 1u << 20);
void endSampling();
// In a forked child (one thread, this one): a right the parent's sampler
// held at the fork is nobody's now.
void resetSamplingAfterFork();

// Every listed thread, up to Now, under the sampling right; false when the
// right could not be had (nothing is charged then).
bool sampleAllStacks(ThreadState *Threads, uint64_t Now);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_STACKSAMPLING_H
