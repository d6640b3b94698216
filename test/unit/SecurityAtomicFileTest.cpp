//===- SecurityAtomicFileTest.cpp - What a planted file cannot do ---------===//
//
// docs/reliability.md, section 4: the temporary file is never world-writable,
// even while being written; its name is not predictable; whatever is
// planted at the target (a dangling symlink, a FIFO, a directory, a symlink
// in the TMPDIR fallback) is replaced or refused, never written through.
//
//===----------------------------------------------------------------------===//
#include "AtomicFile.h"

#include "ScratchDir.h"
#include "TestSupport.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace frugal;

namespace {

class SecurityAtomicFileTest : public test::ScratchDirTest {};

// What the producer saw of the temporary file while it was open: the
// writer is "stopped" inside Produce, after creating it, before the rename.
struct Observed {
  std::string Dir;
  std::vector<std::string> TempNames;
  std::vector<mode_t> TempModes;
};

bool observeTemp(void *Ctx, rt::AtomicFile &File) {
  auto *O = static_cast<Observed *>(Ctx);
  DIR *D = opendir(O->Dir.c_str());
  if (!D)
    return false;
  while (dirent *E = readdir(D)) {
    std::string N = E->d_name;
    if (N.find(".tmp.") == std::string::npos)
      continue;
    struct stat St;
    if (lstat((O->Dir + "/" + N).c_str(), &St) == 0) {
      O->TempNames.push_back(N);
      O->TempModes.push_back(St.st_mode);
    }
  }
  closedir(D);
  return File.write("{}", 2);
}

bool writeX(void *, rt::AtomicFile &File) { return File.write("x", 1); }

mode_t modeOf(const std::string &Path) {
  struct stat St;
  return lstat(Path.c_str(), &St) == 0 ? St.st_mode : 0;
}

// The open() mode is 0644: the umask can only take bits away, so no umask
// makes the temporary file (or the profile) world- or group-writable.
TEST_F(SecurityAtomicFileTest, TemporaryFileIsNeverWorldWritable) {
  for (mode_t Mask : {mode_t(0), mode_t(022), mode_t(077)}) {
    SCOPED_TRACE(Mask);
    std::string Target = Dir + "/p.json";
    Observed O{Dir, {}, {}};
    char Written[rt::PathCapacity];
    mode_t Old = umask(Mask);
    bool Ok = rt::writeFileWithFallback(Target.c_str(), "/nonexistent",
                                        observeTemp, &O, Written);
    umask(Old);
    ASSERT_TRUE(Ok);
    ASSERT_EQ(O.TempModes.size(), 1u);
    EXPECT_TRUE(S_ISREG(O.TempModes[0]));
    EXPECT_EQ(O.TempModes[0] & 07777, 0644u & ~Mask);
    EXPECT_EQ(modeOf(Target) & 07777, 0644u & ~Mask);
    unlink(Target.c_str());
  }
}

// "<target>.tmp.<pid>.<64 random bits in hex>": a planted symlink would have
// to guess it, and O_EXCL|O_NOFOLLOW refuses it even if it did.
TEST_F(SecurityAtomicFileTest, TemporaryNameIsUnpredictable) {
  std::string Target = Dir + "/p.json";
  Observed O{Dir, {}, {}};
  char Written[rt::PathCapacity];
  for (int I = 0; I < 2; ++I)
    ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent",
                                          observeTemp, &O, Written));
  ASSERT_EQ(O.TempNames.size(), 2u);
  EXPECT_NE(O.TempNames[0], O.TempNames[1]);
  std::string Prefix = "p.json.tmp." + std::to_string(getpid()) + ".";
  for (const std::string &N : O.TempNames) {
    ASSERT_EQ(N.compare(0, Prefix.size(), Prefix), 0) << N;
    std::string Random = N.substr(Prefix.size());
    // 64 bits: 16 hex digits, fewer only with leading zeros (odds 2^-32
    // for fewer than 8).
    EXPECT_GE(Random.size(), 8u) << N;
    EXPECT_LE(Random.size(), 16u) << N;
    EXPECT_EQ(Random.find_first_not_of("0123456789abcdef"), std::string::npos);
  }
}

// A dangling symlink at the target would let an attacker create a file of
// their choosing with our rights: it is replaced, its target never created.
TEST_F(SecurityAtomicFileTest, DanglingSymlinkAtTargetIsReplaced) {
  std::string Target = Dir + "/p.json", Victim = Dir + "/created-by-attacker";
  ASSERT_EQ(symlink(Victim.c_str(), Target.c_str()), 0);
  char Written[rt::PathCapacity];
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent", writeX,
                                        nullptr, Written));
  EXPECT_TRUE(S_ISREG(modeOf(Target)));
  EXPECT_EQ(access(Victim.c_str(), F_OK), -1);
}

// Opening a FIFO for writing would block the program until a reader came:
// the target is never opened, only renamed over.
TEST_F(SecurityAtomicFileTest, FifoAtTargetIsReplacedWithoutOpeningIt) {
  std::string Target = Dir + "/p.json";
  ASSERT_EQ(mkfifo(Target.c_str(), 0666), 0);
  char Written[rt::PathCapacity];
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent", writeX,
                                        nullptr, Written));
  EXPECT_TRUE(S_ISREG(modeOf(Target)));
  EXPECT_EQ(test::readFile(Target), "x");
}

// rename() cannot replace a directory with a file: one warning, the
// profile goes to the fallback, the directory is left as it was.
TEST_F(SecurityAtomicFileTest, DirectoryAtTargetFallsBack) {
  std::string Target = Dir + "/p.json", Fallback = Dir + "/tmp";
  ASSERT_EQ(mkdir(Target.c_str(), 0755), 0);
  ASSERT_EQ(mkdir(Fallback.c_str(), 0755), 0);
  test::LogCapture Log;
  char Written[rt::PathCapacity];
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), Fallback.c_str(),
                                        writeX, nullptr, Written));
  EXPECT_EQ(std::string(Written), Fallback + "/p.json");
  EXPECT_TRUE(S_ISDIR(modeOf(Target)));
  EXPECT_EQ(entries(Target).size(), 0u); // no temporary file left there
  EXPECT_EQ(Log.lines().size(), 1u);
  unlink((Fallback + "/p.json").c_str());
  rmdir(Fallback.c_str());
}

// The TMPDIR fallback is written the same way: a symlink planted there is
// replaced, the file it points to untouched.
TEST_F(SecurityAtomicFileTest, SymlinkPlantedInFallbackIsReplaced) {
  std::string Fallback = Dir + "/tmp", Victim = Dir + "/victim";
  ASSERT_EQ(mkdir(Fallback.c_str(), 01777), 0);
  ASSERT_EQ(chmod(Fallback.c_str(), 01777), 0); // /tmp-like, umask aside
  {
    FILE *F = fopen(Victim.c_str(), "w");
    ASSERT_NE(F, nullptr);
    fputs("precious", F);
    fclose(F);
  }
  ASSERT_EQ(symlink(Victim.c_str(), (Fallback + "/p.json").c_str()), 0);
  test::LogCapture Log;
  std::string Target = Dir + "/missing-dir/p.json";
  char Written[rt::PathCapacity];
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), Fallback.c_str(),
                                        writeX, nullptr, Written));
  EXPECT_TRUE(S_ISREG(modeOf(Fallback + "/p.json")));
  EXPECT_EQ(test::readFile(Fallback + "/p.json"), "x");
  EXPECT_EQ(test::readFile(Victim), "precious");
  unlink((Fallback + "/p.json").c_str());
  rmdir(Fallback.c_str());
}

} // namespace
