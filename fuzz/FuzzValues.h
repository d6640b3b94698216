//===- FuzzValues.h - Oracles shared by the energy value targets ----------===//
#ifndef FRUGAL_FUZZ_FUZZVALUES_H
#define FRUGAL_FUZZ_FUZZVALUES_H

#include <cstddef>
#include <cstdint>
#include <cstdlib>

namespace fuzzvalues {

// The decimal digits at Text[0, Len) as a number; UINT64_MAX also stands
// for "more than a uint64 holds" (saturating, unlike the parsers).
inline uint64_t leadingNumber(const char *Text, size_t Len, size_t &Digits) {
  uint64_t V = 0;
  bool Saturated = false;
  for (Digits = 0; Digits < Len && Text[Digits] >= '0' && Text[Digits] <= '9';
       ++Digits) {
    uint64_t D = uint64_t(Text[Digits] - '0');
    if (V > (UINT64_MAX - D) / 10)
      Saturated = true;
    else
      V = V * 10 + D;
  }
  return Saturated ? UINT64_MAX : V;
}

// An accepted value must be what its leading digits spell.
inline void checkLeadingNumber(const char *Text, size_t Len, uint64_t Got) {
  size_t Digits;
  if (leadingNumber(Text, Len, Digits) != Got || Digits == 0)
    abort();
}

} // namespace fuzzvalues

#endif // FRUGAL_FUZZ_FUZZVALUES_H
