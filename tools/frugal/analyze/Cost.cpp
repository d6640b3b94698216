//===- Cost.cpp - What executing a piece of code costs --------------------===//

#include "Cost.h"

#include <algorithm>

using namespace llvm;

namespace frugal::analysis {

std::array<Expr *, 13> Cost::scalars() {
  return {&FAdd,         &FSub,       &FMul,       &FDiv,  &FMA,
          &IntOps,       &LoadBytes,  &StoreBytes, &Calls, &HeapBytes,
          &BytesTouched, &Iterations, &Growth};
}

std::array<const Expr *, 13> Cost::scalars() const {
  std::array<Expr *, 13> Mutable = const_cast<Cost *>(this)->scalars();
  std::array<const Expr *, 13> Out;
  std::copy(Mutable.begin(), Mutable.end(), Out.begin());
  return Out;
}

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
  std::array<Expr *, 13> Mine = scalars();
  std::array<const Expr *, 13> Theirs = O.scalars();
  for (size_t I = 0; I != Mine.size(); ++I)
    *Mine[I] += *Theirs[I];
  for (const auto &[Name, Count] : O.MathCalls)
    MathCalls[Name] += Count;
  for (const std::string &Line : O.Uncounted)
    if (std::find(Uncounted.begin(), Uncounted.end(), Line) == Uncounted.end())
      Uncounted.push_back(Line);
  return *this;
}

Cost Cost::scaled(const Expr &Times) const {
  Cost C = *this;
  C.forEachQuantity([&](Expr &E) { E *= Times; });
  return C;
}

Cost Cost::substituted(const StringMap<Expr> &Values) const {
  Cost C = *this;
  C.forEachQuantity([&](Expr &E) { E = E.substitute(Values); });
  return C;
}

bool Cost::mentions(StringRef Symbol) const {
  bool Any = false;
  forEachQuantity([&](const Expr &E) { Any = Any || E.mentions(Symbol); });
  return Any;
}

bool Cost::overflowed() const {
  bool Any = false;
  forEachQuantity([&](const Expr &E) { Any = Any || E.overflowed(); });
  return Any;
}

} // namespace frugal::analysis
