// Properties: opening arbitrary notes and parsing arbitrary keys never crashes; a note that
// opens has a text ending in "\n" and at least one verified signature by a known key.
#include <cstddef>
#include <cstdint>
#include <cstdlib>

#include "crypto/signed_note.hpp"

namespace {
const verimeter::crypto::NoteVerifierKey& known_key() {
  static const auto k = *verimeter::crypto::parse_verifier_key(
      "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
  return k;
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)verimeter::crypto::parse_verifier_key(text);
  (void)verimeter::crypto::parse_private_key(text);
  auto opened = verimeter::crypto::open_note(text, std::span(&known_key(), 1));
  if (opened) {
    if (opened->text.empty() || opened->text.back() != '\n' || opened->verified.empty())
      std::abort();
  }
  return 0;
}
