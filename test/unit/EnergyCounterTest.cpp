//===- EnergyCounterTest.cpp - Unwrapping and glitch rejection ------------===//
#include "energy/Source.h"

#include <gtest/gtest.h>

using namespace frugal::rt::energy;

namespace {

constexpr uint64_t Ms = 1000000;
constexpr uint64_t Second = 1000 * Ms;

Channel channel(double JoulesPerCount, uint64_t Modulus) {
  Channel C;
  C.JoulesPerCount = JoulesPerCount;
  C.Modulus = Modulus;
  return C;
}

TEST(EnergyCounter, UnwrapsAtASmallModulus) {
  EnergyCounter E;
  E.reset(channel(1e-3, 1000), 900, 0);
  EXPECT_TRUE(E.update(950, Second));
  EXPECT_NEAR(E.joules(), 0.050, 1e-12);
  // 950 -> 999 -> 0 -> 20: 70 counts across the wrap.
  EXPECT_TRUE(E.update(20, 2 * Second));
  EXPECT_NEAR(E.joules(), 0.120, 1e-12);
  EXPECT_EQ(E.wraps(), 1u);
  // Exactly the last value: no energy, no wrap.
  EXPECT_TRUE(E.update(20, 3 * Second));
  EXPECT_NEAR(E.joules(), 0.120, 1e-12);
  EXPECT_EQ(E.wraps(), 1u);
  EXPECT_EQ(E.glitches(), 0u);
}

TEST(EnergyCounter, RaplWrapOf32Bits) {
  // 15.3 uJ units: the counter wraps after 65536 J.
  const double Unit = 1.0 / 65536;
  EnergyCounter E;
  E.reset(channel(Unit, uint64_t(1) << 32), 0xFFFFFF00u, 0);
  // 0x100 + 0x10 counts later, 1 ms on: 272 counts = 4.15 mJ.
  EXPECT_TRUE(E.update(0x10, Ms));
  EXPECT_NEAR(E.joules(), 0x110 * Unit, 1e-12);
  EXPECT_EQ(E.wraps(), 1u);
}

TEST(EnergyCounter, BackwardsSampleIsRejectedAndThePreviousValueKept) {
  EnergyCounter E;
  E.reset(channel(1e-3, 0), 1000, 0);
  EXPECT_TRUE(E.update(2000, Second));
  EXPECT_FALSE(E.update(1500, 2 * Second));
  EXPECT_EQ(E.glitches(), 1u);
  EXPECT_NEAR(E.joules(), 1.0, 1e-12);
  // The next good sample is measured from 2000, not from 1500.
  EXPECT_TRUE(E.update(2500, 3 * Second));
  EXPECT_NEAR(E.joules(), 1.5, 1e-12);
  EXPECT_EQ(E.wraps(), 0u);
}

TEST(EnergyCounter, BackwardsSampleOfAWrappingCounterIsNotAWrap) {
  // With a modulus a small step back looks like a wrap of almost 65536 J,
  // which no package draws in a millisecond.
  EnergyCounter E;
  E.reset(channel(1.0 / 65536, uint64_t(1) << 32), 1000000000, 0);
  EXPECT_FALSE(E.update(1000000000 - 10, Ms));
  EXPECT_EQ(E.wraps(), 0u);
  EXPECT_EQ(E.glitches(), 1u);
  EXPECT_EQ(E.joules(), 0.0);
  EXPECT_TRUE(E.update(1000000000 + 65536, 2 * Ms)); // 1 J in 2 ms
  EXPECT_NEAR(E.joules(), 1.0, 1e-12);
}

TEST(EnergyCounter, SixtyFourBitCounterNeverWraps) {
  // perf's counters: 64-bit, 2^-32 J per count, Modulus 0.
  const double Unit = 1.0 / 4294967296.0;
  EnergyCounter E;
  uint64_t Start = (uint64_t(1) << 63) + 12345;
  E.reset(channel(Unit, 0), Start, 0);
  uint64_t Hundred = uint64_t(100) << 32; // 100 J
  EXPECT_TRUE(E.update(Start + Hundred, Second));
  EXPECT_TRUE(E.update(Start + 2 * Hundred, 2 * Second));
  EXPECT_NEAR(E.joules(), 200.0, 1e-9);
  EXPECT_EQ(E.wraps(), 0u);
  EXPECT_EQ(E.glitches(), 0u);
}

TEST(EnergyCounter, HugeForwardJumpIsRejected) {
  EnergyCounter E;
  E.reset(channel(1e-3, 0), 0, 0);
  EXPECT_TRUE(E.update(1000, Second)); // 1 J
  // A torn read: 10^6 J in a millisecond.
  EXPECT_FALSE(E.update(1000 + 1000000000ull, Second + Ms));
  EXPECT_EQ(E.glitches(), 1u);
  EXPECT_NEAR(E.joules(), 1.0, 1e-12);
  EXPECT_TRUE(E.update(51000, 2 * Second)); // 50 J in the second
  EXPECT_NEAR(E.joules(), 51.0, 1e-9);
}

TEST(EnergyCounter, OutOfRangeValueOfAWrappingCounterIsRejected) {
  EnergyCounter E;
  E.reset(channel(1e-6, 1000000), 10, 0);
  EXPECT_FALSE(E.update(1000000, Second)); // == modulus: cannot be read
  EXPECT_EQ(E.glitches(), 1u);
  EXPECT_TRUE(E.update(20, 2 * Second));
  EXPECT_NEAR(E.joules(), 10e-6, 1e-15);
}

TEST(EnergyCounter, SlackAcceptsOneQuantumOverAnInstant) {
  EnergyCounter E;
  E.reset(channel(1e-3, 0), 0, 5 * Second);
  // No time elapsed at all: up to SlackJoules still goes through.
  EXPECT_TRUE(E.update(500, 5 * Second));
  EXPECT_FALSE(E.update(500 + 2000, 5 * Second));
  // Limit over 1 ms: 5000 W x 1 ms + 1 J = 6 J.
  EXPECT_TRUE(E.update(500 + 5900, 5 * Second + Ms));
  EXPECT_NEAR(E.joules(), 6.4, 1e-9);
}

TEST(EnergyCounter, StepUpdatedCounterIsDelayedNotLost) {
  // NVML-like: the counter moves in 70 J steps every 100 ms while the
  // sampler reads every millisecond.
  EnergyCounter E;
  E.reset(channel(1e-3, 0), 0, 0);
  uint64_t Now = 100 * Ms;
  EXPECT_TRUE(E.update(0, Now - Ms));
  EXPECT_FALSE(E.update(70000, Now)); // 70 J in 1 ms: not yet plausible
  EXPECT_FALSE(E.update(70000, Now + 5 * Ms));
  EXPECT_TRUE(E.update(70000, Now + 20 * Ms)); // 70 J in 21 ms: 3.3 kW
  EXPECT_NEAR(E.joules(), 70.0, 1e-9);
  EXPECT_EQ(E.resyncs(), 0u);
}

TEST(EnergyCounter, CounterResetIsFollowedAfterPersistentRejections) {
  // A GPU driver reload restarts the counter from 0: every later sample is
  // "backwards". After a second of consistent samples the counter follows
  // the new values instead of freezing.
  EnergyCounter E;
  E.reset(channel(1e-3, 0), 5000000000ull, 0);
  uint64_t T = Second;
  EXPECT_TRUE(E.update(5000100000ull, T)); // 100 J
  uint64_t Raw = 0;
  unsigned Rejected = 0;
  for (int I = 0; I < 12; ++I) {
    T += 100 * Ms;
    Raw += 20000; // 200 W
    Rejected += !E.update(Raw, T);
  }
  EXPECT_EQ(E.resyncs(), 1u);
  EXPECT_EQ(Rejected, 11u); // a second's worth, then the resync sample
  T += 100 * Ms;
  Raw += 20000;
  EXPECT_TRUE(E.update(Raw, T));
  EXPECT_NEAR(E.joules(), 100.0 + 20.0 + 20.0, 1e-9);
}

TEST(EnergyCounter, IsolatedGlitchesDoNotResync) {
  EnergyCounter E;
  E.reset(channel(1e-3, 0), 1000, 0);
  uint64_t Raw = 1000;
  for (int I = 1; I <= 30; ++I) {
    Raw += 100;
    uint64_t T = uint64_t(I) * 100 * Ms;
    // Every third sample is torn (garbage far ahead).
    if (I % 3 == 0)
      EXPECT_FALSE(E.update(Raw + (uint64_t(1) << 40), T));
    else
      EXPECT_TRUE(E.update(Raw, T));
  }
  EXPECT_EQ(E.resyncs(), 0u);
  EXPECT_EQ(E.glitches(), 10u);
}

} // namespace
