//===- MarkdownTest.cpp - Markdown table cells ----------------------------===//

#include "frugal/Markdown.h"

#include "gtest/gtest.h"

using frugal::markdownCell;

namespace {

TEST(MarkdownTest, CellsNeverEndTheCellOrTheRow) {
  EXPECT_EQ(markdownCell("a|b"), "a\\|b");
  EXPECT_EQ(markdownCell("line\nbreak\r"), "line break ");
  EXPECT_EQ(markdownCell("operator|(int, int)", /*Code=*/true),
            "`operator\\|(int, int)`");
  EXPECT_EQ(markdownCell("", /*Code=*/true), "");
  EXPECT_EQ(markdownCell("plain"), "plain");
}

} // namespace
