//===- AllocConfigTest.cpp - FRUGAL_TRACK_ALLOC parsing and availability --===//
//
// The unit tests link the runtime without its interposer, like the static
// library: tracking asked for is "unavailable" there, with one warning.
//
//===----------------------------------------------------------------------===//
#include "alloc/AllocReport.h"
#include "alloc/AllocTracking.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <map>
#include <string>
#include <vector>

using namespace frugal;
namespace alloc = rt::alloc;

namespace {

using test::FakeEnv;
std::vector<std::string> &Warnings = FakeEnv::Warnings;

bool configure(std::map<std::string, std::string> V) {
  FakeEnv::reset(std::move(V));
  return alloc::configureAllocTracking(FakeEnv::lookup, FakeEnv::warn);
}

struct AllocConfigTest : ::testing::Test {
  // Leave the process's report as the runtime had it: off.
  void TearDown() override { configure({}); }
};

TEST_F(AllocConfigTest, OffByDefaultAndWhenFalse) {
  EXPECT_FALSE(configure({}));
  EXPECT_STREQ(alloc::reportAlloc(nullptr).Status, "off");
  EXPECT_STREQ(alloc::reportAlloc(nullptr).Reason, "");
  EXPECT_FALSE(configure({{"FRUGAL_TRACK_ALLOC", "no"}}));
  EXPECT_STREQ(alloc::reportAlloc(nullptr).Status, "off");
  EXPECT_TRUE(Warnings.empty());
}

TEST_F(AllocConfigTest, BadValueWarnsOnceAndStaysOff) {
  EXPECT_FALSE(configure({{"FRUGAL_TRACK_ALLOC", "maybe"}}));
  ASSERT_EQ(Warnings.size(), 1u);
  EXPECT_NE(Warnings[0].find("FRUGAL_TRACK_ALLOC='maybe'"), std::string::npos)
      << Warnings[0];
  EXPECT_STREQ(alloc::reportAlloc(nullptr).Status, "off");
}

TEST_F(AllocConfigTest, WithoutTheInterposerItIsUnavailable) {
  EXPECT_FALSE(configure({{"FRUGAL_TRACK_ALLOC", "1"}}));
  const alloc::AllocReport &R = alloc::reportAlloc(nullptr);
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
