//===- frugal-clang.cpp - clang, with frugal's pass and runtime -----------===//
//
// `frugal-clang` and `frugal-clang++` take clang's arguments and run the
// matching clang with what profiling needs added:
//
//   clang -fpass-plugin=<plugin> -I<prefix>/include [-gline-tables-only | -g]
//         <arguments>
//         [-fuse-ld=lld -Wl,--load-pass-plugin=<plugin>]       (-flto link)
//         [-L<lib> -Wl,-rpath,<lib> -lfrugal_rt]               (link)
//
// Line tables give the profile file:line for each function. With argument
// recording on (FRUGAL_RECORD_ARGS=1, or record_args in the pass's config
// file) it is -g instead, whose variables name the parameters. An explicit
// -g option (even -g0) is respected. Under LTO the pass defers to the link,
// where only lld can load it. The runtime goes last, after the objects that
// call its hooks, so --as-needed (the default of some distributions) keeps
// it.
//
//===----------------------------------------------------------------------===//

#include "ArgScan.h"
#include "CompilerCheck.h"
#include "Exec.h"
#include "FilterConfig.h"
#include "Locate.h"
#include "WrapperConfig.h"
#include "support/Diagnostics.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdlib>
#include <string>
#include <vector>

using namespace llvm;
using namespace frugal;

// Scans the arguments with response files (@file) expanded: build systems
// put long link lines in them. clang gets the arguments as given.
static ArgScan scanExpanded(int Argc, const char **Argv) {
  BumpPtrAllocator Alloc;
  SmallVector<const char *, 64> Expanded(Argv + 1, Argv + Argc);
  cl::ExpansionContext Expansion(Alloc, cl::TokenizeGNUCommandLine);
  // An unreadable response file is clang's to report.
  consumeError(Expansion.expandResponseFiles(Expanded));
  std::vector<StringRef> Args(Expanded.begin(), Expanded.end());
  return scanArgs(Args);
}

static void addLtoLinkFlags(std::vector<std::string> &Command,
                            const ArgScan &Scan, const Layout &L) {
  if (Scan.Linker && !isLld(*Scan.Linker)) {
    WithColor::warning(errs(), "frugal")
        << "-flto code is instrumented at link time, which only lld can do, "
           "but the link uses '"
        << *Scan.Linker << "'; use -fuse-ld=lld to profile it\n";
    return;
  }
  if (!Scan.Linker)
    Command.push_back("-fuse-ld=lld"); // clang finds its own LLVM's ld.lld.
  Command.push_back("-Wl,--load-pass-plugin=" + L.Plugin);
}

/// Whether the pass will record arguments, as it decides it (same variables
/// and config file); its warnings about bad values are the pass's to print.
static bool recordsArgs() {
  return FilterConfig::load(
             [](StringRef Var) { return sys::Process::GetEnv(Var); }, nulls())
      .RecordArgs;
}

static bool isVerbose() {
  std::optional<std::string> Value =
      sys::Process::GetEnv("FRUGAL_WRAPPER_VERBOSE");
  return Value && !Value->empty() && *Value != "0";
}

static void printCommand(ArrayRef<std::string> Command, bool LtoQuiet) {
  raw_ostream &OS = errs();
  OS << "frugal: ";
  if (LtoQuiet)
    OS << "FRUGAL_LTO_QUIET=1 ";
  for (size_t I = 0; I < Command.size(); ++I) {
    if (I)
      OS << ' ';
    sys::printArg(OS, Command[I], /*Quote=*/false);
  }
  OS << '\n';
}

int main(int Argc, const char **Argv) {
  bool CPlusPlus = StringRef(Argv[0]).ends_with("++");
  ArgScan Scan = scanExpanded(Argc, Argv);

  Expected<ChosenClang> Clang = findClang(CPlusPlus);
  if (!Clang)
    return reportError(Clang.takeError());
  Layout L = locateLayout(Argv[0]);

  std::vector<std::string> Command = {Clang->Path};
  // Without inputs clang is only asked about itself (--version, -print-*):
  // pass the command through untouched.
  if (Scan.HasInputs) {
    if (Error E = checkPlugin(L))
      return reportError(std::move(E));
    // Another clang fails to load the plugin with an error that names
    // neither that clang nor the fix. Only this build's plugin is of a
    // known LLVM version.
    if (L.OwnPlugin)
      if (Error E = checkCompiler(*Clang, FRUGAL_LLVM_MAJOR_NUMBER))
        return reportError(std::move(E));
    Command.push_back("-fpass-plugin=" + L.Plugin);
    Command.push_back("-I" + L.IncludeDir);
    if (!Scan.ChoosesDebugInfo)
      Command.push_back(recordsArgs() ? "-g" : "-gline-tables-only");
  }
  Command.insert(Command.end(), Argv + 1, Argv + Argc);
  if (Scan.links()) {
    if (Error E = checkRuntime(L))
      return reportError(std::move(E));
    if (Scan.Lto)
      addLtoLinkFlags(Command, Scan, L);
    Command.push_back("-L" + L.RuntimeDir);
    Command.push_back("-Wl,-rpath," + L.RuntimeDir);
    Command.push_back("-lfrugal_rt");
  }

  // The pass warns in an -flto compile that it defers to the link; the
  // wrapper arranges that link, so the warning would only be noise.
  bool LtoQuiet = Scan.Lto && Scan.HasInputs;
  if (LtoQuiet)
    ::setenv("FRUGAL_LTO_QUIET", "1", /*overwrite=*/1);
  if (isVerbose())
    printCommand(Command, LtoQuiet);
  return reportError(execProgram(Command));
}
