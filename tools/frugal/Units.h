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

/// "512 B", "1.50 MiB", "12.3 GiB": binary prefixes, three significant
/// digits.
std::string formatBytes(int64_t Bytes);

/// "850", "12.3k", "4.56M", "1.23G": counts with three significant digits
/// and an SI suffix from a thousand on, like formatEnergy but without space.
std::string formatCount(int64_t Count);

/// "850 µJ", "12.3 mJ", "4.56 J", "1.23 kJ": three significant digits with an
/// SI prefix, like formatDuration.
std::string formatEnergy(double Joules);

/// "12.3 W", "850 mW", like formatEnergy.
std::string formatPower(double Watts);

/// "21.3 ± 0.41 W": the mean with three significant digits and its standard
/// error with two, in the mean's unit.
std::string formatPowerWithError(double Watts, double StderrWatts);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_UNITS_H
