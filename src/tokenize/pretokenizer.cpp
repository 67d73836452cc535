#include "tokenize/pretokenizer.hpp"

#include "tokenize/char_class.hpp"
#include "tokenize/utf8.hpp"

namespace verimeter::tokenize {
namespace {

constexpr std::size_t kFail = std::string_view::npos;

constexpr std::uint8_t ascii_class(unsigned c) {
  if (c >= 'a' && c <= 'z') return kLetter | kLowerSet;
  if (c >= 'A' && c <= 'Z') return kLetter | kUpperSet;
  if (c >= '0' && c <= '9') return kNumber;
  if ((c >= 9 && c <= 13) || c == ' ') return kSpace;
  return 0;
}
struct AsciiTable {
  std::uint8_t v[128];
};
constexpr AsciiTable make_ascii_table() {
  AsciiTable t{};
  for (unsigned c = 0; c < 128; ++c) t.v[c] = ascii_class(c);
  return t;
}
constexpr AsciiTable kAscii = make_ascii_table();

// Cursor over valid UTF-8: class of the character at a position and its length.
struct Text {
  const unsigned char* p;
  std::size_t n;

  std::uint8_t cls(std::size_t i, std::size_t& len) const {
    const unsigned char b = p[i];
    if (b < 0x80) {
      len = 1;
      return kAscii.v[b];
    }
    return char_class(decode_utf8(p + i, len));
  }
  bool is(std::size_t i, unsigned char c) const { return i < n && p[i] == c; }
};

inline bool is_newline(const Text& t, std::size_t i) {
  return t.p[i] == '\r' || t.p[i] == '\n';
}

// [^\r\n\p{L}\p{N}]: one character, returns its length or 0.
std::size_t prefix_char(const Text& t, std::size_t i) {
  if (i >= t.n || is_newline(t, i)) return 0;
  std::size_t len;
  return (t.cls(i, len) & (kLetter | kNumber)) ? 0 : len;
}

// Greedy run of characters whose class intersects `mask`, from i; returns the run's end.
std::size_t run(const Text& t, std::size_t i, std::uint8_t mask) {
  std::size_t len;
  while (i < t.n && (t.cls(i, len) & mask)) i += len;
  return i;
}

inline bool ascii_ieq(unsigned char c, char lower) {
  return (c | 0x20) == lower;
}

// (?i:'s|'t|'re|'ve|'m|'ll|'d) at i: length matched or 0.
std::size_t contraction(const Text& t, std::size_t i) {
  if (!t.is(i, '\'') || i + 1 >= t.n) return 0;
  const unsigned char a = t.p[i + 1];
  if (ascii_ieq(a, 's') || ascii_ieq(a, 't') || ascii_ieq(a, 'm') || ascii_ieq(a, 'd')) return 2;
  if (i + 2 >= t.n) return 0;
  const unsigned char b = t.p[i + 2];
  if ((ascii_ieq(a, 'r') || ascii_ieq(a, 'v')) && ascii_ieq(b, 'e')) return 3;
  if (ascii_ieq(a, 'l') && ascii_ieq(b, 'l')) return 3;
  return 0;
}

// o200k: [UpperSet]*[LowerSet]+ contraction? from p.
std::size_t o200k_upper_star_lower_plus(const Text& t, std::size_t p) {
  std::size_t i = p, last_lower = kFail, len;
  while (i < t.n) {
    const std::uint8_t c = t.cls(i, len);
    if (!(c & kUpperSet)) break;
    if (c & kLowerSet) last_lower = i;
    i += len;
  }
  std::size_t start;
  if (i < t.n && (t.cls(i, len) & kLowerSet)) {
    start = i;
  } else if (last_lower != kFail) {
    start = last_lower;
  } else {
    return kFail;
  }
  const std::size_t end = run(t, start, kLowerSet);
  return end + contraction(t, end);
}

// o200k: [UpperSet]+[LowerSet]* contraction? from p.
std::size_t o200k_upper_plus_lower_star(const Text& t, std::size_t p) {
  std::size_t len;
  if (p >= t.n || !(t.cls(p, len) & kUpperSet)) return kFail;
  std::size_t end = run(t, p, kUpperSet);
  end = run(t, end, kLowerSet);
  return end + contraction(t, end);
}

// ' '?[^\s\p{L}\p{N}]+ followed by a greedy run of `tail` bytes (ASCII).
std::size_t punct_run(const Text& t, std::size_t s, bool slash_in_tail) {
  std::size_t q = t.is(s, ' ') ? s + 1 : s;
  std::size_t len;
  auto is_punct = [&](std::size_t i) {
    return i < t.n && !(t.cls(i, len) & (kSpace | kLetter | kNumber));
  };
  if (!is_punct(q)) return kFail;  // without the space, s itself is a space: no match either
  while (is_punct(q)) q += len;
  while (q < t.n && (is_newline(t, q) || (slash_in_tail && t.p[q] == '/'))) ++q;
  return q;
}

// \s*[\r\n]+ | \s+(?!\S) | \s+  at s (the character at s is whitespace).
std::size_t whitespace(const Text& t, std::size_t s) {
  std::size_t i = s, last_nl = kFail, last_start = s, len;
  while (i < t.n && (t.cls(i, len) & kSpace)) {
    if (is_newline(t, i)) last_nl = i;
    last_start = i;
    i += len;
  }
  if (last_nl != kFail) return last_nl + 1;
  if (i >= t.n || last_start == s) return i;
  return last_start;
}

std::size_t digits(const Text& t, std::size_t s) {
  std::size_t i = s, len;
  for (int k = 0; k < 3 && i < t.n && (t.cls(i, len) & kNumber); ++k) i += len;
  return i;
}

std::size_t next_o200k(const Text& t, std::size_t s) {
  const std::size_t pre = prefix_char(t, s);
  std::size_t r;
  if (pre && (r = o200k_upper_star_lower_plus(t, s + pre)) != kFail) return r;
  if ((r = o200k_upper_star_lower_plus(t, s)) != kFail) return r;
  if (pre && (r = o200k_upper_plus_lower_star(t, s + pre)) != kFail) return r;
  if ((r = o200k_upper_plus_lower_star(t, s)) != kFail) return r;
  if ((r = digits(t, s)) != s) return r;
  if ((r = punct_run(t, s, true)) != kFail) return r;
  return whitespace(t, s);
}

std::size_t next_cl100k(const Text& t, std::size_t s) {
  if (const std::size_t c = contraction(t, s)) return s + c;
  const std::size_t pre = prefix_char(t, s);
  std::size_t len;
  if (pre && s + pre < t.n && (t.cls(s + pre, len) & kLetter)) return run(t, s + pre, kLetter);
  if (t.cls(s, len) & kLetter) return run(t, s, kLetter);
  std::size_t r;
  if ((r = digits(t, s)) != s) return r;
  if ((r = punct_run(t, s, false)) != kFail) return r;
  return whitespace(t, s);
}

}  // namespace

std::string_view split_pattern_text(SplitPattern p) {
  if (p == SplitPattern::o200k) {
    return "[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]*[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}"
           "]+"
           "(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
           "|[^\\r\\n\\p{L}\\p{N}]?[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]+[\\p{Ll}\\p{Lm}\\p{Lo}\\p{"
           "M}]*"
           "(?i:'s|'t|'re|'ve|'m|'ll|'d)?"
           "|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
  }
  return "(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
         "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
}

std::size_t FastSplitter::next(std::string_view text, std::size_t pos) const {
  const Text t{reinterpret_cast<const unsigned char*>(text.data()), text.size()};
  return pattern_ == SplitPattern::o200k ? next_o200k(t, pos) : next_cl100k(t, pos);
}

}  // namespace verimeter::tokenize
