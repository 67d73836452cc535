// Strict UTF-8: the RFC 3629 boundaries, and the eight-bytes-at-a-time ASCII scan with the first
// non-ASCII byte at every offset.
#include "core/utf8.hpp"

#include <gtest/gtest.h>

#include <string>

namespace verimeter {
namespace {

TEST(Utf8, AcceptsEveryWellFormedLength) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("\xC2\x80"));          // U+0080
  EXPECT_TRUE(is_valid_utf8("\xDF\xBF"));          // U+07FF
  EXPECT_TRUE(is_valid_utf8("\xE0\xA0\x80"));      // U+0800
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF
  EXPECT_TRUE(is_valid_utf8("\xEE\x80\x80"));      // U+E000
  EXPECT_TRUE(is_valid_utf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("h\xC3\xA9llo \xE6\x97\xA5\xE6\x9C\xAC"));
}

TEST(Utf8, RefusesOverlongSurrogatesAndOutOfRange) {
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xE0\x9F\xBF"));      // overlong U+07FF
  EXPECT_FALSE(is_valid_utf8("\xF0\x8F\xBF\xBF"));  // overlong U+FFFF
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800, a surrogate
  EXPECT_FALSE(is_valid_utf8("\xED\xBF\xBF"));      // U+DFFF
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(is_valid_utf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\x80"));      // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xE6\x97"));  // truncated
  EXPECT_FALSE(is_valid_utf8("\xC3\x28"));  // bad continuation
  EXPECT_FALSE(is_valid_utf8("\xFF\xFE"));
}

TEST(Utf8, FindsTheFirstBadByteAtEveryOffset) {
  for (std::size_t at = 0; at < 40; ++at) {
    std::string s(48, 'a');
    s[at] = '\xC3';
    s[at + 1] = '\xA9';
    EXPECT_TRUE(is_valid_utf8(s)) << at;
    s[at + 1] = 'x';
    EXPECT_FALSE(is_valid_utf8(s)) << at;
  }
}

TEST(Utf8, Utf16UnitsIncludingSurrogatePairs) {
  std::u16string out;
  ASSERT_TRUE(utf8_to_utf16("a\xC3\xA9\xF0\x9F\x98\x80", out));
  EXPECT_EQ(out, (std::u16string{u'a', 0x00E9, 0xD83D, 0xDE00}));
  EXPECT_FALSE(utf8_to_utf16("\xED\xA0\x80", out));
}

// A message quoting the start of a client's string never splits a character: at every cut
// through a 2-, 3- and 4-byte character the prefix is whole characters, as long as possible.
TEST(Utf8, PrefixCutsAtACharacterBoundary) {
  const std::string s = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z";      // a é € 😀 z
  const std::size_t whole[] = {0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10, 11};  // longest prefix per cut
  for (std::size_t cut = 0; cut <= s.size(); ++cut) {
    const std::string_view p = utf8_prefix(s, cut);
    EXPECT_EQ(p.size(), whole[cut]) << "cut " << cut;
    EXPECT_TRUE(is_valid_utf8(p)) << "cut " << cut;
  }
  EXPECT_EQ(utf8_prefix(s, 100), s);
}

}  // namespace
}  // namespace verimeter
