// StreamEncoder: encodes text that arrives in chunks (large files, stdin) with ids identical to
// encoding the whole text at once, holding only a bounded buffer for ordinary text.
//
// The text is cut only where a piece boundary is certain whatever follows: right after a '\n'
// that is followed by an ASCII letter. Every split-pattern alternative that can contain that
// newline ends with it, the piece after it starts fresh, and UTF-8 repair never spans an ASCII
// byte. Text without such a position (one huge line) is buffered until finish().
#pragma once

#include <cstddef>
#include <functional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "tokenize/encoding.hpp"

namespace verimeter::tokenize {

class StreamEncoder {
 public:
  using Sink = std::function<void(std::span<const TokenId>)>;

  // `allowed_specials` as for Encoding::encode_with_specials (must be valid for `enc`).
  StreamEncoder(const Encoding& enc, Sink sink, std::set<std::string> allowed_specials = {});

  void feed(std::string_view chunk);
  void finish();
  std::size_t tokens() const { return tokens_; }

  // Largest safe cut position in `text` at or after `from` (0 if none).
  static std::size_t last_safe_cut(std::string_view text, std::size_t from);

 private:
  void emit(std::string_view text);

  const Encoding& enc_;
  Sink sink_;
  std::set<std::string> specials_;
  std::string buffer_;
  std::size_t scanned_ = 0;  // buffer_ bytes already searched for a cut
  std::size_t tokens_ = 0;
  std::vector<TokenId> ids_;
};

}  // namespace verimeter::tokenize
