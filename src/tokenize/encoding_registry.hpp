// EncodingRegistry: every encoding verimeter knows, loaded (and SHA-256 verified) once at
// construction, then shared read-only — safe to use from any number of threads. A server builds
// one at start-up and hands it to the re-tokenizer.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "tokenize/encoding.hpp"

namespace verimeter::tokenize {

class EncodingRegistry {
 public:
  // Loads o200k_base and cl100k_base; any missing or corrupted rank file is an error.
  static Result<std::shared_ptr<const EncodingRegistry>> load(const LoadOptions& options = {});

  // nullptr for an unknown name.
  std::shared_ptr<const Encoding> get(std::string_view name) const;

 private:
  EncodingRegistry() = default;
  std::map<std::string, std::shared_ptr<const Encoding>, std::less<>> encodings_;
};

}  // namespace verimeter::tokenize
