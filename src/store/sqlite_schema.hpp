// The SQLite schema and its migrations. The schema version lives in the settings table under
// "schema_version"; migrate_schema() applies every step above the stored version, each in its
// own transaction together with the new version number, and refuses a database written by a
// newer verimeter (store_schema_too_new). Adding a step = appending to the list in the .cpp.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "store/sqlite_connection.hpp"

namespace verimeter::store {

inline constexpr char kSchemaVersionKey[] = "schema_version";

// The version this build writes.
std::int64_t current_schema_version();

// Brings the database on `c` (the write connection) up to current_schema_version().
// Errors: store_schema_too_new, store_corrupt, and SQLite errors.
Status migrate_schema(Connection& c);

// Checks that the attests' leaf indices (the log) are exactly 0..n-1. Returns n.
// Error: store_corrupt.
Result<std::uint64_t> check_log_contiguity(Connection& c);

}  // namespace verimeter::store
