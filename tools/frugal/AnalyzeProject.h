//===- AnalyzeProject.h - frugal analyze for other subcommands --*- C++ -*-===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZEPROJECT_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZEPROJECT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace frugal {

/// What `frugal analyze -p BUILD_DIR --format=json` writes: every file of
/// the compilation database analysed. \p AllFilesOk is false when some file
/// did not compile (clang's diagnostics were printed; the JSON has the rest).
llvm::Expected<std::string> analyzeBuildDirToJson(llvm::StringRef BuildDir,
                                                  bool &AllFilesOk);

/// `frugal analyze FILES -- FLAGS`: the compile flags given after `--`,
/// used for every FILE instead of a compile_commands.json (as clang tools
/// do). Called before the command line is parsed.
void setAnalyzeCommandLineFlags(std::vector<std::string> Flags);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZEPROJECT_H
