//===- UpdateTracker.h - Finding the energy counter's update moments ------===//
//
// RAPL counters change about every millisecond on the hardware's own clock,
// with no timestamp. Reading at a fixed period of our own would put up to a
// whole update period of lag between the energy and the code that used it.
// Instead the sampler locks onto the update phase: it polls until it has
// seen two changes (the period), then sleeps until just before each
// expected update and polls briefly around it. The moment the value changes
// is the tick boundary (midpoint of the last read that saw the old value and
// the first that saw the new one). Between such precise observations, which
// cost a poll, the sampler reads once just after each expected update, and
// the boundary is the update moment the period and phase predict. When the
// reader was late (a loaded
// machine), the value it reads includes every update up to the read, so
// the boundary is the last update the period and phase predict before the
// read: energy and code times then cover the same span. This class is the pure
// logic: it is told what the reads saw and says when to wake and how long to
// poll.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_UPDATETRACKER_H
#define FRUGAL_RUNTIME_ENERGY_UPDATETRACKER_H

#include <stdint.h>

namespace frugal::rt::energy {

class UpdateTracker {
public:
  static constexpr uint64_t InitialPeriodNs = 1000000;
  static constexpr uint64_t MinPeriodNs = 50000;
  static constexpr uint64_t MaxPeriodNs = 200000000;
  static constexpr uint64_t MinGuardNs = 15000;
  // Changes seen while locking (the period is the shortest interval).
  static constexpr uint32_t LockChanges = 4;
  static constexpr uint32_t MaxLateInRow = 4;
  // A change seen between two reads this close is a precise observation
  // of the update moment; others only bound it.
  static constexpr uint64_t PreciseNs = 40000;
  static constexpr uint32_t AnchorEvery = 32;

  bool locked() const { return Locked; }
  uint64_t periodNs() const { return PeriodNs; }
  uint64_t guardNs() const { return GuardNs; }
  // When to read next (meaningful when locked): usually just after the
  // expected update, one read; every AnchorEvery ticks just before it, to
  // poll through it and observe its moment precisely (re-anchor the phase).
  bool anchoring() const { return TicksSinceAnchor >= AnchorEvery; }
  uint64_t wakeAtNs() const {
    return anchoring() ? ExpectedNs - GuardNs : ExpectedNs + GuardNs / 2;
  }
  // Poll until this moment at most; no change by then is a miss.
  uint64_t giveUpAtNs() const { return ExpectedNs + PeriodNs / 2 + GuardNs; }

  // A change was seen between BeforeNs (last read with the old value; 0 when
  // the first read after waking already saw the new one) and AfterNs.
  // Returns the boundary estimate.
  uint64_t changed(uint64_t BeforeNs, uint64_t AfterNs);
  // Polling reached giveUpAtNs() without a change.
  void missed();
  // Resynchronise after a pause: the next expected update after NowNs.
  void skipTo(uint64_t NowNs);
  void unlock();
  // Locking polls in bursts: an interval between changes seen in different
  // bursts spans the pause, not a period.
  void beginLockBurst() { LastPrecise = false; }

  uint64_t changes() const { return TotalChanges; }
  uint64_t misses() const { return Misses; }
  uint64_t lateWakes() const { return LateWakes; }
  uint64_t relocks() const { return Relocks; }

private:
  bool Locked = false;
  uint32_t Changes = 0; // while locking
  uint32_t MissesInRow = 0;
  uint32_t LateInRow = 0;
  uint64_t LastBoundaryNs = 0;
  uint64_t ExpectedNs = 0;
  uint64_t AnchorNs = 0;   // last precisely observed update
  uint64_t RunStartNs = 0; // locking: first of the current precise run
  bool HavePeriod = false;
  uint32_t TicksSinceAnchor = 0;
  bool LastPrecise = false;
  uint64_t PeriodNs = InitialPeriodNs;
  uint64_t GuardNs = 4 * MinGuardNs;
  uint64_t JitterNs = 0; // smoothed |boundary - expected|
  uint64_t TotalChanges = 0;
  uint64_t Misses = 0;
  uint64_t LateWakes = 0;
  uint64_t Relocks = 0;
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_UPDATETRACKER_H
