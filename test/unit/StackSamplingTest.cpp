//===- StackSamplingTest.cpp - Sampled timing: time from the stacks seen --===//
//
// Threads are driven by hand with the clockless hooks (NoClock), as
// FRUGAL_TIMING=sampled runs them; samples are taken at chosen times, so the
// time every node gets is known exactly.
//
//===----------------------------------------------------------------------===//
#include "StackSampling.h"
#include "ThreadState.h"
#include "TimingMode.h"
#include "Tracer.h"
#include "energy/TickBuffer.h"
#include "energy/TickCollector.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

using namespace frugal;

namespace {

alignas(8) char KeyA, KeyB, KeyC;

struct StackSamplingTest : ::testing::Test {
  test::TracedThread T;
  void SetUp() override {
    rt::SampledTiming = true;
    T.state().SampledUpTo = 0;
  }
  void TearDown() override { rt::SampledTiming = false; }

  void enter(const void *Key, uint32_t Id, uintptr_t FA) {
    rt::pushFrame<rt::NoClock>(T.state(), reinterpret_cast<uintptr_t>(Key), Id,
                               FA);
  }
  // The clockless hooks pass no time (0); a time given anyway must still
  // not be charged, so the slow paths are tested with one.
  rt::PopResult exit(const void *Key, uintptr_t FA, uint64_t Now = 0) {
    return rt::popFrame</*Timed=*/false>(
        T.state(), reinterpret_cast<uintptr_t>(Key), FA, Now);
  }
  rt::Node *node(std::initializer_list<uint32_t> Path) {
    rt::Node *N = T.state().Tree.root();
    for (uint32_t Ref : Path) {
      rt::Node *C = rt::loadAcquire(N->FirstChild);
      while (C && C->Ref != Ref)
        C = C->NextSibling;
      if (!C)
        return nullptr;
      N = C;
    }
    return N;
  }
};

TEST_F(StackSamplingTest, TheIntervalGoesToTheStackSeenAtItsEnd) {
  enter(&KeyA, 1, 1000);
  enter(&KeyB, 2, 900);
  EXPECT_EQ(rt::sampleStack(T.state(), 400), node({1, 2}));
  exit(&KeyB, 900);
  EXPECT_EQ(rt::sampleStack(T.state(), 1000), node({1}));
  exit(&KeyA, 1000);
  EXPECT_EQ(rt::sampleStack(T.state(), 1100), T.state().Tree.root());

  rt::Node *A = node({1}), *B = node({1, 2});
  EXPECT_EQ(A->InclusiveTicks, 1000u); // 0..400 under B, 400..1000 on top
  EXPECT_EQ(A->ExclusiveTicks, 600u);
  EXPECT_EQ(B->InclusiveTicks, 400u);
  EXPECT_EQ(B->ExclusiveTicks, 400u);
  EXPECT_EQ(T.state().Tree.root()->ExclusiveTicks, 100u);
  EXPECT_EQ(A->Calls, 1u);
  EXPECT_EQ(B->Calls, 1u);
  EXPECT_EQ(T.state().StackSamples, 3u);
}

TEST_F(StackSamplingTest, HooksReadNoClockAndTimeNothing) {
  // With sampled timing the hooks leave every time alone, so that the
  // samples are the only source; calls are still counted exactly.
  for (int I = 0; I < 5; ++I) {
    enter(&KeyA, 1, 1000);
    enter(&KeyB, 2, 900);
    EXPECT_EQ(exit(&KeyB, 900), rt::PopResult::Matched);
    EXPECT_EQ(exit(&KeyA, 1000), rt::PopResult::Matched);
  }
  rt::Node *A = node({1}), *B = node({1, 2});
  EXPECT_EQ(A->Calls, 5u);
  EXPECT_EQ(B->Calls, 5u);
  EXPECT_EQ(A->InclusiveTicks + A->ExclusiveTicks, 0u);
  EXPECT_EQ(B->InclusiveTicks + B->ExclusiveTicks, 0u);
  EXPECT_EQ(T.state().TouchedWrite, 0u); // no switches noted for the ticks
}

TEST_F(StackSamplingTest, SlowPathsTimeNothingEither) {
  // A longjmp skipped B's and C's exits: the exit of A drops them, and
  // closes A, charging no time to any (with exact timing it would charge
  // each up to the time given).
  enter(&KeyA, 1, 1000);
  enter(&KeyB, 2, 900);
  enter(&KeyC, 3, 800);
  EXPECT_EQ(exit(&KeyA, 1000, /*Now=*/5000),
            rt::PopResult::Matched); // after dropping
  EXPECT_EQ(T.depth(), 0u);
  for (uint32_t Ref : {1u, 2u, 3u}) {
    rt::Node *N = Ref == 1   ? node({1})
                  : Ref == 2 ? node({1, 2})
                             : node({1, 2, 3});
    ASSERT_NE(N, nullptr);
    EXPECT_EQ(N->InclusiveTicks, 0u) << Ref;
  }
}

TEST_F(StackSamplingTest, EachNodeOnceForRecursionAndFolds) {
  // A recursion is a path of distinct nodes: each gets the interval once.
  enter(&KeyA, 1, 1000);
  enter(&KeyA, 1, 900);
  enter(&KeyA, 1, 800);
  rt::sampleStack(T.state(), 300);
  EXPECT_EQ(node({1})->InclusiveTicks, 300u);
  EXPECT_EQ(node({1, 1})->InclusiveTicks, 300u);
  EXPECT_EQ(node({1, 1, 1})->InclusiveTicks, 300u);
  EXPECT_EQ(node({1, 1, 1})->ExclusiveTicks, 300u);
  EXPECT_EQ(node({1})->ExclusiveTicks, 0u);
}

TEST_F(StackSamplingTest, FoldedFramesShareTheirCallersNode) {
  test::TracedThread Small(rt::DefaultMaxDepth, /*MaxNodes=*/2);
  Small.state().SampledUpTo = 0;
  rt::ThreadState &S = Small.state();
  rt::pushFrame<rt::NoClock>(S, reinterpret_cast<uintptr_t>(&KeyA), 1, 1000);
  // The tree is full (root + A): B folds into A.
  rt::pushFrame<rt::NoClock>(S, reinterpret_cast<uintptr_t>(&KeyB), 2, 900);
  rt::Node *A = rt::loadAcquire(S.Tree.root()->FirstChild);
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(rt::sampleStack(S, 500), A);
  EXPECT_EQ(A->InclusiveTicks, 500u); // once, not once per frame
  EXPECT_EQ(A->ExclusiveTicks, 500u);
}

TEST_F(StackSamplingTest, AnEndedThreadIsChargedUpToItsEndOnly) {
  enter(&KeyA, 1, 1000);
  rt::sampleStack(T.state(), 100);
  T.state().EndTicks = 250;
  T.state().Ended = 1;
  rt::sampleStack(T.state(), 1000);
  EXPECT_EQ(node({1})->InclusiveTicks, 250u);
  EXPECT_EQ(rt::sampleStack(T.state(), 2000), nullptr); // nothing left
  EXPECT_EQ(T.state().StackSamples, 2u);
}

TEST_F(StackSamplingTest, OneSamplerAtATime) {
  ASSERT_TRUE(rt::tryBeginSampling());
  EXPECT_FALSE(rt::tryBeginSampling(/*SpinLimit=*/10));
  EXPECT_FALSE(rt::sampleAllStacks(&T.state(), 500));
  rt::endSampling();
  enter(&KeyA, 1, 1000);
  EXPECT_TRUE(rt::sampleAllStacks(&T.state(), 500));
  EXPECT_EQ(node({1})->InclusiveTicks, 500u);
}

TEST_F(StackSamplingTest, TicksGetTheSampledTopsTime) {
  // The energy sampler's ticks: each tick's entries are what the samples
  // charged in it, so energy follows the sampled stacks.
  rt::energy::TickBuffer Buffer;
  ASSERT_TRUE(Buffer.init(64, 4096));
  rt::energy::TickCollector Collector;
  enter(&KeyA, 1, 1000);
  Collector.discardUpTo(&T.state(), 100); // before the first boundary
  EXPECT_EQ(node({1})->InclusiveTicks, 100u);
  enter(&KeyB, 2, 900);
  rt::energy::Tick &Tick = Buffer.beginTick();
  Tick.EndTicks = 400;
  Tick.DurationTicks = 300;
  Collector.collect(&T.state(), 400, Buffer);
  Buffer.commitTick();
  const rt::energy::Tick &Done = Buffer.tick(0);
  ASSERT_EQ(Done.NumEntries, 1u);
  EXPECT_EQ(Buffer.entries(Done)[0].N, node({1, 2}));
  EXPECT_EQ(Buffer.entries(Done)[0].Ticks, 300u);
}

} // namespace
