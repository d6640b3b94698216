//===- ReportRows.h - The rows of frugal report -----------------*- C++ -*-===//
//
// One row per function (and region) of a profile, with its static record
// when the analysis has one: the measured figures beside the static ones,
// evaluated per call with the sampled argument values and multiplied by the
// calls. Functions on one side only are rows too. The formats (table, CSV,
// markdown, JSON, HTML) all print these rows.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_REPORTROWS_H
#define FRUGAL_TOOLS_FRUGAL_REPORTROWS_H

#include "Profile.h"
#include "StaticData.h"

#include "llvm/Support/raw_ostream.h"

#include <optional>
#include <string>
#include <vector>

namespace frugal {

/// A static quantity of one row: its expression, per-call value and total.
struct StaticQuantity {
  std::optional<StaticExpr> Expr; // None: no static record.
  EvaluatedExpr PerCall;
  std::optional<double> Total; // PerCall × calls.
};

struct ReportRow {
  enum class Kind { Function, Region };
  Kind RowKind = Kind::Function;
  int64_t Id = -1; // The profile's id; -1 for a function only analysed.
  std::string Name;
  std::string File;
  int64_t Line = 0;
  bool InProfile = false;
  bool InStatic = false;
  bool Instrumented = false;
  std::string FilterReason; // Why it was not instrumented.
  int64_t Calls = 0;
  Times Time;
  const EnergyByDomain *Energy = nullptr;
  const PowerByDomain *Power = nullptr;
  const CountsByEvent *Counters = nullptr;
  std::optional<int64_t> AllocBytes;
  const RegionItems *Items = nullptr; // A region's counted work, or null.
  const FunctionRecord *Measured = nullptr;
  const StaticFunction *Static = nullptr;
  StaticQuantity Flops, BytesTouched, StackBytes, HeapBytes;
  /// The body's own flops and load + store bytes (ops.self), to set beside
  /// exclusive figures as the totals go beside inclusive ones.
  StaticQuantity SelfFlops, SelfBytes;
  /// Per call: flops / bytes touched, when both evaluated.
  std::optional<double> intensity() const;

  /// Has measured figures: instrumented, in the profile (or a region).
  bool measured() const { return InProfile && Instrumented; }
  /// Inclusive energy in \p Domain, None when not measured (there).
  std::optional<double> inclusiveJ(llvm::StringRef Domain) const;
  std::optional<double> exclusiveJ(llvm::StringRef Domain) const;
  /// Joules per flop: inclusive energy over the calls' total flops (the
  /// analysis's totals include the callees, as inclusive energy does).
  std::optional<double> joulesPerFlop(llvm::StringRef Domain) const;
  /// Inclusive figures per 1000 items of a region's counted work; None
  /// without items (or 0 of them), or without energy in \p Domain.
  std::optional<double> timePerThousandNs() const;
  std::optional<double> energyPerThousandJ(llvm::StringRef Domain) const;
};

/// Every row of \p Prof joined with \p Static (which may be null), in the
/// profile's order: functions, then functions only analysed, then regions.
std::vector<ReportRow> buildReportRows(const Profile &Prof,
                                       const StaticAnalysis *Static);

/// Writes the JSON document of `frugal report --format json`
/// (docs/reports.md), a row at a time: memory stays that of the rows.
void writeReportJson(llvm::raw_ostream &OS, const Profile &Prof,
                     llvm::StringRef ProfilePath, const StaticAnalysis *Static,
                     llvm::ArrayRef<ReportRow> Rows);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_REPORTROWS_H
