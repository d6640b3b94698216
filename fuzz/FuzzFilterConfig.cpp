//===- FuzzFilterConfig.cpp - libFuzzer target: the pass's filter options -===//
//
// FilterConfig::load reads FRUGAL_INSTRUMENT_CONFIG (a file of `key =
// value` lines) and the FRUGAL_INSTRUMENT_* variables, whose regexes it
// compiles with llvm::Regex. Input: a control byte, then the config file's
// text up to the first NUL, then the value of one variable (the control
// byte picks which). The file is a memfd named by /proc/self/fd/N, so
// load() reads it through its own MemoryBuffer::getFile as in a build.
// A bad value only warns: load() must return, and describe() must work.
//
//===----------------------------------------------------------------------===//
#include "FilterConfig.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

using namespace frugal;

namespace {

constexpr const char *Variables[] = {
    "FRUGAL_INSTRUMENT_THRESHOLD",
    "FRUGAL_INSTRUMENT_INCLUDE",
    "FRUGAL_INSTRUMENT_EXCLUDE",
    "FRUGAL_INSTRUMENT_INCLUDE_FILE",
    "FRUGAL_INSTRUMENT_EXCLUDE_FILE",
    "FRUGAL_INSTRUMENT_SYSTEM_HEADERS",
    "FRUGAL_RECORD_ARGS",
};
constexpr size_t NumVariables = sizeof(Variables) / sizeof(Variables[0]);

// One memfd for the whole run, rewritten for each input.
int configFd() {
  static int Fd = memfd_create("frugal-fuzz-config", 0);
  if (Fd < 0)
    abort();
  return Fd;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  llvm::StringRef Rest(reinterpret_cast<const char *>(Data + 1), Size - 1);
  auto [File, Value] = Rest.split('\0');
  int Fd = configFd();
  if (ftruncate(Fd, 0) != 0 ||
      pwrite(Fd, File.data(), File.size(), 0) != ssize_t(File.size()))
    abort();
  std::string ConfigPath = "/proc/self/fd/" + std::to_string(Fd);
  const char *Variable = Variables[Data[0] % NumVariables];
  bool UseFile = Data[0] & 0x80;

  FilterConfig::EnvLookup Env =
      [&](llvm::StringRef Var) -> std::optional<std::string> {
    if (Var == "FRUGAL_INSTRUMENT_CONFIG" && UseFile)
      return ConfigPath;
    if (Var == Variable)
      return Value.str();
    return std::nullopt;
  };
  std::string Warnings;
  llvm::raw_string_ostream Warn(Warnings);
  FilterConfig C = FilterConfig::load(Env, Warn);
  (void)C.describe();
  return 0;
}
