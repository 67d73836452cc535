// Re-tokenization result carried in every receipt: verimeter's own token count beside the
// provider's, per side (input/prompt and output/completion). A side is `match`, `mismatch`,
// `unverifiable` (private tokenizer, hidden reasoning, tools/images, unknown model) or
// `not_provided` (the attest carried no text for it). The overall status is `mismatch` if any
// side mismatches, `match` if at least one side matches, otherwise `unverifiable`.
#pragma once

#include <optional>
#include <string>

#include "billing/usage.hpp"
#include "core/json.hpp"

namespace verimeter::billing {

struct RetokenizationSide {
  std::string status = "not_provided";
  std::optional<std::uint64_t> ours;
  std::optional<std::uint64_t> provider;
  std::string reason;
};

struct Retokenization {
  std::optional<std::string> encoding;
  RetokenizationSide input;
  RetokenizationSide output;
  std::string overall_status() const;
};

Json retokenization_to_json(const Retokenization& r);
Retokenization unverifiable_retokenization(const std::string& reason);

// Implemented on top of src/tokenize (tokenize_retokenizer.cpp); an interface so the attest
// pipeline and its tests can run without tokenizer data.
class Retokenizer {
 public:
  virtual ~Retokenizer() = default;
  // `request` is the optional provider request (e.g. {"messages": [...]}).
  virtual Retokenization check(std::string_view model, const NormalizedUsage& usage,
                               const std::optional<Json>& request) const = 0;
};

}  // namespace verimeter::billing
