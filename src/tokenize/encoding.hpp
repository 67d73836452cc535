// Encoding: one tiktoken BPE encoding (o200k_base or cl100k_base) — pinned rank file, split
// pattern and special tokens — and the operations the rest of verimeter needs: count, encode,
// decode. Load once (the SHA-256 of the rank file is verified at load), then share: every method
// is const and thread-safe.
//
// Input is bytes. Invalid UTF-8 is first replaced with U+FFFD, one per maximal invalid subpart
// (WHATWG decoding, as `new TextDecoder().decode(bytes)` in the JS reference tokenizers), so ids
// match what the references produce for the same bytes. `encode` is ordinary encoding: special
// token text such as "<|endoftext|>" is tokenized as plain text.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "tokenize/pretokenizer.hpp"
#include "tokenize/rank_table.hpp"

namespace verimeter::tokenize {

using TokenId = std::uint32_t;

enum class SplitEngine {
  fast,   // hand-written splitter (default)
  pcre2,  // the upstream regex through PCRE2 JIT (reference / fallback)
};

struct LoadOptions {
  std::string data_dir;  // empty: find_data_dir("")
  SplitEngine engine = SplitEngine::fast;
};

struct EncodingSpec {
  std::string_view name;
  std::string_view file;    // rank file name inside the data directory
  std::string_view sha256;  // pinned, lowercase hex
  SplitPattern pattern;
  std::span<const std::pair<std::string_view, TokenId>> specials;
};

// The encodings verimeter knows (o200k_base, cl100k_base); nullptr for other names.
const EncodingSpec* find_encoding_spec(std::string_view name);

class Encoding {
 public:
  static Result<std::shared_ptr<const Encoding>> load(std::string_view name,
                                                      const LoadOptions& options = {});

  std::string_view name() const { return spec_->name; }
  const RankTable& ranks() const { return ranks_; }
  SplitEngine engine() const { return engine_; }

  // Ordinary encoding: specials are plain text.
  std::vector<TokenId> encode(std::string_view text) const;
  // Number of tokens `encode(text)` returns, without materialising them.
  std::size_t count(std::string_view text) const;
  // Like encode, but the special tokens named in `allowed` (e.g. "<|endoftext|>") are emitted as
  // their ids wherever their text occurs; an unknown name in `allowed` is an error.
  Result<std::vector<TokenId>> encode_with_specials(std::string_view text,
                                                    const std::set<std::string>& allowed) const;
  // Bytes of the tokens (specials included); an unknown id is an error.
  Result<std::string> decode(std::span<const TokenId> ids) const;
  // Special token id by text, if this encoding has it.
  std::optional<TokenId> special_id(std::string_view text) const;

  // Calls on_piece(piece) for each pre-token of valid UTF-8 `text` (exposed for tests).
  void split(std::string_view valid_utf8,
             const std::function<void(std::string_view)>& on_piece) const;
  // Appends the ids of valid UTF-8 `text` (ordinary) to `out`; the building block of encode and
  // of the streaming encoder.
  void encode_valid(std::string_view valid_utf8, std::vector<TokenId>& out) const;
  std::size_t count_valid(std::string_view valid_utf8) const;

 private:
  Encoding() = default;
  template <class F>
  void for_each_piece(std::string_view text, F&& f) const;

  const EncodingSpec* spec_ = nullptr;
  RankTable ranks_;
  SplitEngine engine_ = SplitEngine::fast;
  FastSplitter fast_{SplitPattern::o200k};
  std::shared_ptr<const RegexSplitter> regex_;
};

}  // namespace verimeter::tokenize
