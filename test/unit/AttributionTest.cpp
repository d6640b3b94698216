//===- AttributionTest.cpp - Windows of ticks to per-node energy ----------===//
//
// Synthetic ticks with known powers: the attribution must recover each
// node's energy and keep every domain's books exact (sum of node totals +
// unattributed = measured).
//
//===----------------------------------------------------------------------===//
#include "energy/Attribution.h"
#include "ContextTree.h"
#include "energy/TickBuffer.h"

#include <gtest/gtest.h>
#include <random>
#include <vector>

using namespace frugal::rt;
using namespace frugal::rt::energy;

namespace {

constexpr double SecondsPerTick = 1e-9; // timer ticks are nanoseconds here

struct Fixture : ::testing::Test {
  std::vector<Node> Nodes = std::vector<Node>(300);
  TickBuffer Buffer;
  Attribution Attr;

  void SetUp() override {
    for (size_t I = 0; I < Nodes.size(); ++I)
      Nodes[I].Ref = uint32_t(I); // Nodes[0] stands for a thread's root
    ASSERT_TRUE(Buffer.init(20000, 200000));
  }
  void init(bool PackageMeasured, bool Gpu = false, bool SplitByTime = false,
            double FixedBaselineW = -1) {
    DomainSettings S[NumDomains];
    S[unsigned(Domain::Package)] = {true, PackageMeasured, FixedBaselineW,
                                    SplitByTime};
    if (Gpu)
      S[unsigned(Domain::Gpu)] = {true, true, -1};
    ASSERT_TRUE(Attr.init(S, 200000));
  }
  static double energyOf(const Node &N, Domain D, bool Dynamic = false) {
    const NodeEnergy *E = frugal::rt::energy::energyOf(&N);
    if (!E)
      return 0;
    return Dynamic ? E->Dynamic[unsigned(D)] : E->Total[unsigned(D)];
  }
  // Sum of every node's total (roots excluded) + unattributed vs measured.
  void expectExactBooks(Domain D) {
    double Sum = Attr.unattributedJ(D);
    for (size_t I = 1; I < Nodes.size(); ++I)
      Sum += energyOf(Nodes[I], D);
    EXPECT_NEAR(Sum, Attr.totalJ(D), 1e-9 * Attr.totalJ(D));
  }
};

using AttributionTest = Fixture;

// 1 ms ticks mixing a 40 W and a 10 W function at random, 2 W baseline
// left unfixed, 15.3 uJ quanta.
TEST_F(AttributionTest, RecoversPowersAndKeepsExactTotals) {
  init(/*PackageMeasured=*/true);
  std::mt19937_64 Rng(3);
  std::uniform_real_distribution<double> U(0, 1);
  double TruthHot = 0, TruthCold = 0, Carry = 0;
  const double Quantum = 15.2587890625e-6;
  for (int T = 0; T < 5000; ++T) {
    uint64_t Dur = 1000000;
    double Share = U(Rng);
    uint64_t Hot = uint64_t(Share * double(Dur - 1000));
    uint64_t Cold = Dur - Hot - 1000;
    Tick &K = Buffer.beginTick();
    K.DurationTicks = Dur;
    K.EndTicks = uint64_t(T + 1) * Dur;
    Buffer.addEntry(&Nodes[1], Hot);
    Buffer.addEntry(&Nodes[2], Cold);
    Buffer.addEntry(&Nodes[0], 1000); // uninstrumented code at the root
    double E = 40 * double(Hot) * 1e-9 + 10 * double(Cold) * 1e-9 +
               2 * double(Dur) * 1e-9 + Carry;
    double Q = double(uint64_t(E / Quantum)) * Quantum;
    Carry = E - Q;
    K.EnergyJ[unsigned(Domain::Package)] = Q;
    Buffer.commitTick();
    TruthHot += 40 * double(Hot) * 1e-9;
    TruthCold += 10 * double(Cold) * 1e-9;
  }
  Attr.consume(Buffer, SecondsPerTick);
  expectExactBooks(Domain::Package);
  PowerEstimate P;
  ASSERT_TRUE(Attr.power(Domain::Package, 1, P));
  // The baseline is not identifiable (one thread, always busy): it is
  // shared by time, so powers and dynamic energies carry ~2 W each.
  EXPECT_NEAR(P.MeanW, 42, 0.5);
  EXPECT_TRUE(P.Resolved);
  ASSERT_TRUE(Attr.power(Domain::Package, 2, P));
  EXPECT_NEAR(P.MeanW, 12, 0.5);
  EXPECT_NEAR(energyOf(Nodes[1], Domain::Package), TruthHot * 42 / 40,
              0.01 * TruthHot);
  EXPECT_NEAR(energyOf(Nodes[2], Domain::Package), TruthCold * 12 / 10,
              0.02 * TruthCold);
  EXPECT_EQ(Attr.rows(Domain::Package), 5000u);
}

// Soft ends merge ticks into rows; a domain whose counter did not move
// joins the next tick; the books stay exact either way.
TEST_F(AttributionTest, SoftEndsAndSilentTicksMergeRows) {
  init(/*PackageMeasured=*/true, /*Gpu=*/true);
  double GpuPending = 0;
  for (int T = 0; T < 1000; ++T) {
    Tick &K = Buffer.beginTick();
    K.DurationTicks = 1000000;
    K.SoftEnd = T % 2 == 0; // every other boundary seen late
    Buffer.addEntry(&Nodes[1 + T % 3], 1000000);
    double J = (T % 3 + 1) * 10 * 1e-3;
    K.EnergyJ[unsigned(Domain::Package)] = J;
    GpuPending += 0.05;
    if (T % 10 == 9) { // the GPU counter moves every 10 ticks
      K.EnergyJ[unsigned(Domain::Gpu)] = GpuPending;
      GpuPending = 0;
    }
    Buffer.commitTick();
  }
  Attr.consume(Buffer, SecondsPerTick);
  EXPECT_EQ(Attr.rows(Domain::Package), 500u);
  EXPECT_EQ(Attr.rows(Domain::Gpu), 100u);
  expectExactBooks(Domain::Package);
  expectExactBooks(Domain::Gpu);
  EXPECT_NEAR(Attr.totalJ(Domain::Gpu), 50.0, 1e-9);
}

// A modelled domain is split by time, and other processes get no share of
// it (it is this process's CPU time only).
TEST_F(AttributionTest, ModelledDomainIsSplitByTime) {
  init(/*PackageMeasured=*/false);
  for (int T = 0; T < 100; ++T) {
    Tick &K = Buffer.beginTick();
    K.DurationTicks = 10000000;
    K.OthersCpuS = 0.005; // ignored for a model
    Buffer.addEntry(&Nodes[1], 7500000);
    Buffer.addEntry(&Nodes[2], 2500000);
    K.EnergyJ[unsigned(Domain::Package)] = 0.1;
    Buffer.commitTick();
  }
  Attr.consume(Buffer, SecondsPerTick);
  EXPECT_EQ(Attr.solution(Domain::Package), nullptr);
  EXPECT_NEAR(energyOf(Nodes[1], Domain::Package), 7.5, 1e-9);
  EXPECT_NEAR(energyOf(Nodes[2], Domain::Package), 2.5, 1e-9);
  EXPECT_NEAR(Attr.unattributedJ(Domain::Package), 0, 1e-9);
  PowerEstimate P;
  EXPECT_FALSE(Attr.power(Domain::Package, 1, P));
}

// FRUGAL_ATTRIBUTION=time on a measured domain: the same kind of ticks as
// above, the 2 W baseline known (FRUGAL_IDLE_WATTS). What it leaves of each
// tick goes to the nodes by time, which charges the 40 W function too
// little and the 10 W one too much; each node's total adds the baseline for
// its time. The regression still runs (for the baseline and others' power)
// but gives no per-function power.
TEST_F(AttributionTest, SplitByTimeSharesEachRowsDynamicEnergyByTime) {
  init(/*PackageMeasured=*/true, /*Gpu=*/false, /*SplitByTime=*/true,
       /*FixedBaselineW=*/2);
  std::mt19937_64 Rng(3);
  std::uniform_real_distribution<double> U(0, 1);
  double ByTime[3] = {}, TimeS[3] = {}, TruthHot = 0;
  for (int T = 0; T < 2000; ++T) {
    uint64_t Dur = 1000000;
    uint64_t Hot = uint64_t(U(Rng) * double(Dur - 1000));
    uint64_t Times[3] = {1000, Hot, Dur - Hot - 1000}; // root, hot, cold
    Tick &K = Buffer.beginTick();
    K.DurationTicks = Dur;
    for (int N = 0; N < 3; ++N)
      Buffer.addEntry(&Nodes[N], Times[N]);
    double E =
        (40 * double(Times[1]) + 10 * double(Times[2]) + 2 * double(Dur)) *
        1e-9;
    K.EnergyJ[unsigned(Domain::Package)] = E;
    Buffer.commitTick();
    for (int N = 0; N < 3; ++N) {
      ByTime[N] +=
          (E - 2 * double(Dur) * 1e-9) * double(Times[N]) / double(Dur);
      TimeS[N] += double(Times[N]) * 1e-9;
    }
    TruthHot += 40 * double(Times[1]) * 1e-9;
  }
  Attr.consume(Buffer, SecondsPerTick);
  expectExactBooks(Domain::Package);
  for (int N = 1; N < 3; ++N) {
    EXPECT_NEAR(energyOf(Nodes[N], Domain::Package, true), ByTime[N],
                1e-9 * ByTime[N])
        << N;
    EXPECT_NEAR(energyOf(Nodes[N], Domain::Package), ByTime[N] + 2 * TimeS[N],
                1e-9 * ByTime[N])
        << N;
  }
  // Off from the truth by the mean-power error.
  EXPECT_LT(energyOf(Nodes[1], Domain::Package, true), 0.9 * TruthHot);
  ASSERT_NE(Attr.solution(Domain::Package), nullptr);
  PowerEstimate P;
  EXPECT_FALSE(Attr.power(Domain::Package, 1, P));
}

// More functions than columns: the ones with the least time share "the
// rest"; later windows keep the columns chosen from the first.
TEST_F(AttributionTest, FunctionsBeyondTheColumnsShareTheRest) {
  init(/*PackageMeasured=*/true);
  std::mt19937_64 Rng(5);
  for (int W = 0; W < 2; ++W) {
    Buffer.clear();
    for (int T = 0; T < 3000; ++T) {
      Tick &K = Buffer.beginTick();
      K.DurationTicks = 1000000;
      uint32_t A = 1 + uint32_t(Rng() % 200), B = 1 + uint32_t(Rng() % 200);
      // Lower refs run longer: they take the columns.
      uint64_t TA = 1000000 - A * 2000, TB = 1000000 - TA;
      Buffer.addEntry(&Nodes[A], TA);
      if (B != A)
        Buffer.addEntry(&Nodes[B], TB);
      K.EnergyJ[unsigned(Domain::Package)] =
          20 * double(TA) * 1e-9 + 20 * double(TB) * 1e-9;
      Buffer.commitTick();
    }
    Attr.consume(Buffer, SecondsPerTick);
  }
  EXPECT_EQ(Attr.functionColumns(), Attribution::MaxFunctionColumns);
  EXPECT_GT(Attr.refsInRest(), 0u);
  EXPECT_EQ(Attr.windows(), 2u);
  expectExactBooks(Domain::Package);
  PowerEstimate P;
  ASSERT_TRUE(Attr.power(Domain::Package, 199, P)); // in the rest
  EXPECT_FALSE(P.Resolved);
}

} // namespace
