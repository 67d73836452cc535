#include "core/json.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <gtest/gtest.h>

namespace verimeter {
namespace {

TEST(ParseJson, AcceptsValidAndRejectsSyntaxErrors) {
  EXPECT_TRUE(parse_json(R"({"a":[1,2,{"b":null}]})").ok());
  EXPECT_EQ(parse_json("{\"a\":").error().code, "json_syntax");
  EXPECT_EQ(parse_json("").error().code, "json_syntax");
  EXPECT_EQ(parse_json("{} x").error().code, "json_syntax");
  // A NUL byte is not an end of input: nothing may hide after it.
  EXPECT_EQ(parse_json(std::string_view("{}\0{\"a\":1}", 10)).error().code, "json_syntax");
  EXPECT_EQ(parse_json(std::string_view("[1,\0 2]", 7)).error().code, "json_syntax");
}

TEST(ParseJson, EnforcesSizeAndDepth) {
  JsonLimits lim{16, 4};
  EXPECT_EQ(parse_json(R"({"aaaaaaaaaaaaaaaa":1})", lim).error().code, "json_too_large");
  EXPECT_TRUE(parse_json("[[[1]]]", lim).ok());
  EXPECT_TRUE(parse_json(R"([{"a":[{}]}])", lim).ok());  // exactly max_depth levels
  EXPECT_EQ(parse_json("[[[[[1]]]]]", lim).error().code, "json_too_deep");
  EXPECT_EQ(parse_json("[[[[[[1]]]]]]", lim).error().code, "json_too_deep");
  std::string deep(10000, '[');
  EXPECT_EQ(parse_json(deep + std::string(10000, ']')).error().code, "json_too_deep");
}

TEST(ParseJson, RejectsDuplicateKeysAtAnyDepth) {
  EXPECT_EQ(parse_json(R"({"a":1,"a":2})").error().code, "json_duplicate_key");
  EXPECT_EQ(parse_json(R"({"x":{"a":1,"b":{"c":1,"c":1}}})").error().code, "json_duplicate_key");
  EXPECT_TRUE(parse_json(R"({"a":{"a":1},"b":{"a":2}})").ok());
}

// Equal values of equal types at every node (nlohmann's == would call 1u and 1 equal).
void expect_same_tree(const Json& ours, const Json& reference, const std::string& where) {
  ASSERT_EQ(ours.type(), reference.type()) << where;
  if (ours.is_object()) {
    ASSERT_EQ(ours.size(), reference.size()) << where;
    for (auto it = reference.begin(); it != reference.end(); ++it) {
      ASSERT_TRUE(ours.contains(it.key())) << where << "/" << it.key();
      expect_same_tree(ours[it.key()], it.value(), where + "/" + it.key());
    }
  } else if (ours.is_array()) {
    ASSERT_EQ(ours.size(), reference.size()) << where;
    for (std::size_t i = 0; i < ours.size(); ++i)
      expect_same_tree(ours[i], reference[i], where + "/" + std::to_string(i));
  } else {
    EXPECT_EQ(ours, reference) << where;
  }
}

// parse_json reads through simdjson when it can and through the strict nlohmann reader
// otherwise; either way the tree must be the one nlohmann's own parser builds, types included,
// for every JSON file of the test suite (provider responses, bundles, tariffs, vectors).
TEST(ParseJson, BuildsNlohmannsTreeForEveryFixture) {
  int files = 0;
  std::filesystem::recursive_directory_iterator it(VERIMETER_SOURCE_DIR "/tests"), end;
  for (; it != end; ++it) {
    const auto& entry = *it;
    if (entry.is_directory() && entry.path().filename() == "node_modules") {
      it.disable_recursion_pending();  // npm's packages, not fixtures
      continue;
    }
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    Json reference;
    try {
      reference = Json::parse(text);
    } catch (const Json::exception&) {
      continue;  // deliberately malformed fixtures
    }
    auto ours = parse_json(text, JsonLimits{64u << 20, 128});
    if (!ours.ok()) {
      EXPECT_EQ(ours.error().code, "json_duplicate_key") << entry.path();
      continue;
    }
    expect_same_tree(*ours, reference, entry.path().string());
    ++files;
  }
  EXPECT_GT(files, 30);
}

// Where simdjson declines, the strict reader decides, as it always did: a BOM and integers
// beyond 64 bits are accepted (the latter as doubles); raw control characters, lone surrogates
// and numbers out of double range are refused; the rarer number forms keep nlohmann's types.
TEST(ParseJson, EdgeCasesKeepTheStrictReadersVerdict) {
  for (const char* text : {"\xef\xbb\xbf{\"a\":1}", "123456789012345678901", "-9223372036854775809",
                           "18446744073709551615", "-1", "0", "1.5e300", "-0.0", "[1e2, 0.1]",
                           "\"\\u00e9\\ud83d\\ude00\\u0000\""}) {
    auto ours = parse_json(text);
    ASSERT_TRUE(ours.ok()) << text;
    expect_same_tree(*ours, Json::parse(text), text);
  }
  for (const char* text : {"\"a\x01b\"", "\"a\tb\"", "\"\\ud800\"", "\"\\udc00\"", "1e400", "[1,]",
                           "{\"a\":1,}", "tru", "\"\xff\"", "01", "NaN"})
    EXPECT_EQ(parse_json(text).error().code, "json_syntax") << text;
}

TEST(JsonFields, TypedAccessWithNamedErrors) {
  auto j = *parse_json(R"({"n":5,"neg":-1,"f":1.5,"s":"x","z":null})");
  EXPECT_EQ(*json_uint(j, "n", "usage"), 5u);
  EXPECT_EQ(json_uint(j, "neg", "usage").error().code, "usage_bad_field");
  EXPECT_EQ(json_uint(j, "f", "usage").error().code, "usage_bad_field");
  EXPECT_EQ(json_uint(j, "missing", "usage").error().code, "usage_missing_field");
  EXPECT_FALSE(json_opt_uint(j, "z", "usage")->has_value());
  EXPECT_EQ(*json_string(j, "s", "req"), "x");
  EXPECT_EQ(json_string(j, "n", "req").error().code, "req_bad_field");
}

}  // namespace
}  // namespace verimeter
