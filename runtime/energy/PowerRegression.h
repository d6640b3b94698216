//===- PowerRegression.h - Per-function power from energy ticks -----------===//
//
// Model of one domain's energy over one row (a tick, or several ticks that
// the domain's counter did not tell apart):
//
//   E_row ~ b * duration + p_o * others_cpu + sum_j p_j * time_j
//
// b is the baseline (idle) power, p_o the power per CPU-second of other
// processes, p_j the power of column j (a function, the uninstrumented code
// at the threads' roots, or "the rest") while it runs, time_j its exclusive
// wall time in the row summed over threads. The powers come from regularized
// non-negative least squares over all rows: the ridge pulls each p_j towards
// the pooled power p (the fit with one power for all columns) with a weight
// proportional to the column's total time, so columns the data cannot tell
// apart (always run together) end with equal powers, which is a split by
// time among them.
//
// Only sufficient statistics are kept (Gram matrix and right-hand side), so
// memory is O(columns^2) whatever the run's length. Runtime rules apply: no
// allocation but mapPages, no C++ library calls; sqrt through
// __builtin_sqrt (the runtime is built with -fno-math-errno).
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ENERGY_POWERREGRESSION_H
#define FRUGAL_RUNTIME_ENERGY_POWERREGRESSION_H

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt::energy {

// A row as the sampler hands it over.
struct RowEntry {
  uint32_t Column; // < numColumns()
  double Seconds;  // exclusive time of the column in the row, all threads
};
struct RowView {
  double DurationS = 0;  // wall time the row spans
  double OthersCpuS = 0; // other processes' CPU time in it (may be 0)
  double EnergyJ = 0;    // measured energy of the domain in it
  const RowEntry *Entries = nullptr;
  uint32_t NumEntries = 0; // a column appears at most once
};

struct RegressionOptions {
  // Ridge weight per second of column time, as a fraction of the mean row
  // duration (see PowerRegression.cpp for the scale). It also shrinks a
  // well-separated column's power towards PooledW by about this fraction of
  // the difference, hence small.
  double RidgeFraction = 1e-3;
  // >= 0: the baseline is fixed to this (FRUGAL_IDLE_WATTS). < 0: estimated
  // when the rows can separate it from the columns (the process's thread
  // time per row varies), else 0 with BaselineIdentified = false.
  double FixedBaselineW = -1;
  // >= 0: others' power per CPU-second is fixed to this (Attribution takes
  // it from a fit over coarse rows, where the 10 ms /proc/stat covariate is
  // not diluted by its misalignment with the ticks). < 0: estimated.
  double FixedOthersW = -1;
  // The baseline (and others' power) is estimated only when the part of its
  // regressor (row duration, others' CPU time) that the other regressors do
  // not explain carries at least this fraction of its squared norm (1 - R^2
  // of that regressor on the others, uncentered). About the squared
  // coefficient of variation of the busy fraction: 1e-3 is ~3 %.
  double MinSeparation = 1e-3;
};

struct RegressionSolution {
  double BaselineW = 0;
  double BaselineStderrW = 0;
  bool BaselineIdentified = false; // estimated from the data (or fixed)
  double OthersW = 0;              // per CPU-second of other processes
  double OthersStderrW = 0;
  // False when others' CPU time never varied apart from the rest (always 0,
  // or a constant share): OthersW is then PooledW (a split by CPU time
  // between this process and the others), or 0 when they never ran.
  bool OthersIdentified = false;
  double PooledW = 0; // the one-power-for-all fit that the ridge pulls to
  // numColumns() entries each, in memory owned by the regression.
  double *PowerW = nullptr;
  double *PowerStderrW = nullptr;
  // False when the data did not determine the column's power better than the
  // ridge's prior (collinear with others, or too little time): its power is
  // then essentially the pooled one, a split by time.
  bool *Resolved = nullptr;
  uint32_t NumColumns = 0; // entries in the arrays above
  uint64_t Rows = 0;
  double ResidualStdJ = 0; // per row
};

class PowerRegression {
public:
  // NumColumns function columns. False when memory cannot be mapped.
  bool init(uint32_t NumColumns);
  void release();
  uint32_t numColumns() const { return Columns; }
  uint64_t rows() const { return Rows; }

  // O(entries^2). Rows with negative or non-finite numbers are dropped;
  // entries whose column is out of range are ignored.
  void addRow(const RowView &Row);
  // Solves with the rows so far (may be called again after more rows).
  // False when there are no rows or no energy. Out's arrays stay valid until
  // the next solve or release. O(columns^3); not thread-safe with addRow.
  bool solve(const RegressionOptions &Opts, RegressionSolution &Out);

private:
  // Parameters are indexed [baseline, others, column 0, ...]; see the .cpp.
  uint32_t Columns = 0;
  uint64_t Rows = 0;
  void *Memory = nullptr;
  size_t MemoryBytes = 0;
  double *Gram = nullptr;    // (Columns + 2)^2 row-major, upper triangle used
  double *Rhs = nullptr;     // Columns + 2: X'y
  double *Totals = nullptr;  // Columns + 2: sum of each regressor
  double *Scratch = nullptr; // (Columns + 2)^2 + vectors for solve
  double SumEnergySq = 0;
  double SumDuration = 0;
  // Pooled design (baseline, others, all-columns time): 3x3 Gram and rhs.
  double PooledGram[9] = {};
  double PooledRhs[3] = {};
  RegressionSolution Last;
};

// How one row's measured energy is split (the energies sum to EnergyJ):
// component c_j = p_j * time_j for each entry, c_b = b * duration, c_o =
// p_o * others_cpu; with s = EnergyJ / (sum of components),
//   Dynamic[i] = s * c_j(i)
//   Total[i]   = Dynamic[i] + s * c_b * time_i / max(duration, T)
// where T = sum of entry times + others_cpu (the baseline is shared by time
// among whatever used the package; its idle part stays unattributed), and
// Unattributed gets the rest (others' share, idle baseline). When the model
// predicts no energy (no powers yet), the row is split by time: Total[i] =
// EnergyJ * time_i / max(duration, T), Dynamic[i] = Total[i]. Entries may
// repeat a column here (one per tree node); a column S does not know runs
// at S.PooledW.
void splitRow(const RegressionSolution &S, const RowView &Row, double *TotalJ,
              double *DynamicJ, double &UnattributedJ);

} // namespace frugal::rt::energy

#endif // FRUGAL_RUNTIME_ENERGY_POWERREGRESSION_H
