//===- Units.cpp - Human-readable numbers ---------------------------------===//

#include "Units.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <iterator>

using namespace llvm;

namespace frugal {

std::string formatDuration(int64_t Nanoseconds) {
  std::string Out;
  raw_string_ostream OS(Out);
  if (std::llabs(Nanoseconds) < 1000) {
    OS << Nanoseconds << " ns";
    return Out;
  }
  static const char *const Units[] = {"µs", "ms", "s"};
  double Value = static_cast<double>(Nanoseconds) / 1000;
  size_t Unit = 0;
  // Move up a unit before rounding could print "1000 µs".
  while (Unit + 1 < std::size(Units) && std::fabs(Value) >= 999.5) {
    Value /= 1000;
    ++Unit;
  }
  double Magnitude = std::fabs(Value);
  const char *Spec = Magnitude < 9.995 ? "%.2f" : Magnitude < 99.95 ? "%.1f"
                                                                     : "%.0f";
  OS << format(Spec, Value) << ' ' << Units[Unit];
  return Out;
}

std::string formatBytes(int64_t Bytes) {
  static const char *const Units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double Value = static_cast<double>(Bytes);
  size_t Unit = 0;
  while (Unit + 1 < std::size(Units) && std::fabs(Value) >= 1023.5) {
    Value /= 1024;
    ++Unit;
  }
  std::string Out;
  raw_string_ostream OS(Out);
  if (Unit == 0) {
    OS << Bytes << " B";
    return Out;
  }
  double Magnitude = std::fabs(Value);
  const char *Spec = Magnitude < 9.995 ? "%.2f" : Magnitude < 99.95 ? "%.1f"
                                                                     : "%.0f";
  OS << format(Spec, Value) << ' ' << Units[Unit];
  return Out;
}

namespace {
/// A value scaled to an SI prefix.
struct Scaled {
  double Value;
  const char *Prefix;
  double Factor; // Value = original / Factor.
};
} // namespace

// Picks the prefix that puts |Value| in [1, 1000) after rounding to three
// significant digits; zero (and tiny values) stay in the base unit or nano.
static Scaled scaleSI(double Value) {
  static const struct {
    const char *Prefix;
    double Factor;
  } Prefixes[] = {{"n", 1e-9}, {"µ", 1e-6}, {"m", 1e-3}, {"", 1},
                  {"k", 1e3},  {"M", 1e6},  {"G", 1e9}};
  double Magnitude = std::fabs(Value);
  if (Magnitude == 0)
    return {0, "", 1};
  size_t I = 0;
  // Move up while rounding would print "1000 mJ".
  while (I + 1 < std::size(Prefixes) && Magnitude / Prefixes[I].Factor >= 999.5)
    ++I;
  return {Value / Prefixes[I].Factor, Prefixes[I].Prefix, Prefixes[I].Factor};
}

// Prints \p Value with \p Digits significant digits, without exponent.
static void printSignificant(raw_ostream &OS, double Value, int Digits) {
  double Magnitude = std::fabs(Value);
  if (Magnitude == 0) {
    OS << '0';
    return;
  }
  int Exponent = static_cast<int>(std::floor(std::log10(Magnitude)));
  // Rounding may carry into the next power of ten (9.996 to 10.0).
  if (Magnitude / std::pow(10.0, Exponent) >= 10 - 5 * std::pow(10.0, -Digits))
    ++Exponent;
  int Decimals = std::clamp(Digits - 1 - Exponent, 0, 9);
  OS << format("%.*f", Decimals, Value);
}

static std::string formatSI(double Value, const char *Unit) {
  std::string Out;
  raw_string_ostream OS(Out);
  Scaled S = scaleSI(Value);
  printSignificant(OS, S.Value, 3);
  OS << ' ' << S.Prefix << Unit;
  return Out;
}

std::string formatCount(int64_t Count) {
  if (Count > -1000 && Count < 1000)
    return std::to_string(Count);
  static const char *const Suffixes[] = {"k", "M", "G", "T", "P", "E"};
  double Value = static_cast<double>(Count) / 1000;
  size_t Suffix = 0;
  // Move up before rounding could print "1000k".
  while (Suffix + 1 < std::size(Suffixes) && std::fabs(Value) >= 999.5) {
    Value /= 1000;
    ++Suffix;
  }
  std::string Out;
  raw_string_ostream OS(Out);
  printSignificant(OS, Value, 3);
  OS << Suffixes[Suffix];
  return Out;
}

std::string formatEnergy(double Joules) { return formatSI(Joules, "J"); }

std::string formatPower(double Watts) { return formatSI(Watts, "W"); }

std::string formatPowerWithError(double Watts, double StderrWatts) {
  std::string Out;
  raw_string_ostream OS(Out);
  // The unit follows the mean, or the error when the mean is zero.
  Scaled S = scaleSI(Watts != 0 ? Watts : StderrWatts);
  printSignificant(OS, S.Value, 3);
  OS << " ± ";
  printSignificant(OS, StderrWatts / S.Factor, 2);
  OS << ' ' << S.Prefix << 'W';
  return Out;
}

std::string formatPercent(double Percent) {
  std::string Out;
  raw_string_ostream OS(Out);
  OS << format("%.1f%%", Percent);
  return Out;
}

} // namespace frugal
