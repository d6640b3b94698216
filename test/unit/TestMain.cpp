//===- TestMain.cpp - gtest main that isolates the runtime's output -------===//
//
// The test binary links the runtime without its constructor, so FRUGAL_*
// variables set here are what the runtime reads when a test first calls a
// hook. Profiles (including the one written at exit) go to a scratch
// directory that is removed after the runtime's own exit handler ran.
//
//===----------------------------------------------------------------------===//
#include <dirent.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <string>
#include <unistd.h>

namespace {

std::string Scratch;
pid_t MainPid;

void removeScratch() {
  // Forked children (tests that fork) exit too: only the parent cleans up.
  if (Scratch.empty() || getpid() != MainPid)
    return;
  if (DIR *D = opendir(Scratch.c_str())) {
    while (dirent *E = readdir(D)) {
      std::string Name = E->d_name;
      if (Name != "." && Name != "..")
        unlink((Scratch + "/" + Name).c_str());
    }
    closedir(D);
  }
  rmdir(Scratch.c_str());
}

} // namespace

int main(int argc, char **argv) {
  ::testing::InitGoogleTest(&argc, argv);
  const char *Tmp = getenv("TMPDIR");
  std::string Template = std::string(Tmp && *Tmp ? Tmp : "/tmp") +
                         "/frugal-unit-XXXXXX";
  if (mkdtemp(Template.data())) {
    Scratch = Template;
    MainPid = getpid();
    // Registered before the runtime initialises, so it runs after the
    // runtime's exit handler wrote the final profile.
    if (!getenv("FRUGAL_UNIT_KEEP"))
      atexit(removeScratch);
  }
  setenv("FRUGAL_UNIT_SCRATCH", Scratch.c_str(), 1);
  setenv("FRUGAL_OUTPUT", (Scratch + "/profile-%p.json").c_str(), 1);
  // No energy sampler in the unit tests' process: the tick collector's tests
  // drive the sampler epoch themselves.
  setenv("FRUGAL_ENERGY", "none", 1);
  setenv("FRUGAL_GPU", "0", 1);
  for (const char *Var :
       {"FRUGAL_DISABLE", "FRUGAL_VERBOSE", "FRUGAL_MAX_NODES",
        "FRUGAL_FLUSH_S", "FRUGAL_OVERHEAD_CORRECTION", "FRUGAL_TIMER",
        "FRUGAL_EVENTS", "FRUGAL_RDPMC", "FRUGAL_PFM_LIBRARY",
        "FRUGAL_TRACK_ALLOC", "FRUGAL_TRACK_ALLOC_SLOTS"})
    unsetenv(Var);
  return RUN_ALL_TESTS();
}
