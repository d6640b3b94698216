//===- Footprint.cpp - Bytes a function's array accesses touch ------------===//

#include "Footprint.h"

#include "llvm/ADT/MapVector.h"
#include "llvm/ADT/StringExtras.h"

namespace frugal::analysis {

Expr upperMax(const Expr &A, const Expr &B) {
  if (A == B || B.isZero())
    return A;
  if (A.isZero())
    return B;
  if (std::optional<double> D = (A - B).constantValue())
    return *D >= 0 ? A : B;
  return A + B;
}

namespace {

/// Extremes of Index over the counters' spans, innermost first. Sizes
/// (symbols) are taken to be non-negative, so a symbolic coefficient of a
/// counter is non-negative.
std::optional<std::pair<Expr, Expr>>
extremesOf(const Expr &Index, const std::vector<LoopFrame> &Loops) {
  Expr Max = Index, Min = Index;
  for (auto It = Loops.rbegin(); It != Loops.rend(); ++It) {
    if (!It->Span) {
      continue;
    }
    const CounterRange &R = *It->Span;
    llvm::StringMap<Expr> Next{
        {R.Index, Expr::symbol(R.Index) + Expr::number(1)}};
    auto Extreme = [&](const Expr &E, bool Largest) -> std::optional<Expr> {
      if (!E.mentions(R.Index))
        return E;
      if (!E.isPolynomialIn(R.Index))
        return std::nullopt;
      Expr Slope = E.substitute(Next) - E;
      if (Slope.mentions(R.Index))
        return std::nullopt; // not linear in the counter
      bool Down = Slope.constantValue() && *Slope.constantValue() < 0;
      const Expr &At = (Largest != Down) ? R.Hi - Expr::number(1) : R.Lo;
      return E.substitute({{R.Index, At}});
    };
    std::optional<Expr> NewMax = Extreme(Max, true);
    std::optional<Expr> NewMin = Extreme(Min, false);
    if (!NewMax || !NewMin)
      return std::nullopt;
    Max = *NewMax;
    Min = *NewMin;
  }
  // A counter left in the span has no range (a geometric loop).
  for (const LoopFrame &F : Loops)
    if (F.Span && (Max.mentions(F.Span->Index) || Min.mentions(F.Span->Index)))
      return std::nullopt;
  return std::make_pair(Min, Max);
}

/// The elements [Min, Max] of one array that affine accesses reach.
struct Hull {
  Expr Min, Max;
  Expr elements() const { return Max - Min + Expr::number(1); }
};

/// Widens H to cover [Min, Max] when the ends differ by constants (x[i]
/// and x[i + 1]); false when they cannot be compared.
/// Which of two ends is lower: by their constant difference, or, between
/// a constant and a size, the constant for the lower end and the size for
/// the upper (x[0] and x[i] over 1 <= i < n reach [0, n - 1]). None when
/// undecided (n - 1 against k - 1).
std::optional<bool> isLower(const Expr &A, const Expr &B) {
  Expr Diff = A - B;
  if (std::optional<double> D = Diff.constantValue())
    return *D <= 0;
  if (A.isConstant())
    return true;
  if (B.isConstant())
    return false;
  // Otherwise compare at a large size, every symbol the same: (M-1)*N
  // is below M*N - 1; n - 1 and k - 1 stay undecided.
  llvm::StringMap<double> Large;
  for (const std::string &S : Diff.symbols())
    Large.try_emplace(S, 1e6);
  std::optional<double> D = Diff.evaluate(Large);
  if (!D || *D == 0)
    return std::nullopt;
  return *D < 0;
}

/// Widens H to cover [Min, Max] when the ends can be compared (x[i] and
/// x[i + 1]); false when they cannot.
bool widen(Hull &H, const Expr &Min, const Expr &Max) {
  std::optional<bool> MinLower = isLower(Min, H.Min);
  std::optional<bool> MaxLower = isLower(Max, H.Max);
  if (!MinLower || !MaxLower)
    return false;
  if (*MinLower)
    H.Min = Min;
  if (!*MaxLower)
    H.Max = Max;
  return true;
}

/// How many times the access executes per call: the sum over the loops.
std::optional<Expr> executions(const std::vector<LoopFrame> &Loops) {
  Expr N = Expr::number(1);
  for (auto It = Loops.rbegin(); It != Loops.rend(); ++It) {
    if (It->Range) {
      std::optional<Expr> S =
          sumOver(N, It->Range->Index, It->Range->Lo, It->Range->Hi);
      if (!S)
        return std::nullopt;
      N = *S;
      continue;
    }
    if (!It->Trips)
      return std::nullopt;
    if (It->Span && N.mentions(It->Span->Index))
      N = N.substitute({{It->Span->Index, It->Span->Hi - Expr::number(1)}});
    N = N * *It->Trips;
  }
  return N;
}

} // namespace

Expr footprintBytes(const std::vector<ArrayAccess> &Accesses,
                    std::vector<std::string> &Uncounted) {
  // Per array: the hulls of its affine accesses (one, unless their ends
  // cannot be compared), and the elements its other accesses may reach.
  struct ArrayFootprint {
    std::vector<Hull> Hulls;
    Expr Scattered;
    uint64_t ElementBytes = 0;
  };
  llvm::MapVector<llvm::StringRef, ArrayFootprint> Arrays;
  for (const ArrayAccess &A : Accesses) {
    if (A.ElementBytes == 0)
      continue;
    ArrayFootprint &F = Arrays[A.Base];
    F.ElementBytes = std::max(F.ElementBytes, A.ElementBytes);
    std::optional<std::pair<Expr, Expr>> Ends;
    if (A.Index)
      Ends = extremesOf(*A.Index, A.Loops);
    if (Ends) {
      bool Merged = false;
      for (Hull &H : F.Hulls)
        if ((Merged = widen(H, Ends->first, Ends->second)))
          break;
      if (!Merged)
        F.Hulls.push_back(Hull{Ends->first, Ends->second});
      continue;
    }
    // A data-dependent index reaches at most one element per execution.
    std::optional<Expr> N = executions(A.Loops);
    if (!N || N->overflowed()) {
      Uncounted.push_back("bytes touched by " + A.Base + "[...] at line " +
                          llvm::utostr(A.Line) +
                          ": in a loop with an unknown trip count");
      continue;
    }
    F.Scattered = upperMax(F.Scattered, *N);
  }
  Expr Total;
  for (auto &[Base, F] : Arrays) {
    Expr Elements;
    for (const Hull &H : F.Hulls)
      Elements += H.elements();
    // Data-dependent accesses to an array that is also indexed affinely
    // are taken to stay within what the affine ones reach (dist[best] in
    // a selection over dist[0..n)).
    if (F.Hulls.empty())
      Elements = F.Scattered;
    Total += Elements * Expr::number(int64_t(F.ElementBytes));
  }
  return Total;
}

} // namespace frugal::analysis
