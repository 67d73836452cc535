// Properties: parse_json never crashes on any input; when it accepts, JCS either fails with a
// named error or yields bytes that parse back to an equal value and are a fixed point of JCS.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/jcs.hpp"
#include "core/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto j = verimeter::parse_json(text, verimeter::JsonLimits{1 << 20, 32});
  if (!j) return 0;
  auto c = verimeter::jcs_canonicalize(*j);
  if (!c) return 0;
  auto back = verimeter::parse_json(*c);
  if (!back) std::abort();
  auto again = verimeter::jcs_canonicalize(*back);
  if (!again || *again != *c) std::abort();
  return 0;
}
