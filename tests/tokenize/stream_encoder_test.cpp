#include "tokenize/stream_encoder.hpp"

#include <gtest/gtest.h>

#include <random>

namespace verimeter::tokenize {
namespace {

TEST(StreamEncoder, SafeCutIsAfterNewlineBeforeLetter) {
  EXPECT_EQ(StreamEncoder::last_safe_cut("ab\ncd\nef", 0), 6u);
  EXPECT_EQ(StreamEncoder::last_safe_cut("ab\n cd", 0), 0u);
  EXPECT_EQ(StreamEncoder::last_safe_cut("ab\n\n1", 0), 0u);
}

// Any chunking gives the ids of encoding the whole text at once, including invalid UTF-8,
// specials and texts far larger than the batch size.
TEST(StreamEncoder, ChunkedEqualsWhole) {
  auto enc = Encoding::load("o200k_base");
  ASSERT_TRUE(enc.ok());
  std::mt19937 rng(42);
  const char* lines[] = {"Hello world, it's me.\n",
                         "  indented code();\n",
                         "\n\n",
                         "x\xC3\n",
                         "日本語のテキスト\n",
                         "1234567 //path/\n",
                         "<|endoftext|>\n",
                         "\xF0\x9F\x98\x80 emoji\r\n",
                         "tail without newline"};
  std::string text;
  while (text.size() < (3u << 20)) text += lines[rng() % std::size(lines)];
  const auto whole = (*enc)->encode(text);
  for (std::size_t chunk : {1u << 10, 65536u, 1u << 20, 3u << 20}) {
    std::vector<TokenId> got;
    StreamEncoder s(**enc, [&](std::span<const TokenId> ids) {
      got.insert(got.end(), ids.begin(), ids.end());
    });
    for (std::size_t i = 0; i < text.size(); i += chunk)
      s.feed(std::string_view(text).substr(i, chunk));
    s.finish();
    EXPECT_EQ(got, whole) << "chunk " << chunk;
    EXPECT_EQ(s.tokens(), whole.size());
  }
  auto with = (*enc)->encode_with_specials(text, {"<|endoftext|>"});
  ASSERT_TRUE(with.ok());
  std::vector<TokenId> got;
  StreamEncoder s(
      **enc, [&](std::span<const TokenId> ids) { got.insert(got.end(), ids.begin(), ids.end()); },
      {"<|endoftext|>"});
  for (std::size_t i = 0; i < text.size(); i += 4096)
    s.feed(std::string_view(text).substr(i, 4096));
  s.finish();
  EXPECT_EQ(got, *with);
}

}  // namespace
}  // namespace verimeter::tokenize
