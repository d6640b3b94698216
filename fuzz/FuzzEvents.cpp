//===- FuzzEvents.cpp - libFuzzer target: the FRUGAL_EVENTS parser --------===//
//
// parseEventList runs at start-up on whatever the user exported. The
// input is copied into a buffer of exactly its size plus the NUL, so
// AddressSanitizer sees any read past the variable's end. Invariants the
// counters code relies on: at most MaxListedEvents names, each
// NUL-terminated, non-empty, without blanks at either end, none twice.
//
//===----------------------------------------------------------------------===//
#include "counters/EventList.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string_view>

using namespace frugal::rt::counters;

namespace {
void ignoreWarning(std::string_view) {}
bool isBlank(char C) { return C == ' ' || C == '\t' || C == '\n'; }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  std::unique_ptr<char[]> Text(new char[Size + 1]);
  memcpy(Text.get(), Data, Size);
  Text[Size] = '\0';
  EventList List;
  parseEventList(Text.get(), List, ignoreWarning);
  if (List.Count > MaxListedEvents)
    abort();
  for (unsigned I = 0; I < List.Count; ++I) {
    size_t Len = strnlen(List.Names[I], MaxEventNameBytes);
    if (Len == 0 || Len == MaxEventNameBytes || isBlank(List.Names[I][0]) ||
        isBlank(List.Names[I][Len - 1]) || memchr(List.Names[I], ',', Len))
      abort();
    for (unsigned J = 0; J < I; ++J)
      if (strcmp(List.Names[I], List.Names[J]) == 0)
        abort();
  }
  return 0;
}
