//===- AtomicFile.cpp - Replace a file in one step ------------------------===//
#include "AtomicFile.h"

#include "Clock.h"
#include "Log.h"
#include "SystemInfo.h"

#include <charconv>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

namespace frugal::rt {

namespace {

uint64_t randomSuffix() {
  uint64_t R = 0;
  if (getrandom(&R, sizeof(R), GRND_NONBLOCK) == sizeof(R))
    return R;
  // No entropy yet (early boot): uniqueness is what matters, and O_EXCL
  // catches a collision anyway.
  return readTicks() ^ (monotonicNs() << 17) ^ reinterpret_cast<uintptr_t>(&R);
}

// strerror may translate (and allocate); the untranslated text is static.
const char *errorText(int Errno) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || __GLIBC_MINOR__ >= 32)
  if (const char *D = strerrordesc_np(Errno))
    return D;
#endif
  return Errno ? "system error" : "unknown error";
}

char *appendNumber(char *P, char *End, uint64_t V, int Base = 10) {
  return std::to_chars(P, End, V, Base).ptr;
}

} // namespace

bool AtomicFile::fail(const char *Step) {
  Errno = errno;
  FailedStep = Step;
  return false;
}

bool AtomicFile::open(const char *TargetPath) {
  FailedStep = nullptr;
  Errno = 0;
  size_t Len = strlen(TargetPath);
  if (Len == 0 || Len >= sizeof(Target)) {
    errno = ENAMETOOLONG;
    return fail("open");
  }
  memcpy(Target, TargetPath, Len + 1);
  for (int Attempt = 0; Attempt < 8; ++Attempt) {
    char *P = stpcpy(TempPath, Target);
    char *End = TempPath + sizeof(TempPath) - 1;
    P = stpcpy(P, ".tmp.");
    P = appendNumber(P, End, static_cast<uint64_t>(getpid()));
    *P++ = '.';
    P = appendNumber(P, End, randomSuffix(), 16);
    *P = '\0';
    do
      Fd = ::open(TempPath,
                  O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    while (Fd < 0 && errno == EINTR);
    if (Fd >= 0)
      return true;
    if (errno != EEXIST)
      break;
  }
  TempPath[0] = '\0';
  return fail("create a temporary file beside");
}

bool AtomicFile::write(const char *Data, size_t Len) {
  while (Len) {
    ssize_t W = ::write(Fd, Data, Len);
    if (W < 0 && errno == EINTR)
      continue;
    if (W <= 0) {
      if (W == 0)
        errno = EIO;
      return fail("write");
    }
    Data += W;
    Len -= static_cast<size_t>(W);
  }
  return true;
}

bool AtomicFile::writeCallback(void *Ctx, const char *Data, size_t Len) {
  return static_cast<AtomicFile *>(Ctx)->write(Data, Len);
}

bool AtomicFile::commit() {
  if (fsync(Fd) != 0 && errno != EINVAL) { // EINVAL: no fsync (pipes, some FS)
    fail("fsync");
    discard();
    return false;
  }
  int Rc = ::close(Fd);
  Fd = -1;
  if (Rc != 0 && errno != EINTR) {
    fail("close");
    unlink(TempPath);
    return false;
  }
  if (rename(TempPath, Target) != 0) {
    fail("rename the temporary file to");
    unlink(TempPath);
    return false;
  }
  return true;
}

void AtomicFile::discard() {
  int SavedErrno = errno;
  if (Fd >= 0)
    ::close(Fd);
  Fd = -1;
  if (TempPath[0])
    unlink(TempPath);
  errno = SavedErrno;
}

bool writeFileWithFallback(const char *Target, const char *FallbackDir,
                           ProduceFn Produce, void *Ctx,
                           char (&WrittenPath)[PathCapacity], bool Quiet) {
  auto Attempt = [&](const char *Path, AtomicFile &F) {
    if (!F.open(Path))
      return false;
    if (!Produce(Ctx, F)) {
      F.discard();
      return false;
    }
    return F.commit();
  };
  auto Reason = [](const AtomicFile &F) {
    return F.failedStep() ? F.failedStep() : "write";
  };

  // One AtomicFile for both attempts (each open() starts afresh): the
  // crash handler writes on the crashing thread's stack, and each holds two
  // paths.
  AtomicFile File;
  if (Attempt(Target, File)) {
    strcpy(WrittenPath, Target);
    return true;
  }
  char Fallback[PathCapacity];
  const char *Base = baseName(Target);
  size_t DirLen = strlen(FallbackDir);
  bool Fits = DirLen + 1 + strlen(Base) < sizeof(Fallback);
  if (Fits) {
    char *P = stpcpy(Fallback, FallbackDir);
    if (DirLen == 0 || FallbackDir[DirLen - 1] != '/')
      *P++ = '/';
    strcpy(P, Base);
    Fits = strcmp(Fallback, Target) != 0;
  }
  if (!Quiet)
    warning("cannot ", Reason(File), " ", Target, ": ", errorText(File.error()),
            Fits ? "; writing the profile to " : "; the profile is not written",
            Fits ? Fallback : "");
  if (!Fits)
    return false;
  if (Attempt(Fallback, File)) {
    strcpy(WrittenPath, Fallback);
    return true;
  }
  if (!Quiet)
    warning("cannot ", Reason(File), " ", Fallback, ": ",
            errorText(File.error()), "; the profile is not written");
  return false;
}

} // namespace frugal::rt
