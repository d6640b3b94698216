//===- ProfileMerge.cpp - Snapshot of all threads' data for one profile ---===//
#include "ProfileMerge.h"

#include "Compiler.h"
#include "Memory.h"
#include "NodeMetrics.h"
#include "ThreadRegistry.h"
#include "ThreadState.h"
#include "TimingMode.h"
#include "energy/Attribution.h"

#include <algorithm>
#include <string.h>

namespace frugal::rt {

namespace {

// Merged nodes plus a hash from (parent index, ref) to node index.
class MergedTree {
public:
  MergedTree(Arena &A, bool WithEnergy, uint32_t Slots)
      : A(A), WithEnergy(WithEnergy) {
    Metrics.Slots = Slots;
  }

  bool init(uint64_t ExpectedNodes) {
    uint64_t Cap = 64;
    while (Cap < ExpectedNodes + 1 && Cap < (uint64_t(1) << 31))
      Cap <<= 1;
    if (!reserveNodes(static_cast<uint32_t>(Cap)) ||
        !rehash(static_cast<uint32_t>(Cap * 2)))
      return false;
    Nodes[0] = MergedNode{0, NoParent, 0, 0, 0, 0};
    NumNodes = 1;
    return true;
  }

  // Index of Parent's child for Ref, created if needed; NoParent on OOM.
  uint32_t child(uint32_t Parent, uint32_t Ref) {
    uint64_t Key = (uint64_t(Parent) << 32) | Ref;
    uint32_t Mask = TableCap - 1;
    for (uint32_t I = hash(Key) & Mask;; I = (I + 1) & Mask) {
      if (Slots[I] == NoParent) {
        if ((NumNodes + 1) * 2 > TableCap)
          return rehash(TableCap * 2) ? child(Parent, Ref) : NoParent;
        if (NumNodes == NodeCap && !reserveNodes(NodeCap * 2))
          return NoParent;
        Nodes[NumNodes] = MergedNode{Ref, Parent, 0, 0, 0, 0};
        Keys[I] = Key;
        Slots[I] = NumNodes;
        return NumNodes++;
      }
      if (Keys[I] == Key)
        return Slots[I];
    }
  }

  MergedNode *Nodes = nullptr;
  EnergyStats *Energy = nullptr; // parallel to Nodes when WithEnergy
  MetricArrays Metrics;          // parallel to Nodes when Slots
  uint32_t NumNodes = 0;

private:
  static uint32_t hash(uint64_t K) {
    K ^= K >> 33;
    K *= 0xff51afd7ed558ccdULL;
    K ^= K >> 33;
    return static_cast<uint32_t>(K);
  }

  bool reserveNodes(uint32_t Cap) {
    auto *New = A.allocateArray<MergedNode>(Cap);
    if (!New)
      return false;
    if (Nodes)
      memcpy(New, Nodes, sizeof(MergedNode) * NumNodes);
    Nodes = New;
    if (WithEnergy) {
      auto *NewEnergy = A.allocateArray<EnergyStats>(Cap); // zeroed
      if (!NewEnergy)
        return false;
      if (Energy)
        memcpy(NewEnergy, Energy, sizeof(EnergyStats) * NumNodes);
      Energy = NewEnergy;
    }
    if (uint32_t Slots = Metrics.Slots) {
      auto *Excl = A.allocateArray<uint64_t>(size_t(Cap) * Slots); // zeroed
      auto *Incl = A.allocateArray<uint64_t>(size_t(Cap) * Slots);
      if (!Excl || !Incl)
        return false;
      if (Metrics.Exclusive) {
        memcpy(Excl, Metrics.Exclusive, sizeof(uint64_t) * NumNodes * Slots);
        memcpy(Incl, Metrics.Inclusive, sizeof(uint64_t) * NumNodes * Slots);
      }
      Metrics.Exclusive = Excl;
      Metrics.Inclusive = Incl;
    }
    NodeCap = Cap;
    return true;
  }

  bool rehash(uint32_t Cap) {
    auto *NewKeys = A.allocateArray<uint64_t>(Cap);
    auto *NewSlots = A.allocateArray<uint32_t>(Cap);
    if (!NewKeys || !NewSlots)
      return false;
    memset(NewSlots, 0xff, sizeof(uint32_t) * Cap);
    for (uint32_t I = 0; I < TableCap; ++I) {
      if (Slots[I] == NoParent)
        continue;
      for (uint32_t J = hash(Keys[I]) & (Cap - 1);; J = (J + 1) & (Cap - 1))
        if (NewSlots[J] == NoParent) {
          NewKeys[J] = Keys[I];
          NewSlots[J] = Slots[I];
          break;
        }
    }
    Keys = NewKeys;
    Slots = NewSlots;
    TableCap = Cap;
    return true;
  }

  Arena &A;
  bool WithEnergy;
  uint32_t NodeCap = 0;
  uint64_t *Keys = nullptr;
  uint32_t *Slots = nullptr;
  uint32_t TableCap = 0;
};

// Extra ticks of calls still open on a thread, by node.
class OpenCalls {
public:
  bool collect(Arena &A, const ThreadState &TS, uint64_t Now) {
    uint32_t Depth = loadAcquire(TS.Depth);
    if (Depth > TS.MaxDepth + 1)
      Depth = TS.MaxDepth + 1;
    // Sampled timing: frames have no start; the stack samples have charged
    // the open calls already (StackSampling.h).
    if (SampledTiming)
      Depth = 1;
    Cap = 16;
    while (Cap < Depth * 2)
      Cap <<= 1;
    Keys = A.allocateArray<const Node *>(Cap);
    Extra = A.allocateArray<uint64_t>(Cap);
    if (!Keys || !Extra)
      return false;
    uint64_t CallsNow = loadRelaxed(TS.CallsCounter);
    for (uint32_t I = 1; I < Depth; ++I) {
      const Frame &F = TS.Frames[I];
      uintptr_t Key = loadRelaxed(F.Key);
      const Node *Ctx = loadRelaxed(F.Ctx);
      if (!Ctx || (Key & FoldedBit))
        continue;
      uint64_t Start = loadRelaxed(F.Start);
      uint64_t Descendants = CallsNow - loadRelaxed(F.CallsAtEntry);
      uint64_t Elapsed = Now > Start ? Now - Start : 0;
      uint64_t Cost = hookCostTicks(TS.Cost, Descendants);
      add(Ctx, Elapsed > Cost ? Elapsed - Cost : 0);
    }
    return true;
  }

  uint64_t of(const Node *N) const {
    for (uint32_t I = slot(N);; I = (I + 1) & (Cap - 1)) {
      if (Keys[I] == N)
        return Extra[I];
      if (!Keys[I])
        return 0;
    }
  }

private:
  uint32_t slot(const Node *N) const {
    return static_cast<uint32_t>((reinterpret_cast<uintptr_t>(N) >> 6) *
                                 2654435761u) &
           (Cap - 1);
  }
  void add(const Node *N, uint64_t Ticks) {
    for (uint32_t I = slot(N);; I = (I + 1) & (Cap - 1))
      if (!Keys[I] || Keys[I] == N) {
        Keys[I] = N;
        Extra[I] += Ticks;
        return;
      }
  }

  uint32_t Cap = 0;
  const Node **Keys = nullptr;
  uint64_t *Extra = nullptr;
};

// Per-function accumulation for one thread, reusable across threads.
struct PerId {
  uint32_t *Stamp;
  uint32_t *Active; // activations of the id on the current DFS path
  CallStats *Stats;
  EnergyStats *Energy;  // nullptr when not collected
  MetricArrays Metrics; // per id, when nodes carry metrics
  uint32_t *Touched;
  uint32_t NumTouched;
  uint32_t CurrentStamp;

  CallStats &touch(uint32_t Id) {
    if (Stamp[Id] != CurrentStamp) {
      Stamp[Id] = CurrentStamp;
      Active[Id] = 0;
      Stats[Id] = CallStats{0, 0, 0};
      if (Energy)
        Energy[Id] = EnergyStats{};
      if (uint32_t Slots = Metrics.Slots) {
        memset(Metrics.Exclusive + size_t(Id) * Slots, 0, Slots * 8);
        memset(Metrics.Inclusive + size_t(Id) * Slots, 0, Slots * 8);
      }
      Touched[NumTouched++] = Id;
    }
    return Stats[Id];
  }
};

struct DfsEntry {
  const Node *N;
  const Node *Cursor; // next child to visit
  uint32_t Merged;
  uint64_t Inclusive;
  uint64_t ChildInclusive;
  // Energy of the subtrees below, per domain (when collected).
  double ChildTotal[EnergyStats::Domains];
  double ChildDynamic[EnergyStats::Domains];
};

// A node's inclusive energy is its own plus its children's; settled after
// the children like its time.
void settleEnergy(const Node *N, DfsEntry &E, DfsEntry &Parent,
                  EnergyStats &Merged, EnergyStats *Function, bool Outermost) {
  const energy::NodeEnergy *Own = energy::energyOf(N);
  for (unsigned D = 0; D < EnergyStats::Domains; ++D) {
    double ExclT = Own ? Own->Total[D] : 0;
    double ExclD = Own ? Own->Dynamic[D] : 0;
    double InclT = ExclT + E.ChildTotal[D];
    double InclD = ExclD + E.ChildDynamic[D];
    Merged.ExclTotal[D] += ExclT;
    Merged.ExclDynamic[D] += ExclD;
    Merged.InclTotal[D] += InclT;
    Merged.InclDynamic[D] += InclD;
    Parent.ChildTotal[D] += InclT;
    Parent.ChildDynamic[D] += InclD;
    if (Function) {
      Function->ExclTotal[D] += ExclT;
      Function->ExclDynamic[D] += ExclD;
      if (Outermost) {
        Function->InclTotal[D] += InclT;
        Function->InclDynamic[D] += InclD;
      }
    }
  }
}

// A node's metrics: its own slots (ExclOut), and with the descendants'
// (InclOut: ChildSums added, or for the max slot the higher of the two).
void settleMetrics(const Node *N, const uint64_t *ChildSums, uint32_t Slots,
                   uint32_t MaxSlot, uint64_t *ExclOut, uint64_t *InclOut) {
  const uint64_t *Own = metricsOf(N);
  for (uint32_t K = 0; K < Slots; ++K) {
    uint64_t V = Own ? loadRelaxed(Own[K]) : 0;
    ExclOut[K] = V;
    InclOut[K] = K == MaxSlot ? std::max(V, ChildSums[K]) : V + ChildSums[K];
  }
}

// Adds (or for the max slot, raises to) From into To.
void combineMetrics(uint64_t *To, const uint64_t *From, uint32_t Slots,
                    uint32_t MaxSlot) {
  for (uint32_t K = 0; K < Slots; ++K)
    To[K] = K == MaxSlot ? std::max(To[K], From[K]) : To[K] + From[K];
}

bool mergeThread(Arena &A, ThreadState &TS, uint64_t Now, uint32_t MaxId,
                 uint32_t MaxSlot, MergedTree &Tree, PerId &Ids,
                 ThreadSummary &Out) {
  bool Ended = loadAcquire(TS.Ended) != 0;
  uint64_t ThreadNow = Ended ? TS.EndTicks : Now;
  OpenCalls Open;
  if (!Open.collect(A, TS, ThreadNow))
    return false;

  // The tree is never deeper than the shadow stack (plus the root).
  uint32_t StackCap = TS.MaxDepth + 2;
  auto *Stack = A.allocateArray<DfsEntry>(StackCap);
  if (!Stack)
    return false;
  // Metrics of the subtrees below each stack entry, and scratch for one
  // node's own and inclusive values.
  uint32_t Slots = Tree.Metrics.Slots;
  uint64_t *ChildMetrics = nullptr, *OwnSlots = nullptr, *InclSlots = nullptr;
  uint64_t *ThreadTotals = nullptr;
  if (Slots) {
    ChildMetrics = A.allocateArray<uint64_t>(size_t(StackCap) * Slots);
    OwnSlots = A.allocateArray<uint64_t>(Slots);
    InclSlots = A.allocateArray<uint64_t>(Slots);
    ThreadTotals = A.allocateArray<uint64_t>(Slots);
    if (!ChildMetrics || !OwnSlots || !InclSlots || !ThreadTotals)
      return false;
    memset(ChildMetrics, 0, Slots * 8);
  }
  Out.Metrics = ThreadTotals;
  ++Ids.CurrentStamp;
  Ids.NumTouched = 0;

  const Node *Root = TS.Tree.root();
  Tree.Nodes[0].FoldedCalls += loadRelaxed(Root->FoldedCalls);
  uint32_t Sp = 0;
  Stack[Sp++] = DfsEntry{Root, loadAcquire(Root->FirstChild), 0, 0, 0, {}, {}};
  while (Sp) {
    DfsEntry &E = Stack[Sp - 1];
    if (E.Cursor && Sp < StackCap) {
      const Node *C = E.Cursor;
      E.Cursor = C->NextSibling; // immutable once published
      uint64_t Calls = loadRelaxed(C->Calls);
      uint64_t Incl = loadRelaxed(C->InclusiveTicks) + Open.of(C);
      uint32_t M = Tree.child(E.Merged, C->Ref);
      if (M == NoParent)
        return false;
      MergedNode &MN = Tree.Nodes[M];
      MN.Calls += Calls;
      MN.FoldedCalls += loadRelaxed(C->FoldedCalls);
      if (C->Ref <= MaxId) {
        Ids.touch(C->Ref).Calls += Calls;
        ++Ids.Active[C->Ref];
      }
      if (Slots)
        memset(ChildMetrics + size_t(Sp) * Slots, 0, Slots * 8);
      Stack[Sp++] = DfsEntry{C, loadAcquire(C->FirstChild), M, Incl, 0, {}, {}};
      continue;
    }
    if (Sp > 1) { // not the root
      // Times are settled after the children: the hook-cost correction,
      // measured once at start, can overshoot on a noisy machine and leave a
      // caller's corrected time below the sum of its callees'. A caller
      // never costs less than its callees, so it is raised to their sum
      // (its exclusive time is then 0): inclusive >= sum of children holds
      // in every profile.
      uint64_t Incl = std::max(E.Inclusive, E.ChildInclusive);
      uint64_t Excl = Incl - E.ChildInclusive;
      Tree.Nodes[E.Merged].Inclusive += Incl;
      Tree.Nodes[E.Merged].Exclusive += Excl;
      Stack[Sp - 2].ChildInclusive += Incl;
      uint32_t Ref = E.N->Ref;
      bool Outermost = false;
      if (Ref <= MaxId) {
        CallStats &S = Ids.Stats[Ref];
        S.Exclusive += Excl;
        // Recursion: only the outermost activation on the path counts.
        Outermost = --Ids.Active[Ref] == 0;
        if (Outermost)
          S.Inclusive += Incl;
      }
      if (Tree.Energy)
        settleEnergy(E.N, E, Stack[Sp - 2], Tree.Energy[E.Merged],
                     Ids.Energy && Ref <= MaxId ? &Ids.Energy[Ref] : nullptr,
                     Outermost);
      if (Slots) {
        uint64_t *Below = ChildMetrics + size_t(Sp - 1) * Slots;
        settleMetrics(E.N, Below, Slots, MaxSlot, OwnSlots, InclSlots);
        size_t At = size_t(E.Merged) * Slots;
        combineMetrics(Tree.Metrics.Exclusive + At, OwnSlots, Slots, MaxSlot);
        combineMetrics(Tree.Metrics.Inclusive + At, InclSlots, Slots, MaxSlot);
        combineMetrics(ChildMetrics + size_t(Sp - 2) * Slots, InclSlots, Slots,
                       MaxSlot);
        if (Ref <= MaxId) {
          size_t Id = size_t(Ref) * Slots;
          combineMetrics(Ids.Metrics.Exclusive + Id, OwnSlots, Slots, MaxSlot);
          if (Outermost)
            combineMetrics(Ids.Metrics.Inclusive + Id, InclSlots, Slots,
                           MaxSlot);
        }
      }
    } else if (Slots) {
      // The root's own counts are the thread's outside instrumented code;
      // its inclusive values are the thread's totals (Out.Metrics).
      settleMetrics(E.N, ChildMetrics, Slots, MaxSlot, OwnSlots, ThreadTotals);
      combineMetrics(Tree.Metrics.Exclusive, OwnSlots, Slots, MaxSlot);
      combineMetrics(Tree.Metrics.Inclusive, ThreadTotals, Slots, MaxSlot);
    }
    if (Sp == 1 && Tree.Energy) {
      // The root: its own energy is uninstrumented code's, which the
      // attribution counts as unattributed; the merged root shows only
      // the sum of what is below it.
      EnergyStats &R = Tree.Energy[0];
      for (unsigned D = 0; D < EnergyStats::Domains; ++D) {
        R.InclTotal[D] += E.ChildTotal[D];
        R.InclDynamic[D] += E.ChildDynamic[D];
      }
    }
    --Sp;
  }

  std::sort(Ids.Touched, Ids.Touched + Ids.NumTouched);
  Out.Functions =
      A.allocateArray<ThreadFunctionStats>(Ids.NumTouched ? Ids.NumTouched : 1);
  if (!Out.Functions)
    return false;
  for (uint32_t I = 0; I < Ids.NumTouched; ++I) {
    uint32_t Id = Ids.Touched[I];
    CallStats S = Ids.Stats[Id];
    // Each node's exclusive time is clamped at 0 when the hook-cost
    // correction overshoots; summed over a recursive function's nodes that
    // could exceed its (outermost) inclusive time. Keep exclusive <= inclusive.
    if (S.Exclusive > S.Inclusive)
      S.Exclusive = S.Inclusive;
    Out.Functions[I] = ThreadFunctionStats{Id, S};
  }
  Out.NumFunctions = Ids.NumTouched;
  Out.Index = TS.Index;
  Out.Tid = TS.Tid;
  Out.Ended = Ended;
  Out.Calls = loadRelaxed(TS.CallsCounter);
  Out.MaxDepth = loadRelaxed(TS.MaxDepthSeen);
  Out.Resyncs = loadRelaxed(TS.Resyncs);
  Out.GuardTakeovers = loadRelaxed(TS.GuardTakeovers);
  Out.OverflowFrames = loadRelaxed(TS.OverflowFrames);
  return true;
}

} // namespace

bool buildSnapshot(Arena &A, const SnapshotRequest &Request,
                   ProfileSnapshot &Out) {
  Out = ProfileSnapshot();
  uint32_t NumThreads = 0;
  uint64_t TotalNodes = 0;
  for (ThreadState *TS = Request.Threads; TS; TS = loadAcquire(TS->Next)) {
    ++NumThreads;
    TotalNodes += TS->Tree.size();
  }

  uint32_t Slots = Request.MetricSlots;
  MergedTree Tree(A, Request.Energy, Slots);
  if (!Tree.init(TotalNodes))
    return false;
  uint32_t MaxId = Request.MaxId;
  PerId Ids{};
  Ids.Stamp = A.allocateArray<uint32_t>(size_t(MaxId) + 1);
  Ids.Active = A.allocateArray<uint32_t>(size_t(MaxId) + 1);
  Ids.Stats = A.allocateArray<CallStats>(size_t(MaxId) + 1);
  Ids.Touched = A.allocateArray<uint32_t>(size_t(MaxId) + 1);
  Out.Functions = A.allocateArray<CallStats>(size_t(MaxId) + 1);
  if (Request.Energy) {
    Ids.Energy = A.allocateArray<EnergyStats>(size_t(MaxId) + 1);
    Out.FunctionEnergy = A.allocateArray<EnergyStats>(size_t(MaxId) + 1);
    if (!Ids.Energy || !Out.FunctionEnergy)
      return false;
  }
  if (Slots) {
    size_t Values = (size_t(MaxId) + 1) * Slots;
    Ids.Metrics.Slots = Out.FunctionMetrics.Slots = Slots;
    Ids.Metrics.Exclusive = A.allocateArray<uint64_t>(Values);
    Ids.Metrics.Inclusive = A.allocateArray<uint64_t>(Values);
    Out.FunctionMetrics.Exclusive = A.allocateArray<uint64_t>(Values);
    Out.FunctionMetrics.Inclusive = A.allocateArray<uint64_t>(Values);
    if (!Ids.Metrics.Exclusive || !Ids.Metrics.Inclusive ||
        !Out.FunctionMetrics.Exclusive || !Out.FunctionMetrics.Inclusive)
      return false;
  }
  Out.Threads = A.allocateArray<ThreadSummary>(NumThreads ? NumThreads : 1);
  if (!Ids.Stamp || !Ids.Active || !Ids.Stats || !Ids.Touched ||
      !Out.Functions || !Out.Threads)
    return false;

  ThreadState *TS = Request.Threads;
  for (uint32_t I = 0; I < NumThreads && TS; ++I, TS = loadAcquire(TS->Next)) {
    ThreadSummary &Summary = Out.Threads[I];
    if (!mergeThread(A, *TS, Request.Now, MaxId, Request.MaxSlot, Tree, Ids,
                     Summary))
      return false;
    currentThreadName(*TS, Request.RefreshNames, Summary.Name);
    for (uint32_t J = 0; J < Summary.NumFunctions; ++J) {
      const ThreadFunctionStats &F = Summary.Functions[J];
      CallStats &Total = Out.Functions[F.Id];
      Total.Calls += F.Stats.Calls;
      Total.Inclusive += F.Stats.Inclusive;
      Total.Exclusive += F.Stats.Exclusive;
      if (Out.FunctionEnergy) {
        const EnergyStats &From = Ids.Energy[F.Id];
        EnergyStats &To = Out.FunctionEnergy[F.Id];
        for (unsigned D = 0; D < EnergyStats::Domains; ++D) {
          To.ExclTotal[D] += From.ExclTotal[D];
          To.ExclDynamic[D] += From.ExclDynamic[D];
          To.InclTotal[D] += From.InclTotal[D];
          To.InclDynamic[D] += From.InclDynamic[D];
        }
      }
      if (Slots) {
        size_t At = size_t(F.Id) * Slots;
        combineMetrics(Out.FunctionMetrics.Exclusive + At,
                       Ids.Metrics.Exclusive + At, Slots, Request.MaxSlot);
        combineMetrics(Out.FunctionMetrics.Inclusive + At,
                       Ids.Metrics.Inclusive + At, Slots, Request.MaxSlot);
      }
    }
    ++Out.NumThreads;
  }

  Out.Nodes = Tree.Nodes;
  Out.NodeEnergy = Tree.Energy;
  Out.NodeMetrics = Tree.Metrics;
  Out.NumNodes = Tree.NumNodes;
  Out.MaxId = MaxId;
  for (uint32_t I = 0; I < Out.NumNodes; ++I)
    Out.FoldedCalls += Out.Nodes[I].FoldedCalls;
  return true;
}

} // namespace frugal::rt
