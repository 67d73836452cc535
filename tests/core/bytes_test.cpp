#include "core/bytes.hpp"

#include <gtest/gtest.h>

namespace verimeter {
namespace {

TEST(Hex, RoundTripAndStrictness) {
  const Bytes b{0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(to_hex(b), "0001abff");
  EXPECT_EQ(*from_hex("0001ABff"), b);
  EXPECT_FALSE(from_hex("abc").ok());
  EXPECT_FALSE(from_hex("zz").ok());
  EXPECT_FALSE(from_hex("00 1").ok());
  EXPECT_EQ(from_hex("g0").error().code, "bad_hex");
}

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(to_base64(as_bytes("")), "");
  EXPECT_EQ(to_base64(as_bytes("f")), "Zg==");
  EXPECT_EQ(to_base64(as_bytes("fo")), "Zm8=");
  EXPECT_EQ(to_base64(as_bytes("foobar")), "Zm9vYmFy");
  EXPECT_EQ(as_string(*from_base64("Zm9vYg==")), "foob");
}

TEST(Base64, RejectsNonCanonical) {
  EXPECT_FALSE(from_base64("Zg=").ok());     // bad padding length
  EXPECT_FALSE(from_base64("Zh==").ok());    // non-zero padding bits
  EXPECT_FALSE(from_base64("Zm9v\n").ok());  // whitespace
  EXPECT_FALSE(from_base64("Zm-v").ok());    // URL alphabet
}

TEST(ConstantTimeEqual, ComparesContentAndLength) {
  EXPECT_TRUE(constant_time_equal(as_bytes("abc"), as_bytes("abc")));
  EXPECT_FALSE(constant_time_equal(as_bytes("abc"), as_bytes("abd")));
  EXPECT_FALSE(constant_time_equal(as_bytes("abc"), as_bytes("ab")));
}

}  // namespace
}  // namespace verimeter
