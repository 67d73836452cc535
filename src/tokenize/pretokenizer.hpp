// Pre-tokenizers: split valid UTF-8 text into the pieces that BPE then encodes, exactly as the
// split regex of the encoding does (leftmost-first alternation, backtracking semantics).
//
// FastSplitter is a hand-written matcher for the two patterns (the default, several times
// faster than a regex engine); RegexSplitter runs the upstream pattern text through PCRE2 with
// JIT and is kept as the reference and fallback. The tests run both over the same inputs.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace verimeter::tokenize {

enum class SplitPattern { o200k, cl100k };

// The upstream pattern strings (tiktoken_ext/openai_public.py).
std::string_view split_pattern_text(SplitPattern p);

class FastSplitter {
 public:
  explicit FastSplitter(SplitPattern p) : pattern_(p) {}
  // End offset of the piece that starts at `pos` (< text.size()); `text` must be valid UTF-8.
  std::size_t next(std::string_view text, std::size_t pos) const;

  template <class F>
  void split(std::string_view text, F&& on_piece) const {
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t end = next(text, pos);
      on_piece(text.substr(pos, end - pos));
      pos = end;
    }
  }

 private:
  SplitPattern pattern_;
};

class RegexSplitter {
 public:
  static Result<std::shared_ptr<const RegexSplitter>> create(SplitPattern p);
  ~RegexSplitter();
  RegexSplitter(const RegexSplitter&) = delete;
  RegexSplitter& operator=(const RegexSplitter&) = delete;

  // End offset of the next match at or after `pos`, with its start in `start`; returns
  // std::string_view::npos when there is none. `text` must be valid UTF-8. Thread-safe.
  std::size_t next(std::string_view text, std::size_t pos, std::size_t& start) const;

  // The CharClass bits PCRE2's own Unicode tables give `cp` (they follow the system PCRE2's
  // Unicode version, which can be older than the generated table FastSplitter uses).
  static std::uint8_t pcre2_char_class(char32_t cp);

  template <class F>
  void split(std::string_view text, F&& on_piece) const {
    std::size_t start = 0;
    for (std::size_t pos = 0; pos < text.size();) {
      const std::size_t end = next(text, pos, start);
      if (end == std::string_view::npos) break;
      on_piece(text.substr(start, end - start));
      pos = end > start ? end : start + 1;  // patterns never match empty, but stay safe
    }
  }

 private:
  RegexSplitter() = default;
  void* code_ = nullptr;  // pcre2_code*
  SplitPattern pattern_ = SplitPattern::o200k;
};

}  // namespace verimeter::tokenize
