//===- CompilerCheck.h - Can the chosen clang load the plugin? -*- C++ -*-===//
//
// FrugalPass.so loads only into the clang of the LLVM major version it was
// built against; any other clang fails with a loader error that does not say
// which clang ran or why (a "Wrong API version", or an undefined symbol). So
// before running it the wrapper finds out what it is about to run and, if it
// can tell that it will not do, says so and how to fix it.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_CLANG_COMPILERCHECK_H
#define FRUGAL_TOOLS_FRUGAL_CLANG_COMPILERCHECK_H

#include "Locate.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace frugal {

/// What the wrapper could find out about a compiler.
struct CompilerId {
  enum KindTy { Unknown, Clang, NotClang } Kind = Unknown;
  unsigned Major = 0; // LLVM major version, for Clang
};

/// Identifies the compiler at \p Path (named \p Given before PATH lookup),
/// from the file system when it can, else by running it with --version.
CompilerId identifyCompiler(llvm::StringRef Given, llvm::StringRef Path);

/// An error if \p C is not clang, or is a clang of another LLVM major
/// version than \p PluginMajor. A compiler that cannot be identified passes:
/// running it gives clang's own error at worst.
llvm::Error checkCompiler(const ChosenClang &C, unsigned PluginMajor);

} // namespace frugal

#endif // FRUGAL_TOOLS_FRUGAL_CLANG_COMPILERCHECK_H
