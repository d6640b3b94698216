//===- TickCollector.cpp - Exclusive time of each node in a tick ----------===//
#include "energy/TickCollector.h"

#include "Compiler.h"
#include "StackSampling.h"
#include "ThreadState.h"
#include "TimingMode.h"
#include "energy/TickBuffer.h"

namespace frugal::rt::energy {

namespace {

// Sampler-owned per-node stamp: the pass that last visited the node.
uint64_t &visitedPass(Node *N) { return N->SamplerPass; }

} // namespace

void TickCollector::advanceEpoch() {
  ++Epoch;
  if (Epoch == 0) // 0 means "no sampler": nodes start with it
    Epoch = 1;
  storeRelaxed(SamplerEpoch, Epoch);
}

void TickCollector::visit(Node *N, uint64_t Running, TickBuffer *Buffer) {
  if (visitedPass(N) == Pass)
    return;
  visitedPass(N) = Pass;
  uint64_t Total = loadRelaxed(N->ExclusiveTicks) + Running;
  if (Total <= N->CreditedTicks)
    return;
  uint64_t Delta = Total - N->CreditedTicks;
  N->CreditedTicks = Total;
  if (!Buffer)
    return;
  if (Buffer->entryRoom() == 0) {
    ++Stats.DroppedEntries;
    return;
  }
  Buffer->addEntry(N, Delta);
}

void TickCollector::walkTree(Node *Root, TickBuffer *Buffer) {
  // Iterative pre-order walk through the published links: no stack needed.
  Node *N = Root;
  while (N) {
    visit(N, 0, Buffer);
    if (Node *Child = loadAcquire(N->FirstChild)) {
      N = Child;
      continue;
    }
    while (N && N != Root && !N->NextSibling)
      N = N->Parent;
    N = (N && N != Root) ? N->NextSibling : nullptr;
  }
}

void TickCollector::collectThread(ThreadState &TS, uint64_t Boundary,
                                  TickBuffer *Buffer, bool FullWalk) {
  if (TS.SamplerDrained)
    return;
  bool EndedBefore = loadAcquire(TS.Ended) && TS.EndTicks <= Boundary;
  if (SampledTiming) {
    // The hooks noted nothing: the tick's time is the sampled stack's.
    if (Node *Top = sampleStack(TS, Boundary))
      visit(Top, 0, Buffer);
    // The first boundary: stacks sampled before it (while the sources
    // were chosen) charged other nodes too; none of that is any tick's.
    if (FullWalk)
      walkTree(TS.Tree.root(), nullptr);
    if (EndedBefore && Buffer)
      TS.SamplerDrained = true;
    return;
  }
  // The running top frame, read consistently with its time so far.
  Node *Top;
  uint64_t Since;
  uint32_t Spins = 0;
  for (;;) {
    uint32_t Seq = loadAcquire(TS.SwitchSeq);
    if (!(Seq & 1)) {
      uint32_t Depth = loadAcquire(TS.Depth);
      Top = loadRelaxed(TS.Frames[Depth - 1].Ctx);
      Since = loadRelaxed(TS.LastSwitch);
      __atomic_thread_fence(__ATOMIC_ACQUIRE);
      if (loadRelaxed(TS.SwitchSeq) == Seq)
        break;
    }
    // A hook is switching: it takes nanoseconds, unless the thread was
    // preempted inside it; then give up on its running time this tick.
    if (++Spins > 10000) {
      Top = nullptr;
      Since = 0;
      break;
    }
  }
  uint64_t End = Boundary;
  if (loadAcquire(TS.Ended) && TS.EndTicks < End)
    End = TS.EndTicks;
  if (Top)
    visit(Top, End > Since ? End - Since : 0, Buffer);

  // The ring's entries of ticks before the current epoch; entries noted
  // since the epoch moved belong to the next tick and stay for it.
  uint64_t Write = loadAcquire(TS.TouchedWrite);
  uint64_t Read = TS.TouchedRead;
  bool Lapped = FullWalk || Write - Read > ThreadState::TouchedCapacity;
  uint64_t I = Read;
  if (!Lapped) {
    for (; I < Write; ++I) {
      const TouchedEntry &E = TS.Touched[I % ThreadState::TouchedCapacity];
      if (loadRelaxed(E.Epoch) == Epoch)
        break;
      visit(loadRelaxed(E.N), 0, Buffer);
    }
    // Entries read while the owner wrapped around may be wrong nodes: the
    // walk below then catches everything.
    Lapped = loadAcquire(TS.TouchedWrite) - Read > ThreadState::TouchedCapacity;
  }
  if (Lapped) {
    Stats.RingOverflows += !FullWalk;
    walkTree(TS.Tree.root(), Buffer);
    I = Write;
  }
  TS.TouchedRead = I;
  // Nothing runs on an ended thread: once collected past its end, it is
  // done (a program that creates threads by the thousand would otherwise
  // make every tick visit them all).
  if (EndedBefore && Buffer)
    TS.SamplerDrained = true;
}

void TickCollector::collect(ThreadState *Threads, uint64_t Boundary,
                            TickBuffer &Buffer) {
  advanceEpoch();
  ++Pass;
  // Sampled timing: the final write may sample too (StackSampling.h). It
  // never holds the right for long; a tick that cannot have it samples no
  // stack (its threads' time goes to the next).
  bool Sampling = SampledTiming && tryBeginSampling();
  if (SampledTiming && !Sampling)
    return;
  for (ThreadState *TS = Threads; TS; TS = loadAcquire(TS->Next)) {
    if (TS->SamplerDrained)
      continue;
    uint32_t First = Buffer.numEntries();
    collectThread(*TS, Boundary, &Buffer, /*FullWalk=*/false);
    if (Sink.Collected)
      Sink.Collected(Sink.Context, *TS, Buffer.entryAt(First),
                     Buffer.numEntries() - First, /*Baseline=*/false);
  }
  if (Sampling)
    endSampling();
}

void TickCollector::discardUpTo(ThreadState *Threads, uint64_t Boundary) {
  advanceEpoch();
  ++Pass;
  // With sampled timing, what ran before the first boundary goes to the
  // stacks seen at it (and into no tick, as with exact timing).
  bool Sampling = SampledTiming && tryBeginSampling();
  for (ThreadState *TS = Threads; TS; TS = loadAcquire(TS->Next)) {
    collectThread(*TS, Boundary, nullptr, /*FullWalk=*/true);
    if (Sink.Collected)
      Sink.Collected(Sink.Context, *TS, nullptr, 0, /*Baseline=*/true);
  }
  if (Sampling)
    endSampling();
}

} // namespace frugal::rt::energy
