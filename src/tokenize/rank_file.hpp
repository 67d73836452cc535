// Loading a tiktoken rank file (`.tiktoken`: one "base64(token bytes) SP rank LF" line per token,
// sorted by rank). The file's SHA-256 is checked against a pinned value before it is parsed; a
// mismatch is a hard error, never a warning.
#pragma once

#include <string>
#include <string_view>

#include "core/result.hpp"
#include "tokenize/rank_table.hpp"

namespace verimeter::tokenize {

// Parses rank-file bytes (strict: canonical base64, ranks 0..n-1 in order, no blank lines).
Result<RankTable> parse_rank_file(std::string_view contents);

// Reads `path`, checks its SHA-256 (lowercase hex) and parses it.
Result<RankTable> load_rank_file(const std::string& path, std::string_view expected_sha256_hex);

// Lowercase hex SHA-256 of `data`.
std::string sha256_hex(std::string_view data);

}  // namespace verimeter::tokenize
