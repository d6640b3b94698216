//===- UnitsTest.cpp - Human-readable numbers -----------------------------===//

#include "frugal/Units.h"

#include "gtest/gtest.h"

using namespace frugal;

namespace {

TEST(FormatCount, ExactBelowAThousand) {
  EXPECT_EQ(formatCount(0), "0");
  EXPECT_EQ(formatCount(3), "3");
  EXPECT_EQ(formatCount(999), "999");
  EXPECT_EQ(formatCount(-12), "-12");
}

TEST(FormatCount, ThreeSignificantDigits) {
  EXPECT_EQ(formatCount(1000), "1.00k");
  EXPECT_EQ(formatCount(1234), "1.23k");
  EXPECT_EQ(formatCount(12345), "12.3k");
  EXPECT_EQ(formatCount(999499), "999k");
  // Rounding moves up a suffix rather than print "1000k".
  EXPECT_EQ(formatCount(999500), "1.00M");
  EXPECT_EQ(formatCount(1504000), "1.50M");
  EXPECT_EQ(formatCount(4560000000), "4.56G");
  EXPECT_EQ(formatCount(7000000000000), "7.00T");
}

TEST(FormatDuration, Unchanged) {
  EXPECT_EQ(formatDuration(850), "850 ns");
  EXPECT_EQ(formatDuration(1204331), "1.20 ms");
}

} // namespace
