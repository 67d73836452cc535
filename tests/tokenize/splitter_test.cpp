// The hand-written pre-tokenizer and the heap merge against their reference forms (the upstream
// regex through PCRE2, tiktoken's scan merge), on seeded random text.
#include <gtest/gtest.h>

#include <random>

#include "tokenize/bpe.hpp"
#include "tokenize/char_class.hpp"
#include "tokenize/encoding.hpp"
#include "tokenize/pretokenizer.hpp"

namespace verimeter::tokenize {
namespace {

void append_utf8(std::string& s, char32_t cp) {
  if (cp < 0x80) {
    s += static_cast<char>(cp);
  } else if (cp < 0x800) {
    s += static_cast<char>(0xC0 | (cp >> 6));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    s += static_cast<char>(0xE0 | (cp >> 12));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    s += static_cast<char>(0xF0 | (cp >> 18));
    s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    s += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Random text over characters whose class PCRE2 and our table agree on, biased towards the
// characters the patterns treat specially.
class RandomText {
 public:
  explicit RandomText(unsigned seed) : rng_(seed) {
    const char32_t specials[] = {' ',    ' ',    '\n',   '\r',   '\t',   '\'',   's',    'S',
                                 't',    'r',    'e',    'l',    'v',    'm',    'd',    'L',
                                 'a',    'Z',    '1',    '9',    '!',    '/',    '.',    ',',
                                 0xA0,   0x85,   0x2028, 0x3000, 0x301,  0x308,  0xE9,   0xC9,
                                 0x1C5,  0x2B0,  0x4E2D, 0x0915, 0x094D, 0x0663, 0xFF11, 0x1F600,
                                 0x200D, 0xFE0F, 0xFEFF, 0x2160, 0x00B2, 0x3042, 0x05D0, 0x0627};
    for (char32_t c : specials)
      if (RegexSplitter::pcre2_char_class(c) == char_class(c)) pool_.push_back(c);
  }
  std::string next(std::size_t max_chars) {
    std::string s;
    const std::size_t n = std::uniform_int_distribution<std::size_t>(0, max_chars)(rng_);
    for (std::size_t i = 0; i < n; ++i) {
      char32_t cp;
      if (rng_() % 4 == 0) {
        do {
          cp = static_cast<char32_t>(rng_() % 0x30000);
        } while ((cp >= 0xD800 && cp <= 0xDFFF) ||
                 RegexSplitter::pcre2_char_class(cp) != char_class(cp));
      } else {
        cp = pool_[rng_() % pool_.size()];
      }
      append_utf8(s, cp);
    }
    return s;
  }

 private:
  std::mt19937 rng_;
  std::vector<char32_t> pool_;
};

std::vector<std::string> pieces_fast(SplitPattern p, std::string_view text) {
  std::vector<std::string> out;
  FastSplitter(p).split(text, [&](std::string_view s) { out.emplace_back(s); });
  return out;
}
std::vector<std::string> pieces_regex(const RegexSplitter& rx, std::string_view text) {
  std::vector<std::string> out;
  rx.split(text, [&](std::string_view s) { out.emplace_back(s); });
  return out;
}

TEST(Splitter, FastMatchesPcre2OnRandomText) {
  for (SplitPattern p : {SplitPattern::o200k, SplitPattern::cl100k}) {
    auto rx = RegexSplitter::create(p);
    ASSERT_TRUE(rx.ok()) << rx.error().message;
    RandomText gen(p == SplitPattern::o200k ? 7 : 11);
    for (int i = 0; i < 20000; ++i) {
      const std::string text = gen.next(24);
      ASSERT_EQ(pieces_fast(p, text), pieces_regex(**rx, text)) << "text: " << text;
    }
  }
}

TEST(Splitter, KnownSplits) {
  using V = std::vector<std::string>;
  EXPECT_EQ(pieces_fast(SplitPattern::o200k, "Hello world's  end\n\n x"),
            (V{"Hello", " world's", " ", " end", "\n\n", " x"}));
  EXPECT_EQ(pieces_fast(SplitPattern::cl100k, "I'm 12345 a/b//\n"),
            (V{"I", "'m", " ", "123", "45", " a", "/b", "//\n"}));
  EXPECT_EQ(pieces_fast(SplitPattern::o200k, "a/b//\nc"), (V{"a", "/b", "//\n", "c"}));
  EXPECT_EQ(pieces_fast(SplitPattern::o200k, "HTTPServer"), (V{"HTTPServer"}));
  EXPECT_EQ(pieces_fast(SplitPattern::o200k, "camelCase"), (V{"camel", "Case"}));
  EXPECT_EQ(pieces_fast(SplitPattern::o200k, "   "), (V{"   "}));
}

TEST(Bpe, HeapMergeEqualsScanMerge) {
  auto enc = Encoding::load("o200k_base");
  ASSERT_TRUE(enc.ok());
  const RankTable& ranks = (*enc)->ranks();
  RandomText gen(3);
  std::mt19937 rng(5);
  for (int i = 0; i < 5000; ++i) {
    std::string piece = gen.next(16);
    if (rng() % 3 == 0) piece = std::string(1 + rng() % 60, "ab x1"[rng() % 5]);
    if (piece.empty() || piece.size() > kBpeHeapThreshold) continue;
    std::vector<Rank> scan, heap;
    bpe_encode_piece(ranks, piece, scan);
    bpe_encode_piece_heap(ranks, piece, heap);
    ASSERT_EQ(scan, heap) << piece;
    ASSERT_EQ(bpe_count_piece(ranks, piece), scan.size());
  }
}

}  // namespace
}  // namespace verimeter::tokenize
