//===- TimingMode.h - Exact or sampled timing of calls --------------------===//
//
// FRUGAL_TIMING=exact (the default): each hook reads the clock, and every
// call's time is measured from its entry to its exit (Tracer.h).
// FRUGAL_TIMING=sampled: the hooks keep the shadow stack and count calls but
// read no clock, so a call costs little more than the calls themselves. The
// sampler thread (energy/EnergyRuntime.cpp) then charges the time between
// two of its ticks to the stack it sees at the second one
// (energy/StackSampling.h): times become statistical estimates, with a
// resolution of the tick (1 ms by default, FRUGAL_SAMPLE_US).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_TIMINGMODE_H
#define FRUGAL_RUNTIME_TIMINGMODE_H

#include <stdint.h>

namespace frugal::rt {

// Read by every hook; set once at initialisation, before any hook counts,
// and never changed afterwards (frames pushed in one mode are closed in it).
extern bool SampledTiming;

// The policy of hooks that read no clock (Tracer.h's pushFrame and popFrame
// leave the frame's start and the exclusive-time switch out).
struct NoClock {
  static constexpr bool Timed = false;
  static uint64_t now() { return 0; }
};

// Whether a clock policy times calls: clocks without a Timed member do.
template <class ClockT> constexpr bool clockTimes() {
  if constexpr (requires { ClockT::Timed; })
    return ClockT::Timed;
  else
    return true;
}

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_TIMINGMODE_H
