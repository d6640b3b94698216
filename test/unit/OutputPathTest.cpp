//===- OutputPathTest.cpp - FRUGAL_OUTPUT templates -----------------------===//
#include "OutputPath.h"
#include "SystemInfo.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <string.h>
#include <string>

using namespace frugal;

namespace {

rt::PathValues values() {
  rt::PathValues V;
  V.Pid = 4242;
  V.Host = "node7";
  V.Executable = "solver";
  V.Rank = "3";
  return V;
}

std::string expand(const char *Template, unsigned *Unknown = nullptr) {
  char Out[rt::PathCapacity];
  unsigned U = 0;
  EXPECT_TRUE(rt::expandOutputTemplate(Template, values(), Out, sizeof(Out), U));
  if (Unknown)
    *Unknown = U;
  return Out;
}

TEST(OutputPath, ExpandsEverySequence) {
  EXPECT_EQ(expand("frugal-%e-%p.json"), "frugal-solver-4242.json");
  EXPECT_EQ(expand("/out/%h/%r/%e.%p"), "/out/node7/3/solver.4242");
  EXPECT_EQ(expand("100%%-%p"), "100%-4242");
  EXPECT_EQ(expand("%%p"), "%p");
  EXPECT_EQ(expand("plain.json"), "plain.json");
  EXPECT_EQ(expand(""), "");
}

TEST(OutputPath, KeepsUnknownSequencesLiterally) {
  unsigned Unknown = 0;
  EXPECT_EQ(expand("a%xb%", &Unknown), "a%xb%");
  EXPECT_EQ(Unknown, 2u);
}

TEST(OutputPath, RankDefaultsToZero) {
  rt::PathValues V = values();
  rt::RankInfo Unknown;
  V.Rank = Unknown.Text;
  char Out[64];
  unsigned U;
  ASSERT_TRUE(rt::expandOutputTemplate("r%r", V, Out, sizeof(Out), U));
  EXPECT_STREQ(Out, "r0");
}

TEST(OutputPath, RankFromEnvironment) {
  auto Lookup = [](const char *Name) -> const char * {
    if (!strcmp(Name, "PMI_RANK"))
      return "12";
    if (!strcmp(Name, "SLURM_PROCID"))
      return "5";
    return nullptr;
  };
  rt::RankInfo R = rt::readRank(Lookup);
  EXPECT_TRUE(R.Known);
  EXPECT_EQ(R.Value, 12u);
  EXPECT_STREQ(R.Text, "12");
  auto Bad = [](const char *Name) -> const char * {
    return !strcmp(Name, "OMPI_COMM_WORLD_RANK") ? "-1" : nullptr;
  };
  EXPECT_FALSE(rt::readRank(Bad).Known);
}

TEST(OutputPath, DetectsPid) {
  EXPECT_TRUE(rt::templateHasPid("a-%p"));
  EXPECT_FALSE(rt::templateHasPid("a-%%p"));
  EXPECT_FALSE(rt::templateHasPid("a-%e"));
  EXPECT_FALSE(rt::templateHasPid("a-%"));
}

TEST(OutputPath, ForkChildGetsPidSuffixOnlyWithoutPid) {
  rt::PathValues V = values();
  char Out[rt::PathCapacity];
  rt::computeOutputPath("prof.json", V, /*IsForkChild=*/true, Out);
  EXPECT_STREQ(Out, "prof.json.4242");
  rt::computeOutputPath("prof-%p.json", V, /*IsForkChild=*/true, Out);
  EXPECT_STREQ(Out, "prof-4242.json");
  rt::computeOutputPath("prof.json", V, /*IsForkChild=*/false, Out);
  EXPECT_STREQ(Out, "prof.json");
}

TEST(OutputPath, TooLongFallsBackToDefaultWithOneWarning) {
  test::LogCapture Log;
  std::string Long(4000, 'x');
  Long += "%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e"
          "%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e"
          "%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e"
          "%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e"
          "%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e%e";
  char Out[rt::PathCapacity];
  rt::computeOutputPath(Long.c_str(), values(), false, Out);
  EXPECT_STREQ(Out, "frugal-solver-4242.json");
  rt::computeOutputPath(Long.c_str(), values(), false, Out);
  EXPECT_LE(Log.count("too long"), 1u);
}

} // namespace
