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

static int runMerge() {
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
  outs() << "merged " << Merged.Processes.size() << " process"
         << (Merged.Processes.size() == 1 ? "" : "es") << " into " << OutputPath
         << ": " << Merged.Functions.size() << " functions, "
         << Merged.Regions.size() << " regions, " << Merged.Threads.size()
         << " threads\n";
  return ExitSuccess;
}

static CommandRegistration Registered(MergeCommand, runMerge);
