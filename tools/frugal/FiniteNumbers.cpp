//===- FiniteNumbers.cpp - Rejecting JSON numbers beyond a double ---------===//
#include "FiniteNumbers.h"

#include <cmath>

using namespace llvm;

namespace frugal {

bool requireFiniteNumbers(const json::Value &V, json::Path P) {
  switch (V.kind()) {
  case json::Value::Number:
    // Integers are exact (int64/uint64); only a double can be infinite.
    if (std::optional<double> D = V.getAsNumber(); D && !std::isfinite(*D)) {
      P.report("number out of range (beyond 1.8e308)");
      return false;
    }
    return true;
  case json::Value::Array: {
    const json::Array &A = *V.getAsArray();
    for (size_t I = 0; I < A.size(); ++I)
      if (!requireFiniteNumbers(A[I], P.index(I)))
        return false;
    return true;
  }
  case json::Value::Object:
    for (const auto &[Key, Member] : *V.getAsObject())
      if (!requireFiniteNumbers(Member, P.field(Key)))
        return false;
    return true;
  default:
    return true;
  }
}

} // namespace frugal
