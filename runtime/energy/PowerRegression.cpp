//===- PowerRegression.cpp - Per-function power from energy ticks ---------===//
//
// Parameters are indexed [baseline b, others p_o, column 0, column 1, ...];
// the regressors are [row duration, others' CPU time, column times...].
// addRow accumulates the Gram matrix X'X (upper triangle), X'y, y'y and the
// regressors' sums; solve() works on those alone:
//
// 1. Identifiability. A regressor the others explain (1 - R^2 below
//    MinSeparation) cannot have its own coefficient. Others' CPU time is
//    tested first (constant or absent: p_o is tied to the pooled power, a
//    split by CPU time between this process and the rest of the machine),
//    then the row duration (in a single-threaded program the column times
//    sum to the duration in every row, so b is a common shift of all powers:
//    b = 0 and the powers include the baseline). Others first, because a
//    constant background load is collinear with the duration too and would
//    otherwise take the baseline with it.
// 2. Pooled fit: E ~ b dur + p_o others + p (sum of column times), >= 0.
// 3. Full fit: minimize |y - Xp|^2 + sum_j lambda_j (p_j - p)^2, p >= 0,
//    lambda_j = alpha T_j (T_j: the column's total seconds), alpha =
//    RidgeFraction x mean row duration. Weighting by T_j is what makes
//    collinear columns fall back to a split by time: if columns always run
//    in fixed proportions t_j = r_j u, the data fix only sum r_j p_j, and
//    minimizing sum alpha T_j (p_j - p)^2 with T_j proportional to r_j gives
//    every p_j the same shift from p, hence equal powers. The scale alpha
//    makes lambda_j about RidgeFraction of the column's own information
//    sum t_j^2 (~ T_j x its time per row) when it fills its rows. The ridge
//    also shrinks well-separated columns towards p by about RidgeFraction
//    (relative to the part of their information the other columns do not
//    explain) of their distance to p. It does not vanish with more rows
//    (lambda grows with T_j as the data do), so it is kept small: 0.1 %
//    moves 40 W / 10 W functions by 0.04 % / 0.2 % with 5 ms phases, and
//    by ~1 % with 0.1-0.9 ms phases, where 1 % would move them 2-10 %.
// 4. Standard errors: sigma^2 diag(H^-1) over the parameters not at their
//    bound, H = X'X + Lambda, sigma^2 = RSS / (rows - tr(H^-1 X'X)). That is
//    the posterior spread of the ridge estimate: for columns the data cannot
//    tell apart it is large, as it should be. It leaves out the ridge's
//    bias (step 3), which long, nearly noiseless runs can exceed.
//
// The box-constrained quadratic program is solved by the Lawson-Hanson
// active-set method on the normal equations (Bro and de Jong's "fast NNLS"),
// warm-started from the unconstrained solution. Each step solves the free
// subsystem by Cholesky, so it ends in a finite number of steps with the
// exact KKT point, not an approximation that depends on a tolerance. All
// systems are scaled to a unit diagonal (times are ~1e-3 s, energies ~1e-2 J)
// so that tolerances and pivots are relative.
//
//===----------------------------------------------------------------------===//
#include "energy/PowerRegression.h"

#include "Memory.h"

namespace frugal::rt::energy {

namespace {

constexpr uint32_t BaselineIndex = 0;
constexpr uint32_t OthersIndex = 1;
constexpr uint32_t FirstColumn = 2;
// Two (columns + 2)^2 matrices: 4096 columns are 270 MB already.
constexpr uint32_t MaxColumns = 4096;

// Diagonal added (relative, on the unit-diagonal scale) when asking what the
// data alone can separate: it keeps exactly collinear sets factorable while
// staying far below any separation threshold.
constexpr double SeparationJitter = 1e-10;
// Smallest pivot a factorization accepts (relative): a direction the matrix
// does not determine is then damped instead of dividing by ~0.
constexpr double MinPivot = 1e-14;
// A column with less time than this fraction of the run's duration has not
// run at all, as far as the fit is concerned.
constexpr double TimeFloorFraction = 1e-9;
// Floor on RidgeFraction: without a ridge collinear columns are singular.
constexpr double MinRidgeFraction = 1e-7;
constexpr double MinSeparationFloor = 1e-8;
// Time-weighted mean share of its rows a column must fill to get a power of
// its own (Sum t^2 / Sum t >= this x the mean row duration).
constexpr double MinOccupancy = 0.02;

enum : uint8_t { Estimated = 0, Fixed = 1, Tied = 2 };

bool isFinite(double X) { return X - X == 0; } // NaN and infinities fail
double sqrtOf(double X) { return X > 0 ? __builtin_sqrt(X) : 0; }
double maxOf(double A, double B) { return A > B ? A : B; }

// A symmetric matrix of which only the upper triangle is filled.
struct Symmetric {
  const double *M;
  uint32_t N;
  double operator()(uint32_t A, uint32_t B) const {
    return A <= B ? M[size_t(A) * N + B] : M[size_t(B) * N + A];
  }
};

// The quadratic 1/2 x'Hx - Lin'x over Size parameters, local index i being
// global parameter Index[i]. H(i, k) = (G(Index[i], Index[k]) + [i == k]
// Ridge[i]) Inv[i] Inv[k], with Inv[i] = 1 / sqrt(G + Ridge) on the
// diagonal: unit diagonal. Entries are computed when needed, so that solve
// needs one work matrix only (the factor).
struct Quadratic {
  Symmetric G;
  const uint32_t *Index;
  const double *Ridge; // nullptr: none
  const double *Inv;
  const double *Lin;
  uint32_t Size;
  double h(uint32_t I, uint32_t K) const {
    double V = G(Index[I], Index[K]);
    if (I == K && Ridge)
      V += Ridge[I];
    return V * Inv[I] * Inv[K];
  }
};

// Lower Cholesky factor (row-major, P x P) of H restricted to the local
// indices Sub[0..P), plus Extra on the diagonal. Pivots are floored at
// MinPivot. L[i][i]^2 is the part of variable i that variables 0..i-1 do not
// explain (1 - R^2 on the unit-diagonal scale).
void factor(const Quadratic &Q, const uint32_t *Sub, uint32_t P, double Extra,
            double *L) {
  for (uint32_t I = 0; I < P; ++I) {
    double *Li = L + size_t(I) * P;
    for (uint32_t K = 0; K <= I; ++K) {
      const double *Lk = L + size_t(K) * P;
      double V = Q.h(Sub[I], Sub[K]);
      for (uint32_t J = 0; J < K; ++J)
        V -= Li[J] * Lk[J];
      if (K < I) {
        Li[K] = V / Lk[K];
      } else {
        V += Extra;
        Li[I] = __builtin_sqrt(V > MinPivot ? V : MinPivot);
      }
    }
  }
}

// Solves L L' x = b in place.
void solveFactored(const double *L, uint32_t P, double *X) {
  for (uint32_t I = 0; I < P; ++I) {
    const double *Li = L + size_t(I) * P;
    double V = X[I];
    for (uint32_t J = 0; J < I; ++J)
      V -= Li[J] * X[J];
    X[I] = V / Li[I];
  }
  for (uint32_t I = P; I-- > 0;) {
    double V = X[I];
    for (uint32_t J = I + 1; J < P; ++J)
      V -= L[size_t(J) * P + I] * X[J];
    X[I] = V / L[size_t(I) * P + I];
  }
}

// Out[j] = (L L')^-1 [j][j] = |L^-1 e_j|^2, by one forward solve per j.
void inverseDiagonal(const double *L, uint32_t P, double *Z, double *Out) {
  for (uint32_t J = 0; J < P; ++J) {
    Z[J] = 1 / L[size_t(J) * P + J];
    double Sum = Z[J] * Z[J];
    for (uint32_t K = J + 1; K < P; ++K) {
      const double *Lk = L + size_t(K) * P;
      double V = 0;
      for (uint32_t M = J; M < K; ++M)
        V -= Lk[M] * Z[M];
      Z[K] = V / Lk[K];
      Sum += Z[K] * Z[K];
    }
    Out[J] = Sum;
  }
}

struct Work {
  double *L;     // Size^2
  double *S;     // Size
  uint32_t *Sub; // Size
  bool *Passive; // Size
};

// Minimizer of the subproblem over the passive set into W.S (compact:
// W.S[k] belongs to local index W.Sub[k]); returns the set's size.
uint32_t solvePassive(const Quadratic &Q, const Work &W) {
  uint32_t P = 0;
  for (uint32_t I = 0; I < Q.Size; ++I)
    if (W.Passive[I])
      W.Sub[P++] = I;
  factor(Q, W.Sub, P, 0, W.L);
  for (uint32_t K = 0; K < P; ++K)
    W.S[K] = Q.Lin[W.Sub[K]];
  solveFactored(W.L, P, W.S);
  return P;
}

// Minimizes 1/2 x'Hx - Lin'x over x >= 0 (Lawson-Hanson on the normal
// equations). X gets the solution; the passive set (parameters off their
// bound) is left in W.Passive.
void solveNonNegative(const Quadratic &Q, double *X, const Work &W) {
  const uint32_t M = Q.Size;
  double Scale = 0;
  for (uint32_t I = 0; I < M; ++I) {
    X[I] = 0;
    W.Passive[I] = true;
    double A = __builtin_fabs(Q.Lin[I]);
    Scale = A > Scale ? A : Scale;
  }
  if (M == 0 || !(Scale > 0)) {
    for (uint32_t I = 0; I < M; ++I)
      W.Passive[I] = false;
    return;
  }
  // H has a unit diagonal, so the gradient is on the scale of Lin: a
  // component below this is zero up to rounding.
  const double GradientTol = 1e-12 * Scale;

  // Warm start: the unconstrained minimizer with its negative part cut off
  // (usually all powers are positive and this is already the answer).
  uint32_t P = solvePassive(Q, W);
  for (uint32_t K = 0; K < P; ++K) {
    uint32_t I = W.Sub[K];
    if (W.S[K] > 0) {
      X[I] = W.S[K];
    } else {
      W.Passive[I] = false;
    }
  }

  uint32_t Added = M; // the index the last outer step freed
  for (uint32_t Outer = 0; Outer < 3 * M + 30; ++Outer) {
    // Move towards the passive subproblem's minimizer, dropping parameters
    // that reach 0 on the way, until that minimizer is feasible. Each step
    // drops one at least, so at most M steps.
    for (uint32_t Inner = 0; Inner <= M; ++Inner) {
      P = solvePassive(Q, W);
      double Step = 1;
      uint32_t Drop = M;
      for (uint32_t K = 0; K < P; ++K) {
        if (W.S[K] > 0)
          continue;
        uint32_t I = W.Sub[K];
        double T = X[I] > 0 ? X[I] / (X[I] - W.S[K]) : 0;
        if (Drop == M || T < Step) {
          Step = T;
          Drop = I;
        }
      }
      if (Drop == M) {
        for (uint32_t K = 0; K < P; ++K)
          X[W.Sub[K]] = W.S[K];
        break;
      }
      // The parameter just freed going straight back to its bound: the
      // gradient that freed it was rounding. Done.
      if (Drop == Added && Inner == 0) {
        W.Passive[Drop] = false;
        return;
      }
      for (uint32_t K = 0; K < P; ++K) {
        uint32_t I = W.Sub[K];
        X[I] += Step * (W.S[K] - X[I]);
        if (I == Drop || !(X[I] > 0)) {
          X[I] = 0;
          W.Passive[I] = false;
        }
      }
    }
    // Free the bound parameter whose gradient pulls it up the most.
    uint32_t Best = M;
    double BestGradient = GradientTol;
    for (uint32_t I = 0; I < M; ++I) {
      if (W.Passive[I])
        continue;
      double G = Q.Lin[I];
      for (uint32_t K = 0; K < M; ++K)
        if (X[K] != 0)
          G -= Q.h(I, K) * X[K];
      if (G > BestGradient) {
        BestGradient = G;
        Best = I;
      }
    }
    if (Best == M)
      return;
    W.Passive[Best] = true;
    Added = Best;
  }
}

// 1 - R^2 of local variable Target on the other Size - 1 (uncentered, data
// only): the Schur complement's pivot with Target ordered last.
double separation(const Quadratic &Q, uint32_t Target, const Work &W) {
  uint32_t P = 0;
  for (uint32_t I = 0; I < Q.Size; ++I)
    if (I != Target)
      W.Sub[P++] = I;
  W.Sub[P++] = Target;
  factor(Q, W.Sub, P, SeparationJitter, W.L);
  double D = W.L[size_t(P - 1) * P + P - 1];
  return D * D - SeparationJitter;
}

} // namespace

bool PowerRegression::init(uint32_t NumColumns) {
  release();
  if (NumColumns > MaxColumns)
    return false;
  size_t N = size_t(NumColumns) + 2;
  // Doubles: Gram, Rhs, Totals, then Scratch = factor (N^2), 8 vectors,
  // PowerW and PowerStderrW; then uint32 Index and Sub; then bytes:
  // status, Passive, Resolved.
  size_t Doubles = N * N + 2 * N + N * N + 8 * N + 2 * size_t(NumColumns);
  size_t Bytes =
      Doubles * sizeof(double) + 2 * N * sizeof(uint32_t) + 2 * N + NumColumns;
  Memory = mapPages(Bytes);
  if (!Memory)
    return false;
  MemoryBytes = Bytes;
  Columns = NumColumns;
  Gram = static_cast<double *>(Memory);
  Rhs = Gram + N * N;
  Totals = Rhs + N;
  Scratch = Totals + N;
  return true;
}

void PowerRegression::release() {
  unmapPages(Memory, MemoryBytes);
  *this = PowerRegression();
}

void PowerRegression::addRow(const RowView &Row) {
  if (!Memory)
    return;
  const double Dur = Row.DurationS, Oth = Row.OthersCpuS, E = Row.EnergyJ;
  if (!(Dur >= 0) || !(Oth >= 0) || !isFinite(Dur) || !isFinite(Oth) ||
      !isFinite(E) || (Row.NumEntries && !Row.Entries))
    return;
  double Own = 0;
  for (uint32_t I = 0; I < Row.NumEntries; ++I) {
    double T = Row.Entries[I].Seconds;
    if (!(T >= 0) || !isFinite(T))
      return;
    if (Row.Entries[I].Column < Columns)
      Own += T;
  }
  // A row with no regressor says nothing about the powers.
  if (Dur == 0 && Oth == 0 && Own == 0)
    return;

  const uint32_t N = Columns + 2;
  Gram[0] += Dur * Dur;
  Gram[1] += Dur * Oth;
  Gram[N + 1] += Oth * Oth;
  Rhs[BaselineIndex] += Dur * E;
  Rhs[OthersIndex] += Oth * E;
  Totals[BaselineIndex] += Dur;
  Totals[OthersIndex] += Oth;
  for (uint32_t I = 0; I < Row.NumEntries; ++I) {
    const RowEntry &Ei = Row.Entries[I];
    double Ti = Ei.Seconds;
    if (Ei.Column >= Columns || Ti == 0)
      continue;
    uint32_t Ci = FirstColumn + Ei.Column;
    Gram[Ci] += Dur * Ti;
    Gram[N + Ci] += Oth * Ti;
    Rhs[Ci] += Ti * E;
    Totals[Ci] += Ti;
    for (uint32_t K = 0; K <= I; ++K) {
      const RowEntry &Ek = Row.Entries[K];
      if (Ek.Column >= Columns || Ek.Seconds == 0)
        continue;
      uint32_t Ck = FirstColumn + Ek.Column;
      double V = Ti * Ek.Seconds;
      // A column listed twice (not expected) counts as its summed time.
      if (K != I && Ck == Ci)
        V *= 2;
      if (Ck < Ci)
        Gram[size_t(Ck) * N + Ci] += V;
      else
        Gram[size_t(Ci) * N + Ck] += V;
    }
  }
  const double Regs[3] = {Dur, Oth, Own};
  for (int A = 0; A < 3; ++A) {
    for (int B = A; B < 3; ++B)
      PooledGram[A * 3 + B] += Regs[A] * Regs[B];
    PooledRhs[A] += Regs[A] * E;
  }
  SumEnergySq += E * E;
  SumDuration += Dur;
  ++Rows;
}

bool PowerRegression::solve(const RegressionOptions &Opts,
                            RegressionSolution &Out) {
  if (!Memory || Rows == 0 || !(SumEnergySq > 0) || !(SumDuration > 0))
    return false;
  const uint32_t N = Columns + 2;
  const Symmetric G{Gram, N};

  // Scratch layout (see init).
  double *L = Scratch;
  double *Lin = L + size_t(N) * N;
  double *X = Lin + N;
  double *S = X + N;
  double *Inv = S + N;
  double *Ridge = Inv + N;
  double *Theta = Ridge + N;
  double *Var = Theta + N;
  double *Z = Var + N;
  double *PowerW = Z + N;
  double *PowerStderrW = PowerW + Columns;
  uint32_t *Index = reinterpret_cast<uint32_t *>(PowerStderrW + Columns);
  uint32_t *Sub = Index + N;
  uint8_t *Status = reinterpret_cast<uint8_t *>(Sub + N);
  bool *Passive = reinterpret_cast<bool *>(Status + N);
  bool *Resolved = Passive + N;
  const Work W{L, S, Sub, Passive};

  const double MeanDuration = SumDuration / double(Rows);
  const double RidgeFraction = Opts.RidgeFraction > MinRidgeFraction
                                   ? Opts.RidgeFraction
                                   : MinRidgeFraction;
  const double Alpha = RidgeFraction * MeanDuration;
  const double MinSeparation = Opts.MinSeparation > MinSeparationFloor
                                   ? Opts.MinSeparation
                                   : MinSeparationFloor;
  const double TimeFloor = TimeFloorFraction * SumDuration;

  // Which parameters the fit estimates; the others have a known value.
  for (uint32_t A = 0; A < N; ++A) {
    Status[A] = Estimated;
    Theta[A] = 0;
    if (A >= FirstColumn && (!(Totals[A] > TimeFloor) || !(G(A, A) > 0)))
      Status[A] = Fixed; // never ran: the pooled power, set below
    // A column that only ever fills a sliver of its rows (a loop's caller
    // between calls) moves the energy too little to be measured: left
    // free, its power would soak up noise (hundreds of watts on
    // microseconds). It runs at the pooled power, unresolved.
    else if (A >= FirstColumn &&
             G(A, A) < MinOccupancy * MeanDuration * Totals[A])
      Status[A] = Fixed;
  }
  bool BaselineFixed =
      Opts.FixedBaselineW >= 0 && isFinite(Opts.FixedBaselineW);
  if (BaselineFixed) {
    Status[BaselineIndex] = Fixed;
    Theta[BaselineIndex] = Opts.FixedBaselineW;
  } else if (!(G(0, 0) > 0)) {
    Status[BaselineIndex] = Fixed;
  }
  bool OthersRan = Totals[OthersIndex] > TimeFloor && G(1, 1) > 0;
  bool OthersFixed = OthersRan && Opts.FixedOthersW >= 0 &&
                     isFinite(Opts.FixedOthersW);
  if (!OthersRan) {
    Status[OthersIndex] = Fixed; // p_o = 0: nothing to charge it for
  } else if (OthersFixed) {
    Status[OthersIndex] = Fixed;
    Theta[OthersIndex] = Opts.FixedOthersW;
  }

  // Collects the estimated parameters into Index; data-only scaling.
  auto collect = [&]() {
    uint32_t M = 0;
    for (uint32_t A = 0; A < N; ++A)
      if (Status[A] == Estimated) {
        Index[M] = A;
        Inv[M] = 1 / __builtin_sqrt(G(A, A));
        ++M;
      }
    return M;
  };
  auto localOf = [&](uint32_t M, uint32_t A) {
    for (uint32_t I = 0; I < M; ++I)
      if (Index[I] == A)
        return I;
    return M;
  };

  // 1. Identifiability: others' power, then the baseline.
  const uint32_t TestOrder[2] = {OthersIndex, BaselineIndex};
  for (uint32_t A : TestOrder) {
    if (Status[A] != Estimated)
      continue;
    uint32_t M = collect();
    Quadratic Q{G, Index, nullptr, Inv, Lin, M};
    if (separation(Q, localOf(M, A), W) < MinSeparation)
      Status[A] = A == OthersIndex ? Tied : Fixed;
  }

  // 2. Pooled fit over (duration, others, own time); tied others' CPU time
  // counts as own time.
  double Pooled = 0;
  {
    const double *PG = PooledGram;
    const bool Tie = Status[OthersIndex] == Tied;
    // Upper triangle of the 3x3 Gram of (dur, others, own').
    double PGram[9] = {PG[0], PG[1], PG[2] + (Tie ? PG[1] : 0),
                       0,     PG[4], PG[5] + (Tie ? PG[4] : 0),
                       0,     0,     PG[8] + (Tie ? 2 * PG[5] + PG[4] : 0)};
    double PRhs[3] = {PooledRhs[0], PooledRhs[1],
                      PooledRhs[2] + (Tie ? PooledRhs[1] : 0)};
    const Symmetric PS{PGram, 3};
    uint32_t PIndex[3], PSub[3];
    double PInv[3], PLin[3], PX[3], PS3[3], PL[9];
    bool PPassive[3];
    uint32_t M = 0;
    for (uint32_t A = 0; A < 3; ++A) {
      bool Est = A == 2 ? PGram[8] > 0 : Status[A] == Estimated;
      if (!Est)
        continue;
      double Lin0 = PRhs[A];
      if (Status[BaselineIndex] == Fixed)
        Lin0 -= Theta[BaselineIndex] * PS(0, A);
      PIndex[M] = A;
      PInv[M] = 1 / __builtin_sqrt(PS(A, A));
      PLin[M] = Lin0 * PInv[M];
      ++M;
    }
    Quadratic Q{PS, PIndex, nullptr, PInv, PLin, M};
    solveNonNegative(Q, PX, Work{PL, PS3, PSub, PPassive});
    for (uint32_t I = 0; I < M; ++I)
      if (PIndex[I] == 2)
        Pooled = PX[I] * PInv[I];
  }
  for (uint32_t A = 0; A < N; ++A)
    if (Status[A] == Tied || (A >= FirstColumn && Status[A] == Fixed))
      Theta[A] = Pooled;

  // 3. Full fit: ridge towards the pooled power, known parameters moved to
  // the right-hand side.
  uint32_t M = 0;
  for (uint32_t A = 0; A < N; ++A) {
    if (Status[A] != Estimated)
      continue;
    double R = A >= FirstColumn ? Alpha * Totals[A] : 0;
    double Rhs0 = Rhs[A] + R * Pooled;
    for (uint32_t F = 0; F < N; ++F)
      if (Status[F] != Estimated && Theta[F] != 0)
        Rhs0 -= G(A, F) * Theta[F];
    Index[M] = A;
    Ridge[M] = R;
    Inv[M] = 1 / __builtin_sqrt(G(A, A) + R);
    Lin[M] = Rhs0 * Inv[M];
    ++M;
  }
  Quadratic Full{G, Index, Ridge, Inv, Lin, M};
  solveNonNegative(Full, X, W);
  for (uint32_t I = 0; I < M; ++I)
    Theta[Index[I]] = X[I] * Inv[I];

  // 4. Residual and standard errors.
  double Rss = SumEnergySq;
  for (uint32_t A = 0; A < N; ++A) {
    if (Theta[A] == 0)
      continue;
    double Row = 0;
    for (uint32_t B = 0; B < N; ++B)
      if (Theta[B] != 0)
        Row += G(A, B) * Theta[B];
    Rss += Theta[A] * (Row - 2 * Rhs[A]);
  }
  Rss = maxOf(Rss, 0);
  // The free parameters in front, factor, variances (scaled).
  uint32_t P = 0;
  for (uint32_t I = 0; I < M; ++I)
    if (Passive[I])
      Sub[P++] = I;
  factor(Full, Sub, P, 0, L);
  inverseDiagonal(L, P, Z, Var);
  double EffectiveParams = 0; // tr(H^-1 X'X) = sum over free of 1 - H^-1 lambda
  for (uint32_t K = 0; K < P; ++K) {
    uint32_t I = Sub[K];
    EffectiveParams += 1 - Ridge[I] * Var[K] * Inv[I] * Inv[I];
  }
  double Dof = double(Rows) - EffectiveParams;
  double Sigma2 = Rss / (Dof > 1 ? Dof : 1);
  // Per local index: bound parameters get the conditional spread
  // sigma / sqrt(H_ii) (one-sided: they can only go up).
  for (uint32_t I = 0; I < M; ++I)
    S[I] = sqrtOf(Sigma2) * Inv[I];
  for (uint32_t K = 0; K < P; ++K)
    S[Sub[K]] = sqrtOf(Sigma2 * Var[K]) * Inv[Sub[K]];

  // 5. Resolved: the data's own information on each column, conditional on
  // all other estimated parameters, against its ridge weight.
  for (uint32_t I = 0; I < M; ++I)
    X[I] = 1 / __builtin_sqrt(G(Index[I], Index[I])); // data-only scaling
  Quadratic Data{G, Index, nullptr, X, Lin, M};
  for (uint32_t I = 0; I < M; ++I)
    Sub[I] = I;
  factor(Data, Sub, M, SeparationJitter, L);
  inverseDiagonal(L, M, Z, Var);
  for (uint32_t J = 0; J < Columns; ++J)
    Resolved[J] = false;
  for (uint32_t I = 0; I < M; ++I) {
    uint32_t A = Index[I];
    if (A < FirstColumn)
      continue;
    double Information = G(A, A) * (1 / Var[I] - SeparationJitter);
    Resolved[A - FirstColumn] = Information > Ridge[I];
  }

  for (uint32_t J = 0; J < Columns; ++J) {
    PowerW[J] = Theta[FirstColumn + J];
    PowerStderrW[J] = 0;
  }
  Out = RegressionSolution();
  for (uint32_t I = 0; I < M; ++I) {
    uint32_t A = Index[I];
    if (A == BaselineIndex)
      Out.BaselineStderrW = S[I];
    else if (A == OthersIndex)
      Out.OthersStderrW = S[I];
    else
      PowerStderrW[A - FirstColumn] = S[I];
  }
  Out.BaselineW = Theta[BaselineIndex];
  Out.BaselineIdentified = Status[BaselineIndex] == Estimated || BaselineFixed;
  Out.OthersW = Theta[OthersIndex];
  Out.OthersIdentified = Status[OthersIndex] == Estimated || OthersFixed;
  Out.PooledW = Pooled;
  Out.PowerW = PowerW;
  Out.PowerStderrW = PowerStderrW;
  Out.Resolved = Resolved;
  Out.NumColumns = Columns;
  Out.Rows = Rows;
  Out.ResidualStdJ = sqrtOf(Sigma2);
  Last = Out;
  return true;
}

namespace {

// A column's power in S; one S does not know (no solution yet, or a column
// added since) runs at the pooled power.
double powerOf(const RegressionSolution &S, uint32_t Column) {
  double P = S.PowerW && Column < S.NumColumns ? S.PowerW[Column] : S.PooledW;
  return P > 0 && isFinite(P) ? P : 0;
}

double nonNegative(double X) { return X > 0 && isFinite(X) ? X : 0; }

} // namespace

void splitRow(const RegressionSolution &S, const RowView &Row, double *TotalJ,
              double *DynamicJ, double &UnattributedJ) {
  const double Dur = nonNegative(Row.DurationS);
  const double Oth = nonNegative(Row.OthersCpuS);
  double Used = Oth; // T: CPU time of everything that ran
  double Modelled = 0;
  for (uint32_t I = 0; I < Row.NumEntries; ++I) {
    double T = nonNegative(Row.Entries[I].Seconds);
    Used += T;
    Modelled += powerOf(S, Row.Entries[I].Column) * T;
  }
  const double Baseline = nonNegative(S.BaselineW) * Dur;
  Modelled += Baseline + nonNegative(S.OthersW) * Oth;
  const double Span = maxOf(Dur, Used);
  double Attributed = 0;
  if (!(Modelled > 0) || !isFinite(Modelled)) {
    // No model yet: split by time.
    double PerSecond = Span > 0 ? Row.EnergyJ / Span : 0;
    for (uint32_t I = 0; I < Row.NumEntries; ++I) {
      TotalJ[I] = DynamicJ[I] = PerSecond * nonNegative(Row.Entries[I].Seconds);
      Attributed += TotalJ[I];
    }
  } else {
    const double Scale = Row.EnergyJ / Modelled;
    // The baseline goes to whatever used the package, by time; the idle
    // part of the row (Span - Used) keeps its share.
    const double BaselinePerSecond = Scale * Baseline / Span;
    for (uint32_t I = 0; I < Row.NumEntries; ++I) {
      double T = nonNegative(Row.Entries[I].Seconds);
      DynamicJ[I] = Scale * powerOf(S, Row.Entries[I].Column) * T;
      TotalJ[I] = DynamicJ[I] + BaselinePerSecond * T;
      Attributed += TotalJ[I];
    }
  }
  UnattributedJ = Row.EnergyJ - Attributed;
}

} // namespace frugal::rt::energy
