//===- TickCollectorTest.cpp - Exclusive time per node and tick -----------===//
//
// Threads are driven by hand with a fake clock (TestSupport.h), so every
// node's time in every tick is known exactly.
//
//===----------------------------------------------------------------------===//
#include "energy/TickCollector.h"
#include "ThreadState.h"
#include "energy/TickBuffer.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <map>
#include <random>
#include <vector>

using namespace frugal;
using rt::energy::TickBuffer;
using rt::energy::TickCollector;

namespace {

// Keys must be 8-aligned addresses: records in the real runtime.
alignas(8) char KeyA, KeyB;
alignas(8) char Keys[1024][8];

// Node time per function id in tick I of the buffer.
std::map<uint32_t, uint64_t> timesByRef(const TickBuffer &B, uint32_t I) {
  std::map<uint32_t, uint64_t> Out;
  const rt::energy::Tick &T = B.tick(I);
  const rt::energy::TickEntry *E = B.entries(T);
  for (uint32_t J = 0; J < T.NumEntries; ++J)
    Out[E[J].N->Ref] += E[J].Ticks;
  return Out;
}

struct Fixture : ::testing::Test {
  TickBuffer Buffer;
  TickCollector Collector;
  void SetUp() override { ASSERT_TRUE(Buffer.init(64, 4096)); }
  void tick(rt::ThreadState *Threads, uint64_t At, uint64_t Prev) {
    rt::energy::Tick &T = Buffer.beginTick();
    T.EndTicks = At;
    T.DurationTicks = At - Prev;
    Collector.collect(Threads, At, Buffer);
    Buffer.commitTick();
  }
};

using TickCollectorTest = Fixture;

TEST_F(TickCollectorTest, SplitsCallsAtBoundariesAndCreditsTheRunningTop) {
  test::TracedThread T;
  T.state().LastSwitch = 0;
  Collector.discardUpTo(&T.state(), 0);
  T.enter(&KeyA, 1, 1000, 100);
  T.enter(&KeyB, 2, 900, 300);
  T.exit(&KeyB, 900, 700);
  tick(&T.state(), 800, 0); // A is running at the boundary
  T.exit(&KeyA, 1000, 1500);
  tick(&T.state(), 2000, 800);

  auto First = timesByRef(Buffer, 0);
  EXPECT_EQ(First[0], 100u);
  EXPECT_EQ(First[1], 300u); // 100..300 and 700..800
  EXPECT_EQ(First[2], 400u);
  auto Second = timesByRef(Buffer, 1);
  EXPECT_EQ(Second[1], 700u); // 800..1500
  EXPECT_EQ(Second[0], 500u);
  EXPECT_EQ(Second.count(2), 0u);
}

TEST_F(TickCollectorTest, LongRunningCallIsSpreadOverItsTicks) {
  test::TracedThread T;
  Collector.discardUpTo(&T.state(), 0);
  T.enter(&KeyA, 1, 1000, 0);
  for (uint64_t I = 1; I <= 5; ++I)
    tick(&T.state(), I * 1000, (I - 1) * 1000);
  for (uint32_t I = 0; I < 5; ++I) {
    auto Times = timesByRef(Buffer, I);
    EXPECT_EQ(Times[1], 1000u) << "tick " << I;
    EXPECT_EQ(Times.size(), 1u);
  }
}

TEST_F(TickCollectorTest, TimeBeforeSamplingStartsIsNobodys) {
  test::TracedThread T;
  T.enter(&KeyA, 1, 1000, 0);
  T.enter(&KeyB, 2, 900, 400);
  T.exit(&KeyB, 900, 600); // B: 200 before sampling started
  Collector.discardUpTo(&T.state(), 1000);
  T.exit(&KeyA, 1000, 1500);
  tick(&T.state(), 2000, 1000);
  auto Times = timesByRef(Buffer, 0);
  EXPECT_EQ(Times[1], 500u);
  EXPECT_EQ(Times[0], 500u);
  EXPECT_EQ(Times.count(2), 0u);
}

TEST_F(TickCollectorTest, EndedThreadStopsAtItsEnd) {
  test::TracedThread T;
  Collector.discardUpTo(&T.state(), 0);
  T.enter(&KeyA, 1, 1000, 0);
  T.state().EndTicks = 300;
  T.state().Ended = 1;
  tick(&T.state(), 1000, 0);
  tick(&T.state(), 2000, 1000);
  EXPECT_EQ(timesByRef(Buffer, 0)[1], 300u);
  EXPECT_EQ(Buffer.tick(1).NumEntries, 0u);
  // Collected past its end: never visited again.
  EXPECT_TRUE(T.state().SamplerDrained);
}

// Random calls on two threads: in every tick each thread's node times add
// up to the tick's length, and over the run each node's time is exactly its
// exclusive time.
TEST_F(TickCollectorTest, ConservesEveryThreadsTimeInEveryTick) {
  test::TracedThread A, B;
  rt::ThreadState *List = test::linkThreads({&A.state(), &B.state()});
  Collector.discardUpTo(List, 0);
  std::mt19937_64 Rng(42);
  std::vector<int> StackA, StackB;
  uint64_t Now = 0, LastBoundary = 0;
  std::map<const rt::Node *, uint64_t> Collected;
  for (int Step = 0; Step < 20000; ++Step) {
    Now += 1 + Rng() % 50;
    test::TracedThread &T = Step % 2 ? A : B;
    std::vector<int> &Stack = Step % 2 ? StackA : StackB;
    if (Stack.empty() || (Stack.size() < 6 && Rng() % 2)) {
      int K = int(Rng() % 40);
      Stack.push_back(K);
      T.enter(Keys[K], uint32_t(K + 1), 10000 - Stack.size(), Now);
    } else {
      T.exit(Keys[Stack.back()], 10000 - Stack.size(), Now);
      Stack.pop_back();
    }
    if (Now - LastBoundary >= 997) {
      tick(List, Now, LastBoundary);
      uint32_t I = Buffer.numTicks() - 1;
      const rt::energy::Tick &Tk = Buffer.tick(I);
      std::map<rt::ThreadState *, uint64_t> PerThread;
      const rt::energy::TickEntry *E = Buffer.entries(Tk);
      uint64_t Sum = 0;
      for (uint32_t J = 0; J < Tk.NumEntries; ++J) {
        Sum += E[J].Ticks;
        Collected[E[J].N] += E[J].Ticks;
      }
      EXPECT_EQ(Sum, 2 * (Now - LastBoundary)) << "tick " << I;
      LastBoundary = Now;
      if (Buffer.numTicks() == 64)
        Buffer.clear();
    }
  }
  // After a final boundary at the last switch, credited == exclusive.
  tick(List, Now, LastBoundary);
  const rt::energy::Tick &Tk = Buffer.tick(Buffer.numTicks() - 1);
  const rt::energy::TickEntry *E = Buffer.entries(Tk);
  for (uint32_t J = 0; J < Tk.NumEntries; ++J)
    Collected[E[J].N] += E[J].Ticks;
  for (auto &[N, Ticks] : Collected)
    if (N->Ref != 0 && N != A.state().Frames[A.state().Depth - 1].Ctx &&
        N != B.state().Frames[B.state().Depth - 1].Ctx)
      EXPECT_EQ(Ticks, N->ExclusiveTicks) << "ref " << N->Ref;
}

TEST_F(TickCollectorTest, RingOverflowFallsBackToAWalkOfTheTree) {
  test::TracedThread T;
  Collector.discardUpTo(&T.state(), 0);
  uint64_t Now = 0;
  // More distinct nodes in one tick than the ring holds.
  for (int K = 0; K < 1000; ++K) {
    T.enter(Keys[K], uint32_t(K + 1), 1000, Now += 3);
    T.exit(Keys[K], 1000, Now += 2);
  }
  tick(&T.state(), Now, 0);
  EXPECT_EQ(Collector.stats().RingOverflows, 1u);
  auto Times = timesByRef(Buffer, 0);
  EXPECT_EQ(Times.size(), 1001u);
  uint64_t Sum = 0;
  for (auto &[Ref, Ticks] : Times)
    Sum += Ticks;
  EXPECT_EQ(Sum, Now);
  for (int K = 1; K <= 1000; ++K)
    EXPECT_EQ(Times[uint32_t(K)], 2u) << K;
}

} // namespace
