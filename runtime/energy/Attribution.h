//===- Attribution.h - Tick energy split among calling contexts -----------===//
//
// Consumes windows of ticks (TickBuffer). Per domain it feeds the rows to a
// PowerRegression (per-column powers over the whole run so far), solves it,
// then splits every row's measured energy among the nodes that ran in it in
// proportion to power x time (PowerRegression.h, splitRow). Totals stay
// exact: each row's energy goes to its nodes or to "unattributed" (root
// frames = uninstrumented code, other processes, idle).
//
// Columns: 0 is the threads' roots (uninstrumented code at top level), 1 is
// "the rest", 2.. are the functions and regions with the most time in the
// first window (up to MaxFunctionColumns); later newcomers join the rest.
//
// Rows: a domain whose counter moved in a tick closes a row there; ticks in
// which it did not move (a GPU counter that updates every few ticks) join
// the next row, so that a row's energy and its times cover the same span.
// So do ticks whose end the sampler saw late (Tick::SoftEnd): the calls
// that switched between the boundary and the collection were counted on
// the wrong side of it, and merging the two ticks makes that harmless.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_ATTRIBUTION_H
#define FRUGAL_RUNTIME_ENERGY_ATTRIBUTION_H

#include "Compiler.h"
#include "ContextTree.h"
#include "Memory.h"
#include "energy/PowerRegression.h"
#include "energy/Source.h"

#include <stdint.h>

namespace frugal::rt::energy {

class TickBuffer;

// A node's attributed energy (exclusive: its own ticks), per domain.
struct NodeEnergy {
  double Total[NumDomains];
  double Dynamic[NumDomains];
};

// Written by the attribution (sampler or writer thread, never both at once:
// see EnergyRuntime), read by the profile merge.
inline const NodeEnergy *energyOf(const Node *N) {
  return static_cast<const NodeEnergy *>(loadAcquire(N->Energy));
}

struct DomainSettings {
  bool Active = false;
  bool Measured = false; // false: modelled, split by time
  double FixedBaselineW = -1;
  // Measured, but split by time (FRUGAL_ATTRIBUTION=time): the regression
  // still runs for the baseline and other processes' power, and what they
  // leave of each row's energy goes to its nodes in proportion to their
  // time, so that the two splits differ in that alone.
  bool SplitByTime = false;
};

// What the profile shows of a function's power in one domain.
struct PowerEstimate {
  double MeanW = 0;
  double StderrW = 0;
  bool Resolved = false;  // separated from other columns by the data
  bool Regressed = false; // false: no regression (modelled domain)
};

class Attribution {
public:
  static constexpr uint32_t MaxFunctionColumns = 126;
  static constexpr uint32_t RootColumn = 0;
  static constexpr uint32_t RestColumn = 1;

  // MaxEntries: the most entries a window can hold (scratch for splits).
  bool init(const DomainSettings (&Domains)[NumDomains], uint32_t MaxEntries);
  // Forget everything (a forked child starts afresh).
  void reset();

  // Consumes one window (SecondsPerTick converts timer ticks) and returns
  // true; false, leaving it for later, while the columns are still to be
  // chosen and the window is shorter than MinColumnWindowS, unless Final:
  // an early flush must not pick the columns from a few milliseconds.
  static constexpr double MinColumnWindowS = 1.0;
  bool consume(const TickBuffer &Window, double SecondsPerTick,
               bool Final = true);

  bool active(Domain D) const { return Settings[unsigned(D)].Active; }
  bool measured(Domain D) const { return Settings[unsigned(D)].Measured; }
  double totalJ(Domain D) const { return TotalJ[unsigned(D)]; }
  double unattributedJ(Domain D) const { return UnattributedJ[unsigned(D)]; }
  uint64_t rows(Domain D) const { return Rows[unsigned(D)]; }
  uint64_t windows() const { return Windows; }
  uint64_t ticks() const { return TicksSeen; }
  double seconds() const { return SecondsSeen; }
  // The regression's solution, or nullptr (modelled domain, no rows).
  const RegressionSolution *solution(Domain D) const {
    unsigned I = unsigned(D);
    return Solved[I] ? &Solutions[I] : nullptr;
  }
  // Power of function/region Ref in domain D: false when it has no column
  // estimate (modelled domain, or split by time: the caller uses energy /
  // time).
  bool power(Domain D, uint32_t Ref, PowerEstimate &Out) const;
  uint32_t functionColumns() const { return NumFunctionColumns; }
  uint32_t refsInRest() const { return RefsInRest; }

private:
  uint32_t columnOf(uint32_t Ref) const;
  void assignColumns(const TickBuffer &Window);
  void addRows(Domain D, const TickBuffer &Window, double SecondsPerTick);
  void addCoarse(Domain D, const RowView &Row);
  // Coarse rows needed before their fit of others' power is used.
  static constexpr uint64_t MinCoarseRows = 10;
  void splitRows(Domain D, const TickBuffer &Window, double SecondsPerTick);
  NodeEnergy *recordOf(Node *N);

  DomainSettings Settings[NumDomains];
  PowerRegression Regressions[NumDomains];
  // The same columns over rows of at least CoarseRowS: fits others' power,
  // whose covariate (/proc/stat, 10 ms units) is too coarse for ticks.
  static constexpr double CoarseRowS = 0.1;
  PowerRegression Coarse[NumDomains];
  RowView CoarseRow[NumDomains];
  double CoarseSeconds[NumDomains][MaxFunctionColumns + 2] = {};
  RowEntry CoarseEntries[MaxFunctionColumns + 2];
  RegressionSolution Solutions[NumDomains];
  bool Solved[NumDomains] = {};
  double TotalJ[NumDomains] = {};
  double UnattributedJ[NumDomains] = {};
  uint64_t Rows[NumDomains] = {};
  uint64_t Windows = 0;
  uint64_t TicksSeen = 0;
  double SecondsSeen = 0;

  // Ref -> column: open addressing, Refs + 1 as keys (0 = empty).
  static constexpr uint32_t MapCapacity = 512;
  uint32_t MapKeys[MapCapacity] = {};
  uint32_t MapColumns[MapCapacity] = {};
  bool ColumnsAssigned = false;
  uint32_t NumFunctionColumns = 0;
  uint32_t RefsInRest = 0;

  // Scratch, sized for a whole window's entries.
  RowEntry *RowEntries = nullptr;
  double *SplitTotal = nullptr;
  double *SplitDynamic = nullptr;
  Node **RowNodes = nullptr;
  uint32_t ScratchCapacity = 0;
  double ColumnSeconds[MaxFunctionColumns + 2] = {};

  Arena Records; // NodeEnergy records
};

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_ATTRIBUTION_H
