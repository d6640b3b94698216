//===- FunctionIdentity.h - Names and source file of a function -*- C++ -*-===//
//
// The strings a record carries to identify its function in a profile.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_PASS_FUNCTIONIDENTITY_H
#define FRUGAL_PASS_FUNCTIONIDENTITY_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <string>

namespace llvm {
class Function;
class Module;
} // namespace llvm

namespace frugal {

struct FunctionIdentity {
  std::string LinkageName;  ///< mangled, ThinLTO ".llvm.N" suffix removed
  std::string Name;         ///< demangled LinkageName
  std::string File;         ///< source file as given to the compiler
  std::string ResolvedFile; ///< absolute, without . and .. components
  uint32_t Line = 0;        ///< 0 without debug info
};

/// Computes identities for the functions of one module. It caches resolved
/// paths, since most functions of a module share a handful of files.
class IdentityBuilder {
public:
  explicit IdentityBuilder(const llvm::Module &M) : M(M) {}
  FunctionIdentity identify(const llvm::Function &F);

private:
  std::string resolve(llvm::StringRef Directory, llvm::StringRef File);

  const llvm::Module &M;
  llvm::StringMap<std::string> Resolved;
};

/// Drops the ".llvm.<digits>" suffix ThinLTO appends to promoted locals, so
/// that a function has the same name in every build mode.
llvm::StringRef stripThinLTOSuffix(llvm::StringRef Name);

} // namespace frugal

#endif // FRUGAL_PASS_FUNCTIONIDENTITY_H
