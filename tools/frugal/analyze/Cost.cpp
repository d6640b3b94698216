//===- Cost.cpp - What executing a piece of code costs --------------------===//

#include "Cost.h"

#include <algorithm>

using namespace llvm;

namespace frugal::analysis {

namespace {

/// Calls F on every scalar quantity of C (not the math calls).
template <typename CostT, typename FnT> void forEachScalar(CostT &C, FnT F) {
  F(C.FAdd);
  F(C.FSub);
  F(C.FMul);
  F(C.FDiv);
  F(C.FMA);
  F(C.IntOps);
  F(C.LoadBytes);
  F(C.StoreBytes);
  F(C.Calls);
  F(C.HeapBytes);
  F(C.BytesTouched);
  F(C.Iterations);
  F(C.Growth);
}

/// Calls F on every quantity of C, math calls included.
template <typename CostT, typename FnT> void forEachQuantity(CostT &C, FnT F) {
  forEachScalar(C, F);
  for (auto &KV : C.MathCalls)
    F(KV.second);
}

} // namespace

StringRef confidenceName(Confidence C) {
  switch (C) {
  case Confidence::Exact:
    return "exact";
  case Confidence::UpperBound:
    return "upper_bound";
  case Confidence::Unknown:
    return "unknown";
  }
  return "unknown";
}

Expr Cost::flops() const {
  return FAdd + FSub + FMul + FDiv + Expr::number(2) * FMA;
}

Cost &Cost::operator+=(const Cost &O) {
  FAdd += O.FAdd;
  FSub += O.FSub;
  FMul += O.FMul;
  FDiv += O.FDiv;
  FMA += O.FMA;
  for (const auto &[Name, Count] : O.MathCalls)
    MathCalls[Name] += Count;
  IntOps += O.IntOps;
  LoadBytes += O.LoadBytes;
  StoreBytes += O.StoreBytes;
  Calls += O.Calls;
  HeapBytes += O.HeapBytes;
  BytesTouched += O.BytesTouched;
  Iterations += O.Iterations;
  Growth += O.Growth;
  for (const std::string &Line : O.Uncounted)
    if (std::find(Uncounted.begin(), Uncounted.end(), Line) == Uncounted.end())
      Uncounted.push_back(Line);
  return *this;
}

Cost Cost::scaled(const Expr &Times) const {
  Cost C = *this;
  forEachQuantity(C, [&](Expr &E) { E *= Times; });
  return C;
}

Cost Cost::substituted(const StringMap<Expr> &Values) const {
  Cost C = *this;
  forEachQuantity(C, [&](Expr &E) { E = E.substitute(Values); });
  return C;
}

bool Cost::mentions(StringRef Symbol) const {
  bool Any = false;
  forEachQuantity(*this,
                  [&](const Expr &E) { Any = Any || E.mentions(Symbol); });
  return Any;
}

bool Cost::overflowed() const {
  bool Any = false;
  forEachQuantity(*this, [&](const Expr &E) { Any = Any || E.overflowed(); });
  return Any;
}

} // namespace frugal::analysis
