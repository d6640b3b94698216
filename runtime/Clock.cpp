//===- Clock.cpp - Timer selection and TSC calibration --------------------===//
#include "Clock.h"

#include "Log.h"
#include "SystemInfo.h"

#include <string.h>
#if FRUGAL_HAVE_TSC
#include <cpuid.h>
#endif

namespace frugal::rt {

constinit bool UseTscTicks = false;

#if FRUGAL_HAVE_TSC
namespace {

bool cpuidSaysInvariant() {
  unsigned A, B, C, D;
  if (!__get_cpuid(0x80000000u, &A, &B, &C, &D) || A < 0x80000007u)
    return false;
  if (!__get_cpuid(0x80000007u, &A, &B, &C, &D))
    return false;
  return (D >> 8) & 1;
}

// Whole-word search in the first "flags" line of /proc/cpuinfo.
bool cpuinfoHasFlags(const char *Text, const char *const *Flags, int N) {
  const char *Line = strstr(Text, "\nflags");
  if (!Line)
    return false;
  const char *Colon = strchr(Line + 1, ':');
  const char *End = strchr(Line + 1, '\n');
  if (!Colon || (End && Colon > End))
    return false;
  if (!End)
    End = Colon + strlen(Colon);
  for (int I = 0; I < N; ++I) {
    size_t Len = strlen(Flags[I]);
    bool Found = false;
    for (const char *P = Colon + 1; P + Len <= End; ++P)
      if (P[-1] == ' ' && !memcmp(P, Flags[I], Len) &&
          (P + Len == End || P[Len] == ' ' || P[Len] == '\n')) {
        Found = true;
        break;
      }
    if (!Found)
      return false;
  }
  return true;
}

} // namespace
#endif // FRUGAL_HAVE_TSC

bool tscIsInvariant() {
#if FRUGAL_HAVE_TSC
  if (cpuidSaysInvariant())
    return true;
  static char Buf[16384];
  size_t Len = 0;
  if (!readSmallFile("/proc/cpuinfo", Buf, sizeof(Buf), Len))
    return false;
  static constexpr const char *Flags[] = {"constant_tsc", "nonstop_tsc"};
  return cpuinfoHasFlags(Buf, Flags, 2);
#else
  return false;
#endif
}

TimerKind selectTimer(TimerChoice Choice, bool &TscInvariant) {
  TscInvariant = tscIsInvariant();
  TimerKind Kind = TimerKind::Monotonic;
  if (Choice == TimerChoice::Tsc) {
    if (!FRUGAL_HAVE_TSC)
      warning("FRUGAL_TIMER=tsc: this CPU has no TSC; using monotonic");
    else {
      if (!TscInvariant)
        warning("FRUGAL_TIMER=tsc: the TSC is not invariant; times may be "
                "wrong when the frequency changes or a core sleeps");
      Kind = TimerKind::Tsc;
    }
  } else if (Choice == TimerChoice::Auto && FRUGAL_HAVE_TSC && TscInvariant) {
    Kind = TimerKind::Tsc;
  }
  UseTscTicks = Kind == TimerKind::Tsc;
  verbose("timer: ", timerName(Kind),
          Choice == TimerChoice::Auto ? " (auto" : " (FRUGAL_TIMER",
          TscInvariant ? ", TSC invariant)" : ", TSC not invariant)");
  return Kind;
}

ClockSample sampleClock() {
  // Bracket the monotonic read between two tick reads and keep the tightest
  // of a few tries: preemption between the reads would skew the pair.
  ClockSample Best;
  uint64_t BestSpan = ~uint64_t(0);
  for (int I = 0; I < 5; ++I) {
    uint64_t T0 = readTicks();
    uint64_t Ns = monotonicNs();
    uint64_t T1 = readTicks();
    if (T1 - T0 < BestSpan) {
      BestSpan = T1 - T0;
      Best.Ticks = T0 + (T1 - T0) / 2;
      Best.Ns = Ns;
    }
  }
  return Best;
}

TickRate measureRate(TimerKind Kind, ClockSample Anchor, uint64_t MinSpanNs) {
  if (Kind == TimerKind::Monotonic)
    return TickRate{1, 1};
  ClockSample Now = sampleClock();
  while (Now.Ns - Anchor.Ns < MinSpanNs)
    Now = sampleClock();
  if (Now.Ticks <= Anchor.Ticks) // a TSC that went backwards: no rate at all
    return TickRate{1, 1};
  return TickRate{Now.Ticks - Anchor.Ticks, Now.Ns - Anchor.Ns};
}

const char *timerName(TimerKind Kind) {
  return Kind == TimerKind::Tsc ? "tsc" : "clock_monotonic";
}

} // namespace frugal::rt
