//===- ProgramMetrics.cpp - A program's own figures, in reports -----------===//

#include "ProgramMetrics.h"

#include "Units.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <vector>

using namespace llvm;

namespace frugal {

std::string formatMetricValue(double Value) {
  std::string Text;
  raw_string_ostream OS(Text);
  // Sizes and counts are whole numbers: "36140", not "3.614e+04".
  if (Value == std::floor(Value) && std::fabs(Value) < 1e15)
    OS << format("%.0f", Value);
  else
    OS << format("%.6g", Value);
  return Text;
}

std::string formatMetricChange(double Delta) {
  std::string Text = formatMetricValue(Delta);
  return Delta > 0 ? "+" + Text : Text;
}

std::string metricsText(const std::map<std::string, double> &Metrics) {
  std::vector<std::string> Parts;
  for (const auto &[Name, Value] : Metrics)
    Parts.push_back(Name + " " + formatMetricValue(Value));
  return join(Parts, ", ");
}

std::optional<double> perThousand(double Total, int64_t Count) {
  if (Count <= 0)
    return std::nullopt;
  return Total * 1000 / static_cast<double>(Count);
}

std::optional<double> timePerThousandNs(const RegionRecord &R) {
  if (!R.Items)
    return std::nullopt;
  return perThousand(static_cast<double>(R.Time.Inclusive), R.Items->Count);
}

std::optional<double> energyPerThousandJ(const RegionRecord &R,
                                         StringRef Domain) {
  if (!R.Items)
    return std::nullopt;
  auto It = R.Energy.find(Domain.str());
  if (It == R.Energy.end())
    return std::nullopt;
  return perThousand(It->second.Inclusive, R.Items->Count);
}

std::vector<std::string> regionWorkLines(const Profile &Prof,
                                         const EnergyDomain *D) {
  std::vector<std::string> Lines;
  for (const RegionRecord &R : Prof.Regions) {
    if (!R.Items)
      continue;
    if (Lines.empty()) {
      std::string Heading = "work done in regions (frugal_region_items), "
                            "inclusive per 1000 items";
      if (D)
        Heading += "; energy: " + D->Name +
                   (D->Measured ? ", measured" : ", MODELLED");
      Lines.push_back(std::move(Heading));
    }
    const std::string &Unit = R.Items->Unit;
    std::vector<std::string> Figures = {std::to_string(R.Items->Count) + " " +
                                        Unit};
    if (D)
      if (std::optional<double> J = energyPerThousandJ(R, D->Name))
        Figures.push_back(formatEnergy(*J) + " per 1000 " + Unit);
    if (std::optional<double> Ns = timePerThousandNs(R))
      Figures.push_back(formatDuration(std::llround(*Ns)) + " per 1000 " +
                        Unit);
    Lines.push_back(R.Name + ": " + join(Figures, ", "));
  }
  return Lines;
}

} // namespace frugal
