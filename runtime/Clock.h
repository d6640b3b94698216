//===- Clock.h - Timestamps for the hooks ---------------------------------===//
//
// The hooks store raw ticks: the TSC when it is invariant (constant rate and
// not stopped in deep C-states, so ticks are comparable across cores and
// time), CLOCK_MONOTONIC nanoseconds otherwise. Ticks become nanoseconds only
// when a profile is written, from two (ticks, CLOCK_MONOTONIC) samples taken
// at start and at write time: no calibration sleep at startup.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_CLOCK_H
#define FRUGAL_RUNTIME_CLOCK_H

#include "Compiler.h"
#include "Env.h"

#include <stdint.h>
#include <time.h>
#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define FRUGAL_HAVE_TSC 1
#else
#define FRUGAL_HAVE_TSC 0
#endif

namespace frugal::rt {

enum class TimerKind : uint8_t { Tsc, Monotonic };

// Read on every hook; set once at initialisation, before any hook counts.
extern bool UseTscTicks;

FRUGAL_ALWAYS_INLINE uint64_t monotonicNs() {
  timespec Ts;
  clock_gettime(CLOCK_MONOTONIC, &Ts);
  return uint64_t(Ts.tv_sec) * 1000000000u + uint64_t(Ts.tv_nsec);
}

FRUGAL_ALWAYS_INLINE uint64_t readTicks() {
#if FRUGAL_HAVE_TSC
  if (FRUGAL_LIKELY(UseTscTicks))
    return __rdtsc();
#endif
  return monotonicNs();
}

// The clock policy of the production hooks (tests substitute a fake one).
struct HardwareClock {
  static uint64_t now() { return readTicks(); }
};

struct ClockSample {
  uint64_t Ticks = 0;
  uint64_t Ns = 0; // CLOCK_MONOTONIC
};

// Converts ticks to nanoseconds by the ratio of two samples' distances.
struct TickRate {
  uint64_t TickDelta = 1;
  uint64_t NsDelta = 1;

  uint64_t toNs(uint64_t Ticks) const {
    return uint64_t((unsigned __int128)Ticks * NsDelta / TickDelta);
  }
  // Fixed-point ticks (value << Shift) to nanoseconds, rounded.
  uint64_t fixedToNs(uint64_t Fixed, unsigned Shift) const {
    unsigned __int128 Ns = (unsigned __int128)Fixed * NsDelta;
    unsigned __int128 Div = (unsigned __int128)TickDelta << Shift;
    return uint64_t((Ns + Div / 2) / Div);
  }
  uint64_t hz() const {
    return uint64_t(((unsigned __int128)TickDelta * 1000000000u + NsDelta / 2) /
                    NsDelta);
  }
};

// Whether CPUID (leaf 0x80000007, EDX bit 8) or /proc/cpuinfo
// (constant_tsc and nonstop_tsc) says the TSC is invariant.
bool tscIsInvariant();

// Picks the timer for Choice and sets UseTscTicks; says why when verbose.
TimerKind selectTimer(TimerChoice Choice, bool &TscInvariant);

// A (ticks, monotonic) pair taken as close together as possible.
ClockSample sampleClock();

// Rate between Anchor and now. For the TSC, waits (spinning) until at least
// MinSpanNs separate the samples so the ratio is precise; async-signal-safe.
TickRate measureRate(TimerKind Kind, ClockSample Anchor,
                     uint64_t MinSpanNs = 2000000);

const char *timerName(TimerKind Kind);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_CLOCK_H
