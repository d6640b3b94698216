//===- RegionsTest.cpp - Region interning, caching and nesting ------------===//
#include "Memory.h"
#include "Regions.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <string.h>
#include <thread>
#include <vector>

using namespace frugal;
using test::TracedThread;

namespace {

TEST(Regions, InternsByName) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *A = Table.intern("alpha");
  rt::RegionInfo *B = Table.intern("beta");
  std::string Copy = "alpha";
  EXPECT_EQ(Table.intern(Copy.c_str()), A); // by content, not pointer
  EXPECT_NE(A, B);
  EXPECT_EQ(A->Id, 1u);
  EXPECT_EQ(B->Id, 2u);
  EXPECT_STREQ(A->Name, "alpha");
  EXPECT_EQ(Table.find("gamma"), nullptr);
  EXPECT_EQ(Table.find("beta"), B);
  EXPECT_EQ(Table.first(), A);
  EXPECT_EQ(A->Next, B);
}

TEST(Regions, SharesIdsWithOtherUsers) {
  rt::IdSpace Ids;
  EXPECT_EQ(Ids.allocate(), 1u); // as if a module took id 1
  rt::RegionTable Table(Ids);
  EXPECT_EQ(Table.intern("r")->Id, 2u);
  EXPECT_EQ(Ids.maxId(), 2u);
}

TEST(Regions, ThreadCacheIsCheckedByContent) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  TracedThread T;
  char Buffer[32];
  strcpy(Buffer, "phase-1");
  rt::RegionInfo *P1 = rt::lookupRegion(T.state(), Table, Buffer, true);
  EXPECT_EQ(rt::lookupRegion(T.state(), Table, Buffer, true), P1);
  // Same pointer, new content: a different region.
  strcpy(Buffer, "phase-2");
  rt::RegionInfo *P2 = rt::lookupRegion(T.state(), Table, Buffer, true);
  EXPECT_NE(P1, P2);
  EXPECT_STREQ(P2->Name, "phase-2");
  EXPECT_EQ(rt::lookupRegion(T.state(), Table, "never", false), nullptr);
}

TEST(Regions, ManyThreadsAgreeOnIds) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  std::vector<std::thread> Threads;
  std::vector<uint32_t> Seen(8 * 100);
  for (int T = 0; T < 8; ++T)
    Threads.emplace_back([&, T] {
      for (int I = 0; I < 100; ++I) {
        std::string Name = "r" + std::to_string(I);
        Seen[T * 100 + I] = Table.intern(Name.c_str())->Id;
      }
    });
  for (std::thread &T : Threads)
    T.join();
  for (int T = 1; T < 8; ++T)
    for (int I = 0; I < 100; ++I)
      EXPECT_EQ(Seen[T * 100 + I], Seen[I]);
  EXPECT_EQ(Ids.maxId(), 100u);
}

TEST(Regions, NestWithCallsAndMismatchResyncs) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *Outer = Table.intern("outer");
  rt::RegionInfo *Inner = Table.intern("inner");
  alignas(8) static char Fn[8];
  TracedThread T;
  // fn { region outer { region inner { } } }
  T.enter(Fn, 10, 500, 0);
  T.enterRegion(Outer, Outer->Id, 400, 10);
  T.enterRegion(Inner, Inner->Id, 400, 20);
  EXPECT_EQ(T.state().Frames[2].FrameAddr, 500u); // the enclosing call's
  EXPECT_EQ(T.exit(Inner, 400, 30), rt::PopResult::Matched);
  EXPECT_EQ(T.exit(Outer, 400, 40), rt::PopResult::Matched);
  // Ending outer while inner is open: inner is closed as a resync.
  T.enterRegion(Outer, Outer->Id, 400, 50);
  T.enterRegion(Inner, Inner->Id, 400, 60);
  EXPECT_EQ(T.exit(Outer, 400, 70), rt::PopResult::Resynced);
  EXPECT_EQ(T.depth(), 1u);
  // Ending a region that is not open changes nothing.
  EXPECT_EQ(T.exit(Inner, 400, 75), rt::PopResult::NotFound);
  EXPECT_EQ(T.depth(), 1u);
  T.exit(Fn, 500, 100);

  rt::ScopedArena A;
  rt::SnapshotRequest R;
  R.Threads = test::linkThreads({&T.state()});
  R.Now = 100;
  R.MaxId = 10;
  rt::ProfileSnapshot S;
  ASSERT_TRUE(rt::buildSnapshot(A, R, S));
  EXPECT_EQ(S.Functions[Outer->Id].Calls, 2u);
  EXPECT_EQ(S.Functions[Outer->Id].Inclusive, 30u + 20);
  EXPECT_EQ(S.Functions[Inner->Id].Calls, 2u);
  EXPECT_EQ(S.Functions[Inner->Id].Inclusive, 10u + 10);
  EXPECT_EQ(test::findPath(S, {10, Outer->Id, Inner->Id})->Calls, 2u);
}

TEST(Regions, LiveAsLongAsTheirCall) {
  rt::IdSpace Ids;
  rt::RegionTable Table(Ids);
  rt::RegionInfo *R = Table.intern("phase");
  alignas(8) static char F[8], G[8], H[8];
  TracedThread T;
  // Addresses are return-address slots: F's is 500, its callees' 480.
  T.enter(F, 1, 500, 0);
  // Opened by an uninstrumented helper one level down (frugal_region_begin
  // then runs at 460) that returns: the region belongs to F.
  T.enterRegion(R, R->Id, 460, 10);
  // G is called from F: at frugal_region_begin's depth or above, so not a
  // sign of a longjmp.
  T.enter(G, 2, 480, 20);
  EXPECT_EQ(T.depth(), 3u);
  T.exit(G, 480, 30);
  // A region opened in F itself (frugal_region_begin at F's callee depth)
  // nests in the first one: not dead.
  T.enterRegion(R, R->Id, 480, 35);
  EXPECT_EQ(T.depth(), 3u);
  EXPECT_EQ(T.exit(R, 480, 38), rt::PopResult::Matched);
  EXPECT_EQ(T.depth(), 2u);
  // F returns without ending the region: the region goes with it.
  EXPECT_EQ(T.exit(F, 500, 40), rt::PopResult::Resynced);
  EXPECT_EQ(T.depth(), 0u);
  EXPECT_EQ(T.state().Resyncs, 1u);
  // H at F's depth later: nothing stale above the root.
  T.enter(H, 3, 500, 50);
  EXPECT_EQ(T.depth(), 1u);
}

} // namespace
