#include "core/json.hpp"

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
