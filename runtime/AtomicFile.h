//===- AtomicFile.h - Replace a file in one step --------------------------===//
//
// Content goes to "<target>.tmp.<pid>.<random>", created with
// O_CREAT|O_EXCL|O_NOFOLLOW|O_CLOEXEC and mode 0644 (less the umask) in the
// target's directory, then fsync'ed and renamed over the target. rename(2)
// replaces the directory entry, so a symlink planted at the target is
// replaced, never followed, and readers see the old file or the new one.
// Only system calls: usable from a signal handler.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_ATOMICFILE_H
#define FRUGAL_RUNTIME_ATOMICFILE_H

#include "Env.h"

#include <stddef.h>

namespace frugal::rt {

class AtomicFile {
public:
  // Creates the temporary file; false (with errno-based reason) on failure.
  bool open(const char *Target);
  bool write(const char *Data, size_t Len);
  // fsync + rename; removes the temporary file on failure.
  bool commit();
  // Closes and removes the temporary file.
  void discard();

  // For messages: what failed, and errno at that point.
  const char *failedStep() const { return FailedStep; }
  int error() const { return Errno; }
  const char *target() const { return Target; }

  // JsonWriter flush callback: Ctx is an AtomicFile.
  static bool writeCallback(void *Ctx, const char *Data, size_t Len);

private:
  bool fail(const char *Step);

  int Fd = -1;
  int Errno = 0;
  const char *FailedStep = nullptr;
  char Target[PathCapacity] = {};
  char TempPath[PathCapacity + 64] = {};
};

// Writes a file by calling Produce(Ctx, File), which returns false on
// failure. Tries Target; on failure warns once and retries with the same
// basename in FallbackDir. Returns the path written (Target or the fallback,
// in WrittenPath) or false when both failed (with a warning). Quiet: no
// warning (the caller has reported the same failure already).
using ProduceFn = bool (*)(void *Ctx, AtomicFile &File);
bool writeFileWithFallback(const char *Target, const char *FallbackDir,
                           ProduceFn Produce, void *Ctx,
                           char (&WrittenPath)[PathCapacity],
                           bool Quiet = false);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_ATOMICFILE_H
