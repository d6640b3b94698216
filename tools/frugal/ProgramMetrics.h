//===- ProgramMetrics.h - A program's own figures, in reports ---*- C++ -*-===//
//
// Beside what frugal measures, a program may record figures of its own run
// (frugal_metric: test accuracy, loss, model size; "metrics" in the profile)
// and the units of work its regions did (frugal_region_items: samples,
// tokens; a region's "items"), from which reports give energy and time per
// 1000 items. `frugal summary`, `report` and `diff` print them alike.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_PROGRAMMETRICS_H
#define FRUGAL_TOOLS_FRUGAL_PROGRAMMETRICS_H

#include "Profile.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// A metric's value for people: whole numbers in full ("36140"), others
/// with six significant digits ("0.9733", "0.0123457", "1.5e+20").
std::string formatMetricValue(double Value);

/// The same with a sign, for differences: "+0.0012", "-36", "0".
std::string formatMetricChange(double Delta);

/// "accuracy 0.9733, model_bytes 36140": every metric, names sorted (as
/// the map has them); empty without metrics.
std::string metricsText(const std::map<std::string, double> &Metrics);

/// \p Total per 1000 items of \p Count: Total × 1000 / Count; None when
/// nothing was counted (a count of 0 has no per-item figure).
std::optional<double> perThousand(double Total, int64_t Count);

/// Region \p R's inclusive time per 1000 of its items, ns; None without
/// items (or 0 of them).
std::optional<double> timePerThousandNs(const RegionRecord &R);

/// Region \p R's inclusive energy in domain \p Domain per 1000 of its
/// items, J; None without items (or 0 of them) or figures in the domain.
std::optional<double> energyPerThousandJ(const RegionRecord &R,
                                         llvm::StringRef Domain);

/// What reports print on the regions' counted work: a heading, then one
/// line per region with items, in the profile's order: "inference: 4490
/// samples, 2.25 mJ per 1000 samples, 111 µs per 1000 samples" (inclusive
/// figures; the energy of domain \p D, which the heading labels measured or
/// MODELLED; none without \p D). Empty when no region counted items.
std::vector<std::string> regionWorkLines(const Profile &Prof,
                                         const EnergyDomain *D);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_PROGRAMMETRICS_H
