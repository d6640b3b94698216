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
  uint64_t Boundary;
  if (BeforeNs) {
    Boundary = BeforeNs + (AfterNs - BeforeNs) / 2;
  } else {
    // We woke after the update: it happened at or before AfterNs, most
    // likely when expected. Widen the guard so the next one is caught.
    ++LateWakes;
    Boundary = Locked && ExpectedNs < AfterNs ? ExpectedNs : AfterNs;
    GuardNs *= 2;
    if (GuardNs > PeriodNs / 4)
      GuardNs = PeriodNs / 4;
  }

  if (!Locked) {
    // Two changes give the period; the third confirms the phase.
    if (Changes > 0)
      PeriodNs = clampPeriod(Boundary - LastBoundaryNs);
    if (++Changes >= 2)
      Locked = true;
  } else {
    uint64_t Error = absDiff(Boundary, ExpectedNs);
    JitterNs = (JitterNs * 7 + Error) / 8;
    // Follow the hardware's period slowly (it drifts with its clock), from
    // the distance between consecutive boundaries, ignoring outliers (a
    // missed update makes a double period).
    uint64_t Span = Boundary - LastBoundaryNs;
    if (Span > PeriodNs / 2 && Span < PeriodNs * 3 / 2)
      PeriodNs = clampPeriod((PeriodNs * 15 + Span) / 16);
    if (BeforeNs) {
      uint64_t Want = 4 * JitterNs + MinGuardNs;
      GuardNs = GuardNs > Want ? (GuardNs * 15 + Want) / 16 : Want;
      if (GuardNs < MinGuardNs)
        GuardNs = MinGuardNs;
    }
  }
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

void UpdateTracker::skipTo(uint64_t NowNs) {
  if (!Locked || ExpectedNs > NowNs)
    return;
  uint64_t Behind = (NowNs - ExpectedNs) / PeriodNs + 1;
  ExpectedNs += Behind * PeriodNs;
}

} // namespace frugal::rt::energy
