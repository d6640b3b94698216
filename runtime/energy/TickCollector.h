//===- TickCollector.h - Exclusive time of each node in a tick ------------===//
//
// At each tick boundary the sampler asks every thread which calling-context
// nodes ran since the last boundary and for how long, without stopping the
// threads and without any work in the hooks beyond what Tracer.h's
// beginSwitch does (charge the time since the last switch to the old top
// node, and note the node once per tick in a ring). Nodes' ExclusiveTicks
// only grow; the collector keeps, per node, the part already put into ticks
// (CreditedTicks) and puts the difference into the current tick. The frame
// on top is still running: its time up to the boundary is credited in
// advance, read consistently through the thread's SwitchSeq.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_TICKCOLLECTOR_H
#define FRUGAL_RUNTIME_ENERGY_TICKCOLLECTOR_H

#include <stdint.h>

namespace frugal::rt {
struct ThreadState;
struct Node;
} // namespace frugal::rt

namespace frugal::rt::energy {

class TickBuffer;
struct TickEntry;

// Told about each thread once its nodes are in the tick (the counters'
// sampler path splits the thread's counts over them): the entries it added
// to the buffer, which may miss some nodes when the buffer was full.
// Baseline: the first collection, which credits nothing (no entries).
struct ThreadTickSink {
  void (*Collected)(void *Context, ThreadState &TS, const TickEntry *Entries,
                    uint32_t Count, bool Baseline) = nullptr;
  void *Context = nullptr;
};

struct CollectorStats {
  uint64_t RingOverflows = 0;  // full-tree walks: a thread lapped the ring
  uint64_t DroppedEntries = 0; // entries that did not fit the buffer
};

class TickCollector {
public:
  // Adds to Buffer's current tick the time of every node of the threads
  // listed from Threads that ran up to Boundary (timer ticks), and starts
  // the next tick: hooks note their nodes under a new epoch from then on.
  void collect(ThreadState *Threads, uint64_t Boundary, TickBuffer &Buffer);
  // Marks everything that ran so far as already credited (no tick gets it):
  // used once when sampling starts.
  void discardUpTo(ThreadState *Threads, uint64_t Boundary);
  void setSink(const ThreadTickSink &S) { Sink = S; }

  const CollectorStats &stats() const { return Stats; }

private:
  void advanceEpoch();
  void collectThread(ThreadState &TS, uint64_t Boundary, TickBuffer *Buffer,
                     bool FullWalk);
  void visit(Node *N, uint64_t Running, TickBuffer *Buffer);
  void walkTree(Node *Root, TickBuffer *Buffer);

  uint32_t Epoch = 0;
  uint64_t Pass = 0; // collection number, to visit a node once per pass
  CollectorStats Stats;
  ThreadTickSink Sink;
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_TICKCOLLECTOR_H
