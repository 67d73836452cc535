// libFuzzer target: parse_json (simdjson fast path, strict nlohmann reader behind it) against
// nlohmann's own parser on the same bytes. Whatever parse_json accepts, nlohmann accepts with an
// equal tree (nlohmann keeps the last of duplicate keys, which parse_json refuses); whatever
// nlohmann refuses as JSON, parse_json refuses too.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto ours = verimeter::parse_json(text, verimeter::JsonLimits{1u << 20, 64});
  verimeter::Json reference;
  bool reference_ok = true;
  try {
    reference = verimeter::Json::parse(text.begin(), text.end());
  } catch (const verimeter::Json::exception&) {
    reference_ok = false;
  }
  if (ours.ok() && (!reference_ok || *ours != reference)) std::abort();
  if (!ours.ok() && ours.error().code.rfind("json_", 0) != 0) std::abort();
  return 0;
}
