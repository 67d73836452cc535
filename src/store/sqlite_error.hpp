// Maps SQLite result codes to the store's stable error codes, so callers (the server's
// problem+json, the CLI) see store_busy / store_full / store_io / store_corrupt / store_error
// instead of raw SQLite numbers. The SQLite message is kept in the human-readable part.
#pragma once

#include <string_view>

#include <sqlite3.h>

#include "core/result.hpp"

namespace verimeter::store {

// `db` may be null (e.g. when sqlite3_open itself failed without a handle).
Error sqlite_error(sqlite3* db, int rc, std::string_view context);

}  // namespace verimeter::store
