//===- OutputPath.h - Expanding the FRUGAL_OUTPUT template ----------------===//
//
//   %p  process id          %h  host name
//   %e  executable basename %r  MPI/Slurm rank ("0" when none is set)
//   %%  a literal '%'
// Each substituted value is one path component: '/' becomes '_', and a
// value "." or ".." becomes "_" or "__" (a host name may hold any byte).
// Any other '%' sequence (and a trailing '%') is kept literally, with one
// warning. A result that does not fit the path buffer falls back to the
// default template with a warning.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_RUNTIME_OUTPUTPATH_H
#define FRUGAL_RUNTIME_OUTPUTPATH_H

#include "Env.h"

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

namespace frugal::rt {

struct PathValues {
  pid_t Pid = 0;
  const char *Host = "";
  const char *Executable = ""; // basename
  const char *Rank = "0";
  // A later copy of the runtime in the process (docs/runtime.md, "Several
  // copies of the runtime"): its module's base name, which its path gains
  // so as not to replace the first copy's profile. Null for the first.
  const char *Copy = nullptr;
};

// Expands Template into Out (Cap bytes). Returns false when the result does
// not fit. UnknownEscapes counts '%' sequences kept literally.
bool expandOutputTemplate(const char *Template, const PathValues &Values,
                          char *Out, size_t Cap, unsigned &UnknownEscapes);

// Whether Template contains %p (so every process gets its own file).
bool templateHasPid(const char *Template);

// Whether an executable (its base name) is a build system's configure-time
// test: autoconf's conftest, CMake's try_compile/try_run cmTC_*. They are
// not measured unless FRUGAL_OUTPUT says where their profile goes, so that
// configuring an instrumented build leaves no profiles behind.
bool isConfigureTestProgram(const char *BaseName);

// A forked child whose template lacks %p would overwrite its parent's
// profile: it appends ".<pid>" to the expanded path. False if it does not
// fit.
bool appendPidSuffix(char *Path, size_t Cap, pid_t Pid);

// A later copy's path: ".<Module>" inserted before a final ".json"
// ("p.json" -> "p.plugin.so.json"), or appended when there is none. False
// if it does not fit.
bool insertCopySuffix(char *Path, size_t Cap, const char *Module);

// Expands with warnings and the default-template fallback; applies a later
// copy's suffix (Values.Copy), then, for a forked child (IsForkChild), the
// pid suffix rule.
void computeOutputPath(const char *Template, const PathValues &Values,
                       bool IsForkChild, char (&Out)[PathCapacity]);

} // namespace frugal::rt

#endif // FRUGAL_RUNTIME_OUTPUTPATH_H
