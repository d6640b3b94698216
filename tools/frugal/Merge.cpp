//===- Merge.cpp - `frugal merge`: one profile from several processes -----===//
//
// The processes of one job (MPI ranks, Slurm tasks: FRUGAL_OUTPUT with %r or
// %p names one profile each) merged into one profile that every command
// reads, with per-process totals kept in "processes". ProfileMerge.h has the
// rules; this file reads the inputs one at a time and writes the result.
//
//===----------------------------------------------------------------------===//

#include "Command.h"
#include "OutputFile.h"
#include "Profile.h"
#include "ProfileMerge.h"
#include "support/Diagnostics.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;
using namespace frugal;

static cl::SubCommand
    MergeCommand("merge", "Merge the profiles of several processes (MPI "
                          "ranks, Slurm tasks) into one");
static cl::OptionCategory MergeCategory("frugal merge options");

static cl::list<std::string> ProfilePaths(cl::Positional, cl::OneOrMore,
                                          cl::desc("<profile.json>..."),
                                          cl::sub(MergeCommand),
                                          cl::cat(MergeCategory));
static cl::opt<std::string>
    OutputPath("o", cl::Required,
               cl::desc("Write the merged profile to FILE (replaced "
                        "atomically)"),
               cl::value_desc("FILE"), cl::sub(MergeCommand),
               cl::cat(MergeCategory));
static cl::opt<bool>
    Force("force",
          cl::desc("Merge profiles of different executables, or of the same "
                   "process twice (refused by default)"),
          cl::sub(MergeCommand), cl::cat(MergeCategory));

// "1 region", "3 threads".
static std::string countText(size_t N, StringRef One, StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

// Writing the result over an input would lose that input if anything went
// wrong, and leave no copy of it either way.
static Error checkOutputIsNoInput() {
  for (const std::string &Path : ProfilePaths) {
    bool Same = false;
    if (Path == OutputPath ||
        (!sys::fs::equivalent(Path, OutputPath, Same) && Same))
      return makeError("-o " + OutputPath + " is also an input ('" + Path +
                           "'): the merged profile would replace it",
                       "write the merged profile to another file");
  }
  return Error::success();
}

static int runMerge() {
  if (Error E = checkOutputIsNoInput()) {
    printError(std::move(E));
    return ExitUsage;
  }
  ProfileMerger Merger(Force);
  for (const std::string &Path : ProfilePaths) {
    // One input in memory at a time: the merged profile grows, the inputs
    // come and go.
    Expected<Profile> Prof = readProfile(Path);
    if (!Prof) {
      printError(Prof.takeError());
      return ExitUsage;
    }
    if (Error E = Merger.add(*Prof, Path)) {
      printError(std::move(E));
      return ExitUsage;
    }
  }
  Profile Merged = Merger.finish();
  for (const std::string &Warning : Merger.warnings())
    WithColor::warning(errs(), "frugal") << Warning << '\n';
  if (Error E = writeFileAtomically(
          OutputPath, [&](raw_ostream &OS) { writeProfile(OS, Merged); }))
    return reportError(std::move(E));
  outs() << "merged "
         << countText(Merged.Processes.size(), "process", "processes")
         << " into " << OutputPath << ": "
         << countText(Merged.Functions.size(), "function", "functions") << ", "
         << countText(Merged.Regions.size(), "region", "regions") << ", "
         << countText(Merged.Threads.size(), "thread", "threads") << "\n";
  return ExitSuccess;
}

static CommandRegistration Registered(MergeCommand, runMerge);
