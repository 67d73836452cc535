#include "core/time.hpp"

#include <gtest/gtest.h>

#include "core/utf8.hpp"

namespace verimeter {
namespace {

TEST(Time, FormatsFixedMillisecondForm) {
  EXPECT_EQ(format_rfc3339_millis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(format_rfc3339_millis(1700000000123), "2023-11-14T22:13:20.123Z");
  EXPECT_EQ(format_rfc3339_millis(951782400000), "2000-02-29T00:00:00.000Z");
}

TEST(Time, ParsesOffsetsAndFractions) {
  EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20.123Z"), 1700000000123);
  EXPECT_EQ(*parse_rfc3339("2023-11-14T23:13:20.1239+01:00"), 1700000000123);
  EXPECT_EQ(*parse_rfc3339("2023-11-14T22:13:20Z"), 1700000000000);
  EXPECT_EQ(*parse_rfc3339("2023-11-14T17:13:20-05:00"), 1700000000000);
  for (UnixMillis t : {0LL, 1LL, 86399999LL, 1700000000123LL, 4102444800000LL}) {
    EXPECT_EQ(*parse_rfc3339(format_rfc3339_millis(t)), t);
  }
}

TEST(Time, RejectsInvalidDates) {
  for (const char* bad : {"2023-02-29T00:00:00Z", "2023-13-01T00:00:00Z", "2023-11-14 22:13:20Z",
                          "2023-11-14T22:13:20", "2023-11-14T24:00:00Z", "1969-12-31T23:59:59Z",
                          "2023-11-14T22:13:20.Z", "2023-11-14T22:13:20Zjunk", "yesterday"}) {
    EXPECT_EQ(parse_rfc3339(bad).error().code, "bad_time") << bad;
  }
}

// The error quotes at most 64 bytes of the input, cut between characters: a value of
// two-byte characters cut at an odd byte once made a message that was not UTF-8, and the
// verifier's report writer aborted on it.
TEST(Time, ErrorQuotesWholeCharactersOnly) {
  std::string v = "a";
  for (int i = 0; i < 60; ++i) v += "\xC3\xA9";  // é
  const auto t = parse_rfc3339(v);
  ASSERT_FALSE(t.ok());
  EXPECT_TRUE(is_valid_utf8(t.error().message)) << t.error().message;
}

}  // namespace
}  // namespace verimeter
