// Differential check of verimeter's tokenizer against reference ids written by
// tests/tokenize/js/expected.mjs (tiktoken WASM, js-tiktoken, gpt-tokenizer).
//
//   tokenize_differential DIR [--engine fast|pcre2]
//
// Every case must equal tiktoken (the WASM build of OpenAI's Rust core) exactly. js-tiktoken and
// gpt-tokenizer run on the JS regex engine, whose \s and Unicode tables differ from tiktoken's
// (U+FEFF, U+0085, characters newer than tiktoken's Unicode version); the cases holding such
// characters (flagged by expected.mjs) may differ from them, every other case must equal them
// too. With --engine pcre2 the same holds except for cases holding characters that the system
// PCRE2's (older) Unicode tables classify differently; those are counted and reported.
// Exit 0 when all checks pass, 1 otherwise.
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "tokenize/char_class.hpp"
#include "tokenize/encoding.hpp"
#include "tokenize/utf8.hpp"

namespace tk = verimeter::tokenize;

namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << " (run node tests/tokenize/js/expected.mjs first)\n";
    std::exit(1);
  }
  return std::string(std::istreambuf_iterator<char>(in), {});
}

std::uint32_t u32(const std::string& b, std::size_t& o) {
  std::uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v |= std::uint32_t(static_cast<unsigned char>(b[o + i])) << (8 * i);
  o += 4;
  return v;
}

std::vector<std::optional<std::vector<std::uint32_t>>> read_ids(const std::string& path,
                                                                std::size_t cases) {
  const std::string b = read_all(path);
  std::vector<std::optional<std::vector<std::uint32_t>>> out;
  std::size_t o = 0;
  for (std::size_t c = 0; c < cases; ++c) {
    const std::uint32_t n = u32(b, o);
    if (n == 0xFFFFFFFFu) {
      out.emplace_back(std::nullopt);
      continue;
    }
    std::vector<std::uint32_t> ids(n);
    for (auto& id : ids) id = u32(b, o);
    out.emplace_back(std::move(ids));
  }
  return out;
}

// True when `text` (valid UTF-8 or not) holds a code point PCRE2 classifies unlike our table.
bool pcre2_divergent(const std::string& text, std::map<char32_t, bool>& cache) {
  const std::string valid = tk::replace_invalid_utf8(text);
  const auto* p = reinterpret_cast<const unsigned char*>(valid.data());
  for (std::size_t i = 0, len = 0; i < valid.size(); i += len) {
    const char32_t cp = tk::decode_utf8(p + i, len);
    auto it = cache.find(cp);
    if (it == cache.end())
      it = cache.emplace(cp, tk::RegexSplitter::pcre2_char_class(cp) != tk::char_class(cp)).first;
    if (it->second) return true;
  }
  return false;
}

std::string show(const std::vector<std::uint32_t>& v) {
  std::string s = "[";
  for (std::size_t i = 0; i < v.size() && i < 40; ++i) s += (i ? "," : "") + std::to_string(v[i]);
  return s + (v.size() > 40 ? ",...]" : "]");
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: tokenize_differential DIR [--engine fast|pcre2]\n";
    return 2;
  }
  const std::string dir = argv[1];
  tk::LoadOptions opts;
  if (argc >= 4 && std::string(argv[2]) == "--engine" && std::string(argv[3]) == "pcre2")
    opts.engine = tk::SplitEngine::pcre2;

  const std::string corpus = read_all(dir + "/corpus.bin");
  std::size_t o = 0;
  const std::uint32_t cases = u32(corpus, o);
  std::vector<std::string> texts;
  for (std::uint32_t i = 0; i < cases; ++i) {
    const std::uint32_t n = u32(corpus, o);
    texts.push_back(corpus.substr(o, n));
    o += n;
  }
  std::vector<std::string> names;
  {
    std::ifstream in(dir + "/names.txt");
    for (std::string line; std::getline(in, line);) names.push_back(line);
  }

  const std::string js_divergent = read_all(dir + "/js_divergent.bin");
  if (js_divergent.size() != cases) {
    std::cerr << "js_divergent.bin does not match the corpus\n";
    return 1;
  }
  std::vector<bool> unicode_divergent(cases, false);
  if (opts.engine == tk::SplitEngine::pcre2) {
    std::map<char32_t, bool> cache;
    std::size_t n = 0;
    for (std::uint32_t i = 0; i < cases; ++i)
      n += unicode_divergent[i] = pcre2_divergent(texts[i], cache);
    std::cout << "pcre2 engine: " << n << " cases hold characters the system PCRE2"
              << " classifies unlike the reference (newer Unicode)\n";
  }
  int failures = 0;
  for (const char* enc_name : {"o200k_base", "cl100k_base"}) {
    auto enc = tk::Encoding::load(enc_name, opts);
    if (!enc.ok()) {
      std::cerr << enc.error().code << ": " << enc.error().message << "\n";
      return 1;
    }
    for (const char* ref : {"tiktoken", "js-tiktoken", "gpt-tokenizer"}) {
      const auto expected = read_ids(dir + "/" + enc_name + "." + ref + ".bin", cases);
      std::size_t compared = 0, equal = 0, excused = 0, bad = 0;
      for (std::uint32_t i = 0; i < cases; ++i) {
        if (!expected[i]) continue;
        ++compared;
        const auto ours = (*enc)->encode(texts[i]);
        if (ours == *expected[i]) {
          ++equal;
          if ((*enc)->count(texts[i]) != ours.size()) {
            std::cerr << "count != encode size for " << names[i] << "\n";
            ++bad;
          }
          continue;
        }
        const bool js_engine = std::string(ref) != "tiktoken";
        if (unicode_divergent[i]) {
          ++excused;
          continue;
        }
        if (js_engine && js_divergent[i] == 1) {
          ++excused;
          continue;
        }
        ++bad;
        if (bad <= 8)
          std::cerr << enc_name << " vs " << ref << " case " << i << " (" << names[i]
                    << "):\n  ours " << show(ours) << "\n  ref  " << show(*expected[i]) << "\n";
      }
      std::cout << enc_name << " vs " << ref << ": " << equal << "/" << compared << " identical, "
                << excused << " cases with known Unicode/\\s divergence differ, " << bad
                << " failures\n";
      failures += static_cast<int>(bad);
    }
  }
  return failures == 0 ? 0 : 1;
}
