//===- Truth.h - what the simulated hardware really consumed ----*- C++ -*-===//
//
// The truth file: exact energies (before quantization), the counters' final
// state and every injected fault, as JSON, for tests to compare a reader
// against. Fields (times are CLOCK_MONOTONIC ns, energies joules):
//
//   version (1), period_us, jitter_us, quantum_uj, max_range_uj, start_uj,
//   baseline_w                     the settings
//   start_ns, end_ns, duration_s   integration from the program's start to
//                                  the last update (after it exited)
//   updates                        counter updates written (the last one
//                                  when the program had exited)
//   max_late_us, mean_late_us      updates' wake-up lateness vs schedule
//   scheduling                     fifo, nice or normal (the simulator's)
//   wraps, core_wraps              package / core counter wraps
//   total_j                        package energy: baseline + dynamic
//   dynamic_j                      sum over threads of reported power
//   final_uj {package, core}       the last values written
//   labels {NAME: {joules, seconds}}
//                                  per label, summed over threads: the
//                                  dynamic energy and (thread-)time of its
//                                  phases; they add up to dynamic_j
//   slots_used, processes          threads and processes that reported
//   late_events, max_event_late_us events seen after their time had been
//                                  integrated, re-charged exactly
//   publish_waits, publish_timeouts
//   auto_ended                     threads that died without ending
//   invalid_watts, dropped_events  see PhaseBoard::Stats
//   injected [{kind, update, t_ns, written, ...}]
//                                  glitch adds value_uj, previous_uj and
//                                  correct_uj
//   exit {code, signal}            the program's (code -1 when killed)
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TEST_SIM_TRUTH_H
#define FRUGAL_TEST_SIM_TRUTH_H

#include "Options.h"
#include "PhaseBoard.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace frugal::sim {

struct Injection {
  std::string Kind; ///< glitch, garbage or unreadable
  uint64_t Update = 0;
  uint64_t TimeNs = 0;
  std::string Written; ///< The text written to energy_uj (may be empty).
  std::vector<std::pair<std::string, uint64_t>> Fields;
};

struct Truth {
  uint64_t StartNs = 0, EndNs = 0;
  uint64_t Updates = 0;
  uint64_t Wraps = 0, CoreWraps = 0;
  uint64_t FinalPackageUj = 0, FinalCoreUj = 0;
  long double TotalJ = 0, DynamicJ = 0;
  double MaxLateUs = 0, MeanLateUs = 0;
  std::string Scheduling; ///< The simulator's: fifo, nice or normal.
  std::map<std::string, PhaseBoard::LabelTotal> Labels;
  PhaseBoard::Stats Board;
  std::vector<Injection> Injected;
  int ExitCode = -1; ///< The program's exit status, or -1 if killed.
  int Signal = 0;    ///< The signal that killed it, or 0.
};

/// Writes T (with the settings of O) to Path as JSON.
bool writeTruth(const std::string &Path, const Options &O, const Truth &T,
                std::string &Error);

} // namespace frugal::sim

#endif
