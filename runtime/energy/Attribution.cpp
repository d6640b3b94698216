//===- Attribution.cpp - Tick energy split among calling contexts ---------===//
#include "energy/Attribution.h"

#include "ContextTree.h"
#include "energy/TickBuffer.h"

#include <algorithm>
#include <string.h>

namespace frugal::rt::energy {

namespace {

uint32_t hashRef(uint32_t Ref) { return Ref * 2654435761u; }

// Time per Ref over a window, for choosing the columns.
struct RefTime {
  uint32_t Ref;
  uint64_t Ticks;
};

} // namespace

bool Attribution::init(const DomainSettings (&Domains)[NumDomains],
                       uint32_t MaxEntries) {
  for (unsigned I = 0; I < NumDomains; ++I)
    Settings[I] = Domains[I];
  ScratchCapacity = MaxEntries;
  RowEntries = Records.allocateArray<RowEntry>(MaxEntries);
  SplitTotal = Records.allocateArray<double>(MaxEntries);
  SplitDynamic = Records.allocateArray<double>(MaxEntries);
  RowNodes = Records.allocateArray<Node *>(MaxEntries);
  return RowEntries && SplitTotal && SplitDynamic && RowNodes;
}

void Attribution::reset() {
  for (unsigned I = 0; I < NumDomains; ++I) {
    if (Regressions[I].numColumns())
      Regressions[I].release();
    if (Coarse[I].numColumns())
      Coarse[I].release();
    Regressions[I] = PowerRegression();
    Coarse[I] = PowerRegression();
    CoarseRow[I] = RowView();
    memset(CoarseSeconds[I], 0, sizeof(CoarseSeconds[I]));
    Solved[I] = false;
    TotalJ[I] = UnattributedJ[I] = 0;
    Rows[I] = 0;
  }
  Windows = TicksSeen = 0;
  SecondsSeen = 0;
  memset(MapKeys, 0, sizeof(MapKeys));
  ColumnsAssigned = false;
  NumFunctionColumns = RefsInRest = 0;
}

uint32_t Attribution::columnOf(uint32_t Ref) const {
  if (Ref == 0)
    return RootColumn;
  for (uint32_t I = hashRef(Ref) & (MapCapacity - 1);;
       I = (I + 1) & (MapCapacity - 1)) {
    if (MapKeys[I] == 0)
      return RestColumn;
    if (MapKeys[I] == Ref + 1)
      return MapColumns[I];
  }
}

void Attribution::assignColumns(const TickBuffer &Window) {
  ColumnsAssigned = true;
  // Sum each Ref's time over the window in a temporary hash table.
  uint32_t Distinct = 0;
  uint32_t Cap = 1024;
  uint64_t EntryCount = 0;
  for (uint32_t T = 0; T < Window.numTicks(); ++T)
    EntryCount += Window.tick(T).NumEntries;
  while (Cap < EntryCount * 2 && Cap < (1u << 30))
    Cap <<= 1;
  ScopedArena Temp;
  auto *Table = Temp.allocateArray<RefTime>(Cap);
  if (!Table)
    return; // everything stays in the rest column
  for (uint32_t T = 0; T < Window.numTicks(); ++T) {
    const Tick &K = Window.tick(T);
    const TickEntry *E = Window.entries(K);
    for (uint32_t I = 0; I < K.NumEntries; ++I) {
      uint32_t Ref = E[I].N->Ref;
      if (Ref == 0)
        continue;
      for (uint32_t S = hashRef(Ref) & (Cap - 1);; S = (S + 1) & (Cap - 1)) {
        if (Table[S].Ref == 0) {
          Table[S] = RefTime{Ref, E[I].Ticks};
          ++Distinct;
          break;
        }
        if (Table[S].Ref == Ref) {
          Table[S].Ticks += E[I].Ticks;
          break;
        }
      }
    }
  }
  // The MaxFunctionColumns with the most time: the used slots packed to the
  // front, then a partial sort (header-only: no C++ library at run time).
  // A scan of the table per column cost up to ~10^8 steps for a big window,
  // possibly inside a signal handler's profile write.
  uint32_t Used = 0;
  for (uint32_t S = 0; S < Cap; ++S)
    if (Table[S].Ref)
      Table[Used++] = Table[S];
  uint32_t Wanted =
      Distinct < MaxFunctionColumns ? Distinct : MaxFunctionColumns;
  std::partial_sort(
      Table, Table + Wanted, Table + Used,
      [](const RefTime &A, const RefTime &B) { return A.Ticks > B.Ticks; });
  for (uint32_t C = 0; C < Wanted; ++C) {
    uint32_t Ref = Table[C].Ref;
    for (uint32_t I = hashRef(Ref) & (MapCapacity - 1);;
         I = (I + 1) & (MapCapacity - 1))
      if (MapKeys[I] == 0) {
        MapKeys[I] = Ref + 1;
        MapColumns[I] = 2 + C;
        break;
      }
  }
  NumFunctionColumns = Wanted;
  RefsInRest = Distinct - Wanted;
  for (unsigned D = 0; D < NumDomains; ++D)
    if (Settings[D].Active && Settings[D].Measured &&
        (!Regressions[D].init(2 + NumFunctionColumns) ||
         !Coarse[D].init(2 + NumFunctionColumns)))
      Settings[D].Measured = false; // no memory: split by time, still exact
}

// Calls Visit(First, End) for each row of domain DI: the ticks [First, End),
// closed by a tick in which DI's counter moved and whose end is not soft,
// or by the window's last tick.
template <class Fn>
static void forEachRow(unsigned DI, const TickBuffer &Window, Fn Visit) {
  uint32_t First = 0;
  for (uint32_t T = 0; T < Window.numTicks(); ++T) {
    const Tick &K = Window.tick(T);
    bool Last = T + 1 == Window.numTicks();
    if ((K.EnergyJ[DI] == 0 || K.SoftEnd) && !Last)
      continue;
    Visit(First, T + 1);
    First = T + 1;
  }
}

// A row's duration, others' CPU time and energy (its entries are the
// caller's).
static RowView rowTotals(unsigned DI, const TickBuffer &Window, uint32_t First,
                         uint32_t End, double SecondsPerTick,
                         bool CountOthers) {
  RowView Row;
  for (uint32_t T = First; T < End; ++T) {
    const Tick &K = Window.tick(T);
    Row.DurationS += double(K.DurationTicks) * SecondsPerTick;
    Row.OthersCpuS += CountOthers ? K.OthersCpuS : 0;
    Row.EnergyJ += K.EnergyJ[DI];
  }
  return Row;
}

void Attribution::addRows(Domain D, const TickBuffer &Window,
                          double SecondsPerTick) {
  unsigned DI = unsigned(D);
  uint32_t NumColumns = 2 + NumFunctionColumns;
  forEachRow(DI, Window, [&](uint32_t First, uint32_t End) {
    RowView Row = rowTotals(DI, Window, First, End, SecondsPerTick, true);
    // One entry per column: the regression's rows sum the nodes' times.
    uint32_t Used = 0;
    for (uint32_t T = First; T < End; ++T) {
      const Tick &K = Window.tick(T);
      const TickEntry *E = Window.entries(K);
      for (uint32_t I = 0; I < K.NumEntries; ++I) {
        uint32_t C = columnOf(E[I].N->Ref);
        if (ColumnSeconds[C] == 0 && Used < NumColumns)
          RowEntries[Used++].Column = C;
        ColumnSeconds[C] += double(E[I].Ticks) * SecondsPerTick;
      }
    }
    for (uint32_t I = 0; I < Used; ++I) {
      RowEntries[I].Seconds = ColumnSeconds[RowEntries[I].Column];
      ColumnSeconds[RowEntries[I].Column] = 0;
    }
    Row.Entries = RowEntries;
    Row.NumEntries = Used;
    Regressions[DI].addRow(Row);
    addCoarse(D, Row);
  });
}

// Sums rows into coarse ones of at least CoarseRowS.
void Attribution::addCoarse(Domain D, const RowView &Row) {
  unsigned DI = unsigned(D);
  RowView &C = CoarseRow[DI];
  double *Seconds = CoarseSeconds[DI];
  C.DurationS += Row.DurationS;
  C.OthersCpuS += Row.OthersCpuS;
  C.EnergyJ += Row.EnergyJ;
  for (uint32_t I = 0; I < Row.NumEntries; ++I)
    Seconds[Row.Entries[I].Column] += Row.Entries[I].Seconds;
  if (C.DurationS < CoarseRowS)
    return;
  uint32_t Used = 0;
  for (uint32_t Col = 0; Col < 2 + NumFunctionColumns; ++Col)
    if (Seconds[Col] > 0) {
      CoarseEntries[Used++] = RowEntry{Col, Seconds[Col]};
      Seconds[Col] = 0;
    }
  C.Entries = CoarseEntries;
  C.NumEntries = Used;
  Coarse[DI].addRow(C);
  C = RowView();
}

NodeEnergy *Attribution::recordOf(Node *N) {
  auto *R = static_cast<NodeEnergy *>(N->Energy);
  if (!R) {
    R = Records.allocateArray<NodeEnergy>(1);
    if (R)
      storeRelease(N->Energy, static_cast<void *>(R));
  }
  return R;
}

// For a split by time: the one power for all of the row's nodes that makes
// the model match the row's energy, so that what the baseline and other
// processes leave is shared by time (a pooled power for the whole run would
// instead scale each row's baseline share with its energy).
static double evenPower(const RegressionSolution &S, const RowView &Row) {
  double Seconds = 0;
  for (uint32_t I = 0; I < Row.NumEntries; ++I)
    Seconds += Row.Entries[I].Seconds;
  double Left =
      Row.EnergyJ - S.BaselineW * Row.DurationS - S.OthersW * Row.OthersCpuS;
  return Seconds > 0 && Left > 0 ? Left / Seconds : 0;
}

void Attribution::splitRows(Domain D, const TickBuffer &Window,
                            double SecondsPerTick) {
  unsigned DI = unsigned(D);
  RegressionSolution None; // no powers: splitRow falls back to time
  const RegressionSolution &Sol = Solved[DI] ? Solutions[DI] : None;
  // Split by time: no column powers, so that every node runs at the
  // PooledW set per row below.
  RegressionSolution Even = Sol;
  Even.PowerW = nullptr;
  Even.NumColumns = 0;
  const RegressionSolution &Split = Settings[DI].SplitByTime ? Even : Sol;
  // A modelled domain is this process's CPU time only: other processes
  // take no share of it.
  bool CountOthers = Settings[DI].Measured;
  forEachRow(DI, Window, [&](uint32_t First, uint32_t End) {
    RowView Row =
        rowTotals(DI, Window, First, End, SecondsPerTick, CountOthers);
    // One entry per node: each gets its own share.
    uint32_t Used = 0;
    for (uint32_t T = First; T < End; ++T) {
      const Tick &K = Window.tick(T);
      const TickEntry *E = Window.entries(K);
      for (uint32_t I = 0; I < K.NumEntries && Used < ScratchCapacity; ++I) {
        RowNodes[Used] = E[I].N;
        RowEntries[Used].Column = columnOf(E[I].N->Ref);
        RowEntries[Used].Seconds = double(E[I].Ticks) * SecondsPerTick;
        ++Used;
      }
    }
    TotalJ[DI] += Row.EnergyJ;
    ++Rows[DI];
    Row.Entries = RowEntries;
    Row.NumEntries = Used;
    if (Settings[DI].SplitByTime)
      Even.PooledW = evenPower(Sol, Row);
    double Unattributed = 0;
    splitRow(Split, Row, SplitTotal, SplitDynamic, Unattributed);
    for (uint32_t I = 0; I < Used; ++I) {
      NodeEnergy *R = RowNodes[I]->Ref ? recordOf(RowNodes[I]) : nullptr;
      if (!R) { // a root (uninstrumented code), or no memory
        Unattributed += SplitTotal[I];
        continue;
      }
      R->Total[DI] += SplitTotal[I];
      R->Dynamic[DI] += SplitDynamic[I];
    }
    UnattributedJ[DI] += Unattributed;
  });
}

bool Attribution::consume(const TickBuffer &Window, double SecondsPerTick,
                          bool Final) {
  if (Window.numTicks() == 0)
    return true;
  if (!ColumnsAssigned) {
    double Seconds = 0;
    for (uint32_t T = 0; T < Window.numTicks(); ++T)
      Seconds += double(Window.tick(T).DurationTicks) * SecondsPerTick;
    if (!Final && Seconds < MinColumnWindowS)
      return false;
    assignColumns(Window);
  }
  for (unsigned DI = 0; DI < NumDomains; ++DI) {
    const DomainSettings &S = Settings[DI];
    if (!S.Active)
      continue;
    Domain D = Domain(DI);
    if (S.Measured && Regressions[DI].numColumns()) {
      addRows(D, Window, SecondsPerTick);
      RegressionOptions Opts;
      Opts.FixedBaselineW = S.FixedBaselineW;
      RegressionSolution CoarseFit;
      if (Coarse[DI].solve(Opts, CoarseFit) && CoarseFit.OthersIdentified &&
          Coarse[DI].rows() >= MinCoarseRows)
        Opts.FixedOthersW = CoarseFit.OthersW;
      Solved[DI] = Regressions[DI].solve(Opts, Solutions[DI]);
    }
    splitRows(D, Window, SecondsPerTick);
  }
  ++Windows;
  TicksSeen += Window.numTicks();
  for (uint32_t T = 0; T < Window.numTicks(); ++T)
    SecondsSeen += double(Window.tick(T).DurationTicks) * SecondsPerTick;
  return true;
}

bool Attribution::power(Domain D, uint32_t Ref, PowerEstimate &Out) const {
  unsigned DI = unsigned(D);
  if (!Solved[DI] || Settings[DI].SplitByTime)
    return false;
  const RegressionSolution &S = Solutions[DI];
  uint32_t C = columnOf(Ref);
  Out.MeanW = S.PowerW[C];
  Out.StderrW = S.PowerStderrW[C];
  Out.Resolved = S.Resolved[C] && C != RestColumn;
  Out.Regressed = true;
  return true;
}

} // namespace frugal::rt::energy
