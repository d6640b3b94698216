//===- EnvTest.cpp - FRUGAL_* parsing, fallbacks and warnings -------------===//
#include "Env.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

using namespace frugal;

namespace {

using test::FakeEnv;
std::vector<std::string> &Warnings = FakeEnv::Warnings;

rt::Config parse(std::map<std::string, std::string> V) {
  FakeEnv::reset(std::move(V));
  rt::Config C;
  rt::parseConfig(C, FakeEnv::lookup, FakeEnv::warn);
  return C;
}

TEST(Env, DefaultsWhenUnset) {
  rt::Config C = parse({});
  EXPECT_FALSE(C.Disable);
  EXPECT_FALSE(C.Verbose);
  EXPECT_TRUE(C.OverheadCorrection);
  EXPECT_EQ(C.MaxNodes, uint64_t(1) << 20);
  EXPECT_EQ(C.FlushSeconds, 0u);
  EXPECT_EQ(C.Timer, rt::TimerChoice::Auto);
  EXPECT_STREQ(C.OutputTemplate, "frugal-%e-%p.json");
  EXPECT_STREQ(C.TmpDir, "/tmp");
  EXPECT_TRUE(Warnings.empty());
}

TEST(Env, AcceptsGoodValues) {
  rt::Config C = parse({{"FRUGAL_DISABLE", "yes"},
                        {"FRUGAL_VERBOSE", "ON"},
                        {"FRUGAL_OVERHEAD_CORRECTION", "0"},
                        {"FRUGAL_MAX_NODES", "1000"},
                        {"FRUGAL_FLUSH_S", "30"},
                        {"FRUGAL_TIMER", "monotonic"},
                        {"FRUGAL_OUTPUT", "/x/%h-%p.json"},
                        {"TMPDIR", "/scratch"}});
  EXPECT_TRUE(C.Disable);
  EXPECT_TRUE(C.Verbose);
  EXPECT_FALSE(C.OverheadCorrection);
  EXPECT_EQ(C.MaxNodes, 1000u);
  EXPECT_EQ(C.FlushSeconds, 30u);
  EXPECT_EQ(C.Timer, rt::TimerChoice::Monotonic);
  EXPECT_STREQ(C.OutputTemplate, "/x/%h-%p.json");
  EXPECT_STREQ(C.TmpDir, "/scratch");
  EXPECT_TRUE(Warnings.empty());
}

TEST(Env, BadValuesFallBackWithOneWarningEach) {
  rt::Config C = parse({{"FRUGAL_DISABLE", "maybe"},
                        {"FRUGAL_VERBOSE", ""},
                        {"FRUGAL_OVERHEAD_CORRECTION", "2"},
                        {"FRUGAL_MAX_NODES", "0"},
                        {"FRUGAL_FLUSH_S", "-5"},
                        {"FRUGAL_TIMER", "rdtsc"},
                        {"FRUGAL_OUTPUT", ""}});
  EXPECT_FALSE(C.Disable);
  EXPECT_FALSE(C.Verbose);
  EXPECT_TRUE(C.OverheadCorrection);
  EXPECT_EQ(C.MaxNodes, uint64_t(1) << 20);
  EXPECT_EQ(C.FlushSeconds, 0u);
  EXPECT_EQ(C.Timer, rt::TimerChoice::Auto);
  EXPECT_STREQ(C.OutputTemplate, "frugal-%e-%p.json");
  EXPECT_EQ(Warnings.size(), 7u);
  for (const char *Name :
       {"FRUGAL_DISABLE", "FRUGAL_VERBOSE", "FRUGAL_OVERHEAD_CORRECTION",
        "FRUGAL_MAX_NODES", "FRUGAL_FLUSH_S", "FRUGAL_TIMER", "FRUGAL_OUTPUT"})
    EXPECT_EQ(FakeEnv::warningsAbout(Name), 1u) << Name;
  // The warning names the fallback.
  EXPECT_NE(Warnings[3].find("1048576"), std::string::npos) << Warnings[3];
}

TEST(Env, RejectsJunkNumbers) {
  for (const char *Bad : {"12abc", " 12", "1e3", "0x10", "99999999999999999999",
                          "2000000000", "+5"}) {
    rt::Config C = parse({{"FRUGAL_MAX_NODES", Bad}});
    EXPECT_EQ(C.MaxNodes, uint64_t(1) << 20) << Bad;
    EXPECT_EQ(Warnings.size(), 1u) << Bad;
  }
}

TEST(Env, IgnoresRelativeTmpDirSilently) {
  rt::Config C = parse({{"TMPDIR", "relative/dir"}});
  EXPECT_STREQ(C.TmpDir, "/tmp");
  EXPECT_TRUE(Warnings.empty());
}

TEST(Env, ParseHelpers) {
  bool B = false;
  EXPECT_TRUE(rt::parseBool("TRUE", B));
  EXPECT_TRUE(B);
  EXPECT_TRUE(rt::parseBool("off", B));
  EXPECT_FALSE(B);
  EXPECT_FALSE(rt::parseBool("", B));
  uint64_t V = 7;
  EXPECT_TRUE(rt::parseUnsigned("0", 0, 10, V));
  EXPECT_EQ(V, 0u);
  EXPECT_FALSE(rt::parseUnsigned("11", 0, 10, V));
  EXPECT_EQ(V, 0u);
}

} // namespace
