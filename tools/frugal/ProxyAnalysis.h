//===- ProxyAnalysis.h - How well cheap proxies predict energy --*- C++ -*-===//
//
// What `frugal proxies` computes, apart from how it prints it: the
// observations (a function of a profile, with its exclusive energy and each
// proxy's value), each proxy's correlations and leave-one-out fit, and a
// non-negative model of energy from all of them (docs/reports.md, "frugal
// proxies", defines every figure).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_PROXYANALYSIS_H
#define FRUGAL_TOOLS_FRUGAL_PROXYANALYSIS_H

#include "Profile.h"
#include "StaticData.h"
#include "Stats.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// A profile given to `frugal proxies`, with the path it was read from.
struct ProxyProfile {
  std::string Path;
  Profile Prof;
};

/// Something that might predict a function's energy.
struct ProxyKind {
  std::string Name;  // The key in JSON and CSV: time, an event, alloc_bytes...
  std::string Label; // For people: "exclusive time", "static flops"...
  /// The unit of its values: s, count, B, flop, or unit (cyclomatic).
  std::string Unit;
  bool Static = false; // From the static analysis, not the profile.
  /// An amount of work that adds up over calls, so that energy can be a sum
  /// of joules per unit of each: enters the non-negative model.
  bool Extensive = true;
};

/// One function of one profile, with calls.
struct Observation {
  std::string Function;
  size_t Profile = 0; // Index into ProxyProfiles.
  double EnergyJ = 0; // Exclusive, in the analysis's domain.
  bool Measured = false;
  /// One value per ProxyAnalysis::Kinds entry; None where it has none.
  std::vector<std::optional<double>> Values;
};

/// How one proxy predicts energy, over the observations that have it.
struct ProxyResult {
  size_t Kind = 0; // Index into ProxyAnalysis::Kinds.
  size_t N = 0;    // Observations with a value.
  /// Non-empty: the proxy was not evaluated, and why.
  std::string Skipped;
  /// Why the observations without a value lack it, when some have one;
  /// empty when all have it (and when none has: Skipped says why).
  std::string Missing;
  std::optional<double> Pearson;
  std::optional<double> Spearman;
  std::optional<stats::LinearFit> Fit;
  /// Its coefficient in the non-negative model; None: not in the model.
  std::optional<double> ModelCoefficient;
};

/// Energy as a non-negative combination of proxies, without intercept.
struct ProxyModel {
  std::vector<size_t> Terms; // Indices into ProxyAnalysis::Kinds.
  std::optional<stats::NonNegativeFit> Fit;
  /// Evaluated proxies left out of the model: (name, why).
  std::vector<std::pair<std::string, std::string>> LeftOut;
  std::string Missing; // Non-empty: why there is no model.
};

enum class ProxySort { R2, Rho };

/// Whether the target energy is measured in every observation, modelled in
/// every one, or both.
enum class EnergyOrigin { Measured, Modelled, Mixed };

struct ProxyAnalysis {
  std::string Domain;
  std::string StaticSource; // Empty: no static analysis.
  std::vector<ProxyKind> Kinds;
  std::vector<Observation> Observations;
  /// Observations per profile, in the order of the profiles.
  std::vector<size_t> PerProfile;
  /// Each profile's energy source for Domain ("perf", "model"...), and
  /// whether it is measured.
  std::vector<std::string> Sources;
  std::vector<bool> Measured;
  /// Evaluated proxies first, in the order of Sort, then skipped ones.
  std::vector<ProxyResult> Results;
  ProxyModel Model;
  ProxySort Sort = ProxySort::R2;

  EnergyOrigin origin() const;
  /// True when some of the energy was derived from time by a model.
  bool circular() const { return origin() != EnergyOrigin::Measured; }
  /// The circularity warning, one sentence starting "circular analysis" or
  /// "partly circular analysis"; empty when measured.
  std::string warning(llvm::ArrayRef<ProxyProfile> Profiles) const;
};

/// Builds the observations of \p Profiles in \p Domain (empty: the first
/// domain every profile has) and evaluates every proxy. \p Static may be
/// null. On error, \p Usage says whether it is a usage error.
llvm::Expected<ProxyAnalysis>
analyzeProxies(llvm::ArrayRef<ProxyProfile> Profiles,
               const StaticAnalysis *Static, llvm::StringRef Domain,
               ProxySort Sort, bool &Usage);

/// Writes the document of --format=json (schema in docs/reports.md), which
/// the HTML view draws too; streamed, since it has a point per observation.
void writeProxiesJson(llvm::json::OStream &J, const ProxyAnalysis &A,
                      llvm::ArrayRef<ProxyProfile> Profiles);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_PROXYANALYSIS_H
