//===- Units.cpp - Human-readable numbers ---------------------------------===//

#include "Units.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

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

std::string formatPercent(double Percent) {
  std::string Out;
  raw_string_ostream OS(Out);
  OS << format("%.1f%%", Percent);
  return Out;
}

} // namespace frugal
