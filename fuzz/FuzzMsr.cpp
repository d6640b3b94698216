//===- FuzzMsr.cpp - libFuzzer target: the MSR source's text parsers ------===//
//
// Before it reads a register, the MSR source parses the CPU root's text:
// the online CPU list (parseCpuList, "0-3,8-11") and each CPU's
// physical_package_id and core_id (parseU64), as readText leaves them
// (NUL-terminated, line end trimmed). Input: a control byte, then the
// text. The CPU list is stored into a heap array of exactly Cap entries
// (Cap from the control byte), so AddressSanitizer sees a write past it.
// Oracles: an accepted list names no CPU above the parser's bound (a
// number too long for 64 bits must not wrap into a small one), stores
// min(Count, Cap) entries, and parseU64 returns what the digits spell.
//
//===----------------------------------------------------------------------===//
#include "FuzzValues.h"

#include "energy/Source.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

using namespace frugal::rt::energy;

namespace {

// parseCpuList's bound on a CPU number (the kernel's NR_CPUS is far lower).
constexpr uint64_t MaxCpu = 1u << 20;

void checkCpuList(const char *Text, size_t Len, const uint32_t *Out,
                  unsigned Cap, unsigned Count) {
  // The list ends at the first line end (what follows is not read).
  if (const void *End = memchr(Text, '\n', Len))
    Len = size_t(static_cast<const char *>(End) - Text);
  for (size_t I = 0; I < Len;) {
    size_t Digits;
    if (fuzzvalues::leadingNumber(Text + I, Len - I, Digits) > MaxCpu)
      abort();
    I += Digits ? Digits : 1;
  }
  for (unsigned I = 0; I < Count && I < Cap; ++I)
    if (Out[I] > MaxCpu)
      abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  size_t Len = Size - 1;
  std::unique_ptr<char[]> Text(new char[Len + 1]);
  memcpy(Text.get(), Data + 1, Len);
  Text[Len] = '\0';
  Len = strlen(Text.get()); // what the C-string parsers see
  if (Data[0] & 1) {
    unsigned Cap = Data[0] >> 1; // 0 to 127 entries
    std::unique_ptr<uint32_t[]> Out(new uint32_t[Cap ? Cap : 1]);
    unsigned Count = 0;
    if (parseCpuList(Text.get(), Out.get(), Cap, Count))
      checkCpuList(Text.get(), Len, Out.get(), Cap, Count);
  } else {
    uint64_t V;
    if (parseU64(Text.get(), V)) {
      size_t Digits;
      if (fuzzvalues::leadingNumber(Text.get(), Len, Digits) != V ||
          Digits != Len)
        abort();
    }
  }
  return 0;
}
