//===- Exec.h - Become another program --------------------------*- C++ -*-===//
#ifndef FRUGAL_TOOLS_FRUGAL_CLANG_EXEC_H
#define FRUGAL_TOOLS_FRUGAL_CLANG_EXEC_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace frugal {

/// Replaces this process with \p Args[0] run with \p Args. Returns only if
/// that failed.
///
/// The wrapper execs rather than spawning and waiting, so that clang keeps
/// the pid, the standard streams, the signals sent to it (a build killed by
/// Ctrl-C) and its exact exit status, as if the build had run it directly.
llvm::Error execProgram(llvm::ArrayRef<std::string> Args);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_CLANG_EXEC_H
