//===- ContextTreeTest.cpp - Contexts, recursion, folding, merging --------===//
#include "ContextTree.h"
#include "Memory.h"
#include "ProfileMerge.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

using namespace frugal;
using test::findPath;
using test::TracedThread;

namespace {

// Distinct keys standing in for record addresses (8-aligned).
alignas(8) char Keys[16][8];
const void *key(uint32_t Id) { return Keys[Id]; }

rt::ProfileSnapshot snapshot(rt::Arena &A, std::vector<rt::ThreadState *> Ts,
                             uint64_t Now, uint32_t MaxId = 15) {
  rt::SnapshotRequest R;
  R.Threads = test::linkThreads(std::move(Ts));
  R.Now = Now;
  R.MaxId = MaxId;
  rt::ProfileSnapshot S;
  EXPECT_TRUE(rt::buildSnapshot(A, R, S));
  return S;
}

TEST(ContextTree, FindsAndCreatesChildren) {
  rt::ContextTree T;
  ASSERT_TRUE(T.init(100));
  rt::Node *A = T.findOrCreateChild(T.root(), 1);
  rt::Node *B = T.findOrCreateChild(T.root(), 2);
  EXPECT_NE(A, B);
  EXPECT_EQ(T.findOrCreateChild(T.root(), 1), A);
  EXPECT_EQ(T.root()->LastHit, A);
  EXPECT_EQ(A->Parent, T.root());
  EXPECT_EQ(T.size(), 3u);
}

TEST(ContextTree, SpansManyChunks) {
  rt::ContextTree T;
  ASSERT_TRUE(T.init(10000));
  for (uint32_t I = 1; I < 5000; ++I)
    ASSERT_NE(T.findOrCreateChild(T.root(), I), nullptr);
  EXPECT_EQ(T.size(), 5000u);
  EXPECT_EQ(T.findOrCreateChild(T.root(), 4321)->Ref, 4321u);
}

TEST(ContextTree, StopsAtTheBound) {
  rt::ContextTree T;
  ASSERT_TRUE(T.init(3));
  EXPECT_NE(T.findOrCreateChild(T.root(), 1), nullptr);
  EXPECT_NE(T.findOrCreateChild(T.root(), 2), nullptr);
  EXPECT_EQ(T.findOrCreateChild(T.root(), 3), nullptr);
  EXPECT_NE(T.findOrCreateChild(T.root(), 1), nullptr); // existing: fine
}

TEST(Tracer, CountsCallsPerContext) {
  TracedThread T;
  // main -> a (x3), main -> b -> a
  T.enter(key(1), 1, 1000, 0);
  for (int I = 0; I < 3; ++I) {
    T.enter(key(2), 2, 900, 10 + I * 10);
    EXPECT_EQ(T.exit(key(2), 900, 15 + I * 10), rt::PopResult::Matched);
  }
  T.enter(key(3), 3, 900, 50);
  T.enter(key(2), 2, 800, 60);
  T.exit(key(2), 800, 70);
  T.exit(key(3), 900, 80);
  T.exit(key(1), 1000, 100);
  EXPECT_EQ(T.depth(), 0u);

  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 100);
  EXPECT_EQ(findPath(S, {1})->Calls, 1u);
  EXPECT_EQ(findPath(S, {1, 2})->Calls, 3u);
  EXPECT_EQ(findPath(S, {1, 2})->Inclusive, 15u);
  EXPECT_EQ(findPath(S, {1, 3, 2})->Calls, 1u);
  EXPECT_EQ(findPath(S, {1})->Inclusive, 100u);
  EXPECT_EQ(findPath(S, {1})->Exclusive, 100u - 15 - 30);
  EXPECT_EQ(S.Functions[2].Calls, 4u);
  EXPECT_EQ(S.Functions[2].Inclusive, 25u);
  EXPECT_EQ(S.Functions[3].Exclusive, 20u);
  EXPECT_EQ(S.Threads[0].Calls, 6u);
  EXPECT_EQ(S.Threads[0].MaxDepth, 3u);
}

// A hook-cost correction that overshoots (calibrated on a noisy machine)
// would leave the caller cheaper than its callees; the merge raises it to
// their sum instead, so inclusive >= sum of children always holds.
TEST(Tracer, CallerIsNeverCheaperThanItsCallees) {
  rt::HookCost Overshoot;
  Overshoot.PairFixed = 8ULL << rt::HookCost::FixedShift; // 8 ticks a pair
  TracedThread T(rt::DefaultMaxDepth, 1 << 20, Overshoot);
  T.enter(key(1), 1, 1000, 0);
  for (uint64_t I = 0; I < 10; ++I) {
    T.enter(key(2), 2, 900, 10 * I);
    T.exit(key(2), 900, 10 * I + 9); // 9 ticks each, nothing subtracted
  }
  T.exit(key(1), 1000, 100); // 100 - 10 * 8 = 20 after correction

  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 100);
  EXPECT_EQ(S.Functions[2].Inclusive, 90u);
  EXPECT_EQ(S.Functions[1].Inclusive, 90u); // raised from 20
  EXPECT_EQ(S.Functions[1].Exclusive, 0u);
  const rt::MergedNode *F = findPath(S, {1});
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->Inclusive, 90u);
}

TEST(Tracer, RecursionIsNotDoubleCounted) {
  TracedThread T;
  // f(0..100) -> f(10..40) -> f(20..30), then f -> g -> f
  T.enter(key(1), 1, 1000, 0);
  T.enter(key(1), 1, 900, 10);
  T.enter(key(1), 1, 800, 20);
  T.exit(key(1), 800, 30);
  T.exit(key(1), 900, 40);
  T.enter(key(2), 2, 900, 50);
  T.enter(key(1), 1, 800, 60);
  T.exit(key(1), 800, 65);
  T.exit(key(2), 900, 70);
  T.exit(key(1), 1000, 100);

  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 100);
  EXPECT_EQ(S.Functions[1].Calls, 4u);
  EXPECT_EQ(S.Functions[1].Inclusive, 100u); // not 100 + 30 + 10 + 5
  // Exclusive: 100-30-20 + 30-10 + 10 + 5 = 85; g: 20-5.
  EXPECT_EQ(S.Functions[1].Exclusive, 85u);
  EXPECT_EQ(S.Functions[2].Inclusive, 20u);
  EXPECT_EQ(S.Functions[2].Exclusive, 15u);
  // Per context, inclusive is per node.
  EXPECT_EQ(findPath(S, {1, 1})->Inclusive, 30u);
  EXPECT_EQ(findPath(S, {1, 1, 1})->Inclusive, 10u);
  EXPECT_EQ(findPath(S, {1, 2, 1})->Calls, 1u);
}

TEST(Tracer, MutualRecursionCountsOutermostOnly) {
  TracedThread T;
  // a -> b -> a -> b, nested intervals 0..80, 10..70, 20..60, 30..50
  T.enter(key(1), 1, 1000, 0);
  T.enter(key(2), 2, 900, 10);
  T.enter(key(1), 1, 800, 20);
  T.enter(key(2), 2, 700, 30);
  T.exit(key(2), 700, 50);
  T.exit(key(1), 800, 60);
  T.exit(key(2), 900, 70);
  T.exit(key(1), 1000, 80);
  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 80);
  EXPECT_EQ(S.Functions[1].Calls, 2u);
  EXPECT_EQ(S.Functions[1].Inclusive, 80u);
  EXPECT_EQ(S.Functions[2].Calls, 2u);
  EXPECT_EQ(S.Functions[2].Inclusive, 60u);
  EXPECT_EQ(S.Functions[1].Exclusive + S.Functions[2].Exclusive, 80u);
}

TEST(Tracer, FoldsNewContextsAtTheBound) {
  TracedThread T(rt::DefaultMaxDepth, /*MaxNodes=*/3); // root, a, b
  T.enter(key(1), 1, 1000, 0);  // a: new node
  T.enter(key(2), 2, 900, 10);  // b: new node (tree now full)
  T.exit(key(2), 900, 20);
  T.enter(key(3), 3, 900, 30);  // c: folded into a
  T.enter(key(4), 4, 800, 35);  // d under folded c: folded into a
  T.exit(key(4), 800, 40);
  T.exit(key(3), 900, 50);
  T.enter(key(2), 2, 900, 60);  // b: existing context, still counted
  T.exit(key(2), 900, 70);
  T.exit(key(1), 1000, 100);
  EXPECT_EQ(T.depth(), 0u);

  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 100);
  EXPECT_EQ(S.NumNodes, 3u);
  const rt::MergedNode *Na = findPath(S, {1});
  EXPECT_EQ(Na->Calls, 1u);
  EXPECT_EQ(Na->FoldedCalls, 2u);
  EXPECT_EQ(findPath(S, {1, 2})->Calls, 2u);
  EXPECT_EQ(S.FoldedCalls, 2u);
  // Folded calls' time stays in the caller's exclusive time.
  EXPECT_EQ(Na->Inclusive, 100u);
  EXPECT_EQ(Na->Exclusive, 80u);
  EXPECT_EQ(S.Functions[3].Calls, 0u);
  EXPECT_EQ(S.Functions[4].Calls, 0u);
  EXPECT_EQ(S.Threads[0].Calls, 5u);
}

TEST(Tracer, OpenCallsCountUpToNow) {
  TracedThread T;
  T.enter(key(1), 1, 1000, 0);
  T.enter(key(2), 2, 900, 40);
  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 100);
  EXPECT_EQ(findPath(S, {1})->Inclusive, 100u);
  EXPECT_EQ(findPath(S, {1, 2})->Inclusive, 60u);
  EXPECT_EQ(S.Functions[1].Exclusive, 40u);
  // Ended threads close their open calls at their end, not at "now".
  T.state().Ended = 1;
  T.state().EndTicks = 50;
  rt::ScopedArena B;
  S = snapshot(B, {&T.state()}, 100);
  EXPECT_EQ(findPath(S, {1})->Inclusive, 50u);
  EXPECT_TRUE(S.Threads[0].Ended);
}

TEST(Tracer, SubtractsHookCost) {
  rt::HookCost Cost;
  Cost.PairFixed = 10 << rt::HookCost::FixedShift;
  Cost.InnerFixed = 2 << rt::HookCost::FixedShift;
  TracedThread T(rt::DefaultMaxDepth, 1 << 20, Cost);
  T.enter(key(1), 1, 1000, 0);
  for (int I = 0; I < 3; ++I) {
    T.enter(key(2), 2, 900, 100 + I * 100);
    T.exit(key(2), 900, 150 + I * 100);
  }
  T.exit(key(1), 1000, 1000);
  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T.state()}, 1000);
  EXPECT_EQ(findPath(S, {1, 2})->Inclusive, 3u * (50 - 2));
  EXPECT_EQ(findPath(S, {1})->Inclusive, 1000u - 2 - 3 * 10);
  // Clamped at zero when the cost exceeds the interval.
  T.enter(key(3), 3, 1000, 2000);
  T.exit(key(3), 1000, 2001);
  rt::ScopedArena B;
  S = snapshot(B, {&T.state()}, 3000);
  EXPECT_EQ(findPath(S, {3})->Inclusive, 0u);
}

TEST(Merge, TwoThreadsMergeByPath) {
  TracedThread T1, T2;
  // T1: main -> a -> b ; T2: main -> a -> c, main -> d, main -> a -> b
  T1.enter(key(1), 1, 1000, 0);
  T1.enter(key(2), 2, 900, 10);
  T1.enter(key(3), 3, 800, 20);
  T1.exit(key(3), 800, 30);
  T1.exit(key(2), 900, 40);
  T1.exit(key(1), 1000, 50);

  T2.enter(key(1), 1, 1000, 0);
  T2.enter(key(2), 2, 900, 5);
  T2.enter(key(4), 4, 800, 6);
  T2.exit(key(4), 800, 7);
  T2.enter(key(3), 3, 800, 8);
  T2.exit(key(3), 800, 9);
  T2.exit(key(2), 900, 10);
  T2.enter(key(5), 5, 900, 20);
  T2.exit(key(5), 900, 30);
  T2.exit(key(1), 1000, 40);

  rt::ScopedArena A;
  rt::ProfileSnapshot S = snapshot(A, {&T1.state(), &T2.state()}, 100);
  EXPECT_EQ(S.NumThreads, 2u);
  EXPECT_EQ(S.NumNodes, 6u); // root, main, a, b, c, d
  EXPECT_EQ(findPath(S, {1})->Calls, 2u);
  EXPECT_EQ(findPath(S, {1})->Inclusive, 90u);
  EXPECT_EQ(findPath(S, {1, 2})->Calls, 2u);
  EXPECT_EQ(findPath(S, {1, 2})->Inclusive, 35u);
  EXPECT_EQ(findPath(S, {1, 2, 3})->Calls, 2u);
  EXPECT_EQ(findPath(S, {1, 2, 3})->Inclusive, 11u);
  EXPECT_EQ(findPath(S, {1, 2, 4})->Calls, 1u);
  EXPECT_EQ(findPath(S, {1, 5})->Calls, 1u);
  // Parents come before children.
  for (uint32_t I = 1; I < S.NumNodes; ++I)
    EXPECT_LT(S.Nodes[I].Parent, I);
  // Per-thread statistics stay per thread.
  EXPECT_EQ(S.Threads[0].NumFunctions, 3u);
  EXPECT_EQ(S.Threads[1].NumFunctions, 5u);
  EXPECT_EQ(S.Threads[1].Functions[0].Id, 1u);
  EXPECT_EQ(S.Threads[1].Functions[0].Stats.Inclusive, 40u);
  EXPECT_EQ(S.Functions[1].Inclusive, 90u);
  EXPECT_EQ(S.Functions[3].Calls, 2u);
}

} // namespace
