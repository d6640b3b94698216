//===- CompilerCheck.cpp - Can the chosen clang load the plugin? ----------===//
//
// The check runs on every compile, and `clang --version` costs about half of
// a small compile (it loads the LLVM shared libraries: ~35 ms, against ~70 ms
// for compiling a one-function file), so the file system answers whenever it
// can, most certain first:
//
//  1. The name of the real file, links resolved: LLVM's build names the
//     binary clang-<major> and makes clang and clang++ links to it (release
//     tarballs, source builds, Fedora, Homebrew).
//  2. Its resource directory, <bin>/../lib/clang/<version>, where clang looks
//     for its own headers; named by the major version (the full version
//     before LLVM 16). Debian's /usr/lib/llvm-N/bin/clang, which
//     /usr/bin/clang-N links to, is found this way.
//  3. The name it was run by, for launchers that act on that name, like
//     ccache's /usr/lib/ccache/clang-19.
//
// gcc is recognised by the same names (cc and c++ resolve to it). Only a
// compiler none of these identify (a script, a renamed copy) is run with
// --version. Its answer is not cached: a cache file shared by parallel
// compiles, kept valid across upgrades, in a home that a sandboxed build may
// not let us write, would be more fragile than an extra exec for an unusual
// setup.
//
//===----------------------------------------------------------------------===//

#include "CompilerCheck.h"

#include "support/Diagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/Regex.h"

#include <optional>

using namespace llvm;

namespace frugal {

static std::optional<unsigned> leadingNumber(StringRef S) {
  unsigned N;
  if (S.take_while(isDigit).getAsInteger(10, N))
    return std::nullopt;
  return N;
}

static CompilerId fromName(StringRef Name) {
  static const Regex ClangName("^clang(\\+\\+)?-([0-9]+)$");
  static const Regex GccName("(^|-)(gcc|g\\+\\+)(-[0-9.]+)?$");
  SmallVector<StringRef, 3> Match;
  if (ClangName.match(Name, &Match))
    if (std::optional<unsigned> Major = leadingNumber(Match[2]))
      return {CompilerId::Clang, *Major};
  if (GccName.match(Name))
    return {CompilerId::NotClang};
  return {};
}

static CompilerId fromResourceDir(StringRef RealPath) {
  // Only for a file named like clang: another program in a bin/ next to a
  // clang's lib/ is not that clang.
  if (!sys::path::filename(RealPath).starts_with("clang"))
    return {};
  SmallString<256> Dir(
      sys::path::parent_path(sys::path::parent_path(RealPath)));
  sys::path::append(Dir, "lib", "clang");
  std::optional<unsigned> Major;
  std::error_code EC;
  for (sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC)) {
    std::optional<unsigned> N = leadingNumber(sys::path::filename(It->path()));
    if (!N)
      continue;
    // Several clangs installed into one prefix share lib/clang.
    if (Major && *Major != *N)
      return {};
    Major = N;
  }
  if (EC || !Major)
    return {};
  return {CompilerId::Clang, *Major};
}

static CompilerId fromVersionOutput(StringRef Text) {
  static const Regex ClangVersion("clang version ([0-9]+)\\.");
  SmallVector<StringRef, 2> Match;
  if (ClangVersion.match(Text, &Match))
    if (std::optional<unsigned> Major = leadingNumber(Match[1]))
      return {CompilerId::Clang, *Major};
  // gcc's --version carries its copyright line.
  if (Text.contains("Free Software Foundation"))
    return {CompilerId::NotClang};
  return {};
}

static CompilerId probeVersion(StringRef Path) {
  SmallString<128> Out;
  if (sys::fs::createTemporaryFile("frugal-clang-version", "txt", Out))
    return {};
  FileRemover RemoveOut(Out);
  // Not the build's stdin, which may be what is being compiled.
  std::optional<StringRef> Redirects[] = {StringRef(), StringRef(Out),
                                          StringRef()};
  sys::ExecuteAndWait(Path, {Path, "--version"}, std::nullopt, Redirects,
                      /*SecondsToWait=*/10);
  ErrorOr<std::unique_ptr<MemoryBuffer>> Text = MemoryBuffer::getFile(Out);
  if (!Text)
    return {};
  return fromVersionOutput((*Text)->getBuffer());
}

CompilerId identifyCompiler(StringRef Given, StringRef Path) {
  SmallString<256> Real;
  if (sys::fs::real_path(Path, Real))
    Real = Path;
  CompilerId Id = fromName(sys::path::filename(Real));
  if (Id.Kind == CompilerId::Unknown)
    Id = fromResourceDir(Real);
  if (Id.Kind == CompilerId::Unknown)
    Id = fromName(sys::path::filename(Given));
  if (Id.Kind == CompilerId::Unknown)
    Id = probeVersion(Path);
  return Id;
}

// The oldest LLVM frugal builds with (pass/Compat.h): an older clang gets no
// advice to rebuild frugal for it.
static constexpr unsigned OldestLlvm = 19;

Error checkCompiler(const ChosenClang &C, unsigned PluginMajor) {
  CompilerId Id = identifyCompiler(C.Given, C.Path);
  if (Id.Kind == CompilerId::Unknown ||
      (Id.Kind == CompilerId::Clang && Id.Major == PluginMajor))
    return Error::success();

  // Worded like frugal_instrument's configure-time check (FrugalConfig.cmake).
  std::string What = C.FromVar ? (Twine(C.Var) + "=" + C.Given).str()
                               : std::string("the default clang");
  if (C.Path != C.Given || !C.FromVar)
    What += " ('" + C.Path + "')";
  if (Id.Kind == CompilerId::NotClang)
    What += " is not clang";
  else
    What += " is clang " + std::to_string(Id.Major);
  What += ", but FrugalPass.so was built for clang " +
          std::to_string(PluginMajor) + ", the only compiler that can load it";

  std::string Fits =
      (C.CPlusPlus ? "clang++-" : "clang-") + std::to_string(PluginMajor);
  std::string Fix =
      C.FromVar ? "unset " + std::string(C.Var) + " or set it to " + Fits
                : "install " + Fits + " and set " + std::string(C.Var) +
                      " to its path";
  if (Id.Kind == CompilerId::Clang && Id.Major >= OldestLlvm)
    Fix += ", or rebuild frugal with -DFRUGAL_LLVM_VERSION=" +
           std::to_string(Id.Major);
  return makeError(What, Fix);
}

} // namespace frugal
