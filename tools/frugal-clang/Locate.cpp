//===- Locate.cpp - Where frugal-clang finds clang and frugal -------------===//

#include "Locate.h"

#include "WrapperConfig.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"

using namespace llvm;

namespace frugal {

static std::string absolute(StringRef Path) {
  SmallString<256> Abs(Path);
  sys::fs::make_absolute(Abs);
  sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return std::string(Abs);
}

static std::string fromEnvOr(const char *Var, const Twine &Default) {
  std::optional<std::string> Value = sys::Process::GetEnv(Var);
  return absolute(Value && !Value->empty() ? *Value : Default.str());
}

Layout locateLayout(const char *Argv0) {
  // Any address in this executable will do; on Linux it is not even used.
  static int InThisExecutable;
  SmallString<256> Prefix(sys::fs::getMainExecutable(Argv0, &InThisExecutable));
  sys::path::remove_filename(Prefix); // <prefix>/bin
  sys::path::remove_filename(Prefix); // <prefix>

  // The install's directories if they are there (relative ones only), else
  // the build tree's.
  auto Under = [&Prefix](StringRef InstallDir, StringRef BuildDir,
                         StringRef Marker) {
    if (!sys::path::is_absolute(InstallDir)) {
      SmallString<256> Dir(Prefix);
      sys::path::append(Dir, InstallDir, Marker);
      if (sys::fs::exists(Dir))
        return SmallString<256>(sys::path::parent_path(Dir));
    }
    SmallString<256> Dir(Prefix);
    sys::path::append(Dir, BuildDir);
    return Dir;
  };
  SmallString<256> Lib = Under(FRUGAL_INSTALL_LIBDIR, "lib", "FrugalPass.so");
  SmallString<256> Include =
      Under(FRUGAL_INSTALL_INCLUDEDIR, "include", "frugal");
  Layout L;
  L.Plugin = fromEnvOr("FRUGAL_PLUGIN", Lib + "/FrugalPass.so");
  L.RuntimeDir = fromEnvOr("FRUGAL_RUNTIME_DIR", Lib);
  L.IncludeDir = absolute(Include);
  std::optional<std::string> PluginVar = sys::Process::GetEnv("FRUGAL_PLUGIN");
  L.OwnPlugin = !PluginVar || PluginVar->empty();
  return L;
}

Error checkPlugin(const Layout &L) {
  if (sys::fs::exists(L.Plugin))
    return Error::success();
  return makeError("pass plugin not found at '" + L.Plugin + "'",
                   "build the FrugalPass target, or set FRUGAL_PLUGIN to "
                   "the path of FrugalPass.so");
}

Error checkRuntime(const Layout &L) {
  for (StringRef Name : {"libfrugal_rt.so", "libfrugal_rt.a"}) {
    SmallString<256> Path(L.RuntimeDir);
    sys::path::append(Path, Name);
    if (sys::fs::exists(Path))
      return Error::success();
  }
  return makeError("runtime library libfrugal_rt not found in '" +
                       L.RuntimeDir + "'",
                   "build the frugal_rt target, or set FRUGAL_RUNTIME_DIR "
                   "to the directory that holds libfrugal_rt.so");
}

Expected<ChosenClang> findClang(bool CPlusPlus) {
  const char *Var = CPlusPlus ? "FRUGAL_CXX" : "FRUGAL_CC";
  std::optional<std::string> Override = sys::Process::GetEnv(Var);
  bool FromVar = Override && !Override->empty();
  const char *Default = CPlusPlus ? FRUGAL_DEFAULT_CXX : FRUGAL_DEFAULT_CC;
  std::string Clang = FromVar ? *Override : Default;
  ChosenClang Chosen{Clang, Clang, Var, FromVar, CPlusPlus};
  // A bare name, like CC=clang-19, is looked up on PATH.
  if (!sys::path::has_parent_path(Clang)) {
    if (ErrorOr<std::string> Found = sys::findProgramByName(Clang)) {
      Chosen.Path = *Found;
      return Chosen;
    }
  } else if (sys::fs::can_execute(Clang)) {
    return Chosen;
  }
  return makeError("cannot run clang '" + Clang + "'",
                   "install clang-" FRUGAL_LLVM_MAJOR
                   " (the plugin's LLVM), or set " +
                       Twine(Var) + " to its path");
}

} // namespace frugal
