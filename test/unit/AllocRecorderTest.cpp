//===- AllocRecorderTest.cpp - Allocations charged to calling contexts ----===//
//
// The recorder is driven as the interposer drives it, with fake block
// addresses and thread states built by hand (TestSupport.h): the test
// binary does not interpose malloc.
//
//===----------------------------------------------------------------------===//
#include "Memory.h"
#include "NodeMetrics.h"
#include "ThreadState.h"
#include "alloc/AllocReport.h"
#include "alloc/Recorder.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <thread>

using namespace frugal;
namespace alloc = rt::alloc;

namespace {

alignas(8) char KeyA, KeyB, KeyC;
constexpr uint32_t IdA = 1, IdB = 2, IdC = 3;

// Distinct fake blocks (never dereferenced).
void *block(uintptr_t I) {
  return reinterpret_cast<void *>(0x7000000 + I * 64);
}

struct Slots {
  uint64_t Bytes, Count, Frees, FreedBytes, PeakLive;
};
Slots slotsOf(const rt::Node *N) {
  const uint64_t *A = rt::metricsOf(N) + rt::NodeMetricLayout.AllocBase;
  return {A[rt::AllocBytes], A[rt::AllocCount], A[rt::AllocFrees],
          A[rt::AllocFreedBytes], A[rt::AllocPeakLive]};
}
#define EXPECT_SLOTS(N, B, C, F, FB, P)                                        \
  do {                                                                         \
    Slots S_ = slotsOf(N);                                                     \
    EXPECT_EQ(S_.Bytes, uint64_t(B));                                          \
    EXPECT_EQ(S_.Count, uint64_t(C));                                          \
    EXPECT_EQ(S_.Frees, uint64_t(F));                                          \
    EXPECT_EQ(S_.FreedBytes, uint64_t(FB));                                    \
    EXPECT_EQ(S_.PeakLive, uint64_t(P));                                       \
  } while (0)

rt::Node *top(rt::ThreadState &TS) { return TS.Frames[TS.Depth - 1].Ctx; }

uint64_t functionPeak(uint32_t Id) {
  uint64_t Peak = 0;
  EXPECT_TRUE(alloc::functionPeak(Id, Peak)) << "id " << Id;
  return Peak;
}

// The process totals, with these thread states as the process's threads.
alloc::AllocReport totals(std::vector<rt::ThreadState *> Threads = {}) {
  rt::ScopedArena A;
  rt::ProfileSnapshot S;
  EXPECT_TRUE(
      test::snapshotOf(A, test::linkThreads(std::move(Threads)), 0, 0, S));
  alloc::AllocReport R;
  alloc::fillTotals(R, S.NodeMetrics.inclusive(0) +
                           rt::NodeMetricLayout.AllocBase);
  return R;
}

// Runs F on a fresh thread whose frugal state is TS (nullptr: none yet).
template <class Fn> void onThread(rt::ThreadState *TS, Fn F) {
  std::thread([&] {
    rt::CurrentThread = TS;
    F();
    rt::CurrentThread = nullptr;
  }).join();
}

// Nodes get allocation slots (the layout is fixed before their states are
// made), and this thread's state is a hand-driven one while a test runs.
struct AllocRecorderTest : ::testing::Test {
  rt::MetricLayout SavedLayout;
  rt::ThreadState *SavedThread = nullptr;

  void SetUp() override {
    SavedLayout = rt::NodeMetricLayout;
    rt::setMetricLayout(SavedLayout.NumEvents, /*Alloc=*/true);
    SavedThread = rt::CurrentThread;
    alloc::resetRecorderForTesting();
    ASSERT_TRUE(alloc::prepareRecorder(1024));
    alloc::startRecording();
    ASSERT_TRUE(alloc::recording());
  }
  void TearDown() override {
    rt::CurrentThread = SavedThread;
    alloc::resetRecorderForTesting();
    rt::NodeMetricLayout = SavedLayout;
  }
};

TEST_F(AllocRecorderTest, ChargesTheTopNodeAndItsFunction) {
  test::TracedThread T;
  rt::CurrentThread = &T.state();
  T.enter(&KeyA, IdA, 1000, 0);
  rt::Node *A = top(T.state());
  alloc::recordAlloc(block(1), 100);
  alloc::recordAlloc(block(2), 50);
  T.enter(&KeyB, IdB, 900, 1);
  rt::Node *B = top(T.state());
  alloc::recordAlloc(block(3), 30);
  T.exit(&KeyB, 900, 2);
  alloc::recordFreeOf(block(1)); // freed in A, charged to A's block
  alloc::recordAlloc(block(4), 60);
  T.exit(&KeyA, 1000, 3);

  // A: 100 + 50 live = 150; then 100 freed and 60 more: 110 < 150.
  EXPECT_SLOTS(A, 210, 3, 1, 100, 150);
  EXPECT_SLOTS(B, 30, 1, 0, 0, 30);
  EXPECT_SLOTS(T.state().Tree.root(), 0, 0, 0, 0, 0);
  EXPECT_EQ(functionPeak(IdA), 150u);
  EXPECT_EQ(functionPeak(IdB), 30u);
  EXPECT_EQ(T.state().InHook, 0u) << "the guard is released";

  alloc::AllocReport R = totals({&T.state()});
  EXPECT_EQ(R.Bytes, 240u);
  EXPECT_EQ(R.Count, 4u);
  EXPECT_EQ(R.Frees, 1u);
  EXPECT_EQ(R.FreedBytes, 100u);
  EXPECT_EQ(R.PeakLiveBytes, 180u); // 100 + 50 + 30
  EXPECT_EQ(R.UnattributedCount, 0u);
  EXPECT_EQ(R.UntrackedBlocks, 0u);
}

TEST_F(AllocRecorderTest, TopLevelAllocationsGoToTheRootInNoFunction) {
  test::TracedThread T;
  rt::CurrentThread = &T.state();
  alloc::recordAlloc(block(1), 64);
  EXPECT_SLOTS(T.state().Tree.root(), 64, 1, 0, 0, 64);
  EXPECT_EQ(totals({&T.state()}).UnattributedCount, 0u);
  alloc::recordFreeOf(block(1));
  EXPECT_SLOTS(T.state().Tree.root(), 64, 1, 1, 64, 64);
}

TEST_F(AllocRecorderTest, NoStateInsideAHookOrInertIsUnattributed) {
  test::TracedThread T;
  T.enter(&KeyA, IdA, 1000, 0);
  rt::Node *A = top(T.state());

  rt::CurrentThread = nullptr; // a thread before its first hook
  alloc::recordAlloc(block(1), 10);
  rt::CurrentThread = rt::inertThreadState(); // disabled, or initialising
  alloc::recordAlloc(block(2), 20);
  rt::CurrentThread = &T.state();
  T.state().InHook = 12345; // inside a hook, or the profile writer
  alloc::recordAlloc(block(3), 40);
  EXPECT_EQ(T.state().InHook, 12345u);
  T.state().InHook = 0;

  EXPECT_SLOTS(A, 0, 0, 0, 0, 0);
  alloc::AllocReport R = totals({&T.state()});
  EXPECT_EQ(R.UnattributedBytes, 70u);
  EXPECT_EQ(R.UnattributedCount, 3u);
  EXPECT_EQ(R.Count, 3u);
  // Their frees still lower the process's live bytes.
  alloc::recordFreeOf(block(1));
  alloc::recordFreeOf(block(2));
  alloc::recordFreeOf(block(3));
  alloc::recordAlloc(block(4), 5);
  R = totals({&T.state()});
  EXPECT_EQ(R.Count, 4u); // the unattributed and the node's together
  EXPECT_EQ(R.Bytes, 75u);
  EXPECT_EQ(R.Frees, 3u);
  EXPECT_EQ(R.FreedBytes, 70u);
  EXPECT_EQ(R.PeakLiveBytes, 70u);
  EXPECT_SLOTS(A, 5, 1, 0, 0, 5);
}

TEST_F(AllocRecorderTest, FreeOnAnotherThreadLowersTheAllocatingNode) {
  test::TracedThread T;
  rt::CurrentThread = &T.state();
  T.enter(&KeyA, IdA, 1000, 0);
  rt::Node *A = top(T.state());
  alloc::recordAlloc(block(1), 1000);
  alloc::recordAlloc(block(2), 500);
  // A thread without any frugal state frees A's first block.
  onThread(nullptr, [] { alloc::recordFreeOf(block(1)); });
  EXPECT_SLOTS(A, 1500, 2, 1, 1000, 1500);
  // A's live bytes are 500 now: another 800 gives 1300, not a new peak.
  alloc::recordAlloc(block(3), 800);
  EXPECT_SLOTS(A, 2300, 3, 1, 1000, 1500);
  EXPECT_EQ(functionPeak(IdA), 1500u);
  alloc::recordAlloc(block(4), 300);
  EXPECT_SLOTS(A, 2600, 4, 1, 1000, 1600);
  EXPECT_EQ(functionPeak(IdA), 1600u);
}

// A function's peak is over all its contexts and threads at once; each
// node's is its own.
TEST_F(AllocRecorderTest, FunctionPeakSpansContextsAndThreads) {
  test::TracedThread T1, T2;
  rt::CurrentThread = &T1.state();
  T1.enter(&KeyA, IdA, 1000, 0);
  T1.enter(&KeyC, IdC, 900, 1);
  rt::Node *CUnderA = top(T1.state());
  alloc::recordAlloc(block(1), 100);
  T1.exit(&KeyC, 900, 2);
  T1.enter(&KeyB, IdB, 950, 3);
  T1.enter(&KeyC, IdC, 800, 4);
  rt::Node *CUnderB = top(T1.state());
  alloc::recordAlloc(block(2), 100);
  EXPECT_EQ(functionPeak(IdC), 200u);

  rt::Node *COnT2 = nullptr;
  onThread(&T2.state(), [&] {
    T2.enter(&KeyC, IdC, 1000, 0);
    COnT2 = top(T2.state());
    alloc::recordAlloc(block(3), 300); // C: 500 live
  });
  onThread(nullptr, [] { alloc::recordFreeOf(block(1)); });        // C: 400
  onThread(&T2.state(), [] { alloc::recordAlloc(block(4), 50); }); // C: 450

  EXPECT_EQ(functionPeak(IdC), 500u);
  EXPECT_SLOTS(CUnderA, 100, 1, 1, 100, 100);
  EXPECT_SLOTS(CUnderB, 100, 1, 0, 0, 100);
  EXPECT_SLOTS(COnT2, 350, 2, 0, 0, 350);
  EXPECT_EQ(functionPeak(IdA), 0u) << "A's chunk exists, A allocated nothing";
  uint64_t Peak;
  EXPECT_FALSE(alloc::functionPeak(1u << 20, Peak)) << "an id never charged";
  EXPECT_EQ(totals({&T1.state(), &T2.state()}).PeakLiveBytes, 500u);
}

TEST_F(AllocRecorderTest, ConcurrentThreadsSumExactly) {
  constexpr unsigned Threads = 8;
  constexpr uint64_t Blocks = 2000;
  alloc::resetRecorderForTesting();
  ASSERT_TRUE(alloc::prepareRecorder(1 << 16));
  alloc::startRecording();
  std::vector<test::TracedThread> States(Threads);
  std::vector<rt::Node *> Nodes(Threads);
  std::vector<std::thread> Workers;
  // Each thread allocates in function C; thread T + 1 frees thread T's.
  for (unsigned T = 0; T < Threads; ++T)
    Workers.emplace_back([&, T] {
      rt::CurrentThread = &States[T].state();
      States[T].enter(&KeyC, IdC, 1000, 0);
      Nodes[T] = top(States[T].state());
      for (uint64_t I = 0; I < Blocks; ++I)
        alloc::recordAlloc(block(T * Blocks + I), I + 1);
    });
  for (std::thread &W : Workers)
    W.join();
  Workers.clear();
  for (unsigned T = 0; T < Threads; ++T)
    Workers.emplace_back([&, T] {
      unsigned From = (T + 1) % Threads;
      for (uint64_t I = 0; I < Blocks; ++I)
        alloc::recordFreeOf(block(From * Blocks + I));
    });
  for (std::thread &W : Workers)
    W.join();

  uint64_t PerThread = Blocks * (Blocks + 1) / 2;
  for (unsigned T = 0; T < Threads; ++T)
    EXPECT_SLOTS(Nodes[T], PerThread, Blocks, Blocks, PerThread, PerThread);
  EXPECT_EQ(functionPeak(IdC), Threads * PerThread);
  std::vector<rt::ThreadState *> All;
  for (test::TracedThread &S : States)
    All.push_back(&S.state());
  alloc::AllocReport R = totals(All);
  EXPECT_EQ(R.Count, Threads * Blocks);
  EXPECT_EQ(R.FreedBytes, Threads * PerThread);
  EXPECT_EQ(R.UntrackedBlocks, 0u);
}

TEST_F(AllocRecorderTest, FullTableLeavesBlocksUntracked) {
  alloc::resetRecorderForTesting();
  ASSERT_TRUE(alloc::prepareRecorder(64)); // as many slots as probes
  alloc::startRecording();
  test::TracedThread T;
  rt::CurrentThread = &T.state();
  T.enter(&KeyA, IdA, 1000, 0);
  rt::Node *A = top(T.state());
  for (uintptr_t I = 0; I < 65; ++I)
    alloc::recordAlloc(block(I), 10);
  EXPECT_EQ(totals({&T.state()}).UntrackedBlocks, 1u);
  EXPECT_SLOTS(A, 650, 65, 0, 0, 650); // counted all the same
  alloc::recordFreeOf(block(64));      // its free finds nothing
  EXPECT_SLOTS(A, 650, 65, 0, 0, 650);
  alloc::recordFreeOf(block(0));
  EXPECT_SLOTS(A, 650, 65, 1, 10, 650);
  EXPECT_EQ(totals({&T.state()}).Frees, 1u);
}

// realloc's protocol: the old record is taken before the call, and put
// back when the call fails (the block is still the program's).
TEST_F(AllocRecorderTest, TakenBlockPutBackIsFreedOnce) {
  test::TracedThread T;
  rt::CurrentThread = &T.state();
  T.enter(&KeyA, IdA, 1000, 0);
  rt::Node *A = top(T.state());
  alloc::recordAlloc(block(1), 100);
  alloc::LiveBlock Taken;
  ASSERT_TRUE(alloc::takeBlock(block(1), Taken));
  EXPECT_EQ(Taken.Owner, A);
  EXPECT_EQ(Taken.Size, 100u);
  alloc::LiveBlock Again;
  EXPECT_FALSE(alloc::takeBlock(block(1), Again));
  alloc::restoreBlock(block(1), Taken);
  alloc::recordFreeOf(block(1));
  alloc::recordFreeOf(block(1)); // a double free: found once only
  EXPECT_SLOTS(A, 100, 1, 1, 100, 100);
}

TEST_F(AllocRecorderTest, ForkedChildForgetsTheParentsBlocks) {
  test::TracedThread T;
  rt::CurrentThread = &T.state();
  T.enter(&KeyA, IdA, 1000, 0);
  alloc::recordAlloc(block(1), 100);
  alloc::restartInChild();
  // The child's thread list holds fresh states only: not T's.
  alloc::AllocReport R = totals();
  EXPECT_EQ(R.Bytes, 0u);
  EXPECT_EQ(R.PeakLiveBytes, 0u);
  uint64_t Peak;
  EXPECT_FALSE(alloc::functionPeak(IdA, Peak));
  alloc::recordFreeOf(block(1)); // inherited: forwarded untracked
  EXPECT_EQ(totals().Frees, 0u);
  EXPECT_TRUE(alloc::recording());
}

} // namespace
