//===- SecurityOutputPathTest.cpp - Values cannot leave their component ---===//
//
// docs/reliability.md, section 4: what %h, %e and %r expand to is one path
// component, so a host name like ".." or "a/b" cannot move the profile to
// another directory.
//
//===----------------------------------------------------------------------===//
#include "OutputPath.h"

#include <gtest/gtest.h>
#include <string>

using namespace frugal;

namespace {

std::string expandWith(const char *Template, const char *Host,
                       const char *Executable) {
  rt::PathValues V;
  V.Pid = 7;
  V.Host = Host;
  V.Executable = Executable;
  char Out[rt::PathCapacity];
  unsigned Unknown = 0;
  EXPECT_TRUE(rt::expandOutputTemplate(Template, V, Out, sizeof(Out), Unknown));
  EXPECT_EQ(Unknown, 0u);
  return Out;
}

TEST(SecurityOutputPathTest, SlashInValueDoesNotMakeADirectory) {
  EXPECT_EQ(expandWith("/out/%h/p.json", "../../etc", "x"),
            "/out/.._.._etc/p.json");
  EXPECT_EQ(expandWith("/out/%e-%p.json", "h", "a/b"), "/out/a_b-7.json");
}

TEST(SecurityOutputPathTest, DotValuesDoNotStepUp) {
  EXPECT_EQ(expandWith("/out/%h/p.json", "..", "x"), "/out/__/p.json");
  EXPECT_EQ(expandWith("/out/%h/%e", ".", ".."), "/out/_/__");
  // Dots inside a longer value are ordinary characters.
  EXPECT_EQ(expandWith("/out/%h/p.json", "...", "x"), "/out/.../p.json");
  EXPECT_EQ(expandWith("%e.json", "h", "a..b"), "a..b.json");
}

TEST(SecurityOutputPathTest, TemplateItselfIsTakenAsGiven) {
  // The template is the user's own choice (and ignored in secure mode):
  // its own "../" is kept.
  EXPECT_EQ(expandWith("../%h.json", "n1", "x"), "../n1.json");
}

} // namespace
