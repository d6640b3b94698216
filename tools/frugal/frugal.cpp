//===- frugal.cpp - The frugal command-line tool --------------------------===//
//
// `frugal <subcommand> ...`. Subcommands register themselves (Command.h);
// this file only parses the command line and dispatches.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "support/Diagnostics.h"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/raw_ostream.h"

#ifndef FRUGAL_VERSION
#error "FRUGAL_VERSION must be defined by the build"
#endif

using namespace llvm;
using namespace frugal;

static void printVersion(raw_ostream &OS) {
  OS << "frugal " FRUGAL_VERSION "\n"
     << "  built with LLVM " LLVM_VERSION_STRING "\n";
}

int main(int Argc, char **Argv) {
  InitLLVM X(Argc, Argv);
  cl::SetVersionPrinter(printVersion);
  // libLLVM registers hundreds of options at top level; show only ours (and
  // cl's generic --help/--version).
  cl::HideUnrelatedOptions(ArrayRef<const cl::OptionCategory *>());

  // cl reports an unknown subcommand as a stray positional argument; say
  // what is actually wrong.
  if (Argc > 1 && Argv[1][0] != '-' && !findCommand(Argv[1])) {
    printError("unknown subcommand '" + Twine(Argv[1]) + "'",
               "run 'frugal --help' to list the subcommands");
    return ExitUsage;
  }

  // With an error stream, cl returns false on bad usage instead of exiting,
  // so usage errors get their own exit code.
  if (!cl::ParseCommandLineOptions(Argc, Argv,
                                   "frugal: reads the energy and time "
                                   "profiles of programs instrumented by "
                                   "frugal-clang, and estimates the cost "
                                   "of their functions from the source "
                                   "(analyze)\n",
                                   &errs()))
    return ExitUsage;

  if (const Command *C = selectedCommand())
    return C->Run();
  printError("no subcommand given",
             "run 'frugal --help' to list the subcommands");
  return ExitUsage;
}
