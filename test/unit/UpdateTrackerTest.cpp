//===- UpdateTrackerTest.cpp - Locking onto the counter's update moments --===//
#include "energy/UpdateTracker.h"

#include <algorithm>
#include <gtest/gtest.h>
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
  // Boundaries within 1 % of a period of the truth, nearly always (between
  // anchors they are grid predictions, off by the hardware's jitter).
  size_t Far = 0;
  int64_t Bound = int64_t(S.PeriodNs / 100);
  for (int64_t E : Errors)
    Far += E > Bound || E < -Bound;
  EXPECT_LT(Far, Errors.size() / 50);
  EXPECT_EQ(T.misses(), 0u);
  // Polling happens only around the updates that anchor the phase: well
  // under a percent of the time.
  EXPECT_LT(double(PollTime) / double(TotalTime), 0.01);
}

// Four changes 1 ms apart, the last at 3.0015 ms.
void lockAtMillisecond(UpdateTracker &T) {
  for (uint64_t I = 0; I < UpdateTracker::LockChanges; ++I)
    T.changed(1000 + I * 1000000, 2000 + I * 1000000);
}

// Cheap ticks (one read after each expected update) until the tracker
// wants to observe an update precisely again.
void runUntilAnchoring(UpdateTracker &T) {
  while (!T.anchoring())
    T.changed(0, T.wakeAtNs() + 1000);
}

TEST(UpdateTracker, CheapReadsAfterAnUpdateGetTheGridPoint) {
  UpdateTracker T;
  lockAtMillisecond(T); // updates at 1.5 us + k ms
  ASSERT_FALSE(T.anchoring());
  // One read 0.4 ms after the update: the boundary is the update itself.
  EXPECT_EQ(T.changed(0, 4001500 + 400000), 4001500u);
  // A read delayed past two updates: the later one (its value includes
  // both).
  EXPECT_EQ(T.changed(0, 6001500 + 300000), 6001500u);
  EXPECT_EQ(T.lateWakes(), 0u);
}

TEST(UpdateTracker, RelocksAfterThreeMisses) {
  UpdateTracker T;
  lockAtMillisecond(T);
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
  lockAtMillisecond(T);
  runUntilAnchoring(T);
  uint64_t Guard = T.guardNs();
  // The first read after waking already saw the new value.
  uint64_t After = T.wakeAtNs() + 500;
  uint64_t B = T.changed(0, After);
  EXPECT_GT(T.guardNs(), Guard);
  EXPECT_EQ(T.lateWakes(), 1u);
  // The update was at or before the read, and after the previous one.
  EXPECT_LE(B, After);
  EXPECT_GT(B + T.periodNs(), After);
}

TEST(UpdateTracker, SkipToFindsTheNextExpectedUpdateAfterAPause) {
  UpdateTracker T;
  lockAtMillisecond(T);
  T.skipTo(50000000);
  EXPECT_GT(T.wakeAtNs() + T.guardNs(), 50000000u);
  EXPECT_LE(T.wakeAtNs() + T.guardNs(), 51001500u);
}

TEST(UpdateTracker, PeriodIsTheShortestIntervalWhileLocking) {
  UpdateTracker T;
  // The second update was missed: intervals of 2, 1 and 1 ms.
  T.changed(1000, 2000);
  T.changed(2001000, 2002000);
  T.changed(3001000, 3002000);
  EXPECT_FALSE(T.locked());
  T.changed(4001000, 4002000);
  EXPECT_TRUE(T.locked());
  EXPECT_EQ(T.periodNs(), 1000000u);
}

TEST(UpdateTracker, RepeatedLateWakesRelock) {
  UpdateTracker T;
  lockAtMillisecond(T);
  for (uint32_t I = 0; I < UpdateTracker::MaxLateInRow; ++I) {
    runUntilAnchoring(T);
    T.changed(0, T.wakeAtNs() + 300000);
  }
  EXPECT_FALSE(T.locked());
  EXPECT_EQ(T.relocks(), 1u);
}

} // namespace
