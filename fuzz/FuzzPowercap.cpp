//===- FuzzPowercap.cpp - libFuzzer target: powercap value parsers --------===//
//
// A powercap zone's energy_uj is pread into a 32-byte buffer that is not
// NUL-terminated (parseCounterText gets the byte count); its
// max_energy_range_uj is read as text (readText trims the line end and
// terminates it) for parseU64. Input: a control byte, then the bytes. The
// counter bytes go into a heap buffer of exactly their size, so
// AddressSanitizer sees a read past the pread's end. An accepted value
// must be the number its digits spell (no silent wrap).
//
//===----------------------------------------------------------------------===//
#include "FuzzValues.h"

#include "energy/Source.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

using namespace frugal::rt::energy;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  const char *Bytes = reinterpret_cast<const char *>(Data + 1);
  size_t Len = Size - 1;
  if (Data[0] & 1) {
    // energy_uj: at most the 32 bytes one pread returns.
    Len = Len > 32 ? 32 : Len;
    std::unique_ptr<char[]> Buf(new char[Len ? Len : 1]);
    memcpy(Buf.get(), Bytes, Len);
    uint64_t V;
    if (parseCounterText(Buf.get(), Len, V))
      fuzzvalues::checkLeadingNumber(Buf.get(), Len, V);
  } else {
    // max_energy_range_uj, as readText leaves it.
    std::unique_ptr<char[]> Text(new char[Len + 1]);
    memcpy(Text.get(), Bytes, Len);
    Text[Len] = '\0';
    uint64_t V;
    if (parseU64(Text.get(), V))
      fuzzvalues::checkLeadingNumber(Text.get(), Len, V);
  }
  return 0;
}
