//===- frugal.cpp - The frugal command-line tool --------------------------===//
//
// `frugal <subcommand> ...`. Subcommands register themselves (Command.h);
// this file only parses the command line and dispatches.
//
//===----------------------------------------------------------------------===//

#include "AnalyzeProject.h"
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

// cl's usage errors, which it writes as "frugal: Too many positional
// arguments specified!\nCan specify at most 1...", as one line in the form
// of every other error: what is wrong; how to fix it.
static void printUsageError(StringRef ClOutput, StringRef Subcommand) {
  SmallVector<StringRef, 4> Lines;
  ClOutput.trim().split(Lines, '\n', -1, /*KeepEmpty=*/false);
  // Some of cl's errors (a required option missing, an option without its
  // value) go to errs() whatever stream it is given: already printed.
  if (Lines.empty())
    return;
  auto Strip = [](StringRef Line) {
    Line.consume_front("frugal: ");
    return Line.split("  Try:").first.trim().rtrim("!.");
  };
  StringRef What = Strip(Lines.front());
  std::string Help = Subcommand.empty()
                         ? std::string("run 'frugal --help'")
                         : "run 'frugal " + Subcommand.str() + " --help'";
  std::string Fix = Help + " for its usage";
  if (What.starts_with("Too many positional arguments") && !Subcommand.empty())
    Fix = "'frugal " + Subcommand.str() +
          "' takes fewer files (a glob may have matched several): name "
          "one, or combine profiles first with 'frugal merge A.json B.json "
          "-o all.json'; " +
          Help;
  for (StringRef Line : ArrayRef(Lines).drop_front())
    if (Line.consume_front("frugal: Did you mean "))
      Fix = "did you mean " + Line.rtrim("?").str() + "? " + Help;
  printError(What, Fix);
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
  // `frugal analyze FILES -- FLAGS`: the flags are clang's, not ours.
  if (Argc > 1 && StringRef(Argv[1]) == "analyze")
    for (int I = 2; I < Argc; ++I)
      if (StringRef(Argv[I]) == "--") {
        setAnalyzeCommandLineFlags(
            std::vector<std::string>(Argv + I + 1, Argv + Argc));
        Argc = I;
        break;
      }

  std::string ClErrors;
  raw_string_ostream ClErrorStream(ClErrors);
  if (!cl::ParseCommandLineOptions(Argc, Argv,
                                   "frugal: reads the energy and time "
                                   "profiles of programs instrumented by "
                                   "frugal-clang, and estimates the cost "
                                   "of their functions from the source "
                                   "(analyze)\n",
                                   &ClErrorStream)) {
    printUsageError(ClErrorStream.str(), Argc > 1 && findCommand(Argv[1])
                                             ? StringRef(Argv[1])
                                             : StringRef());
    return ExitUsage;
  }

  if (const Command *C = selectedCommand())
    return C->Run();
  printError("no subcommand given",
             "run 'frugal --help' to list the subcommands");
  return ExitUsage;
}
