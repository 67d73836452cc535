#include "tokenize/encoding.hpp"

#include <array>

#include "tokenize/bpe.hpp"
#include "tokenize/data_dir.hpp"
#include "tokenize/piece_cache.hpp"
#include "tokenize/rank_file.hpp"
#include "tokenize/utf8.hpp"

namespace verimeter::tokenize {
namespace {

constexpr std::array<std::pair<std::string_view, TokenId>, 2> kO200kSpecials{{
    {"<|endoftext|>", 199999},
    {"<|endofprompt|>", 200018},
}};
constexpr std::array<std::pair<std::string_view, TokenId>, 5> kCl100kSpecials{{
    {"<|endoftext|>", 100257},
    {"<|fim_prefix|>", 100258},
    {"<|fim_middle|>", 100259},
    {"<|fim_suffix|>", 100260},
    {"<|endofprompt|>", 100276},
}};

const std::array<EncodingSpec, 2> kSpecs{{
    {"o200k_base", "o200k_base.tiktoken",
     "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d", SplitPattern::o200k,
     kO200kSpecials},
    {"cl100k_base", "cl100k_base.tiktoken",
     "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7", SplitPattern::cl100k,
     kCl100kSpecials},
}};

// Runs `f` on `text` as valid UTF-8: a view of the input when it is valid, else a replaced copy.
template <class F>
auto with_valid_utf8(std::string_view text, F&& f) {
  if (valid_utf8_prefix(text) == text.size()) return f(text);
  const std::string fixed = replace_invalid_utf8(text);
  return f(std::string_view(fixed));
}

}  // namespace

const EncodingSpec* find_encoding_spec(std::string_view name) {
  for (const auto& s : kSpecs)
    if (s.name == name) return &s;
  return nullptr;
}

Result<std::shared_ptr<const Encoding>> Encoding::load(std::string_view name,
                                                       const LoadOptions& options) {
  const EncodingSpec* spec = find_encoding_spec(name);
  if (spec == nullptr)
    return make_error("tokenizer_unknown_encoding", "unknown encoding '" + std::string(name) +
                                                        "' (known: o200k_base, cl100k_base)");
  VM_TRY(dir, find_data_dir(options.data_dir, spec->file));
  VM_TRY(table, load_rank_file(dir + "/" + std::string(spec->file), spec->sha256));
  std::shared_ptr<Encoding> enc(new Encoding());
  enc->spec_ = spec;
  enc->ranks_ = std::move(table);
  enc->engine_ = options.engine;
  enc->fast_ = FastSplitter(spec->pattern);
  if (options.engine == SplitEngine::pcre2) {
    VM_TRY(rx, RegexSplitter::create(spec->pattern));
    enc->regex_ = std::move(rx);
  }
  return std::shared_ptr<const Encoding>(std::move(enc));
}

template <class F>
void Encoding::for_each_piece(std::string_view text, F&& f) const {
  if (engine_ == SplitEngine::pcre2) {
    regex_->split(text, f);
  } else {
    fast_.split(text, f);
  }
}

void Encoding::split(std::string_view valid_utf8,
                     const std::function<void(std::string_view)>& on_piece) const {
  for_each_piece(valid_utf8, on_piece);
}

namespace {
constexpr std::size_t kCacheFromBytes = 64 * 1024;  // below this a cache costs more than it saves
}

void Encoding::encode_valid(std::string_view valid_utf8, std::vector<TokenId>& out) const {
  if (valid_utf8.size() < kCacheFromBytes) {
    for_each_piece(valid_utf8,
                   [&](std::string_view piece) { bpe_encode_piece(ranks_, piece, out); });
    return;
  }
  PieceCache cache;
  for_each_piece(valid_utf8, [&](std::string_view piece) {
    if (const Rank whole = ranks_.find(piece); whole != kNoRank) {
      out.push_back(whole);
      return;
    }
    std::size_t n;
    if (const Rank* hit = cache.find(piece, n)) {
      out.insert(out.end(), hit, hit + n);
      return;
    }
    const std::size_t before = out.size();
    bpe_encode_piece(ranks_, piece, out);
    cache.put(piece, out.data() + before, out.size() - before);
  });
}

std::size_t Encoding::count_valid(std::string_view valid_utf8) const {
  if (valid_utf8.size() < kCacheFromBytes) {
    std::size_t n = 0;
    for_each_piece(valid_utf8,
                   [&](std::string_view piece) { n += bpe_count_piece(ranks_, piece); });
    return n;
  }
  PieceCache cache;
  std::vector<Rank> scratch;
  std::size_t total = 0;
  for_each_piece(valid_utf8, [&](std::string_view piece) {
    if (ranks_.find(piece) != kNoRank) {
      ++total;
      return;
    }
    std::size_t n;
    if (cache.find(piece, n)) {
      total += n;
      return;
    }
    scratch.clear();
    bpe_encode_piece(ranks_, piece, scratch);
    cache.put(piece, scratch.data(), scratch.size());
    total += scratch.size();
  });
  return total;
}

std::vector<TokenId> Encoding::encode(std::string_view text) const {
  std::vector<TokenId> out;
  out.reserve(text.size() / 4 + 4);
  with_valid_utf8(text, [&](std::string_view t) { encode_valid(t, out); });
  return out;
}

std::size_t Encoding::count(std::string_view text) const {
  return with_valid_utf8(text, [&](std::string_view t) { return count_valid(t); });
}

std::optional<TokenId> Encoding::special_id(std::string_view text) const {
  for (const auto& [s, id] : spec_->specials)
    if (s == text) return id;
  return std::nullopt;
}

Result<std::vector<TokenId>> Encoding::encode_with_specials(
    std::string_view text, const std::set<std::string>& allowed) const {
  for (const auto& a : allowed)
    if (!special_id(a))
      return make_error("tokenizer_unknown_special",
                        "'" + a + "' is not a special token of " + std::string(name()));
  std::vector<TokenId> out;
  with_valid_utf8(text, [&](std::string_view t) {
    std::size_t pos = 0;
    while (pos <= t.size()) {
      // Leftmost allowed special at or after pos.
      std::size_t best = std::string_view::npos;
      std::string_view best_text;
      for (const auto& a : allowed) {
        const std::size_t at = t.find(a, pos);
        if (at < best) {
          best = at;
          best_text = a;
        }
      }
      encode_valid(t.substr(pos, best == std::string_view::npos ? t.npos : best - pos), out);
      if (best == std::string_view::npos) break;
      out.push_back(*special_id(best_text));
      pos = best + best_text.size();
    }
  });
  return out;
}

Result<std::string> Encoding::decode(std::span<const TokenId> ids) const {
  std::string out;
  for (const TokenId id : ids) {
    if (const auto bytes = ranks_.bytes_of(id)) {
      out.append(*bytes);
      continue;
    }
    bool found = false;
    for (const auto& [s, sid] : spec_->specials) {
      if (sid == id) {
        out.append(s);
        found = true;
        break;
      }
    }
    if (!found)
      return make_error("tokenizer_unknown_token",
                        "token id " + std::to_string(id) + " is not in " + std::string(name()));
  }
  return out;
}

}  // namespace verimeter::tokenize
