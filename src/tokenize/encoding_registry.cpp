#include "tokenize/encoding_registry.hpp"

namespace verimeter::tokenize {

Result<std::shared_ptr<const EncodingRegistry>> EncodingRegistry::load(const LoadOptions& options) {
  std::shared_ptr<EncodingRegistry> reg(new EncodingRegistry());
  for (const char* name : {"o200k_base", "cl100k_base"}) {
    VM_TRY(enc, Encoding::load(name, options));
    reg->encodings_.emplace(name, std::move(enc));
  }
  return std::shared_ptr<const EncodingRegistry>(std::move(reg));
}

std::shared_ptr<const Encoding> EncodingRegistry::get(std::string_view name) const {
  const auto it = encodings_.find(name);
  return it == encodings_.end() ? nullptr : it->second;
}

}  // namespace verimeter::tokenize
