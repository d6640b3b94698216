//===- SourcePath.h - The resolved path of a source file --------*- C++ -*-===//
//
// Profiles (from the pass's debug-info names) and `frugal analyze` (from
// clang's source manager) are joined on the resolved file, so both compute
// it with this one rule. Header-only: the pass plugin and the tools share
// no library.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_SOURCEPATH_H
#define FRUGAL_PASS_SOURCEPATH_H

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <string>

namespace frugal {

/// File joined to Directory unless absolute, made absolute (against the
/// working directory, for a relative Directory such as
/// -fdebug-compilation-dir=.), without . and .. components.
inline std::string resolveSourcePath(llvm::StringRef Directory,
                                     llvm::StringRef File) {
  llvm::SmallString<256> Path;
  if (llvm::sys::path::is_absolute(File)) {
    Path = File;
  } else {
    Path = Directory;
    llvm::sys::path::append(Path, File);
  }
  if (!llvm::sys::path::is_absolute(Path))
    llvm::sys::fs::make_absolute(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Path);
  return Path.str().str();
}

} // namespace frugal

#endif // FRUGAL_PASS_SOURCEPATH_H
