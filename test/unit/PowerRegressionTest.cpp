//===- PowerRegressionTest.cpp - Per-function power from energy ticks -----===//
//
// Rows come from a small RAPL simulator: threads run functions in phases on
// a continuous timeline, the counter updates about every millisecond (with
// jitter) on its own clock, in 15.3 uJ quanta, and a row spans two updates,
// as when the sampler closes a row at each counter change.
//
//===----------------------------------------------------------------------===//
#include "energy/PowerRegression.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <random>
#include <vector>

using namespace frugal::rt::energy;

namespace {

constexpr double Ms = 1e-3;
constexpr double Us = 1e-6;
constexpr double RaplQuantumJ = 15.3 * Us; // 1/2^16 J

// One thread's timeline: consecutive phases, each running one column.
struct Phase {
  double Start, End;
  uint32_t Column;
};
using Timeline = std::vector<Phase>;

// Other processes' CPU load, piecewise constant.
struct Load {
  double Start, End, Cpus;
};

struct Truth {
  double BaselineW = 0;
  double OthersW = 0; // per CPU-second
  std::vector<double> PowerW;
};

struct SimOptions {
  double TickS = 1 * Ms;
  double JitterS = 50 * Us; // each update period is TickS +- JitterS
  double QuantumJ = RaplQuantumJ;
  double NoiseJ = 0; // extra Gaussian noise per row
  uint64_t Seed = 1;
};

struct SimRow {
  double DurationS = 0, OthersCpuS = 0, EnergyJ = 0;
  std::vector<RowEntry> Entries;
  RowView view() const {
    RowView V;
    V.DurationS = DurationS;
    V.OthersCpuS = OthersCpuS;
    V.EnergyJ = EnergyJ;
    V.Entries = Entries.data();
    V.NumEntries = uint32_t(Entries.size());
    return V;
  }
};

double overlap(double A0, double A1, double B0, double B1) {
  return std::max(0.0, std::min(A1, B1) - std::max(A0, B0));
}

std::vector<SimRow> simulate(const std::vector<Timeline> &Threads,
                             const std::vector<Load> &Others, const Truth &T,
                             double EndS, const SimOptions &O) {
  std::mt19937_64 Rng(O.Seed);
  std::uniform_real_distribution<double> Jitter(-O.JitterS, O.JitterS);
  std::normal_distribution<double> Noise(0, O.NoiseJ > 0 ? O.NoiseJ : 1);
  std::vector<size_t> Next(Threads.size(), 0);
  size_t NextLoad = 0;
  std::vector<SimRow> Rows;
  double TrueEnergy = 0;
  uint64_t Counter = 0;
  for (double A = 0; A < EndS;) {
    double B = std::min(EndS, A + O.TickS + Jitter(Rng));
    SimRow R;
    R.DurationS = B - A;
    std::map<uint32_t, double> Times;
    for (size_t Th = 0; Th < Threads.size(); ++Th) {
      const Timeline &Tl = Threads[Th];
      size_t &I = Next[Th];
      while (I < Tl.size() && Tl[I].End <= A)
        ++I;
      for (size_t J = I; J < Tl.size() && Tl[J].Start < B; ++J)
        if (double V = overlap(A, B, Tl[J].Start, Tl[J].End))
          Times[Tl[J].Column] += V;
    }
    while (NextLoad < Others.size() && Others[NextLoad].End <= A)
      ++NextLoad;
    for (size_t J = NextLoad; J < Others.size() && Others[J].Start < B; ++J)
      R.OthersCpuS +=
          Others[J].Cpus * overlap(A, B, Others[J].Start, Others[J].End);
    double E = T.BaselineW * R.DurationS + T.OthersW * R.OthersCpuS;
    for (auto [C, S] : Times) {
      R.Entries.push_back({C, S});
      E += T.PowerW[C] * S;
    }
    TrueEnergy += E;
    // A negative total (noise below a zero baseline) reads as 0: converting
    // a negative double to an unsigned integer is undefined.
    uint64_t NewCounter = uint64_t(std::max(0.0, TrueEnergy / O.QuantumJ));
    R.EnergyJ = double(NewCounter - Counter) * O.QuantumJ;
    Counter = NewCounter;
    if (O.NoiseJ > 0)
      R.EnergyJ += Noise(Rng);
    Rows.push_back(std::move(R));
    A = B;
  }
  return Rows;
}

// Phases of random length in [MinS, MaxS] from Start to End; the column is
// Pick(previous column).
template <class PickFn>
Timeline randomPhases(std::mt19937_64 &Rng, double Start, double End,
                      double MinS, double MaxS, PickFn Pick) {
  std::uniform_real_distribution<double> Len(MinS, MaxS);
  Timeline T;
  uint32_t Column = Pick(UINT32_MAX);
  for (double S = Start; S < End;) {
    double E = std::min(End, S + Len(Rng));
    T.push_back({S, E, Column});
    Column = Pick(Column);
    S = E;
  }
  return T;
}

Timeline alternating(double PhaseS, double EndS) {
  Timeline T;
  uint32_t C = 0;
  for (double S = 0; S < EndS; S += PhaseS, C ^= 1)
    T.push_back({S, std::min(EndS, S + PhaseS), C});
  return T;
}

// A regression fed with rows and released at the end of the test.
struct Fitted {
  PowerRegression Reg;
  RegressionSolution Sol;
  bool Solved = false;
  Fitted(uint32_t Columns, const std::vector<SimRow> &Rows,
         const RegressionOptions &Opts = RegressionOptions()) {
    EXPECT_TRUE(Reg.init(Columns));
    for (const SimRow &R : Rows)
      Reg.addRow(R.view());
    Solved = Reg.solve(Opts, Sol);
    EXPECT_TRUE(Solved);
  }
  ~Fitted() { Reg.release(); }
  double power(uint32_t C) const { return Sol.PowerW[C]; }
  double stderrOf(uint32_t C) const { return Sol.PowerStderrW[C]; }
};

double relErr(double Est, double Truth) { return (Est - Truth) / Truth; }

// Dynamic energy per column: split by the solution's powers, and by time
// (a solution without powers), against the truth sum p_c t_c.
struct Energies {
  std::vector<double> ByPower, ByTime, True;
};
Energies splitAll(const std::vector<SimRow> &Rows, const RegressionSolution &S,
                  const Truth &T) {
  uint32_t N = uint32_t(T.PowerW.size());
  Energies Out{std::vector<double>(N), std::vector<double>(N),
               std::vector<double>(N)};
  std::vector<double> Total, Dynamic;
  RegressionSolution None;
  for (const SimRow &R : Rows) {
    Total.resize(R.Entries.size());
    Dynamic.resize(R.Entries.size());
    double Unattributed = 0;
    splitRow(S, R.view(), Total.data(), Dynamic.data(), Unattributed);
    for (size_t I = 0; I < R.Entries.size(); ++I) {
      Out.ByPower[R.Entries[I].Column] += Dynamic[I];
      Out.True[R.Entries[I].Column] +=
          T.PowerW[R.Entries[I].Column] * R.Entries[I].Seconds;
    }
    splitRow(None, R.view(), Total.data(), Dynamic.data(), Unattributed);
    for (size_t I = 0; I < R.Entries.size(); ++I)
      Out.ByTime[R.Entries[I].Column] += Dynamic[I];
  }
  return Out;
}

TEST(PowerRegression, AlternatingFiveMsPhases) {
  Truth T;
  T.PowerW = {40, 10};
  auto Rows = simulate({alternating(5 * Ms, 2.0)}, {}, T, 2.0, SimOptions());
  Fitted F(2, Rows);
  std::printf("5 ms phases: hot %.4f W (%+.3f %%), cold %.4f W (%+.3f %%), "
              "stderr %.4f / %.4f W\n",
              F.power(0), 100 * relErr(F.power(0), 40), F.power(1),
              100 * relErr(F.power(1), 10), F.stderrOf(0), F.stderrOf(1));
  EXPECT_NEAR(F.power(0), 40, 0.01 * 40);
  EXPECT_NEAR(F.power(1), 10, 0.01 * 10);
  EXPECT_TRUE(F.Sol.Resolved[0]);
  EXPECT_TRUE(F.Sol.Resolved[1]);
  // One busy thread: the baseline cannot be told from a common shift.
  EXPECT_FALSE(F.Sol.BaselineIdentified);
  EXPECT_EQ(F.Sol.BaselineW, 0);
  EXPECT_NEAR(F.Sol.PooledW, 25, 0.01 * 25);
  EXPECT_EQ(F.Sol.Rows, Rows.size());
  Energies E = splitAll(Rows, F.Sol, T);
  for (uint32_t C = 0; C < 2; ++C)
    EXPECT_NEAR(E.ByPower[C], E.True[C], 0.01 * E.True[C]) << C;
}

TEST(PowerRegression, RandomShortPhases) {
  Truth T;
  T.PowerW = {40, 10};
  std::mt19937_64 Rng(7);
  auto Flip = [](uint32_t Prev) { return Prev == 0 ? 1u : 0u; };
  auto Rows = simulate({randomPhases(Rng, 0, 4.0, 0.1 * Ms, 0.9 * Ms, Flip)},
                       {}, T, 4.0, SimOptions());
  Fitted F(2, Rows);
  Energies E = splitAll(Rows, F.Sol, T);
  std::printf("random 0.1-0.9 ms: hot %.3f W (%+.2f %%), cold %.3f W "
              "(%+.2f %%); energy by power %+.2f %% / %+.2f %%, by time "
              "%+.2f %% / %+.2f %%\n",
              F.power(0), 100 * relErr(F.power(0), 40), F.power(1),
              100 * relErr(F.power(1), 10),
              100 * relErr(E.ByPower[0], E.True[0]),
              100 * relErr(E.ByPower[1], E.True[1]),
              100 * relErr(E.ByTime[0], E.True[0]),
              100 * relErr(E.ByTime[1], E.True[1]));
  EXPECT_NEAR(F.power(0), 40, 0.1 * 40);
  EXPECT_NEAR(F.power(1), 10, 0.1 * 10);
  for (uint32_t C = 0; C < 2; ++C)
    EXPECT_NEAR(E.ByPower[C], E.True[C], 0.1 * E.True[C]) << C;
  // The time split is far off on the same rows: the test can tell.
  EXPECT_LT(relErr(E.ByTime[0], E.True[0]), -0.15);
  EXPECT_GT(relErr(E.ByTime[1], E.True[1]), 0.5);
}

TEST(PowerRegression, ThreeFunctionsAndRoot) {
  Truth T;
  T.PowerW = {20, 30, 15, 60}; // column 0: the root (uninstrumented code)
  std::mt19937_64 Rng(11);
  auto Pick = [&](uint32_t) { return uint32_t(Rng() % 4); };
  auto Rows = simulate({randomPhases(Rng, 0, 5.0, 0.2 * Ms, 2 * Ms, Pick)}, {},
                       T, 5.0, SimOptions());
  Fitted F(4, Rows);
  for (uint32_t C = 0; C < 4; ++C) {
    EXPECT_NEAR(F.power(C), T.PowerW[C], 0.03 * T.PowerW[C]) << C;
    EXPECT_TRUE(F.Sol.Resolved[C]) << C;
  }
}

TEST(PowerRegression, PowersStayNonNegative) {
  // Z draws nothing and runs in short bursts; the noise makes its
  // unconstrained estimate negative about half the time.
  Truth T;
  T.PowerW = {40, 0};
  int AtBound = 0;
  for (uint64_t Seed = 1; Seed <= 20; ++Seed) {
    std::mt19937_64 Rng(Seed);
    std::uniform_real_distribution<double> Len(0.3 * Ms, 1.5 * Ms),
        Burst(50 * Us, 150 * Us);
    Timeline Tl;
    for (double S = 0; S < 3.0;) {
      double E = S + Len(Rng);
      Tl.push_back({S, E, 0});
      Tl.push_back({E, E + Burst(Rng), 1});
      S = Tl.back().End;
    }
    SimOptions O;
    O.NoiseJ = 3 * Ms; // 3 mJ per row
    O.Seed = Seed;
    auto Rows = simulate({Tl}, {}, T, 3.0, O);
    Fitted F(2, Rows);
    EXPECT_GE(F.power(1), 0) << Seed;
    EXPECT_GE(F.power(0), 0) << Seed;
    EXPECT_NEAR(F.power(0), 40, 0.05 * 40) << Seed;
    EXPECT_GT(F.stderrOf(1), 0) << Seed;
    AtBound += F.power(1) == 0;
  }
  // The constraint was active: without it these would be negative.
  EXPECT_GE(AtBound, 3);
}

// The penalized objective |y - Xp|^2 + sum lambda_j (p_j - pooled)^2 of
// the header's model with b = 0 and no others, from the rows themselves.
struct Objective {
  std::vector<std::vector<double>> G; // X'X + Lambda
  std::vector<double> Rhs;            // X'y + Lambda pooled
  double value(const std::vector<double> &P) const {
    double V = 0;
    for (size_t I = 0; I < P.size(); ++I) {
      V -= 2 * Rhs[I] * P[I];
      for (size_t K = 0; K < P.size(); ++K)
        V += P[I] * G[I][K] * P[K];
    }
    return V; // up to a constant
  }
};

Objective objectiveOf(const std::vector<SimRow> &Rows, uint32_t N,
                      double RidgeFraction, double Pooled) {
  Objective O{std::vector<std::vector<double>>(N, std::vector<double>(N)),
              std::vector<double>(N)};
  std::vector<double> Total(N);
  double Duration = 0;
  for (const SimRow &R : Rows) {
    Duration += R.DurationS;
    for (const RowEntry &A : R.Entries) {
      Total[A.Column] += A.Seconds;
      O.Rhs[A.Column] += A.Seconds * R.EnergyJ;
      for (const RowEntry &B : R.Entries)
        O.G[A.Column][B.Column] += A.Seconds * B.Seconds;
    }
  }
  for (uint32_t J = 0; J < N; ++J) {
    double Lambda = RidgeFraction * Duration / double(Rows.size()) * Total[J];
    O.G[J][J] += Lambda;
    O.Rhs[J] += Lambda * Pooled;
  }
  return O;
}

// Minimum over p >= 0 by trying every set of free parameters.
std::vector<double> bruteForce(const Objective &O) {
  size_t N = O.Rhs.size();
  std::vector<double> Best(N, 0);
  double BestValue = 0;
  for (uint32_t Mask = 1; Mask < (1u << N); ++Mask) {
    std::vector<size_t> Free;
    for (size_t I = 0; I < N; ++I)
      if (Mask & (1u << I))
        Free.push_back(I);
    size_t M = Free.size();
    std::vector<std::vector<double>> A(M, std::vector<double>(M + 1));
    for (size_t I = 0; I < M; ++I) {
      for (size_t K = 0; K < M; ++K)
        A[I][K] = O.G[Free[I]][Free[K]];
      A[I][M] = O.Rhs[Free[I]];
    }
    for (size_t C = 0; C < M; ++C) // Gauss-Jordan, SPD: no pivoting needed
      for (size_t R = 0; R < M; ++R) {
        if (R == C)
          continue;
        double F = A[R][C] / A[C][C];
        for (size_t K = C; K <= M; ++K)
          A[R][K] -= F * A[C][K];
      }
    std::vector<double> P(N, 0);
    bool Feasible = true;
    for (size_t I = 0; I < M; ++I) {
      P[Free[I]] = A[I][M] / A[I][I];
      Feasible &= P[Free[I]] >= 0;
    }
    if (Feasible && O.value(P) < BestValue) {
      BestValue = O.value(P);
      Best = P;
    }
  }
  return Best;
}

TEST(PowerRegression, ReachesTheConstrainedOptimum) {
  // Noisy rows from powers some of which are negative (not physical, but it
  // makes several constraints active at once): the solution must be the
  // exact minimizer over p >= 0, not the unconstrained one clipped.
  const uint32_t N = 8;
  int Active = 0;
  for (uint64_t Seed = 1; Seed <= 10; ++Seed) {
    std::mt19937_64 Rng(Seed);
    Truth T;
    std::uniform_real_distribution<double> P(-15, 45);
    for (uint32_t C = 0; C < N; ++C)
      T.PowerW.push_back(P(Rng));
    auto Pick = [&](uint32_t) { return uint32_t(Rng() % N); };
    SimOptions O;
    O.NoiseJ = 1 * Ms;
    O.Seed = Seed;
    O.QuantumJ = 1e-12; // negative powers: no counter to quantize
    auto Rows = simulate({randomPhases(Rng, 0, 1.0, 0.1 * Ms, 1.5 * Ms, Pick)},
                         {}, T, 1.0, O);
    Fitted F(N, Rows);
    ASSERT_FALSE(F.Sol.BaselineIdentified);
    Objective Obj =
        objectiveOf(Rows, N, RegressionOptions().RidgeFraction, F.Sol.PooledW);
    std::vector<double> Want = bruteForce(Obj);
    std::vector<double> Got(F.Sol.PowerW, F.Sol.PowerW + N);
    for (uint32_t C = 0; C < N; ++C) {
      EXPECT_NEAR(Got[C], Want[C], 1e-6 * 45) << "seed " << Seed << " " << C;
      Active += Want[C] == 0;
    }
    EXPECT_LE(Obj.value(Got),
              Obj.value(Want) + 1e-12 * std::fabs(Obj.value(Want)));
  }
  EXPECT_GE(Active, 10); // constraints were active
}

// Rows built directly: A and B always run together, A a quarter of their
// time and B three quarters; C runs alone or shares a row with them.
std::vector<SimRow> collinearRows(double PowerA, double PowerB, double PowerC,
                                  int N, uint64_t Seed) {
  std::mt19937_64 Rng(Seed);
  std::uniform_real_distribution<double> Dur(0.95 * Ms, 1.05 * Ms), Frac(0, 1);
  std::vector<SimRow> Rows;
  double TrueEnergy = 0;
  uint64_t Counter = 0;
  for (int I = 0; I < N; ++I) {
    SimRow R;
    R.DurationS = Dur(Rng);
    double Kind = Frac(Rng);
    double C = Kind < 1.0 / 3 ? 1 : Kind < 2.0 / 3 ? 0 : Frac(Rng);
    double Group = (1 - C) * R.DurationS;
    if (Group > 0) {
      R.Entries.push_back({0, 0.25 * Group});
      R.Entries.push_back({1, 0.75 * Group});
    }
    if (C > 0)
      R.Entries.push_back({2, C * R.DurationS});
    TrueEnergy +=
        (0.25 * PowerA + 0.75 * PowerB) * Group + PowerC * C * R.DurationS;
    uint64_t NewCounter = uint64_t(TrueEnergy / RaplQuantumJ);
    R.EnergyJ = double(NewCounter - Counter) * RaplQuantumJ;
    Counter = NewCounter;
    Rows.push_back(std::move(R));
  }
  return Rows;
}

TEST(PowerRegression, CollinearColumnsSplitByTime) {
  auto Rows = collinearRows(40, 20, 50, 3000, 3);
  Fitted F(3, Rows);
  // A and B cannot be told apart: equal powers (a split by time between
  // them) at the group's mean power 0.25 x 40 + 0.75 x 20 = 25.
  EXPECT_NEAR(F.power(0), F.power(1), 1e-3 * 25);
  EXPECT_NEAR(F.power(0), 25, 0.01 * 25);
  EXPECT_FALSE(F.Sol.Resolved[0]);
  EXPECT_FALSE(F.Sol.Resolved[1]);
  // C is separable.
  EXPECT_TRUE(F.Sol.Resolved[2]);
  EXPECT_NEAR(F.power(2), 50, 0.01 * 50);
  // Their standard errors say so: much larger than C's.
  EXPECT_GT(F.stderrOf(0), 5 * F.stderrOf(2));
}

// Threads 1..3 start and stop; thread 0 runs throughout. Every thread runs
// the root (column 0) and two functions.
std::vector<Timeline> comingAndGoing(uint64_t Seed, double EndS) {
  std::mt19937_64 Rng(Seed);
  auto Pick = [&](uint32_t) { return uint32_t(Rng() % 3); };
  std::vector<Timeline> Threads;
  Threads.push_back(randomPhases(Rng, 0, EndS, 0.2 * Ms, 1.5 * Ms, Pick));
  std::uniform_real_distribution<double> Alive(5 * Ms, 50 * Ms);
  for (int Th = 1; Th < 4; ++Th) {
    Timeline T;
    for (double S = Alive(Rng); S < EndS;) {
      double E = std::min(EndS, S + Alive(Rng));
      Timeline Run = randomPhases(Rng, S, E, 0.2 * Ms, 1.5 * Ms, Pick);
      T.insert(T.end(), Run.begin(), Run.end());
      S = E + Alive(Rng);
    }
    Threads.push_back(T);
  }
  return Threads;
}

TEST(PowerRegression, BaselineIdentifiedWhenConcurrencyVaries) {
  Truth T;
  T.BaselineW = 8;
  T.PowerW = {15, 30, 50};
  auto Rows = simulate(comingAndGoing(5, 4.0), {}, T, 4.0, SimOptions());
  Fitted F(3, Rows);
  EXPECT_TRUE(F.Sol.BaselineIdentified);
  EXPECT_NEAR(F.Sol.BaselineW, 8, 0.05 * 8);
  EXPECT_GT(F.Sol.BaselineStderrW, 0);
  EXPECT_LT(std::fabs(F.Sol.BaselineW - 8), 4 * F.Sol.BaselineStderrW + 0.1);
  for (uint32_t C = 0; C < 3; ++C)
    EXPECT_NEAR(F.power(C), T.PowerW[C], 0.03 * T.PowerW[C]) << C;
}

std::vector<SimRow> oneBusyThread(const Truth &T, uint64_t Seed) {
  std::mt19937_64 Rng(Seed);
  auto Pick = [&](uint32_t) { return uint32_t(Rng() % 3); };
  return simulate({randomPhases(Rng, 0, 4.0, 0.2 * Ms, 2 * Ms, Pick)}, {}, T,
                  4.0, SimOptions());
}

TEST(PowerRegression, BaselineNotIdentifiedForOneBusyThread) {
  Truth T;
  T.BaselineW = 8;
  T.PowerW = {15, 30, 50};
  auto Rows = oneBusyThread(T, 9);
  Fitted F(3, Rows);
  EXPECT_FALSE(F.Sol.BaselineIdentified);
  EXPECT_EQ(F.Sol.BaselineW, 0);
  EXPECT_EQ(F.Sol.BaselineStderrW, 0);
  // The powers carry the baseline.
  for (uint32_t C = 0; C < 3; ++C)
    EXPECT_NEAR(F.power(C), T.PowerW[C] + 8, 0.02 * (T.PowerW[C] + 8)) << C;
}

TEST(PowerRegression, FixedBaseline) {
  Truth T;
  T.BaselineW = 8;
  T.PowerW = {15, 30, 50};
  auto Rows = oneBusyThread(T, 9);
  RegressionOptions Opts;
  Opts.FixedBaselineW = 8;
  Fitted F(3, Rows, Opts);
  EXPECT_TRUE(F.Sol.BaselineIdentified);
  EXPECT_EQ(F.Sol.BaselineW, 8);
  EXPECT_EQ(F.Sol.BaselineStderrW, 0);
  for (uint32_t C = 0; C < 3; ++C)
    EXPECT_NEAR(F.power(C), T.PowerW[C], 0.02 * T.PowerW[C]) << C;
  // A fixed baseline of 0 is a fixed baseline too.
  Opts.FixedBaselineW = 0;
  RegressionSolution Zero;
  ASSERT_TRUE(F.Reg.solve(Opts, Zero));
  EXPECT_TRUE(Zero.BaselineIdentified);
  EXPECT_EQ(Zero.BaselineW, 0);
}

std::vector<Load> randomLoad(uint64_t Seed, double EndS) {
  std::mt19937_64 Rng(Seed);
  std::uniform_real_distribution<double> Len(2 * Ms, 20 * Ms);
  const double Levels[] = {0, 0.5, 1, 2, 3};
  std::vector<Load> L;
  for (double S = 0; S < EndS;) {
    double E = std::min(EndS, S + Len(Rng));
    L.push_back({S, E, Levels[Rng() % 5]});
    S = E;
  }
  return L;
}

TEST(PowerRegression, OthersPowerRecoveredWhenTheirLoadVaries) {
  Truth T;
  T.OthersW = 12;
  T.PowerW = {40, 10};
  auto Rows = simulate({alternating(0.7 * Ms, 4.0)}, randomLoad(2, 4.0), T, 4.0,
                       SimOptions());
  Fitted F(2, Rows);
  EXPECT_TRUE(F.Sol.OthersIdentified);
  EXPECT_NEAR(F.Sol.OthersW, 12, 0.03 * 12);
  EXPECT_GT(F.Sol.OthersStderrW, 0);
  EXPECT_NEAR(F.power(0), 40, 0.03 * 40);
  EXPECT_NEAR(F.power(1), 10, 0.03 * 10);
}

TEST(PowerRegression, OthersConstantOrAbsent) {
  Truth T;
  T.OthersW = 12;
  T.BaselineW = 8;
  T.PowerW = {15, 30, 50};
  // Absent: no power for them.
  {
    auto Rows = oneBusyThread(T, 4);
    Fitted F(3, Rows);
    EXPECT_FALSE(F.Sol.OthersIdentified);
    EXPECT_EQ(F.Sol.OthersW, 0);
  }
  // A constant half CPU: not separable from the duration; they are charged
  // the pooled power (a split by CPU time), and the baseline, which the
  // varying number of threads does identify, is still estimated.
  {
    std::vector<Load> Half = {{0, 4.0, 0.5}};
    auto Rows = simulate(comingAndGoing(6, 4.0), Half, T, 4.0, SimOptions());
    Fitted F(3, Rows);
    EXPECT_FALSE(F.Sol.OthersIdentified);
    EXPECT_EQ(F.Sol.OthersW, F.Sol.PooledW);
    EXPECT_GT(F.Sol.PooledW, 0);
    EXPECT_TRUE(F.Sol.BaselineIdentified);
  }
}

RegressionSolution manualSolution(std::vector<double> &Powers, double B,
                                  double O) {
  RegressionSolution S;
  S.PowerW = Powers.data();
  S.NumColumns = uint32_t(Powers.size());
  S.BaselineW = B;
  S.OthersW = O;
  return S;
}

TEST(PowerRegression, SplitRowSharesBaselineByTime) {
  std::vector<double> Powers = {40, 10};
  RegressionSolution S = manualSolution(Powers, 5, 12);
  RowEntry Entries[] = {{0, 0.3 * Ms}, {1, 0.4 * Ms}};
  RowView R;
  R.DurationS = 1 * Ms;
  R.OthersCpuS = 0.2 * Ms;
  R.EnergyJ = 0.0251;
  R.Entries = Entries;
  R.NumEntries = 2;
  double Total[2], Dynamic[2], Unattributed = -1;
  splitRow(S, R, Total, Dynamic, Unattributed);
  // Components: 12 mJ, 4 mJ, baseline 5 mJ, others 2.4 mJ.
  double Scale = 0.0251 / 0.0234;
  EXPECT_NEAR(Dynamic[0], Scale * 0.012, 1e-15);
  EXPECT_NEAR(Dynamic[1], Scale * 0.004, 1e-15);
  // The baseline by time over the 1 ms row: 0.3 and 0.4 of it.
  EXPECT_NEAR(Total[0], Scale * (0.012 + 0.3 * 0.005), 1e-15);
  EXPECT_NEAR(Total[1], Scale * (0.004 + 0.4 * 0.005), 1e-15);
  // Others' power and their and the idle time's baseline share.
  EXPECT_NEAR(Unattributed, Scale * (0.0024 + 0.3 * 0.005), 1e-15);
  EXPECT_NEAR(Total[0] + Total[1] + Unattributed, R.EnergyJ, 1e-17);

  // Several threads: 1.5 ms of thread time in a 1 ms row, no others; the
  // whole baseline goes to the entries.
  RowEntry Busy[] = {{0, 0.8 * Ms}, {1, 0.7 * Ms}};
  R.Entries = Busy;
  R.OthersCpuS = 0;
  R.EnergyJ = 0.045;
  splitRow(S, R, Total, Dynamic, Unattributed);
  Scale = 0.045 / (0.032 + 0.007 + 0.005);
  EXPECT_NEAR(Total[0], Scale * (0.032 + 0.005 * 0.8 / 1.5), 1e-15);
  EXPECT_NEAR(Total[1], Scale * (0.007 + 0.005 * 0.7 / 1.5), 1e-15);
  EXPECT_NEAR(Unattributed, 0, 1e-17);
}

TEST(PowerRegression, SplitRowByTimeWithoutPowers) {
  RegressionSolution None;
  RowEntry Entries[] = {{0, 0.3 * Ms}, {1, 0.5 * Ms}, {0, 0.1 * Ms}};
  RowView R;
  R.DurationS = 1 * Ms;
  R.EnergyJ = 0.02;
  R.Entries = Entries;
  R.NumEntries = 3;
  double Total[3], Dynamic[3], Unattributed = -1;
  splitRow(None, R, Total, Dynamic, Unattributed);
  EXPECT_NEAR(Total[0], 0.006, 1e-15);
  EXPECT_NEAR(Total[1], 0.010, 1e-15);
  EXPECT_NEAR(Total[2], 0.002, 1e-15);
  for (int I = 0; I < 3; ++I)
    EXPECT_EQ(Dynamic[I], Total[I]);
  EXPECT_NEAR(Unattributed, 0.002, 1e-15); // the idle 0.1 ms
  // All powers 0 is no model either.
  std::vector<double> Zeros = {0, 0};
  RegressionSolution S = manualSolution(Zeros, 0, 0);
  splitRow(S, R, Total, Dynamic, Unattributed);
  EXPECT_NEAR(Total[1], 0.010, 1e-15);
  // Threads over the duration: the time is the span.
  R.DurationS = 0.5 * Ms;
  splitRow(None, R, Total, Dynamic, Unattributed);
  EXPECT_NEAR(Total[1], 0.02 * 0.5 / 0.9, 1e-15);
  EXPECT_NEAR(Unattributed, 0, 1e-17);
}

TEST(PowerRegression, SplitRowSumsToTheRowEnergy) {
  std::mt19937_64 Rng(21);
  std::uniform_real_distribution<double> U(0, 1);
  std::vector<double> Powers(8);
  for (int Trial = 0; Trial < 2000; ++Trial) {
    for (double &P : Powers)
      P = U(Rng) < 0.2 ? 0 : 100 * U(Rng);
    RegressionSolution S = manualSolution(
        Powers, U(Rng) < 0.3 ? 0 : 10 * U(Rng), U(Rng) < 0.5 ? 0 : 20 * U(Rng));
    std::vector<RowEntry> Entries(1 + Rng() % 12);
    for (RowEntry &E : Entries)
      E = {uint32_t(Rng() % 10),
           U(Rng) < 0.1 ? 0 : U(Rng) * Ms}; // 8, 9 unknown
    std::vector<double> Total(Entries.size()), Dynamic(Entries.size());
    RowView R;
    R.DurationS = U(Rng) * 2 * Ms;
    R.OthersCpuS = U(Rng) < 0.5 ? 0 : U(Rng) * Ms;
    R.EnergyJ = U(Rng) * 0.05;
    R.Entries = Entries.data();
    R.NumEntries = uint32_t(Entries.size());
    double Unattributed = 0;
    splitRow(S, R, Total.data(), Dynamic.data(), Unattributed);
    double Sum = Unattributed;
    for (size_t I = 0; I < Entries.size(); ++I) {
      Sum += Total[I];
      EXPECT_GE(Total[I], Dynamic[I]);
      EXPECT_GE(Dynamic[I], 0);
    }
    EXPECT_NEAR(Sum, R.EnergyJ, 1e-15) << Trial;
    EXPECT_GE(Unattributed, -1e-15) << Trial;
  }
}

TEST(PowerRegression, StderrShrinksAndCoversTheTruth) {
  Truth T;
  T.PowerW = {40, 10, 25};
  double Mean[2][3] = {};
  int Seeds = 10;
  for (int Seed = 1; Seed <= Seeds; ++Seed) {
    int Which = 0;
    for (double EndS : {0.5, 8.0}) {
      std::mt19937_64 Rng(100 + Seed);
      auto Pick = [&](uint32_t) { return uint32_t(Rng() % 3); };
      SimOptions O;
      O.NoiseJ = 2 * Ms;
      O.Seed = Seed;
      auto Rows =
          simulate({randomPhases(Rng, 0, EndS, 0.2 * Ms, 1.5 * Ms, Pick)}, {},
                   T, EndS, O);
      Fitted F(3, Rows);
      for (uint32_t C = 0; C < 3; ++C) {
        EXPECT_LT(std::fabs(F.power(C) - T.PowerW[C]), 4 * F.stderrOf(C))
            << "seed " << Seed << " rows " << Rows.size() << " column " << C;
        Mean[Which][C] += F.stderrOf(C) / Seeds;
      }
      // The residual is the noise added.
      EXPECT_NEAR(F.Sol.ResidualStdJ, 2 * Ms, 0.2 * Ms);
      ++Which;
    }
  }
  // 16 times the rows: about a quarter of the spread.
  for (uint32_t C = 0; C < 3; ++C) {
    EXPECT_LT(Mean[1][C], 0.35 * Mean[0][C]) << C;
    EXPECT_GT(Mean[1][C], 0.15 * Mean[0][C]) << C;
  }
}

TEST(PowerRegression, ManyColumns) {
  const uint32_t N = 128;
  Truth T;
  std::mt19937_64 Rng(31);
  std::uniform_real_distribution<double> P(5, 60);
  for (uint32_t C = 0; C < N; ++C)
    T.PowerW.push_back(P(Rng));
  auto Pick = [&](uint32_t) { return uint32_t(Rng() % N); };
  auto Rows = simulate({randomPhases(Rng, 0, 20.0, 0.2 * Ms, 1.5 * Ms, Pick)},
                       {}, T, 20.0, SimOptions());
  PowerRegression Reg;
  ASSERT_TRUE(Reg.init(N));
  RegressionSolution S;
  // Solved after every 2000 rows, as the sampler does after each window.
  for (size_t I = 0; I < Rows.size(); ++I) {
    Reg.addRow(Rows[I].view());
    if ((I + 1) % 2000 == 0)
      ASSERT_TRUE(Reg.solve(RegressionOptions(), S));
  }
  ASSERT_TRUE(Reg.solve(RegressionOptions(), S));
  double SumAbs = 0;
  for (uint32_t C = 0; C < N; ++C) {
    EXPECT_NEAR(S.PowerW[C], T.PowerW[C], 0.1 * T.PowerW[C]) << C;
    EXPECT_TRUE(S.Resolved[C]) << C;
    SumAbs += std::fabs(relErr(S.PowerW[C], T.PowerW[C]));
  }
  EXPECT_LT(SumAbs / N, 0.02);
  Reg.release();
}

TEST(PowerRegression, NothingToSolve) {
  PowerRegression Reg;
  RegressionSolution S;
  EXPECT_FALSE(Reg.solve(RegressionOptions(), S)); // not initialized
  ASSERT_TRUE(Reg.init(3));
  EXPECT_FALSE(Reg.solve(RegressionOptions(), S)); // no rows
  RowEntry E[] = {{0, 1 * Ms}};
  RowView R;
  R.DurationS = 1 * Ms;
  R.Entries = E;
  R.NumEntries = 1;
  Reg.addRow(R); // no energy
  EXPECT_EQ(Reg.rows(), 1u);
  EXPECT_FALSE(Reg.solve(RegressionOptions(), S));
  R.EnergyJ = 0.02;
  Reg.addRow(R);
  EXPECT_TRUE(Reg.solve(RegressionOptions(), S));
  Reg.release();
  EXPECT_EQ(Reg.numColumns(), 0u);
  EXPECT_FALSE(Reg.solve(RegressionOptions(), S));
}

TEST(PowerRegression, BadRowsAndUnusedColumns) {
  Truth T;
  T.PowerW = {40, 10, 99};
  auto Rows = simulate({alternating(5 * Ms, 1.0)}, {}, T, 1.0, SimOptions());
  PowerRegression Reg;
  ASSERT_TRUE(Reg.init(3));
  for (const SimRow &Row : Rows)
    Reg.addRow(Row.view());
  uint64_t Good = Reg.rows();
  RowEntry Bad[] = {{0, NAN}};
  RowView R;
  R.DurationS = 1 * Ms;
  R.EnergyJ = 1;
  R.Entries = Bad;
  R.NumEntries = 1;
  Reg.addRow(R);
  R.NumEntries = 0;
  R.EnergyJ = INFINITY;
  Reg.addRow(R);
  R.EnergyJ = 1;
  R.DurationS = -1;
  Reg.addRow(R);
  EXPECT_EQ(Reg.rows(), Good);
  // An out-of-range column is ignored, the rest of the row counts.
  RowEntry Out[] = {{0, 0.5 * Ms}, {7, 0.5 * Ms}};
  R.DurationS = 1 * Ms;
  R.EnergyJ = 0.025;
  R.Entries = Out;
  R.NumEntries = 2;
  Reg.addRow(R);
  EXPECT_EQ(Reg.rows(), Good + 1);
  RegressionSolution S;
  ASSERT_TRUE(Reg.solve(RegressionOptions(), S));
  EXPECT_EQ(S.NumColumns, 3u);
  EXPECT_NEAR(S.PowerW[0], 40, 0.4);
  EXPECT_NEAR(S.PowerW[1], 10, 0.1);
  // Column 2 never ran: not resolved, at the pooled power.
  EXPECT_FALSE(S.Resolved[2]);
  EXPECT_EQ(S.PowerW[2], S.PooledW);
  EXPECT_EQ(S.PowerStderrW[2], 0);
  Reg.release();
}

} // namespace

namespace {

// Rows of 1 ms where column 0 (40 W) and column 1 (10 W) share the time,
// column 2 gets only a sliver (2 us) and draws nothing.
std::vector<std::vector<RowEntry>> sliverRows(std::vector<RowView> &Rows,
                                              uint64_t Seed) {
  std::mt19937_64 Rng(Seed);
  std::uniform_real_distribution<double> U(0.05, 0.95);
  std::vector<std::vector<RowEntry>> Entries(4000);
  for (auto &E : Entries) {
    double Share = U(Rng);
    double Hot = Share * 0.998e-3, Cold = 0.998e-3 - Hot;
    E = {{0, Hot}, {1, Cold}, {2, 2e-6}};
    RowView R;
    R.DurationS = 1e-3;
    // Noise uncorrelated with the columns, as from quantization.
    R.EnergyJ = 40 * Hot + 10 * Cold + (U(Rng) - 0.5) * 3e-5;
    Rows.push_back(R);
  }
  for (size_t I = 0; I < Rows.size(); ++I) {
    Rows[I].Entries = Entries[I].data();
    Rows[I].NumEntries = uint32_t(Entries[I].size());
  }
  return Entries;
}

TEST(PowerRegression, SliverColumnRunsAtThePooledPower) {
  std::vector<RowView> Rows;
  auto Keep = sliverRows(Rows, 11);
  PowerRegression R;
  ASSERT_TRUE(R.init(3));
  for (const RowView &Row : Rows)
    R.addRow(Row);
  RegressionSolution S;
  ASSERT_TRUE(R.solve(RegressionOptions(), S));
  EXPECT_NEAR(S.PowerW[0], 40, 0.4);
  EXPECT_NEAR(S.PowerW[1], 10, 0.4);
  // Free, it would fit the noise at hundreds of watts.
  EXPECT_DOUBLE_EQ(S.PowerW[2], S.PooledW);
  EXPECT_FALSE(S.Resolved[2]);
  R.release();
}

TEST(PowerRegression, FixedOthersPower) {
  std::vector<RowView> Rows;
  auto Keep = sliverRows(Rows, 12);
  std::mt19937_64 Rng(13);
  for (RowView &Row : Rows) {
    Row.OthersCpuS = double(Rng() % 1000) * 1e-6;
    Row.EnergyJ += 25 * Row.OthersCpuS;
  }
  PowerRegression R;
  ASSERT_TRUE(R.init(3));
  for (const RowView &Row : Rows)
    R.addRow(Row);
  RegressionSolution S;
  RegressionOptions O;
  O.FixedOthersW = 30; // deliberately off: the fit must keep it
  ASSERT_TRUE(R.solve(O, S));
  EXPECT_DOUBLE_EQ(S.OthersW, 30);
  EXPECT_TRUE(S.OthersIdentified);
  O.FixedOthersW = -1;
  ASSERT_TRUE(R.solve(O, S));
  EXPECT_NEAR(S.OthersW, 25, 0.5);
  R.release();
}

} // namespace
