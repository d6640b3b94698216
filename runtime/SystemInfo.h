//===- SystemInfo.h - Facts about the process and the machine -------------===//
//
// Everything here uses plain system calls into caller-provided buffers, so
// the profile writer can call it from a signal handler.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_SYSTEMINFO_H
#define FRUGAL_RUNTIME_SYSTEMINFO_H

#include <stddef.h>
#include <stdint.h>

namespace frugal::rt {

class Arena;

// Reads at most Cap-1 bytes of Path and NUL-terminates; false on error.
bool readSmallFile(const char *Path, char *Buf, size_t Cap, size_t &Len);
// Reads a whole (possibly large) file into Arena memory, NUL-terminated.
bool readWholeFile(const char *Path, Arena &A, char *&Data, size_t &Len);

// /proc/self/exe; false (and "") on failure.
bool executablePath(char *Out, size_t Cap);
// Part after the last '/'.
const char *baseName(const char *Path);
// The executable or shared object containing Addr: dladdr's path, or
// /proc/self/exe for the main program (whose dladdr name is argv[0] or "").
void objectPathOf(const void *Addr, char *Out, size_t Cap);
// Whether Addr lies in the main program of a dynamically linked process
// (false for shared objects, and when the dynamic linker cannot tell).
bool isInMainProgram(const void *Addr);

bool hostName(char *Out, size_t Cap);

struct MachineInfo {
  char CpuModel[256];
  long Cores;
  char Kernel[128];
  char Governor[64];
  bool HasGovernor;
};
void collectMachineInfo(MachineInfo &Out);

// MPI/Slurm rank from OMPI_COMM_WORLD_RANK, PMI_RANK or SLURM_PROCID (first
// set, non-negative integer); read at initialisation.
struct RankInfo {
  bool Known = false;
  uint64_t Value = 0;
  char Text[24] = "0"; // for %r: "0" when unknown
};
RankInfo readRank(const char *(*Lookup)(const char *) = nullptr);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_SYSTEMINFO_H
