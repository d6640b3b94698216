// LD_PRELOAD shim for test/e2e/fault-output.c: makes file system calls on
// files under FAULT_IO_DIR fail as on an unwritable folder or a full disk,
// without root or a small file system of its own.
//   FAULT_IO_MODE=eacces  creating a file there fails with EACCES
//   FAULT_IO_MODE=enospc  every write(2) to a file there fails with ENOSPC
//   FAULT_IO_MODE=eio     fsync(2) of a file there fails with EIO
// Appends one byte per call it failed to the file FAULT_IO_COUNT, when set,
// so that a test can tell the fault was injected. FAULT_IO_HEAL_AFTER=N
// (with FAULT_IO_COUNT): no more faults once N have been injected, as when
// space is freed on a full disk.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static int under(const char *Path) {
  const char *Dir = getenv("FAULT_IO_DIR");
  if (!Dir || !*Dir || !Path)
    return 0;
  size_t N = strlen(Dir);
  return strncmp(Path, Dir, N) == 0 && (Path[N] == '/' || Path[N] == '\0');
}

static int fdUnder(int Fd) {
  char Link[64], Path[PATH_MAX];
  snprintf(Link, sizeof(Link), "/proc/self/fd/%d", Fd);
  ssize_t N = readlink(Link, Path, sizeof(Path) - 1);
  if (N <= 0)
    return 0;
  Path[N] = '\0';
  return under(Path);
}

static int healed(void) {
  const char *After = getenv("FAULT_IO_HEAL_AFTER");
  const char *Path = getenv("FAULT_IO_COUNT");
  struct stat St;
  return After && Path && stat(Path, &St) == 0 && St.st_size >= atol(After);
}

static int mode(const char *Name) {
  const char *M = getenv("FAULT_IO_MODE");
  return M && !strcmp(M, Name) && !healed();
}

static void count(void) {
  const char *Path = getenv("FAULT_IO_COUNT");
  if (!Path || !*Path)
    return;
  int Fd = (int)syscall(SYS_openat, AT_FDCWD, Path,
                        O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (Fd >= 0) {
    syscall(SYS_write, Fd, "x", 1);
    close(Fd);
  }
}

static int failCreate(const char *Path, int Flags) {
  if ((Flags & O_CREAT) && mode("eacces") && under(Path)) {
    count();
    errno = EACCES;
    return 1;
  }
  return 0;
}

#define OPEN_SHIM(NAME)                                                        \
  int NAME(const char *Path, int Flags, ...) {                                 \
    static int (*Next)(const char *, int, ...);                                \
    if (!Next)                                                                 \
      Next = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #NAME);         \
    va_list Ap;                                                                \
    va_start(Ap, Flags);                                                       \
    int Mode = (Flags & (O_CREAT | O_TMPFILE)) ? va_arg(Ap, int) : 0;          \
    va_end(Ap);                                                                \
    if (failCreate(Path, Flags))                                               \
      return -1;                                                               \
    return Next(Path, Flags, Mode);                                            \
  }
OPEN_SHIM(open)
OPEN_SHIM(open64)

ssize_t write(int Fd, const void *Data, size_t Len) {
  if (Fd > 2 && mode("enospc") && fdUnder(Fd)) {
    count();
    errno = ENOSPC;
    return -1;
  }
  return syscall(SYS_write, Fd, Data, Len);
}

int fsync(int Fd) {
  if (mode("eio") && fdUnder(Fd)) {
    count();
    errno = EIO;
    return -1;
  }
  return (int)syscall(SYS_fsync, Fd);
}
