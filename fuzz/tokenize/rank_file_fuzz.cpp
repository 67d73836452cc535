// Fuzzes the strict rank-file parser: arbitrary bytes must be rejected or parsed, never crash,
// and a parsed table must map every rank back to itself.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "tokenize/rank_file.hpp"

namespace tk = verimeter::tokenize;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto table = tk::parse_rank_file(text);
  if (!table.ok()) return 0;
  for (tk::Rank r = 0; r <= table->max_rank(); ++r) {
    const auto bytes = table->bytes_of(r);
    if (!bytes || table->find(*bytes) != r) std::abort();
  }
  return 0;
}
