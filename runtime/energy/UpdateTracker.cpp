//===- UpdateTracker.cpp - Finding the energy counter's update moments ----===//
#include "energy/UpdateTracker.h"

namespace frugal::rt::energy {

namespace {
uint64_t clampPeriod(uint64_t P) {
  if (P < UpdateTracker::MinPeriodNs)
    return UpdateTracker::MinPeriodNs;
  if (P > UpdateTracker::MaxPeriodNs)
    return UpdateTracker::MaxPeriodNs;
  return P;
}
int64_t absDiff(uint64_t A, uint64_t B) {
  return A > B ? int64_t(A - B) : int64_t(B - A);
}
} // namespace

uint64_t UpdateTracker::changed(uint64_t BeforeNs, uint64_t AfterNs) {
  ++TotalChanges;
  MissesInRow = 0;
  bool WasAnchoring = anchoring();
  if (!BeforeNs && WasAnchoring)
    ++LateWakes;
  // A precise observation: the change was seen within a short poll step.
  bool Precise = BeforeNs && AfterNs - BeforeNs <= PreciseNs;

  if (!Locked) {
    uint64_t Boundary =
        BeforeNs ? BeforeNs + (AfterNs - BeforeNs) / 2 : AfterNs;
    // The shortest of a few intervals is the period: a change the poll
    // missed (the reader was preempted) only makes an interval longer.
    if (Changes > 0 && Precise && LastPrecise) {
      uint64_t Interval = clampPeriod(Boundary - LastBoundaryNs);
      if (!HavePeriod || Interval < PeriodNs)
        PeriodNs = Interval;
      HavePeriod = true;
    }
    if (Precise && !LastPrecise)
      RunStartNs = Boundary; // first of a run of precise observations
    LastPrecise = Precise;
    ++Changes;
    LastBoundaryNs = Boundary;
    if (Precise)
      AnchorNs = Boundary;
    if (Changes >= LockChanges && HavePeriod && Precise) {
      // The shortest interval is biased low by the jitter; the whole run
      // of precise observations, a whole number of periods, is not.
      uint64_t Span = Boundary - RunStartNs;
      uint64_t Periods = (Span + PeriodNs / 2) / PeriodNs;
      if (Periods >= 2)
        PeriodNs = clampPeriod(Span / Periods);
      Locked = true;
      LateInRow = 0;
      TicksSinceAnchor = 0;
      GuardNs = 4 * MinGuardNs;
    }
    ExpectedNs = Boundary + PeriodNs;
    return Boundary;
  }

  uint64_t Boundary;
  if (Precise) {
    Boundary = BeforeNs + (AfterNs - BeforeNs) / 2;
    // Follow the hardware's clock: phase from this observation, period
    // slowly from the distance to the previous precise one (a whole
    // number of periods away).
    uint64_t Since = Boundary - AnchorNs;
    uint64_t Periods = (Since + PeriodNs / 2) / PeriodNs;
    if (Periods >= 1 && Periods <= 4 * AnchorEvery) {
      uint64_t Measured = Since / Periods;
      // Over many periods the observation's own error is divided by their
      // number: trust it more (the first period, from locking, is biased
      // low by the jitter of single intervals).
      // Within 3 %: anything further is a bad observation (a preempted
      // poll), not the hardware's clock.
      if (Measured > PeriodNs * 97 / 100 && Measured < PeriodNs * 103 / 100)
        PeriodNs = clampPeriod(Periods >= 8 ? (PeriodNs * 3 + Measured) / 4
                                            : (PeriodNs * 15 + Measured) / 16);
    }
    uint64_t Error = absDiff(Boundary, ExpectedNs);
    JitterNs = (JitterNs * 7 + Error) / 8;
    AnchorNs = Boundary;
    LateInRow = 0;
    TicksSinceAnchor = 0;
    uint64_t Want = 4 * JitterNs + MinGuardNs;
    GuardNs = GuardNs > Want ? (GuardNs * 15 + Want) / 16 : Want;
  } else {
    // The value read at AfterNs includes every update up to then: the
    // boundary is the last update the grid predicts at or before AfterNs.
    uint64_t Since = AfterNs > AnchorNs ? AfterNs - AnchorNs : 0;
    Boundary = AnchorNs + Since / PeriodNs * PeriodNs;
    if (Boundary <= LastBoundaryNs || (BeforeNs && Boundary <= BeforeNs))
      Boundary = BeforeNs ? BeforeNs + (AfterNs - BeforeNs) / 2 : AfterNs;
    ++TicksSinceAnchor;
    if (!BeforeNs && WasAnchoring) {
      // Woke after the update meant to be observed. Only the polls that
      // catch an update refine the period, and they catch the late ones:
      // left alone, that bias makes the period creep up until every
      // anchoring poll is late. But the update was at or before AfterNs,
      // a whole number of periods after the anchor: that bounds the period
      // from above, and it is taken (by at most 1 % at a time).
      uint64_t SinceAnchor = AfterNs - AnchorNs;
      uint64_t Periods = (SinceAnchor + PeriodNs / 2) / PeriodNs;
      if (Periods >= 1) {
        uint64_t Upper = SinceAnchor / Periods;
        uint64_t Floor = PeriodNs - PeriodNs / 100;
        if (Upper < PeriodNs)
          PeriodNs = clampPeriod(Upper > Floor ? Upper : Floor);
      }
      // Widen the guard; again and again means the phase (or the period)
      // is wrong: start over.
      GuardNs *= 2;
      if (++LateInRow >= MaxLateInRow) {
        ++Relocks;
        unlock();
        LastBoundaryNs = Boundary;
        return Boundary;
      }
    }
  }
  if (GuardNs < MinGuardNs)
    GuardNs = MinGuardNs;
  if (GuardNs > PeriodNs / 8)
    GuardNs = PeriodNs / 8;
  LastBoundaryNs = Boundary;
  ExpectedNs = Boundary + PeriodNs;
  return Boundary;
}

void UpdateTracker::missed() {
  ++Misses;
  if (++MissesInRow >= 3) {
    ++Relocks;
    unlock();
    MissesInRow = 0;
    return;
  }
  ExpectedNs += PeriodNs;
}

void UpdateTracker::unlock() {
  Locked = false;
  Changes = 0;
  HavePeriod = false;
  LastPrecise = false;
}

void UpdateTracker::skipTo(uint64_t NowNs) {
  if (!Locked || ExpectedNs > NowNs)
    return;
  uint64_t Behind = (NowNs - ExpectedNs) / PeriodNs + 1;
  ExpectedNs += Behind * PeriodNs;
}

} // namespace frugal::rt::energy
