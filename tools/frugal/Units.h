//===- Units.h - Human-readable numbers -------------------------*- C++ -*-===//
#ifndef FRUGAL_TOOLS_FRUGAL_UNITS_H
#define FRUGAL_TOOLS_FRUGAL_UNITS_H

#include <cstdint>
#include <string>

namespace frugal {

/// "850 ns", "12.3 µs", "4.56 ms", "789 s": three significant digits, so a
/// column of durations stays narrow (at most 7 columns below 10000 s).
std::string formatDuration(int64_t Nanoseconds);

/// "12.3%".
std::string formatPercent(double Percent);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_UNITS_H
