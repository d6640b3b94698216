//===- AnalyzeProject.h - frugal analyze for other subcommands --*- C++ -*-===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZEPROJECT_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZEPROJECT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace frugal {

/// What `frugal analyze -p BUILD_DIR --format=json` writes: every file of
/// the compilation database analysed. \p AllFilesOk is false when some file
/// did not compile (clang's diagnostics were printed; the JSON has the rest).
llvm::Expected<std::string> analyzeBuildDirToJson(llvm::StringRef BuildDir,
                                                  bool &AllFilesOk);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZEPROJECT_H
