// The fast path of parse_json(): simdjson validates the text (syntax, UTF-8, escapes, control
// characters) and the tree is built from its tape, about twice as fast as nlohmann's own lexer.
// It answers only when it is sure to agree with the strict nlohmann reader: anything simdjson
// refuses (including what nlohmann accepts, such as a leading BOM or integers beyond 64 bits,
// which nlohmann reads as doubles), a duplicate key or excess depth yields nullopt, and
// parse_json() then asks the strict reader, whose verdict and messages stay the reference.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

#include "core/json.hpp"

namespace verimeter::detail {

std::optional<Json> read_with_simdjson(std::string_view text, std::size_t max_depth);

}  // namespace verimeter::detail
