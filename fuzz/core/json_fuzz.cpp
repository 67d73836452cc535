// libFuzzer target for the strict JSON reader and the JCS writer: any input either fails with
// a named error or parses; a parsed document canonicalizes (or fails with a named error), and
// canonical text parses back to a document whose canonical text is the same bytes. (It found
// that a NUL byte ended the input early, so trailing bytes after it were ignored.)
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/jcs.hpp"
#include "core/json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto doc = verimeter::parse_json(text, verimeter::JsonLimits{1u << 20, 64});
  if (!doc) {
    if (doc.error().code.rfind("json_", 0) != 0) std::abort();
    return 0;
  }
  auto canon = verimeter::jcs_canonicalize(*doc);
  if (!canon) return 0;
  auto again = verimeter::parse_json(*canon, verimeter::JsonLimits{1u << 21, 64});
  if (!again) std::abort();
  // A large float prints as integer digits (ES6 number formatting) that read back as an integer
  // beyond 2^53, which the writer refuses by design (receipts hold exact integers only).
  auto canon2 = verimeter::jcs_canonicalize(*again);
  if (!canon2 && canon2.error().code == "jcs_number_out_of_range") return 0;
  if (!canon2 || *canon2 != *canon) std::abort();
  return 0;
}
