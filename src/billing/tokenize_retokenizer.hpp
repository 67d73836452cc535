// The Retokenizer the server uses: src/tokenize's public BPE encodings (o200k_base,
// cl100k_base) applied to the attest's completion text and chat request, compared with the
// provider's counts (rules in docs/tokenization.md).
#pragma once

#include <memory>

#include "billing/retokenize.hpp"
#include "tokenize/encoding_registry.hpp"

namespace verimeter::billing {

class TokenizeRetokenizer final : public Retokenizer {
 public:
  explicit TokenizeRetokenizer(std::shared_ptr<const tokenize::EncodingRegistry> registry)
      : registry_(std::move(registry)) {}

  Retokenization check(std::string_view model, const NormalizedUsage& usage,
                       const std::optional<Json>& request) const override;

 private:
  std::shared_ptr<const tokenize::EncodingRegistry> registry_;
};

}  // namespace verimeter::billing
