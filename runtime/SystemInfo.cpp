//===- SystemInfo.cpp - Facts about the process and the machine -----------===//
#include "SystemInfo.h"

#include "Memory.h"

#include <charconv>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

namespace frugal::rt {

namespace {

int openForReading(const char *Path) {
  int Fd;
  do
    Fd = open(Path, O_RDONLY | O_CLOEXEC);
  while (Fd < 0 && errno == EINTR);
  return Fd;
}

// Reads until EOF or Cap bytes; returns bytes read or -1.
ssize_t readAll(int Fd, char *Buf, size_t Cap) {
  size_t Done = 0;
  while (Done < Cap) {
    ssize_t R = read(Fd, Buf + Done, Cap - Done);
    if (R < 0 && errno == EINTR)
      continue;
    if (R < 0)
      return -1;
    if (R == 0)
      break;
    Done += static_cast<size_t>(R);
  }
  return static_cast<ssize_t>(Done);
}

void copyTruncated(char *Out, size_t Cap, const char *S, size_t Len) {
  if (Cap == 0)
    return;
  if (Len >= Cap)
    Len = Cap - 1;
  memcpy(Out, S, Len);
  Out[Len] = '\0';
}

// The value of the first "Key<spaces>: value" line of a /proc/cpuinfo text.
bool cpuinfoField(const char *Text, const char *Key, char *Out, size_t Cap) {
  size_t KeyLen = strlen(Key);
  for (const char *Line = Text; Line && *Line;) {
    const char *End = strchr(Line, '\n');
    if (!strncmp(Line, Key, KeyLen) &&
        (Line[KeyLen] == ' ' || Line[KeyLen] == '\t' || Line[KeyLen] == ':')) {
      const char *Colon = strchr(Line, ':');
      if (Colon && (!End || Colon < End)) {
        const char *V = Colon + 1;
        while (*V == ' ' || *V == '\t')
          ++V;
        size_t Len = End ? static_cast<size_t>(End - V) : strlen(V);
        copyTruncated(Out, Cap, V, Len);
        return Len > 0;
      }
    }
    Line = End ? End + 1 : nullptr;
  }
  return false;
}

} // namespace

bool readSmallFile(const char *Path, char *Buf, size_t Cap, size_t &Len) {
  Len = 0;
  if (Cap == 0)
    return false;
  int Fd = openForReading(Path);
  if (Fd < 0) {
    Buf[0] = '\0';
    return false;
  }
  ssize_t R = readAll(Fd, Buf, Cap - 1);
  close(Fd);
  if (R < 0) {
    Buf[0] = '\0';
    return false;
  }
  Len = static_cast<size_t>(R);
  Buf[Len] = '\0';
  return true;
}

bool readWholeFile(const char *Path, Arena &A, char *&Data, size_t &Len) {
  // /proc files have no size: read in growing buffers.
  Data = nullptr;
  Len = 0;
  int Fd = openForReading(Path);
  if (Fd < 0)
    return false;
  size_t Cap = 4096;
  char *Buf = nullptr;
  size_t Used = 0;
  for (;;) {
    char *Bigger = A.allocateArray<char>(Cap + 1);
    if (!Bigger) {
      close(Fd);
      return false;
    }
    if (Buf)
      memcpy(Bigger, Buf, Used);
    Buf = Bigger;
    ssize_t R = readAll(Fd, Buf + Used, Cap - Used);
    if (R < 0) {
      close(Fd);
      return false;
    }
    Used += static_cast<size_t>(R);
    if (Used < Cap)
      break;
    Cap *= 2;
  }
  close(Fd);
  Buf[Used] = '\0';
  Data = Buf;
  Len = Used;
  return true;
}

bool executablePath(char *Out, size_t Cap) {
  ssize_t N = readlink("/proc/self/exe", Out, Cap - 1);
  if (N <= 0) {
    Out[0] = '\0';
    return false;
  }
  Out[N] = '\0';
  return true;
}

const char *baseName(const char *Path) {
  const char *Slash = strrchr(Path, '/');
  return Slash ? Slash + 1 : Path;
}

void objectPathOf(const void *Addr, char *Out, size_t Cap) {
  Dl_info Info;
  link_map *Map = nullptr;
  if (dladdr1(Addr, &Info, reinterpret_cast<void **>(&Map), RTLD_DL_LINKMAP) &&
      Map && Map->l_name && Map->l_name[0] && Info.dli_fname &&
      Info.dli_fname[0]) {
    // dlopen("lib/x.so") records the path as given: anchor it at the
    // current directory, which is what it was relative to (if unchanged).
    size_t Len = 0;
    if (Info.dli_fname[0] != '/' && getcwd(Out, Cap)) {
      Len = strlen(Out);
      if (Len + 1 < Cap && (Len == 0 || Out[Len - 1] != '/'))
        Out[Len++] = '/';
    }
    copyTruncated(Out + Len, Cap - Len, Info.dli_fname, strlen(Info.dli_fname));
    return;
  }
  // The main program (empty l_name), or a static executable without dladdr.
  executablePath(Out, Cap);
}

bool isInMainProgram(const void *Addr) {
  Dl_info Info;
  link_map *Map = nullptr;
  // The main program's link map has an empty name. No answer (a static
  // executable, or memory that belongs to no object) means "not known to
  // be": callers then keep their default behaviour.
  return dladdr1(Addr, &Info, reinterpret_cast<void **>(&Map),
                 RTLD_DL_LINKMAP) &&
         Map && (!Map->l_name || !Map->l_name[0]);
}

bool hostName(char *Out, size_t Cap) {
  if (gethostname(Out, Cap) != 0) {
    copyTruncated(Out, Cap, "unknown", 7);
    return false;
  }
  Out[Cap - 1] = '\0';
  return true;
}

void collectMachineInfo(MachineInfo &Out) {
  static constexpr size_t CpuinfoBytes = 64 << 10; // the first CPU's entry
  ScopedArena A;
  char *Text = A.allocateArray<char>(CpuinfoBytes);
  size_t Len = 0;
  strcpy(Out.CpuModel, "unknown");
  if (Text && readSmallFile("/proc/cpuinfo", Text, CpuinfoBytes, Len)) {
    // x86: "model name"; AArch64 kernels: sometimes "model name", else the
    // implementer and part numbers are all there is.
    if (!cpuinfoField(Text, "model name", Out.CpuModel, sizeof(Out.CpuModel)) &&
        !cpuinfoField(Text, "Hardware", Out.CpuModel, sizeof(Out.CpuModel))) {
      char Impl[32], Part[32];
      if (cpuinfoField(Text, "CPU implementer", Impl, sizeof(Impl)) &&
          cpuinfoField(Text, "CPU part", Part, sizeof(Part))) {
        char *P = Out.CpuModel;
        P = stpcpy(P, "implementer ");
        P = stpcpy(P, Impl);
        P = stpcpy(P, " part ");
        stpcpy(P, Part);
      }
    }
  }
  Out.Cores = sysconf(_SC_NPROCESSORS_ONLN);
  utsname U;
  if (uname(&U) == 0)
    copyTruncated(Out.Kernel, sizeof(Out.Kernel), U.release, strlen(U.release));
  else
    strcpy(Out.Kernel, "unknown");
  Out.HasGovernor =
      readSmallFile("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor",
                    Out.Governor, sizeof(Out.Governor), Len);
  if (Out.HasGovernor) {
    while (Len &&
           (Out.Governor[Len - 1] == '\n' || Out.Governor[Len - 1] == ' '))
      Out.Governor[--Len] = '\0';
    Out.HasGovernor = Len > 0;
  }
}

RankInfo readRank(const char *(*Lookup)(const char *)) {
  static constexpr const char *Vars[] = {"OMPI_COMM_WORLD_RANK", "PMI_RANK",
                                         "SLURM_PROCID"};
  RankInfo R;
  for (const char *Var : Vars) {
    const char *V = Lookup ? Lookup(Var) : getenv(Var);
    if (!V || !*V)
      continue;
    size_t Len = strlen(V);
    uint64_t Value = 0;
    auto Res = std::from_chars(V, V + Len, Value, 10);
    if (Res.ec != std::errc() || Res.ptr != V + Len || Len >= sizeof(R.Text))
      continue;
    R.Known = true;
    R.Value = Value;
    memcpy(R.Text, V, Len + 1);
    break;
  }
  return R;
}

} // namespace frugal::rt
