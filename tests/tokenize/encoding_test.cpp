#include "tokenize/encoding.hpp"

#include <gtest/gtest.h>

namespace verimeter::tokenize {
namespace {

std::shared_ptr<const Encoding> load(const char* name, SplitEngine engine = SplitEngine::fast) {
  auto e = Encoding::load(name, LoadOptions{"", engine});
  EXPECT_TRUE(e.ok()) << (e.ok() ? "" : e.error().message);
  return e.ok() ? *e : nullptr;
}

TEST(Encoding, KnownVectorsO200k) {
  auto e = load("o200k_base");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->encode("hello <|endoftext|> x"),
            (std::vector<TokenId>{24912, 464, 91, 419, 1440, 919, 91, 29, 1215}));
  EXPECT_EQ(e->encode("a\xEF\xBB\xBF\xEF\xBB\xBF" "b"), (std::vector<TokenId>{64, 135153, 65}));
  EXPECT_EQ(e->encode(""), std::vector<TokenId>{});
}

}  // namespace
}  // namespace verimeter::tokenize
