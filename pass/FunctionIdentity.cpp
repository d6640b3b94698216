//===- FunctionIdentity.cpp - Names and source location of a function -----===//

#include "FunctionIdentity.h"
#include "SourcePath.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DebugInfoMetadata.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"

using namespace llvm;

namespace frugal {

StringRef stripThinLTOSuffix(StringRef Name) {
  size_t Pos = Name.rfind(".llvm.");
  if (Pos == StringRef::npos)
    return Name;
  StringRef Digits = Name.substr(Pos + strlen(".llvm."));
  if (Digits.empty() || !all_of(Digits, isDigit))
    return Name;
  return Name.take_front(Pos);
}

std::string IdentityBuilder::resolve(StringRef Directory, StringRef File) {
  std::string Key = (Directory + Twine('\0') + File).str();
  auto [It, Inserted] = Resolved.try_emplace(Key);
  if (!Inserted)
    return It->second;

  It->second = resolveSourcePath(Directory, File);
  return It->second;
}

FunctionIdentity IdentityBuilder::identify(const Function &F) {
  FunctionIdentity Id;
  Id.LinkageName = stripThinLTOSuffix(F.getName()).str();
  Id.Name = demangle(Id.LinkageName);
  StringRef Directory;
  if (const DISubprogram *SP = F.getSubprogram()) {
    Id.Line = SP->getLine();
    Id.File = SP->getFilename().str();
    Directory = SP->getDirectory();
  }
  if (Id.File.empty())
    Id.File = M.getSourceFileName();
  Id.ResolvedFile = resolve(Directory, Id.File);
  return Id;
}

} // namespace frugal
