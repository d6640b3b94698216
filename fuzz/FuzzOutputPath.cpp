//===- FuzzOutputPath.cpp - libFuzzer target: FRUGAL_OUTPUT expansion -----===//
//
// Input: one control byte, then NUL-separated fields: the template, the
// host name, the executable, the rank and a later copy's module name
// (missing fields are empty). The expansion and the suffix rules write
// into a heap buffer of exactly Cap bytes (Cap from the control byte, so
// small buffers are tried too): AddressSanitizer sees any write past it.
// A successful result must be NUL-terminated inside the buffer.
//
//===----------------------------------------------------------------------===//
#include "OutputPath.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

using namespace frugal::rt;

namespace {

void checkTerminated(const char *Out, size_t Cap) {
  if (!memchr(Out, '\0', Cap))
    abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  uint8_t Control = Data[0];
  std::vector<std::string> Fields(5);
  size_t Field = 0;
  for (size_t I = 1; I < Size; ++I) {
    if (Data[I] == '\0') {
      if (++Field == Fields.size())
        break;
      continue;
    }
    Fields[Field] += char(Data[I]);
  }
  PathValues Values;
  Values.Pid = pid_t(Size * 7919);
  Values.Host = Fields[1].c_str();
  Values.Executable = Fields[2].c_str();
  Values.Rank = Fields[3].c_str();
  Values.Copy = Field >= 4 ? Fields[4].c_str() : nullptr;
  const char *Template = Fields[0].c_str();

  size_t Cap = Control & 0x3f; // 0 to 63 bytes
  std::unique_ptr<char[]> Out(new char[Cap ? Cap : 1]);
  unsigned Unknown = 0;
  if (expandOutputTemplate(Template, Values, Out.get(), Cap, Unknown)) {
    checkTerminated(Out.get(), Cap);
    if (Values.Copy && insertCopySuffix(Out.get(), Cap, Values.Copy))
      checkTerminated(Out.get(), Cap);
    if (appendPidSuffix(Out.get(), Cap, Values.Pid))
      checkTerminated(Out.get(), Cap);
  }
  (void)templateHasPid(Template);
  (void)isConfigureTestProgram(Values.Executable);

  static char Path[PathCapacity];
  computeOutputPath(Template, Values, /*IsForkChild=*/Control & 0x40, Path);
  checkTerminated(Path, sizeof(Path));
  return 0;
}
