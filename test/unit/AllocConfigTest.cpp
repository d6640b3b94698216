//===- AllocConfigTest.cpp - FRUGAL_TRACK_ALLOC parsing and availability --===//
//
// The unit tests link the runtime without its interposer, like the static
// library: tracking asked for is "unavailable" there, with one warning.
//
//===----------------------------------------------------------------------===//
#include "alloc/AllocReport.h"
#include "alloc/AllocTracking.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

using namespace frugal;
namespace alloc = rt::alloc;

namespace {

std::map<std::string, std::string> Vars;
std::vector<std::string> Warnings;

const char *lookup(const char *Name) {
  auto It = Vars.find(Name);
  return It == Vars.end() ? nullptr : It->second.c_str();
}
void warn(std::string_view Message) { Warnings.emplace_back(Message); }

bool configure(std::map<std::string, std::string> V) {
  Vars = std::move(V);
  Warnings.clear();
  return alloc::configureAllocTracking(lookup, warn);
}

struct AllocConfigTest : ::testing::Test {
  // Leave the process's report as the runtime had it: off.
  void TearDown() override { configure({}); }
};

TEST_F(AllocConfigTest, OffByDefaultAndWhenFalse) {
  EXPECT_FALSE(configure({}));
  EXPECT_STREQ(alloc::reportAlloc().Status, "off");
  EXPECT_STREQ(alloc::reportAlloc().Reason, "");
  EXPECT_FALSE(configure({{"FRUGAL_TRACK_ALLOC", "no"}}));
  EXPECT_STREQ(alloc::reportAlloc().Status, "off");
  EXPECT_TRUE(Warnings.empty());
}

TEST_F(AllocConfigTest, BadValueWarnsOnceAndStaysOff) {
  EXPECT_FALSE(configure({{"FRUGAL_TRACK_ALLOC", "maybe"}}));
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("FRUGAL_TRACK_ALLOC='maybe'"), std::string::npos)
      << Warnings[0];
  EXPECT_STREQ(alloc::reportAlloc().Status, "off");
}

TEST_F(AllocConfigTest, WithoutTheInterposerItIsUnavailable) {
  EXPECT_FALSE(configure({{"FRUGAL_TRACK_ALLOC", "1"}}));
  const alloc::AllocReport &R = alloc::reportAlloc();
  EXPECT_STREQ(R.Status, "unavailable");
  EXPECT_NE(std::string(R.Reason).find("static runtime"), std::string::npos)
      << R.Reason;
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("libfrugal_rt.so"), std::string::npos)
      << Warnings[0];
  uint64_t Peak;
  EXPECT_FALSE(alloc::functionPeakLiveBytes(1, Peak));
}

TEST_F(AllocConfigTest, BadSlotCountWarnsOnce) {
  EXPECT_FALSE(configure(
      {{"FRUGAL_TRACK_ALLOC", "on"}, {"FRUGAL_TRACK_ALLOC_SLOTS", "12"}}));
  size_t AboutSlots = 0;
  for (const std::string &W : Warnings)
    AboutSlots += W.find("FRUGAL_TRACK_ALLOC_SLOTS='12'") != std::string::npos;
  EXPECT_EQ(AboutSlots, 1u);
}

} // namespace
