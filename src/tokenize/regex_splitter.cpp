// PCRE2 (UTF + UCP, JIT) implementation of RegexSplitter, declared in pretokenizer.hpp.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "tokenize/pretokenizer.hpp"

#include <array>

#include "tokenize/char_class.hpp"

namespace verimeter::tokenize {

Result<std::shared_ptr<const RegexSplitter>> RegexSplitter::create(SplitPattern p) {
  const std::string_view pat = split_pattern_text(p);
  int err = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* code =
      pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pat.data()), pat.size(),
                    PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &err, &offset, nullptr);
  if (code == nullptr) {
    PCRE2_UCHAR buf[256];
    pcre2_get_error_message(err, buf, sizeof buf);
    return make_error("tokenizer_regex_invalid", reinterpret_cast<const char*>(buf));
  }
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);  // falls back to the interpreter if unavailable
  std::shared_ptr<RegexSplitter> s(new RegexSplitter());
  s->code_ = code;
  s->pattern_ = p;
  return std::shared_ptr<const RegexSplitter>(std::move(s));
}

RegexSplitter::~RegexSplitter() {
  pcre2_code_free(static_cast<pcre2_code*>(code_));
}

std::size_t RegexSplitter::next(std::string_view text, std::size_t pos, std::size_t& start) const {
  auto* code = static_cast<pcre2_code*>(code_);
  pcre2_match_data* md = pcre2_match_data_create_from_pattern(code, nullptr);
  const auto* subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  int rc = pcre2_match(code, subject, text.size(), pos, PCRE2_NO_UTF_CHECK, md, nullptr);
  // A resource error (JIT stack, match or heap limit) is not "no match": retry with the
  // interpreter, and if that also fails take the piece from the hand-written splitter, which
  // implements the same pattern, rather than silently dropping text.
  if (rc < 0 && rc != PCRE2_ERROR_NOMATCH)
    rc = pcre2_match(code, subject, text.size(), pos, PCRE2_NO_UTF_CHECK | PCRE2_NO_JIT, md,
                     nullptr);
  std::size_t end = std::string_view::npos;
  if (rc > 0) {
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(md);
    start = ov[0];
    end = ov[1];
  } else if (rc != PCRE2_ERROR_NOMATCH && pos < text.size()) {
    start = pos;
    end = FastSplitter(pattern_).next(text, pos);
  }
  pcre2_match_data_free(md);
  return end;
}

}  // namespace verimeter::tokenize

namespace verimeter::tokenize {
namespace {

bool single_char_matches(pcre2_code* code, char32_t cp) {
  char buf[4];
  std::size_t n;
  if (cp < 0x80) {
    buf[0] = static_cast<char>(cp);
    n = 1;
  } else if (cp < 0x800) {
    buf[0] = static_cast<char>(0xC0 | (cp >> 6));
    buf[1] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 2;
  } else if (cp < 0x10000) {
    buf[0] = static_cast<char>(0xE0 | (cp >> 12));
    buf[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 3;
  } else {
    buf[0] = static_cast<char>(0xF0 | (cp >> 18));
    buf[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = static_cast<char>(0x80 | (cp & 0x3F));
    n = 4;
  }
  pcre2_match_data* md = pcre2_match_data_create(1, nullptr);
  const int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(buf), n, 0, 0, md, nullptr);
  pcre2_match_data_free(md);
  return rc > 0;
}

}  // namespace

std::uint8_t RegexSplitter::pcre2_char_class(char32_t cp) {
  static constexpr std::array<std::pair<const char*, std::uint8_t>, 5> kClasses{{
      {"^\\p{L}$", kLetter},
      {"^[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]$", kUpperSet},
      {"^[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]$", kLowerSet},
      {"^\\p{N}$", kNumber},
      {"^\\s$", kSpace},
  }};
  if (cp >= 0x110000 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  std::uint8_t out = 0;
  for (const auto& [pat, bit] : kClasses) {
    int err = 0;
    PCRE2_SIZE off = 0;
    pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pat), PCRE2_ZERO_TERMINATED,
                                     PCRE2_UTF | PCRE2_UCP, &err, &off, nullptr);
    if (code == nullptr) continue;
    if (single_char_matches(code, cp)) out |= bit;
    pcre2_code_free(code);
  }
  return out;
}

}  // namespace verimeter::tokenize
