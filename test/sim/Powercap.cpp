//===- Powercap.cpp - fake powercap zone files ----------------------------===//
#include "Powercap.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace frugal::sim {

uint64_t EnergyCounter::valueFor(long double EnergyJ) {
  long double Q = std::floor(EnergyJ * 1e6L / (long double)QuantumUj);
  if (Q > (long double)Quanta)
    Quanta = (uint64_t)Q;
  // Whole quanta, shown as whole microjoules (the kernel's energy_uj is the
  // raw count times the unit, truncated).
  auto Total = StartUj + (uint64_t)std::floor((long double)Quanta *
                                              (long double)QuantumUj);
  Wraps = Total / (MaxRangeUj + 1);
  return Total % (MaxRangeUj + 1);
}

ZoneFile::~ZoneFile() {
  if (Fd >= 0)
    close(Fd);
}

bool writeSmallFile(const std::string &Path, const std::string &Text,
                    std::string &Error) {
  int F = open(Path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (F < 0 || write(F, Text.data(), Text.size()) != (ssize_t)Text.size()) {
    Error = "cannot write " + Path + ": " + std::strerror(errno);
    if (F >= 0)
      close(F);
    return false;
  }
  close(F);
  return true;
}

bool ZoneFile::create(const std::string &Dir, const std::string &ZoneName,
                      uint64_t MaxRangeUj, std::string &Error) {
  if (mkdir(Dir.c_str(), 0755) != 0 && errno != EEXIST) {
    Error = "cannot create " + Dir + ": " + std::strerror(errno);
    return false;
  }
  if (!writeSmallFile(Dir + "/name", ZoneName + "\n", Error) ||
      !writeSmallFile(Dir + "/max_energy_range_uj",
                      std::to_string(MaxRangeUj) + "\n", Error))
    return false;
  std::string Path = Dir + "/energy_uj";
  Fd = open(Path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (Fd < 0) {
    Error = "cannot create " + Path + ": " + std::strerror(errno);
    return false;
  }
  Len = 0;
  return true;
}

bool ZoneFile::writeText(const char *Text, size_t N) {
  // One pwrite: a concurrent pread sees the old or the new bytes of the
  // page. Shrinking leaves old trailing bytes after the new newline until
  // the ftruncate; a reader that stops at the newline never sees them.
  if (N > 0 && pwrite(Fd, Text, N, 0) != (ssize_t)N)
    return false;
  if (N < Len && ftruncate(Fd, (off_t)N) != 0)
    return false;
  Len = N;
  return true;
}

bool ZoneFile::writeValue(uint64_t ValueUj) {
  char Buf[32];
  int N =
      std::snprintf(Buf, sizeof(Buf), "%llu\n", (unsigned long long)ValueUj);
  return writeText(Buf, (size_t)N);
}

} // namespace frugal::sim
