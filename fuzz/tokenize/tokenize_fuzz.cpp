// Fuzzes encoding arbitrary bytes: no crash, count == encode size, decode(encode(x)) is x after
// UTF-8 repair, chunked streaming equals whole-text encoding, and the fast pre-tokenizer equals
// PCRE2 wherever both use the same Unicode data.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "tokenize/char_class.hpp"
#include "tokenize/encoding.hpp"
#include "tokenize/pretokenizer.hpp"
#include "tokenize/stream_encoder.hpp"
#include "tokenize/utf8.hpp"

namespace tk = verimeter::tokenize;

namespace {

struct Fixture {
  std::shared_ptr<const tk::Encoding> o200k, cl100k;
  std::shared_ptr<const tk::RegexSplitter> rx_o200k, rx_cl100k;
  std::vector<std::int8_t> agree = std::vector<std::int8_t>(0x110000, -1);  // -1 unknown

  Fixture() {
    auto a = tk::Encoding::load("o200k_base");
    auto b = tk::Encoding::load("cl100k_base");
    auto ra = tk::RegexSplitter::create(tk::SplitPattern::o200k);
    auto rb = tk::RegexSplitter::create(tk::SplitPattern::cl100k);
    if (!a.ok() || !b.ok() || !ra.ok() || !rb.ok()) std::abort();
    o200k = *a;
    cl100k = *b;
    rx_o200k = *ra;
    rx_cl100k = *rb;
  }
  bool same_unicode_data(std::string_view valid) {
    const auto* p = reinterpret_cast<const unsigned char*>(valid.data());
    for (std::size_t i = 0, len = 0; i < valid.size(); i += len) {
      const char32_t cp = tk::decode_utf8(p + i, len);
      if (agree[cp] < 0) agree[cp] = tk::RegexSplitter::pcre2_char_class(cp) == tk::char_class(cp);
      if (!agree[cp]) return false;
    }
    return true;
  }
};

template <class S>
std::vector<std::string> pieces(const S& s, std::string_view text) {
  std::vector<std::string> out;
  s.split(text, [&](std::string_view p) { out.emplace_back(p); });
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static Fixture fx;
  if (size > 1 << 16) return 0;
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string valid = tk::replace_invalid_utf8(text);
  for (const auto* enc : {fx.o200k.get(), fx.cl100k.get()}) {
    const auto ids = enc->encode(text);
    if (enc->count(text) != ids.size()) std::abort();
    auto back = enc->decode(ids);
    if (!back.ok() || *back != valid) std::abort();
    std::vector<tk::TokenId> streamed;
    tk::StreamEncoder s(*enc, [&](std::span<const tk::TokenId> v) {
      streamed.insert(streamed.end(), v.begin(), v.end());
    });
    s.feed(std::string_view(text).substr(0, size / 2));
    s.feed(std::string_view(text).substr(size / 2));
    s.finish();
    if (streamed != ids) std::abort();
  }
  if (fx.same_unicode_data(valid)) {
    if (pieces(tk::FastSplitter(tk::SplitPattern::o200k), valid) != pieces(*fx.rx_o200k, valid))
      std::abort();
    if (pieces(tk::FastSplitter(tk::SplitPattern::cl100k), valid) != pieces(*fx.rx_cl100k, valid))
      std::abort();
  }
  return 0;
}
