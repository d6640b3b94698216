//===- JsonWriterTest.cpp - Escaping and structure of the JSON output -----===//
#include "JsonWriter.h"

#include "TestSupport.h"

#include <gtest/gtest.h>
#include <string>

using namespace frugal;

namespace {

bool appendTo(void *Ctx, const char *Data, size_t Len) {
  static_cast<std::string *>(Ctx)->append(Data, Len);
  return true;
}

// Small buffer on purpose: output crosses many flushes.
std::string render(void (*Body)(rt::JsonWriter &), size_t BufferBytes = 7) {
  std::string Out;
  std::vector<char> Buf(BufferBytes);
  rt::JsonWriter W(Buf.data(), Buf.size(), appendTo, &Out);
  Body(W);
  EXPECT_TRUE(W.finish());
  return Out;
}

std::string jsonQuote(std::string_view S) {
  std::string Out;
  std::vector<char> Buf(5);
  rt::JsonWriter W(Buf.data(), Buf.size(), appendTo, &Out);
  W.string(S);
  EXPECT_TRUE(W.finish());
  return Out;
}

TEST(JsonWriter, EscapesQuotesBackslashesAndControls) {
  EXPECT_EQ(jsonQuote("plain"), "\"plain\"");
  EXPECT_EQ(jsonQuote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(jsonQuote("\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
  EXPECT_EQ(jsonQuote(std::string_view("\x01\x1f\x7f", 3)),
            "\"\\u0001\\u001f\\u007f\"");
  EXPECT_EQ(jsonQuote(std::string_view("a\0b", 3)), "\"a\\u0000b\"");
  EXPECT_EQ(jsonQuote("/"), "\"/\"");
}

TEST(JsonWriter, KeepsValidUtf8) {
  EXPECT_EQ(jsonQuote("h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80"),
            "\"h\xC3\xA9llo \xE2\x82\xAC \xF0\x9F\x98\x80\"");
}

TEST(JsonWriter, ReplacesInvalidUtf8) {
  const std::string Fffd = "\xEF\xBF\xBD";
  EXPECT_EQ(jsonQuote("\xFF"), "\"" + Fffd + "\"");
  EXPECT_EQ(jsonQuote("a\x80z"), "\"a" + Fffd + "z\"");
  // Overlong '/' (C0 AF), a UTF-16 surrogate (ED A0 80), above U+10FFFF.
  EXPECT_EQ(jsonQuote("\xC0\xAF"), "\"" + Fffd + Fffd + "\"");
  EXPECT_EQ(jsonQuote("\xED\xA0\x80"), "\"" + Fffd + Fffd + Fffd + "\"");
  EXPECT_EQ(jsonQuote("\xF4\x90\x80\x80"),
            "\"" + Fffd + Fffd + Fffd + Fffd + "\"");
  // Truncated sequence at the end.
  EXPECT_EQ(jsonQuote("x\xE2\x82"), "\"x" + Fffd + Fffd + "\"");
  for (int B = 0; B < 256; ++B) {
    std::string S(1, static_cast<char>(B));
    EXPECT_EQ(test::validateJson(jsonQuote(S)), "") << "byte " << B;
  }
}

// The validator the tests above rely on does reject what the writer must
// never produce.
TEST(JsonWriter, ValidatorRejectsBadJson) {
  EXPECT_NE(test::validateJson("\"\xFF\""), "");     // ill-formed UTF-8
  EXPECT_NE(test::validateJson("\"a\x01b\""), "");   // raw control char
  EXPECT_NE(test::validateJson("[1, 2,]"), "");       // trailing comma
  EXPECT_NE(test::validateJson("{\"a\": 1} x"), "");  // trailing characters
  EXPECT_EQ(test::validateJson("{\"a\": [1, \"\\u00e9\"]}"), "");
}

TEST(JsonWriter, CommasAndNesting) {
  std::string Out = render([](rt::JsonWriter &W) {
    W.beginObject();
    W.field("a", uint64_t(1));
    W.field("b", int64_t(-2));
    W.key("c");
    W.beginArray();
    W.number(3u);
    W.beginObject();
    W.endObject();
    W.beginArray();
    W.endArray();
    W.null();
    W.boolean(false);
    W.endArray();
    W.field("d", "x");
    W.nullField("e");
    W.field("f", true);
    W.string(static_cast<const char *>(nullptr));
    W.endObject();
  });
  // (The stray value after "f" is a caller error; it still gets a comma.)
  EXPECT_EQ(Out, "{\"a\":1,\"b\":-2,\"c\":[3,{},[],null,false],\"d\":\"x\","
                 "\"e\":null,\"f\":true,null}");
}

TEST(JsonWriter, ExtremeNumbers) {
  std::string Out = render([](rt::JsonWriter &W) {
    W.beginArray();
    W.number(UINT64_MAX);
    W.number(INT64_MIN);
    W.number(0);
    W.endArray();
  });
  EXPECT_EQ(Out, "[18446744073709551615,-9223372036854775808,0]");
}

TEST(JsonWriter, ReportsFlushFailure) {
  char Buf[4];
  rt::JsonWriter W(Buf, sizeof(Buf),
                   [](void *, const char *, size_t) { return false; }, nullptr);
  W.string("long enough to need a flush");
  EXPECT_TRUE(W.failed());
  EXPECT_FALSE(W.finish());
}

} // namespace
