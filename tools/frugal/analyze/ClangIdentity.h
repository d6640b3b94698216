//===- ClangIdentity.h - Names and files of functions in an AST -*- C++ -*-===//
//
// The identity `frugal analyze` gives a function must match the one the pass
// gives it (pass/FunctionIdentity.h), since reports join the two on
// (linkage name, resolved file): the mangled name without ThinLTO suffixes,
// and the absolute file path without . and .. components.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TOOLS_FRUGAL_ANALYZE_CLANGIDENTITY_H
#define FRUGAL_TOOLS_FRUGAL_ANALYZE_CLANGIDENTITY_H

#include "FunctionSummary.h"

#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace clang {
class ASTContext;
class FunctionDecl;
} // namespace clang

namespace frugal::analysis {

class IdentityBuilder {
public:
  /// CompileDirectory: the compile command's directory, which relative file
  /// names are resolved against.
  IdentityBuilder(clang::ASTContext &Ctx, llvm::StringRef CompileDirectory);
  ~IdentityBuilder();

  /// Fills Key, Name, LinkageName, File, ResolvedFile, Line and Params.
  void identify(const clang::FunctionDecl &FD, FunctionSummary &Out);
  /// The Key identify() gives FD's definition; FD may be any declaration of
  /// the function, including one whose body is in another file.
  std::string key(const clang::FunctionDecl &FD);

private:
  struct Impl;
  std::unique_ptr<Impl> I;
};

} // namespace frugal::analysis

#endif // FRUGAL_TOOLS_FRUGAL_ANALYZE_CLANGIDENTITY_H
