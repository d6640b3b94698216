//===- JsonPiecesTest.cpp - Locating JSON values without building them ----===//

#include "frugal/JsonPieces.h"

#include "gtest/gtest.h"

#include <string>
#include <utility>
#include <vector>

using namespace frugal::jsonpieces;
using llvm::StringRef;

namespace {

std::vector<std::pair<std::string, std::string>> members(StringRef Text,
                                                         bool &Ok) {
  std::vector<std::pair<std::string, std::string>> Out;
  size_t End = 0;
  Ok = forEachMember(Text, skipSpace(Text, 0), End,
                     [&](StringRef Key, StringRef Value) {
                       Out.emplace_back(Key.str(), Value.str());
                       return true;
                     });
  return Out;
}

TEST(JsonPiecesTest, ValueEndSkipsStringsAndNesting) {
  // Brackets and quotes inside strings do not count; escapes are skipped.
  StringRef Text = R"({"a": "}]\"{", "b": [1, {"c": "]"}]} tail)";
  EXPECT_EQ(valueEnd(Text, 0), Text.find(" tail"));
  EXPECT_EQ(valueEnd("12.5e-3, 4", 0), 7u);
  EXPECT_EQ(valueEnd("null]", 0), 4u);
  EXPECT_EQ(valueEnd(R"("a\\" rest)", 0), 5u);
}

TEST(JsonPiecesTest, ValueEndRejectsMalformed) {
  EXPECT_EQ(valueEnd(R"({"a": [1, 2})", 0), StringRef::npos); // Mismatch.
  EXPECT_EQ(valueEnd(R"({"a": [1, 2])", 0), StringRef::npos); // Truncated.
  EXPECT_EQ(valueEnd(R"("open)", 0), StringRef::npos);
  EXPECT_EQ(valueEnd("", 0), StringRef::npos);
  EXPECT_EQ(valueEnd(",", 0), StringRef::npos);
}

TEST(JsonPiecesTest, Members) {
  bool Ok = false;
  auto M = members(R"( { "x" : 1 , "y":{"z":[2,3]},"s":"a,b" } )", Ok);
  ASSERT_TRUE(Ok);
  ASSERT_EQ(M.size(), 3u);
  EXPECT_EQ(M[0], std::make_pair(std::string("x"), std::string("1")));
  EXPECT_EQ(M[1].second, R"({"z":[2,3]})");
  EXPECT_EQ(M[2].second, R"("a,b")");
  EXPECT_TRUE(members("{}", Ok).empty());
  EXPECT_TRUE(Ok);
}

TEST(JsonPiecesTest, MembersRejectMalformed) {
  bool Ok = true;
  members(R"({"x": 1,})", Ok); // A trailing comma.
  EXPECT_FALSE(Ok);
  members(R"({"x" 1})", Ok); // No colon.
  EXPECT_FALSE(Ok);
  members(R"({"x": 1)", Ok); // Truncated.
  EXPECT_FALSE(Ok);
  members(R"([1])", Ok); // Not an object.
  EXPECT_FALSE(Ok);
  members(R"({"\u0078": 1})", Ok); // Escaped keys are left to json::parse.
  EXPECT_FALSE(Ok);
}

TEST(JsonPiecesTest, ElementsAndEarlyStop) {
  StringRef Text = R"([{"id": 1}, {"id": 2}, 3])";
  std::vector<std::string> Seen;
  size_t End = 0;
  EXPECT_TRUE(forEachElement(Text, 0, End, [&](size_t I, StringRef V) {
    EXPECT_EQ(I, Seen.size());
    Seen.push_back(V.str());
    return true;
  }));
  EXPECT_EQ(End, Text.size());
  ASSERT_EQ(Seen.size(), 3u);
  EXPECT_EQ(Seen[1], R"({"id": 2})");
  // The callback's false stops the walk and is the result.
  size_t Calls = 0;
  EXPECT_FALSE(forEachElement(Text, 0, End,
                              [&](size_t, StringRef) { return ++Calls < 2; }));
  EXPECT_EQ(Calls, 2u);
}

} // namespace
