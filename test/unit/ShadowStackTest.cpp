//===- ShadowStackTest.cpp - longjmp resync, overflow, deep recursion -----===//
#include "Memory.h"
#include "ProfileMerge.h"

#include "TestSupport.h"

#include <gtest/gtest.h>

using namespace frugal;
using test::TracedThread;

namespace {

alignas(8) char Keys[16][8];
const void *key(uint32_t Id) { return Keys[Id]; }

TEST(ShadowStack, LongjmpPopsDeeperFramesByAddress) {
  TracedThread T;
  T.enter(key(1), 1, 300, 0);  // A
  T.enter(key(2), 2, 200, 10); // B
  T.enter(key(3), 3, 100, 20); // C
  // longjmp from C back into A, which then returns: B and C never exit.
  EXPECT_EQ(T.exit(key(1), 300, 50), rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Resyncs, 2u);

  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = test::linkThreads({&T.state()});
  R.Now = 50;
  R.MaxId = 3;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  // Abandoned calls are counted and closed at the resync.
  EXPECT_EQ(test::findPath(S, {1, 2, 3})->Calls, 1u);
  EXPECT_EQ(test::findPath(S, {1, 2, 3})->Inclusive, 30u);
  EXPECT_EQ(test::findPath(S, {1, 2})->Inclusive, 40u);
  EXPECT_EQ(test::findPath(S, {1})->Inclusive, 50u);
  EXPECT_EQ(S.Threads[0].Resyncs, 2u);
}

TEST(ShadowStack, LongjmpNoticedAtTheNextEntry) {
  TracedThread T;
  T.enter(key(1), 1, 300, 0);  // main
  T.enter(key(2), 2, 200, 10); // middle
  T.enter(key(3), 3, 100, 20); // deep, which longjmps back into main
  // main calls after(): its frame is where middle's was, or above.
  T.enter(key(4), 4, 200, 30);
  EXPECT_EQ(T.depth(), 2u);
  EXPECT_EQ(T.state().Resyncs, 2u);
  T.exit(key(4), 200, 40);
  T.enter(key(4), 4, 210, 50); // a smaller frame than middle's
  T.exit(key(4), 210, 60);
  T.exit(key(1), 300, 70);
  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = test::linkThreads({&T.state()});
  R.Now = 70;
  R.MaxId = 4;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  EXPECT_EQ(test::findPath(S, {1, 4})->Calls, 2u);
  EXPECT_EQ(test::findPath(S, {1, 2, 3, 4}), nullptr);
  EXPECT_EQ(test::findPath(S, {1, 2, 3})->Inclusive, 10u); // closed at 30
}

TEST(ShadowStack, LongjmpIntoOuterRecursionLevel) {
  TracedThread T;
  T.enter(key(1), 1, 300, 0);
  T.enter(key(1), 1, 200, 1);
  T.enter(key(1), 1, 100, 2);
  // The outermost f returns: the two inner ones (same record, lower
  // addresses) must not be taken for it.
  EXPECT_EQ(T.exit(key(1), 300, 10), rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Resyncs, 2u);
}

TEST(ShadowStack, SearchesDownWhenAddressesDoNotHelp) {
  TracedThread T;
  T.enter(key(1), 1, 300, 0);
  T.enter(key(2), 2, 200, 1);
  T.enter(key(3), 3, 100, 2);
  // A's exit hook runs lower than everything (say A grew its frame with
  // alloca): no frame looks dead by address, A is found by search.
  EXPECT_EQ(T.exit(key(1), 50, 10), rt::PopResult::Resynced);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Resyncs, 2u);
}

TEST(ShadowStack, TailCalledExitHookStillMatches) {
  TracedThread T;
  T.enter(key(1), 1, 300, 0);
  T.enter(key(2), 2, 200, 10);
  // A tail-called exit hook runs in the caller's frame: a higher address.
  EXPECT_EQ(T.exit(key(2), 300, 20), rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 1u);
  EXPECT_EQ(T.state().Resyncs, 0u);
  EXPECT_EQ(T.exit(key(1), 400, 30), rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Resyncs, 0u);
}

TEST(ShadowStack, IgnoresExitWithoutFrame) {
  TracedThread T;
  T.enter(key(1), 1, 300, 0);
  EXPECT_EQ(T.exit(key(9), 200, 5), rt::PopResult::NotFound);
  EXPECT_EQ(T.depth(), 1u);
  EXPECT_EQ(T.state().Resyncs, 0u);
  EXPECT_EQ(T.exit(key(1), 300, 10), rt::PopResult::Matched);
}

TEST(ShadowStack, OverflowIsCountedAndMatched) {
  TracedThread T(/*MaxDepth=*/4);
  for (uint32_t I = 0; I < 10; ++I)
    T.enter(key(1 + I % 3), 1 + I % 3, 1000 - 10 * I, I);
  EXPECT_EQ(T.depth(), 4u);
  EXPECT_EQ(T.state().Overflow, 6u);
  EXPECT_EQ(T.state().OverflowFrames, 6u);
  EXPECT_EQ(T.state().MaxDepthSeen, 10u);
  for (uint32_t I = 10; I-- > 0;)
    EXPECT_EQ(T.exit(key(1 + I % 3), 1000 - 10 * I, 100 + I),
              rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Overflow, 0u);
  EXPECT_EQ(T.state().Resyncs, 0u);

  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = test::linkThreads({&T.state()});
  R.Now = 200;
  R.MaxId = 3;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  EXPECT_EQ(S.NumNodes, 5u);
  EXPECT_EQ(test::findPath(S, {1, 2, 3, 1})->FoldedCalls, 6u);
  EXPECT_EQ(S.FoldedCalls, 6u);
  EXPECT_EQ(S.Threads[0].OverflowFrames, 6u);
  EXPECT_EQ(S.Threads[0].MaxDepth, 10u);
  EXPECT_EQ(S.Threads[0].Calls, 10u);
}

TEST(ShadowStack, LongjmpOutOfOverflowedFrames) {
  TracedThread T(/*MaxDepth=*/4);
  for (uint32_t I = 0; I < 10; ++I)
    T.enter(key(1), 1, 1000 - 10 * I, I);
  // Frame #2 (address 990) returns: the 6 overflowed calls and frames #3, #4
  // were skipped.
  EXPECT_EQ(T.exit(key(1), 990, 50), rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 1u);
  EXPECT_EQ(T.state().Overflow, 0u);
  EXPECT_EQ(T.state().Resyncs, 8u);
}

TEST(ShadowStack, HundredThousandDeepRecursion) {
  TracedThread T; // default depth 4096
  constexpr uint32_t Depth = 100000;
  for (uint32_t I = 0; I < Depth; ++I)
    T.enter(key(1), 1, 10000000 - 16 * I, I);
  EXPECT_EQ(T.state().OverflowFrames, Depth - rt::DefaultMaxDepth);
  for (uint32_t I = Depth; I-- > 0;)
    T.exit(key(1), 10000000 - 16 * I, 2 * Depth - I);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Resyncs, 0u);
  EXPECT_EQ(T.state().MaxDepthSeen, Depth);
}

TEST(ShadowStack, GuardRejectsNestedHooks) {
  TracedThread T;
  rt::ThreadState &S = T.state();
  // Hook frame addresses: a signal handler's hook runs below the hook it
  // interrupted.
  ASSERT_TRUE(rt::acquireGuard(S, 1000));
  EXPECT_FALSE(rt::acquireGuard(S, 900)); // e.g. a signal handler's hook
  rt::releaseGuard(S);
  EXPECT_TRUE(rt::acquireGuard(S, 1000));
  rt::releaseGuard(S);
  EXPECT_FALSE(rt::acquireGuard(*rt::inertThreadState(), 1000));
  EXPECT_EQ(S.GuardTakeovers, 0u);
}

// A siglongjmp out of a handler that interrupted a hook leaves the guard
// held by a frame that is gone: the next hook, at or above it, takes over.
TEST(ShadowStack, GuardAbandonedByALongjmpIsTakenOver) {
  TracedThread T;
  rt::ThreadState &S = T.state();
  ASSERT_TRUE(rt::acquireGuard(S, 1000)); // interrupted; never released
  EXPECT_TRUE(rt::acquireGuard(S, 1000)); // same depth after the jump
  EXPECT_EQ(S.GuardTakeovers, 1u);
  rt::releaseGuard(S);
  ASSERT_TRUE(rt::acquireGuard(S, 1000));
  EXPECT_TRUE(rt::acquireGuard(S, 1200)); // shallower
  EXPECT_EQ(S.GuardTakeovers, 2u);
  rt::releaseGuard(S);
}

TEST(ShadowStack, ForkReplicatesOpenCalls) {
  TracedThread Parent, Child;
  Parent.enter(key(1), 1, 300, 0);
  Parent.enter(key(2), 2, 200, 10);
  rt::replicateOpenCalls(Parent.state(), Child.state(), 100);
  EXPECT_EQ(Child.depth(), 2u);
  EXPECT_EQ(Child.exit(key(2), 200, 150), rt::PopResult::Matched);
  EXPECT_EQ(Child.exit(key(1), 300, 200), rt::PopResult::Matched);
  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = test::linkThreads({&Child.state()});
  R.Now = 200;
  R.MaxId = 3;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  EXPECT_EQ(test::findPath(S, {1})->Inclusive, 100u); // since the fork
  EXPECT_EQ(test::findPath(S, {1, 2})->Inclusive, 50u);
  EXPECT_EQ(test::findPath(S, {1, 2})->Calls, 1u);
}

} // namespace

namespace {
TEST(HookCost, SaturatesInsteadOfWrapping) {
  rt::HookCost Cost;
  Cost.PairFixed = 60ULL << rt::HookCost::FixedShift;
  Cost.InnerFixed = 25ULL << rt::HookCost::FixedShift;
  EXPECT_EQ(rt::hookCostTicks(Cost, 0), 25u);
  EXPECT_EQ(rt::hookCostTicks(Cost, 10), 625u);
  // 60 << 8 times this wraps a 64-bit product.
  EXPECT_EQ(rt::hookCostTicks(Cost, uint64_t(1) << 52),
            UINT64_MAX >> rt::HookCost::FixedShift);
}
} // namespace
