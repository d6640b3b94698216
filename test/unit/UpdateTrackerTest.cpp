//===- UpdateTrackerTest.cpp - Locking onto the counter's update moments --===//
#include "energy/UpdateTracker.h"

#include <gtest/gtest.h>
#include <algorithm>
#include <random>
#include <vector>

using frugal::rt::energy::UpdateTracker;

namespace {

// A counter that updates every PeriodNs +- JitterNs on its own clock, and a
// sampler that follows the tracker's advice, reading every PollNs.
struct Simulation {
  uint64_t PeriodNs = 1000000;
  uint64_t JitterNs = 3000;
  uint64_t PollNs = 2000;
  uint64_t OffsetNs = 437000;
  std::mt19937_64 Rng{7};
  std::vector<uint64_t> Updates;

  void makeUpdates(size_t N) {
    uint64_t T = OffsetNs;
    for (size_t I = 0; I < N; ++I) {
      int64_t J = int64_t(Rng() % (2 * JitterNs + 1)) - int64_t(JitterNs);
      Updates.push_back(uint64_t(int64_t(T) + J));
      T += PeriodNs;
    }
  }
  // Number of updates at or before Ns.
  size_t valueAt(uint64_t Ns) const {
    return size_t(std::upper_bound(Updates.begin(), Updates.end(), Ns) -
                  Updates.begin());
  }
};

TEST(UpdateTracker, LocksOntoPeriodAndPhase) {
  Simulation S;
  S.makeUpdates(2000);
  UpdateTracker T;
  uint64_t Now = 0;
  size_t Last = S.valueAt(Now);
  uint64_t Before = Now;
  std::vector<int64_t> Errors;
  uint64_t PollTime = 0, TotalTime = 0;
  while (Now < S.Updates[1900]) {
    if (!T.locked()) {
      Now += S.PollNs;
      PollTime += S.PollNs;
      size_t V = S.valueAt(Now);
      if (V != Last) {
        T.changed(Before, Now);
        Last = V;
      }
      Before = Now;
      continue;
    }
    uint64_t Wake = T.wakeAtNs();
    Now = Wake > Now ? Wake : Now;
    uint64_t B = 0;
    for (;;) {
      size_t V = S.valueAt(Now);
      if (V != Last) {
        uint64_t Boundary = T.changed(B, Now);
        // The true moment of the latest update.
        Errors.push_back(int64_t(Boundary) - int64_t(S.Updates[V - 1]));
        Last = V;
        break;
      }
      if (Now > T.giveUpAtNs()) {
        T.missed();
        break;
      }
      B = Now;
      Now += S.PollNs;
      PollTime += S.PollNs;
    }
  }
  TotalTime = Now;
  ASSERT_GT(Errors.size(), 1500u);
  EXPECT_NEAR(double(T.periodNs()), 1e6, 2000);
  // Boundaries within one poll interval of the truth, nearly always.
  size_t Far = 0;
  for (int64_t E : Errors)
    Far += E > int64_t(S.PollNs) || E < -int64_t(S.PollNs);
  EXPECT_LT(Far, Errors.size() / 50);
  EXPECT_EQ(T.misses(), 0u);
  // Polling happens only around the updates: a few percent of the time.
  EXPECT_LT(double(PollTime) / double(TotalTime), 0.08);
}

TEST(UpdateTracker, RelocksAfterThreeMisses) {
  UpdateTracker T;
  T.changed(1000, 2000);
  T.changed(1001000, 1002000);
  ASSERT_TRUE(T.locked());
  EXPECT_EQ(T.periodNs(), 1000000u);
  T.missed();
  T.missed();
  EXPECT_TRUE(T.locked());
  T.missed();
  EXPECT_FALSE(T.locked());
  EXPECT_EQ(T.relocks(), 1u);
}

TEST(UpdateTracker, LateWakeWidensTheGuard) {
  UpdateTracker T;
  T.changed(1000, 2000);
  T.changed(1001000, 1002000);
  uint64_t Guard = T.guardNs();
  // The first read after waking already saw the new value.
  uint64_t B = T.changed(0, T.wakeAtNs() + 500);
  EXPECT_GT(T.guardNs(), Guard);
  EXPECT_EQ(T.lateWakes(), 1u);
  EXPECT_LE(B, T.wakeAtNs());
}

TEST(UpdateTracker, SkipToFindsTheNextExpectedUpdateAfterAPause) {
  UpdateTracker T;
  T.changed(1000, 2000);
  T.changed(1001000, 1002000);
  T.skipTo(50000000);
  EXPECT_GT(T.wakeAtNs() + T.guardNs(), 50000000u);
  EXPECT_LE(T.wakeAtNs() + T.guardNs(), 51000000u + 1000u);
}

} // namespace
