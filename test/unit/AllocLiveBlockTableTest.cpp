//===- AllocLiveBlockTableTest.cpp - The lock-free table of live blocks ---===//
#include "alloc/LiveBlockTable.h"

#include <gtest/gtest.h>
#include <stdint.h>
#include <thread>
#include <vector>

using namespace frugal;
using rt::alloc::LiveBlock;
using rt::alloc::LiveBlockTable;

namespace {

// Addresses as malloc returns them: 16-byte aligned, well above the
// sentinel keys.
uintptr_t address(uint64_t I) { return 0x100000 + I * 16; }
rt::Node *owner(uint64_t I) { return reinterpret_cast<rt::Node *>(I * 128); }

struct Table {
  LiveBlockTable T;
  explicit Table(uint64_t Capacity) { EXPECT_TRUE(T.init(Capacity)); }
  ~Table() { T.release(); }
};

TEST(AllocLiveBlockTable, RemoveReturnsWhatWasInsertedOnce) {
  Table Tab(1024);
  LiveBlockTable &T = Tab.T;
  EXPECT_EQ(T.capacity(), 1024u);
  for (uint64_t I = 1; I <= 500; ++I)
    ASSERT_TRUE(T.insert(address(I), {owner(I), I * 10}));
  LiveBlock B;
  EXPECT_FALSE(T.remove(address(1000), B)); // never inserted
  for (uint64_t I = 500; I >= 1; --I) {
    ASSERT_TRUE(T.remove(address(I), B)) << I;
    EXPECT_EQ(B.Owner, owner(I));
    EXPECT_EQ(B.Size, I * 10);
    EXPECT_FALSE(T.remove(address(I), B)) << "a second free finds nothing";
  }
}

TEST(AllocLiveBlockTable, CapacityIsAPowerOfTwoAtLeastTheMinimum) {
  Table Small(3);
  EXPECT_EQ(Small.T.capacity(), LiveBlockTable::MinCapacity);
  Table Odd(1000);
  EXPECT_EQ(Odd.T.capacity(), 1024u);
}

// With as many slots as probes, every insert sees the whole table: it
// fails exactly when no slot is free, and a freed slot (a tombstone) is
// taken again.
TEST(AllocLiveBlockTable, FullTableRefusesAndTombstonesAreReused) {
  static_assert(LiveBlockTable::MinCapacity == LiveBlockTable::MaxProbes);
  Table Tab(LiveBlockTable::MinCapacity);
  LiveBlockTable &T = Tab.T;
  const uint64_t N = T.capacity();
  for (uint64_t I = 0; I < N; ++I)
    ASSERT_TRUE(T.insert(address(I), {owner(I), I}));
  EXPECT_FALSE(T.insert(address(N), {owner(N), N})) << "the table is full";

  LiveBlock B;
  ASSERT_TRUE(T.remove(address(7), B));
  EXPECT_TRUE(T.insert(address(N), {owner(N), 4242})) << "reuses the tombstone";
  EXPECT_FALSE(T.insert(address(N + 1), {owner(N + 1), 1}));

  // Every remaining block is found, past the tombstones left behind.
  ASSERT_TRUE(T.remove(address(N), B));
  EXPECT_EQ(B.Size, 4242u);
  for (uint64_t I = 0; I < N; ++I) {
    if (I == 7)
      continue;
    ASSERT_TRUE(T.remove(address(I), B)) << I;
    EXPECT_EQ(B.Size, I);
  }
  // All tombstones now: inserts still find room, lookups stop in bounds.
  EXPECT_FALSE(T.remove(address(3), B));
  EXPECT_TRUE(T.insert(address(3), {owner(3), 33}));
  ASSERT_TRUE(T.remove(address(3), B));
  EXPECT_EQ(B.Size, 33u);
}

TEST(AllocLiveBlockTable, ReinsertingALiveAddressReplacesIt) {
  // A block freed where the interposer cannot see it, whose address comes
  // back: its free must find the new size, not the stale one.
  Table Tab(256);
  LiveBlock B;
  ASSERT_TRUE(Tab.T.insert(address(5), {owner(1), 100}));
  ASSERT_TRUE(Tab.T.insert(address(5), {owner(2), 200}));
  ASSERT_TRUE(Tab.T.remove(address(5), B));
  EXPECT_EQ(B.Owner, owner(2));
  EXPECT_EQ(B.Size, 200u);
  EXPECT_FALSE(Tab.T.remove(address(5), B));
}

// Blocks inserted by one thread are freed by another, while every thread
// inserts and removes at the same time: nothing is lost or duplicated.
TEST(AllocLiveBlockTable, ConcurrentInsertAndRemoveAcrossThreads) {
  constexpr unsigned Threads = 8;
  constexpr uint64_t PerThread = 4000;
  constexpr unsigned Rounds = 20;
  Table Tab(uint64_t(1) << 16);
  LiveBlockTable &T = Tab.T;
  std::vector<uint64_t> Failures(Threads, 0);

  auto Key = [](unsigned Th, uint64_t I, unsigned Round) {
    return address((uint64_t(Round) * Threads + Th) * PerThread + I);
  };
  for (unsigned Round = 0; Round < Rounds; ++Round) {
    // Phase 1: every thread inserts its own blocks.
    std::vector<std::thread> Workers;
    for (unsigned Th = 0; Th < Threads; ++Th)
      Workers.emplace_back([&, Th] {
        for (uint64_t I = 0; I < PerThread; ++I)
          if (!T.insert(Key(Th, I, Round), {owner(Th + 1), I}))
            ++Failures[Th];
      });
    for (std::thread &W : Workers)
      W.join();
    Workers.clear();
    // Phase 2: every thread frees its neighbour's blocks and, at the same
    // time, inserts and frees blocks of its own.
    for (unsigned Th = 0; Th < Threads; ++Th)
      Workers.emplace_back([&, Th] {
        unsigned From = (Th + 1) % Threads;
        LiveBlock B;
        for (uint64_t I = 0; I < PerThread; ++I) {
          if (!T.remove(Key(From, I, Round), B) || B.Size != I ||
              B.Owner != owner(From + 1))
            ++Failures[Th];
          uintptr_t Mine = Key(Th, I, Round + Rounds);
          if (!T.insert(Mine, {owner(Th + 1), I + 1}) || !T.remove(Mine, B) ||
              B.Size != I + 1)
            ++Failures[Th];
        }
      });
    for (std::thread &W : Workers)
      W.join();
  }
  for (unsigned Th = 0; Th < Threads; ++Th)
    EXPECT_EQ(Failures[Th], 0u) << "thread " << Th;
  // Empty again: a fresh key is absent.
  LiveBlock B;
  EXPECT_FALSE(T.remove(Key(0, 0, 0), B));
}

} // namespace
