//===- AtomicFileTest.cpp - Temporary file + rename -----------------------===//
#include "AtomicFile.h"

#include "ScratchDir.h"
#include "TestSupport.h"

#include <dirent.h>
#include <gtest/gtest.h>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

using namespace frugal;

namespace {

struct Content {
  std::string Text;
};

bool produce(void *Ctx, rt::AtomicFile &File) {
  auto *C = static_cast<Content *>(Ctx);
  return File.write(C->Text.data(), C->Text.size());
}

class AtomicFileTest : public test::ScratchDirTest {};

TEST_F(AtomicFileTest, CreatesAndReplaces) {
  std::string Target = Dir + "/p.json";
  char Written[rt::PathCapacity];
  Content C{"first"};
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent", produce,
                                        &C, Written));
  EXPECT_EQ(std::string(Written), Target);
  EXPECT_EQ(test::readFile(Target), "first");
  C.Text = "second, longer";
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent", produce,
                                        &C, Written));
  EXPECT_EQ(test::readFile(Target), "second, longer");
  // No temporary file is left behind.
  EXPECT_EQ(entries(), std::vector<std::string>{"p.json"});
}

TEST_F(AtomicFileTest, ModeIs0644LessUmask) {
  mode_t Old = umask(027);
  std::string Target = Dir + "/m.json";
  char Written[rt::PathCapacity];
  Content C{"x"};
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent", produce,
                                        &C, Written));
  umask(Old);
  struct stat St;
  ASSERT_EQ(stat(Target.c_str(), &St), 0);
  EXPECT_EQ(St.st_mode & 0777, 0640u);
}

TEST_F(AtomicFileTest, ReplacesPlantedSymlinkWithoutFollowingIt) {
  std::string Victim = Dir + "/victim";
  {
    FILE *F = fopen(Victim.c_str(), "w");
    ASSERT_NE(F, nullptr);
    fputs("precious", F);
    fclose(F);
  }
  std::string Target = Dir + "/p.json";
  ASSERT_EQ(symlink(Victim.c_str(), Target.c_str()), 0);
  char Written[rt::PathCapacity];
  Content C{"profile"};
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent", produce,
                                        &C, Written));
  struct stat St;
  ASSERT_EQ(lstat(Target.c_str(), &St), 0);
  EXPECT_TRUE(S_ISREG(St.st_mode)); // the link itself was replaced
  EXPECT_EQ(test::readFile(Target), "profile");
  EXPECT_EQ(test::readFile(Victim), "precious");
}

TEST_F(AtomicFileTest, FallsBackToTmpDirWithSameBasename) {
  test::LogCapture Log;
  std::string Target = Dir + "/missing-subdir/prof.json";
  char Written[rt::PathCapacity];
  Content C{"fallback"};
  ASSERT_TRUE(rt::writeFileWithFallback(Target.c_str(), Dir.c_str(), produce,
                                        &C, Written));
  EXPECT_EQ(std::string(Written), Dir + "/prof.json");
  EXPECT_EQ(test::readFile(Dir + "/prof.json"), "fallback");
  EXPECT_EQ(Log.lines().size(), 1u);
  EXPECT_EQ(Log.count("writing the profile to"), 1u);
}

TEST_F(AtomicFileTest, ReportsWhenEverythingFails) {
  test::LogCapture Log;
  std::string Target = Dir + "/missing/prof.json";
  char Written[rt::PathCapacity];
  Content C{"x"};
  EXPECT_FALSE(rt::writeFileWithFallback(Target.c_str(), "/nonexistent-dir",
                                         produce, &C, Written));
  EXPECT_EQ(Log.lines().size(), 2u);
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

TEST_F(AtomicFileTest, DiscardsTemporaryOnProducerFailure) {
  std::string Target = Dir + "/p.json";
  char Written[rt::PathCapacity];
  test::LogCapture Log;
  EXPECT_FALSE(rt::writeFileWithFallback(
      Target.c_str(), Dir.c_str(),
      [](void *, rt::AtomicFile &) { return false; }, nullptr, Written));
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

} // namespace
