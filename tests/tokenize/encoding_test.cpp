#include "tokenize/encoding.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <ctime>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include <algorithm>

#include "core/bytes.hpp"
#include "tokenize/bpe.hpp"
#include "tokenize/data_dir.hpp"
#include "tokenize/rank_file.hpp"
#include "tokenize/utf8.hpp"

namespace verimeter::tokenize {
namespace {

std::shared_ptr<const Encoding> load(const char* name, SplitEngine engine = SplitEngine::fast) {
  auto e = Encoding::load(name, LoadOptions{"", engine});
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  return e.ok() ? *e : nullptr;
}

// Vectors produced by the tiktoken npm package (WASM build of OpenAI's Rust core).
TEST(Encoding, KnownVectorsO200k) {
  auto e = load("o200k_base");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->encode("hello <|endoftext|> x"),
            (std::vector<TokenId>{24912, 464, 91, 419, 1440, 919, 91, 29, 1215}));
  EXPECT_EQ(e->encode("a\xEF\xBB\xBF\xEF\xBB\xBF"
                      "b"),
            (std::vector<TokenId>{64, 135153, 65}));
  EXPECT_EQ(e->encode("ab'Ss 'LL"), (std::vector<TokenId>{378, 31233, 82, 461, 7454}));
  EXPECT_EQ(e->encode("\xE3\x80\x80\xE3\x80\x80x"), (std::vector<TokenId>{1397, 1397, 87}));
  EXPECT_EQ(e->encode(""), std::vector<TokenId>{});
  EXPECT_EQ(e->count("hello <|endoftext|> x"), 9u);
}

TEST(Encoding, RepeatedLetterRunsMatchReference) {
  // tiktoken: "a" * 10000 -> 1250 tokens (o200k_base).
  auto e = load("o200k_base");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->count(std::string(10000, 'a')), 1250u);
}

TEST(Encoding, InvalidUtf8IsReplacedLikeTextDecoder) {
  auto e = load("o200k_base");
  ASSERT_TRUE(e);
  // A lone continuation byte and a truncated 3-byte sequence each become one U+FFFD.
  EXPECT_EQ(e->encode("x\x80y"), e->encode("x\xEF\xBF\xBDy"));
  EXPECT_EQ(e->encode("\xE2\x82"), e->encode("\xEF\xBF\xBD"));
  EXPECT_EQ(replace_invalid_utf8("\xF0\x9F\x98"
                                 "A"),
            "\xEF\xBF\xBD"
            "A");
  EXPECT_EQ(replace_invalid_utf8("\xED\xA0\x80"), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(replace_invalid_utf8("\xC0\xAF"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(replace_invalid_utf8("ok \xC3\xA9"), "ok \xC3\xA9");
  EXPECT_EQ(valid_utf8_prefix("abc\xFF"), 3u);
}

TEST(Encoding, SpecialsArePlainTextUnlessAllowed) {
  auto e = load("cl100k_base");
  ASSERT_TRUE(e);
  const std::string text = "a<|endoftext|>b";
  const auto plain = e->encode(text);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), 100257u), 0);
  auto with = e->encode_with_specials(text, {"<|endoftext|>"});
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(*with, (std::vector<TokenId>{64, 100257, 65}));
  EXPECT_FALSE(e->encode_with_specials(text, {"<|nope|>"}).ok());
  auto back = e->decode(*with);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, text);
  const TokenId bad = 999999;
  EXPECT_FALSE(e->decode(std::span<const TokenId>(&bad, 1)).ok());
}

TEST(Encoding, DecodeRoundTripsValidText) {
  for (const char* name : {"o200k_base", "cl100k_base"}) {
    auto e = load(name);
    ASSERT_TRUE(e);
    const std::string text =
        "Grüße, 世界! 👨‍👩‍👧 x's  \n\n\tcode(1234567) // done\r\n";
    auto back = e->decode(e->encode(text));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, text) << name;
  }
}

// Large texts use a per-call piece cache; it must not change any id.
TEST(Encoding, LargeTextsEqualPieceByPieceEncoding) {
  for (const char* name : {"o200k_base", "cl100k_base"}) {
    auto e = load(name);
    ASSERT_TRUE(e);
    std::mt19937 rng(9);
    const char* words[] = {
        "verimeter", " tokenize", "Straße", " 東京都",     " x_y_z",        "1234567", "\n",
        "  ",        "über",      "'s",     " HTTPServer", " 😀👍🏽", "\t}",     " ab"};
    std::string text;
    while (text.size() < 300000) text += words[rng() % std::size(words)];
    std::vector<TokenId> reference;
    e->split(text, [&](std::string_view piece) {
      std::vector<Rank> ids;
      bpe_encode_piece(e->ranks(), piece, ids);
      reference.insert(reference.end(), ids.begin(), ids.end());
    });
    EXPECT_EQ(e->encode(text), reference) << name;
    EXPECT_EQ(e->count(text), reference.size()) << name;
  }
}

TEST(Encoding, UnknownEncodingIsAnError) {
  auto e = Encoding::load("p50k_base");
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "tokenizer_unknown_encoding");
}

// A corrupted copy of a rank file must be refused, never used.
TEST(Encoding, CorruptedRankFileIsAHardError) {
  namespace fs = std::filesystem;
  auto dir = find_data_dir("");
  ASSERT_TRUE(dir.ok());
  const fs::path tmp = fs::temp_directory_path() / ("vm-tok-corrupt-" + std::to_string(::getpid()));
  fs::create_directories(tmp);
  fs::copy_file(fs::path(*dir) / "cl100k_base.tiktoken", tmp / "cl100k_base.tiktoken",
                fs::copy_options::overwrite_existing);
  {
    std::fstream f(tmp / "cl100k_base.tiktoken", std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(1000);
    f.put('Z');  // still valid base64, different token
  }
  auto e = Encoding::load("cl100k_base", LoadOptions{tmp.string()});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "tokenizer_data_hash_mismatch");
  auto missing = Encoding::load("o200k_base", LoadOptions{tmp.string()});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, "tokenizer_data_missing");
  fs::remove_all(tmp);
}

TEST(Encoding, EnvironmentOverridesDataDirectory) {
  ::setenv(std::string(kDataDirEnv).c_str(), "/nonexistent/verimeter", 1);
  auto e = Encoding::load("o200k_base");
  ::unsetenv(std::string(kDataDirEnv).c_str());
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.error().code, "tokenizer_data_missing");
}

TEST(RankFile, ParserIsStrict) {
  std::string good;
  for (int i = 0; i < 256; ++i) {
    const unsigned char b = static_cast<unsigned char>(i);
    good += to_base64(ByteView(&b, 1)) + " " + std::to_string(i) + "\n";
  }
  EXPECT_TRUE(parse_rank_file(good).ok());
  EXPECT_FALSE(parse_rank_file(good.substr(0, good.size() - 1)).ok());  // no final newline
  EXPECT_FALSE(parse_rank_file(good + "YQ== 7\n").ok());                // rank out of order
  EXPECT_FALSE(parse_rank_file(good + "YQ== 256\n").ok());              // duplicate bytes
  EXPECT_FALSE(parse_rank_file(good + "YQ 256\n").ok());                // bad base64
  EXPECT_FALSE(parse_rank_file(good + "YWI= +256\n").ok());             // non-canonical rank
}

// Linear time on long runs: 4x the input may cost at most ~6x the time (quadratic: 16x).
// Linear time on long runs of one character: 4x the input must cost about 4x, not 16x (a
// quadratic merge). Measured in this thread's CPU time, best of three, so that other work on
// the machine does not make the test flaky.
TEST(Encoding, OneMegabyteRunsStayLinear) {
  auto e = load("o200k_base");
  ASSERT_TRUE(e);
  auto cpu_seconds = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
  };
  for (const std::string unit : {"a", " ", "1", "\xE4\xB8\xAD", "!", "\xCC\x81"}) {
    auto time = [&](std::size_t bytes) {
      std::string s;
      while (s.size() < bytes) s += unit;
      double best = 1e9;
      for (int rep = 0; rep < 3; ++rep) {
        const double t0 = cpu_seconds();
        const std::size_t n = e->count(s);
        best = std::min(best, cpu_seconds() - t0);
        EXPECT_GT(n, 0u);
      }
      return best;
    };
    const double small = time(256 << 10), big = time(1 << 20);
    EXPECT_LT(big, 30.0) << "unit " << unit;  // sanity bound, also under sanitizers
    EXPECT_LT(big, 9 * small + 0.05) << "unit " << unit << ": " << small << "s vs " << big << "s";
  }
}

}  // namespace
}  // namespace verimeter::tokenize
