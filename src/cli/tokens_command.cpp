// `verimeter tokens ...`: tiktoken-compatible token counting and encoding from the command line.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <set>
#include <string>

#include "cli/commands.hpp"
#include "tokenize/encoding.hpp"
#include "tokenize/model_encoding.hpp"
#include "tokenize/stream_encoder.hpp"

namespace verimeter::cli {
namespace {

namespace tk = verimeter::tokenize;

struct TokensArgs {
  std::string encoding = "o200k_base";
  std::string input = "-";
  std::string data_dir;
  std::string engine = "fast";
  std::vector<std::string> allow_special;
};

void add_common(CLI::App* cmd, TokensArgs& a) {
  cmd->add_option("--encoding,-e", a.encoding,
                  "o200k_base (GPT-4o, GPT-4.1, GPT-5, o-series) or "
                  "cl100k_base (GPT-4, GPT-3.5)")
      ->capture_default_str()
      ->check(CLI::IsMember({"o200k_base", "cl100k_base"}));
  cmd->add_option("input", a.input, "file to read, or - for stdin (streamed, any size)")
      ->capture_default_str();
  cmd->add_option(
      "--data-dir", a.data_dir,
      "directory holding the pinned .tiktoken rank files (default: "
      "$VERIMETER_TOKENIZER_DIR, the built-in path, or data/tokenize beside the binary)");
  cmd->add_option("--engine", a.engine, "pre-tokenizer: fast (default) or pcre2 (reference regex)")
      ->check(CLI::IsMember({"fast", "pcre2"}));
  cmd->add_option(
         "--allow-special", a.allow_special,
         "emit this special token (e.g. '<|endoftext|>') as its id instead of encoding its "
         "text; repeatable. By default special-token text is ordinary text.")
      ->allow_extra_args(false);
}

// Streams `a.input` through a StreamEncoder; returns the exit code.
int run(const TokensArgs& a, const tk::StreamEncoder::Sink& sink, std::size_t& total) {
  tk::LoadOptions opts{a.data_dir,
                       a.engine == "pcre2" ? tk::SplitEngine::pcre2 : tk::SplitEngine::fast};
  auto enc = tk::Encoding::load(a.encoding, opts);
  if (!enc.ok()) {
    std::cerr << "error: " << enc.error().code << ": " << enc.error().message << "\n";
    return 2;
  }
  std::set<std::string> specials(a.allow_special.begin(), a.allow_special.end());
  for (const auto& s : specials) {
    if (!(*enc)->special_id(s)) {
      std::cerr << "error: '" << s << "' is not a special token of " << a.encoding << "\n";
      return 2;
    }
  }
  std::ifstream file;
  std::istream* in = &std::cin;
  if (a.input != "-") {
    file.open(a.input, std::ios::binary);
    if (!file) {
      std::cerr << "error: cannot open " << a.input << "\n";
      return 2;
    }
    in = &file;
  }
  tk::StreamEncoder stream(**enc, sink, std::move(specials));
  std::string chunk(1 << 16, '\0');
  while (*in) {
    in->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const auto got = static_cast<std::size_t>(in->gcount());
    if (got == 0) break;
    stream.feed(std::string_view(chunk.data(), got));
  }
  if (in->bad()) {
    std::cerr << "error: read failed on " << a.input << "\n";
    return 2;
  }
  stream.finish();
  total = stream.tokens();
  return 0;
}

void register_encode(CLI::App& tokens, int& exit_code) {
  auto args = std::make_shared<TokensArgs>();
  auto* cmd = tokens.add_subcommand("encode", "Print the token ids of a text as a JSON array");
  cmd->footer(
      "Ids are identical to OpenAI's tiktoken. Invalid UTF-8 is replaced by U+FFFD first.\n"
      "Example:\n  echo -n 'Hello, world' | verimeter tokens encode --encoding o200k_base -\n"
      "  [13225,11,2375]");
  add_common(cmd, *args);
  cmd->callback([args, &exit_code] {
    bool first = true;
    std::string out = "[";
    auto sink = [&](std::span<const tk::TokenId> ids) {
      for (const auto id : ids) {
        if (!first) out += ',';
        first = false;
        out += std::to_string(id);
      }
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    };
    std::size_t total = 0;
    exit_code = run(*args, sink, total);
    if (exit_code == 0) std::fputs(first ? "[]\n" : "]\n", stdout);
  });
}

void register_count(CLI::App& tokens, int& exit_code) {
  auto args = std::make_shared<TokensArgs>();
  auto* cmd = tokens.add_subcommand("count", "Print the number of tokens of a text");
  cmd->footer("Example:\n  verimeter tokens count --encoding cl100k_base README.md\n  1234");
  add_common(cmd, *args);
  cmd->callback([args, &exit_code] {
    std::size_t total = 0;
    exit_code = run(
        *args, [](std::span<const tk::TokenId>) {}, total);
    if (exit_code == 0) std::printf("%zu\n", total);
  });
}

void register_model(CLI::App& tokens, int& exit_code) {
  auto model = std::make_shared<std::string>();
  auto* cmd = tokens.add_subcommand(
      "model", "Print the encoding verimeter uses for a provider model (exit 1: none is public)");
  cmd->footer("Example:\n  verimeter tokens model gpt-4o-2024-08-06\n  o200k_base");
  cmd->add_option("model", *model, "model name as the provider reports it")->required();
  cmd->callback([model, &exit_code] {
    if (const auto enc = tk::encoding_for_model(*model)) {
      std::printf("%.*s\n", static_cast<int>(enc->size()), enc->data());
      exit_code = 0;
    } else {
      std::fprintf(stderr, "%s: no public tokenizer (counts are unverifiable)\n", model->c_str());
      exit_code = 1;
    }
  });
}

}  // namespace

void register_tokens_commands(CLI::App& app, int& exit_code) {
  auto* tokens = app.add_subcommand(
      "tokens", "Count or encode text with OpenAI's public tokenizers (o200k_base, cl100k_base)");
  tokens->require_subcommand(1);
  register_encode(*tokens, exit_code);
  register_count(*tokens, exit_code);
  register_model(*tokens, exit_code);
}

}  // namespace verimeter::cli
