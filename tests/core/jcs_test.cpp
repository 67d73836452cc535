#include "core/jcs.hpp"

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace verimeter {
namespace {

std::string canon(std::string_view json_text) {
  auto j = parse_json(json_text);
  EXPECT_TRUE(j.ok()) << json_text;
  auto c = jcs_canonicalize(*j);
  EXPECT_TRUE(c.ok());
  return c.ok() ? *c : std::string();
}

// RFC 8785 §3.2.3 / Appendix: the main example.
TEST(Jcs, Rfc8785MainExample) {
  const char* in = R"({
    "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
    "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
    "literals": [null, true, false]
  })";
  EXPECT_EQ(canon(in),
            "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
            "\"string\":\"\xe2\x82\xac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}");
}

// RFC 8785 §3.2.3: property sorting by UTF-16 code units.
TEST(Jcs, Rfc8785SortingExample) {
  const char* in = R"({
    "\u20ac": "Euro Sign", "\r": "Carriage Return", "\ufb33": "Hebrew Letter Dalet With Dagesh",
    "1": "One", "\ud83d\ude00": "Emoji: Grinning Face", "\u0080": "Control",
    "\u00f6": "Latin Small Letter O With Diaeresis"
  })";
  EXPECT_EQ(canon(in),
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\xc2\x80\":\"Control\","
            "\"\xc3\xb6\":\"Latin Small Letter O With Diaeresis\",\"\xe2\x82\xac\":\"Euro Sign\","
            "\"\xf0\x9f\x98\x80\":\"Emoji: Grinning Face\","
            "\"\xef\xac\xb3\":\"Hebrew Letter Dalet With Dagesh\"}");
}

// RFC 8785 Appendix B: IEEE 754 doubles and their canonical text.
TEST(Jcs, Rfc8785NumberAppendix) {
  const std::pair<std::uint64_t, const char*> cases[] = {
      {0x0000000000000000, "0"},
      {0x8000000000000000, "0"},
      {0x0000000000000001, "5e-324"},
      {0x8000000000000001, "-5e-324"},
      {0x7fefffffffffffff, "1.7976931348623157e+308"},
      {0xffefffffffffffff, "-1.7976931348623157e+308"},
      {0x4340000000000000, "9007199254740992"},
      {0xc340000000000000, "-9007199254740992"},
      {0x4430000000000000, "295147905179352830000"},
      {0x44b52d02c7e14af5, "9.999999999999997e+22"},
      {0x44b52d02c7e14af6, "1e+23"},
      {0x44b52d02c7e14af7, "1.0000000000000001e+23"},
      {0x444b1ae4d6e2ef4e, "999999999999999700000"},
      {0x444b1ae4d6e2ef4f, "999999999999999900000"},
      {0x444b1ae4d6e2ef50, "1e+21"},
      {0x3eb0c6f7a0b5ed8c, "9.999999999999997e-7"},
      {0x3eb0c6f7a0b5ed8d, "0.000001"},
      {0x41b3de4355555553, "333333333.3333332"},
      {0x41b3de4355555554, "333333333.33333325"},
      {0x41b3de4355555555, "333333333.3333333"},
      {0x41b3de4355555556, "333333333.3333334"},
      {0x41b3de4355555557, "333333333.33333343"},
      {0xbecbf647612f3696, "-0.0000033333333333333333"},
      {0x43143ff3c1cb0959, "1424953923781206.2"},
  };
  for (const auto& [bits, expected] : cases) {
    const Json v = std::bit_cast<double>(bits);
    auto c = jcs_canonicalize(v);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(*c, expected) << std::hex << bits;
  }
  EXPECT_EQ(
      jcs_canonicalize(Json(std::bit_cast<double>(std::uint64_t{0x7fffffffffffffff}))).error().code,
      "jcs_not_finite");
  EXPECT_EQ(
      jcs_canonicalize(Json(std::bit_cast<double>(std::uint64_t{0x7ff0000000000000}))).error().code,
      "jcs_not_finite");
}

TEST(Jcs, IntegersAndLimits) {
  EXPECT_EQ(canon(R"({"b":9007199254740991,"a":-9007199254740991,"c":0})"),
            R"({"a":-9007199254740991,"b":9007199254740991,"c":0})");
  EXPECT_EQ(jcs_canonicalize(Json(std::uint64_t{1} << 53)).error().code, "jcs_number_out_of_range");
  EXPECT_EQ(jcs_canonicalize(Json(std::int64_t{-1} << 60)).error().code, "jcs_number_out_of_range");
}

TEST(Jcs, RejectsInvalidUtf8) {
  EXPECT_EQ(jcs_canonicalize(Json(std::string("\xff"))).error().code, "jcs_invalid_utf8");
  EXPECT_EQ(jcs_canonicalize(Json(std::string("\xed\xa0\x80"))).error().code, "jcs_invalid_utf8");
  Json obj = Json::object();
  obj[std::string("\xc0\xaf")] = 1;  // overlong "/"
  EXPECT_EQ(jcs_canonicalize(obj).error().code, "jcs_invalid_utf8");
}

TEST(Jcs, AsciiKeysSortByCodeUnitAndInvalidValuesInsideAreStillRejected) {
  // All-ASCII keys take the fast path (the object's own order); the order must still be by code
  // unit.
  const Json j = {
      {"a", 1}, {"B", 2}, {"_", 3}, {"aa", {{"z", "\u00e9"}, {"Z", true}}}, {"", nullptr}};
  EXPECT_EQ(*jcs_canonicalize(j),
            "{\"\":null,\"B\":2,\"_\":3,\"a\":1,\"aa\":{\"Z\":true,\"z\":\"\u00e9\"}}");
  EXPECT_EQ(jcs_canonicalize(Json{{"k", std::string("\xc3")}}).error().code, "jcs_invalid_utf8");
}

TEST(Jcs, EscapesControlCharactersLowercase) {
  EXPECT_EQ(*jcs_canonicalize(Json(std::string("\x01\x1f\b\t\x7f"))),
            "\"\\u0001\\u001f\\b\\t\x7f\"");
}

// Strings are scanned eight bytes at a time: every byte that needs an escape or UTF-8 checking
// must be found at every offset within a word and in the tail. nlohmann's dump() escapes strings
// exactly as RFC 8785 does (short escapes, lowercase \u00xx, nothing else), so it is the oracle.
TEST(Jcs, StringsMatchAnIndependentEscaperAtEveryOffset) {
  const std::vector<std::string> specials = {
      "\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "/"};
  for (const auto& special : specials) {
    for (std::size_t len = 0; len <= 24; ++len) {
      for (std::size_t at = 0; at <= len; ++at) {
        const std::string s = std::string(at, 'a') + special + std::string(len - at, 'b');
        const auto c = jcs_canonicalize(Json(s));
        ASSERT_TRUE(c.ok()) << at << " " << len;
        EXPECT_EQ(*c, Json(s).dump()) << at << " " << len;
      }
    }
  }
  // Invalid UTF-8 after a run of plain words is still refused.
  EXPECT_EQ(jcs_canonicalize(Json(std::string(17, 'x') + "\xff")).error().code, "jcs_invalid_utf8");
  EXPECT_EQ(
      jcs_canonicalize(Json(std::string(16, 'x') + "\xc3" + std::string(9, 'y'))).error().code,
      "jcs_invalid_utf8");
}

TEST(Jcs, IsIdempotentAndFloatDetectorWorks) {
  const char* in = R"({"z":[1,{"y":true,"x":null}],"a":"s"})";
  const std::string once = canon(in);
  EXPECT_EQ(canon(once), once);
  EXPECT_TRUE(json_has_no_floats(*parse_json(in)));
  EXPECT_FALSE(json_has_no_floats(*parse_json(R"({"a":[1,{"b":1.5}]})")));
}

}  // namespace
}  // namespace verimeter

namespace verimeter {
namespace {

// JcsObject writes what jcs_canonicalize writes for the same object, escapes included.
TEST(JcsObject, EqualsTheCanonicalFormOfTheSameTree) {
  const std::string inner = *JcsObject().integer("a", std::int64_t{-1}).null("b").finish();
  auto text = JcsObject()
                  .boolean("f", false)
                  .string("k\n\"q\"", "x")
                  .integer("max", std::uint64_t{9007199254740991})
                  .raw("nested", inner)
                  .string("s", "\u20ac \x01 \\ \"")
                  .boolean("t", true)
                  .finish();
  ASSERT_TRUE(text.ok()) << text.error().message;
  const Json tree = {{"f", false},
                     {"k\n\"q\"", "x"},
                     {"max", 9007199254740991},
                     {"nested", {{"a", -1}, {"b", nullptr}}},
                     {"s", "\u20ac \x01 \\ \""},
                     {"t", true}};
  EXPECT_EQ(*text, *jcs_canonicalize(tree));
  EXPECT_EQ(*JcsObject().finish(), "{}");
}

TEST(JcsObject, RefusesWhatJcsRefusesAndKeysOutOfOrder) {
  EXPECT_EQ(JcsObject().string("b", "1").string("a", "2").finish().error().code, "jcs_key_order");
  EXPECT_EQ(JcsObject().string("a", "1").string("a", "2").finish().error().code, "jcs_key_order");
  EXPECT_EQ(JcsObject().string("\xc3\xa9", "1").finish().error().code, "jcs_key_order");
  EXPECT_EQ(JcsObject().string("a", "\xff").finish().error().code, "jcs_invalid_utf8");
  EXPECT_EQ(JcsObject().integer("a", std::uint64_t{9007199254740992}).finish().error().code,
            "jcs_number_out_of_range");
  EXPECT_EQ(JcsObject().integer("a", std::int64_t{-9007199254740992}).finish().error().code,
            "jcs_number_out_of_range");
  // The first error is the one reported; later members do not hide it.
  EXPECT_EQ(JcsObject().string("b", "\xff").string("a", "1").finish().error().code,
            "jcs_invalid_utf8");
}

}  // namespace
}  // namespace verimeter
