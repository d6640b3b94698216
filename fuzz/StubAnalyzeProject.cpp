//===- StubAnalyzeProject.cpp - analyzeBuildDir without libclang ----------===//
//
// StaticData.cpp can also run the analysis (-p BUILD_DIR), which needs all
// of frugal analyze and libclang-cpp. The fuzz target only parses text:
// this stub keeps the analysis out of its link.
//
//===----------------------------------------------------------------------===//
#include "AnalyzeProject.h"

#include "llvm/Support/Errc.h"

namespace frugal {

llvm::Expected<std::string> analyzeBuildDirToJson(llvm::StringRef, bool &) {
  return llvm::createStringError(llvm::errc::not_supported,
                                 "not in the fuzz target");
}

void setAnalyzeCommandLineFlags(std::vector<std::string>) {}

} // namespace frugal
