//===- Options.h - frugal-rapl-sim command line -----------------*- C++ -*-===//
//
// The simulator's settings and their parsing. Kept apart from the simulation
// so that the defaults (those of a client Intel part) live in one place.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TEST_SIM_OPTIONS_H
#define FRUGAL_TEST_SIM_OPTIONS_H

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace frugal::sim {

struct Options {
  std::string Root;  ///< Fake powercap tree; empty: a temporary directory.
  std::string Truth; ///< Where to write the truth JSON; empty: nowhere.
  std::string Log;   ///< Per-update log; empty: none.
  uint64_t PeriodUs = 1000;
  uint64_t JitterUs = 2;
  double QuantumUj = 15.2587890625; ///< 2^-16 J, as on client parts.
  uint64_t MaxRangeUj = 262143328850;
  uint64_t StartUj = 0;
  double BaselineW = 0;
  uint64_t Seed = 1;
  std::set<uint64_t> GlitchAt;
  std::set<uint64_t> GarbageAt;
  std::set<uint64_t> UnreadableAt;
  bool Verbose = false;
  std::vector<std::string> Command; ///< The program and its arguments.
};

/// Parses argv. Returns the options, or std::nullopt with Error set (a
/// message without prefix) for a bad command line; sets WantHelp for --help.
std::optional<Options> parseOptions(int Argc, char **Argv, std::string &Error,
                                    bool &WantHelp);

/// The --help text.
const char *usage();

} // namespace frugal::sim

#endif
