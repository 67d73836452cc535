// Properties: verify_bundle never crashes on any JSON; every report either passes with every
// check passing or not required, or names a failing check with a non-empty code. Seeds:
// tests/verify/vectors/*.json (mutations of a valid bundle reach every check).
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "core/file.hpp"
#include "verify/bundle_verifier.hpp"

namespace {
const verimeter::verify::Trust& trust() {
  static const auto t = *verimeter::verify::parse_trust(
      R"({"trust_version":1,"operator_keys":["vectors.verimeter.test/log+567017ca+ASmsuuFBvMrwsi4alNNNC8c2HlJtC/4SyJeUvJMilm3X"]})");
  return t;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)verimeter::verify::parse_trust(text);
  auto j = verimeter::parse_json(text, verimeter::JsonLimits{1 << 20, 32});
  if (!j) return 0;
  const auto report = verimeter::verify::verify_bundle(*j, trust());
  const auto* f = report.first_failure();
  if (report.ok != (f == nullptr)) std::abort();
  if (f && f->code.empty()) std::abort();
  return 0;
}
