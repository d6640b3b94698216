//===- ProgramApiTest.cpp - frugal_metric and frugal_region_items, end to end
//
// Through the exported functions (frugal.h's weak references resolve to the
// runtime linked into this test) into the profile frugal_flush writes; uses
// the process-wide runtime as HooksTest.cpp does.
//
//===----------------------------------------------------------------------===//
#include "TestSupport.h"

#include "frugal/frugal.h"

#include <cmath>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using namespace frugal;
using nlohmann::json;

namespace {

json profileOf(pid_t Pid) {
  std::string Text = test::readFile(test::scratchDir() + "/profile-" +
                                    std::to_string(Pid) + ".json");
  EXPECT_EQ(test::validateJson(Text), "");
  return json::parse(Text, nullptr, /*allow_exceptions=*/false);
}

const json *regionNamed(const json &P, const std::string &Name) {
  for (const json &R : P["regions"])
    if (R["name"] == Name)
      return &R;
  return nullptr;
}

TEST(ProgramApi, MetricsAndItemsInTheProfile) {
  ASSERT_NE(&frugal_metric, nullptr); // the weak references resolved
  ASSERT_NE(&frugal_region_items, nullptr);
  EXPECT_EQ(FRUGAL_METRIC("api.accuracy", 0.5), 0);
  EXPECT_EQ(frugal::metric("api.accuracy", 0.9731), 0); // the last one wins
  EXPECT_EQ(frugal_metric("api.params", 12345678901.0), 0);
  EXPECT_EQ(frugal_metric("api.loss", -0.125), 0);
  EXPECT_EQ(frugal_metric("api \"quoted\"\n", 1), 0);
  std::thread([] {
    { // begun, with items from the scope guard and the macro
      frugal::Region R("api.predict");
      R.addItems(250, "samples");
      FRUGAL_REGION_ITEMS("api.predict", 6, "tokens"); // the first unit stays
    }
    FRUGAL_REGION_ITEMS("api.only-items", 0, nullptr); // never begun
    frugal::Region Plain("api.plain");                 // no items
  }).join();

  ASSERT_EQ(frugal_flush(), 0);
  json P = profileOf(getpid());
  ASSERT_TRUE(P.is_object());
  const json &M = P["metrics"];
  EXPECT_EQ(M["api.accuracy"], 0.9731);
  EXPECT_EQ(M["api.loss"], -0.125);
  EXPECT_EQ(M["api \"quoted\"\n"], 1);
  // Whole numbers are written exactly, not to nine digits.
  EXPECT_TRUE(M["api.params"].is_number_integer());
  EXPECT_EQ(M["api.params"], 12345678901);

  const json *Predict = regionNamed(P, "api.predict");
  ASSERT_NE(Predict, nullptr);
  EXPECT_EQ((*Predict)["calls"], 1);
  EXPECT_EQ((*Predict)["items"], json({{"count", 256}, {"unit", "samples"}}));
  const json *Only = regionNamed(P, "api.only-items");
  ASSERT_NE(Only, nullptr);
  EXPECT_EQ((*Only)["calls"], 0);
  EXPECT_EQ((*Only)["time_ns"], json({{"inclusive", 0}, {"exclusive", 0}}));
  EXPECT_EQ((*Only)["items"], json({{"count", 0}, {"unit", "items"}}));
  const json *Plain = regionNamed(P, "api.plain");
  ASSERT_NE(Plain, nullptr);
  EXPECT_FALSE(Plain->contains("items"));
}

TEST(ProgramApi, BadMetricsAreRefusedWithOneWarning) {
  test::LogCapture Log;
  EXPECT_EQ(frugal_metric("api.bad", NAN), -1);
  EXPECT_EQ(frugal_metric("api.bad", INFINITY), -1);
  EXPECT_EQ(frugal_metric(std::string(64, 'x').c_str(), 1), -1);
  EXPECT_EQ(frugal_metric(nullptr, 1), -1);
  EXPECT_EQ(Log.count("frugal_metric(\"api.bad\", nan): the value is not "
                      "finite; not recorded"),
            1u);
  EXPECT_EQ(Log.count("limited to 63 bytes"), 1u);
  EXPECT_EQ(Log.count("a metric needs a name"), 1u);
  EXPECT_EQ(Log.lines().size(), 3u);
  ASSERT_EQ(frugal_flush(), 0);
  EXPECT_FALSE(profileOf(getpid())["metrics"].contains("api.bad"));
}

// A forked child's profile: the metrics set before the fork are its own
// too; items count from the fork, in the unit already chosen.
TEST(ProgramApi, ForkedChildKeepsMetricsAndCountsItsOwnItems) {
  EXPECT_EQ(frugal_metric("api.fork-metric", 1.5), 0);
  FRUGAL_REGION_ITEMS("api.fork-items", 40, "rows");
  pid_t Child = fork();
  ASSERT_GE(Child, 0);
  if (Child == 0) {
    FRUGAL_REGION_ITEMS("api.fork-items", 2, "other");
    exit(0); // atexit writes the child's profile
  }
  int Status = 0;
  ASSERT_EQ(waitpid(Child, &Status, 0), Child);
  ASSERT_TRUE(WIFEXITED(Status));
  json P = profileOf(Child);
  ASSERT_TRUE(P.is_object());
  EXPECT_EQ(P["metrics"]["api.fork-metric"], 1.5);
  const json *R = regionNamed(P, "api.fork-items");
  ASSERT_NE(R, nullptr);
  EXPECT_EQ((*R)["items"], json({{"count", 2}, {"unit", "rows"}}));
  // The parent's count is untouched by the child.
  ASSERT_EQ(frugal_flush(), 0);
  json Parent = profileOf(getpid());
  const json *PR = regionNamed(Parent, "api.fork-items");
  ASSERT_NE(PR, nullptr);
  EXPECT_EQ((*PR)["items"]["count"], 40);
}

} // namespace
