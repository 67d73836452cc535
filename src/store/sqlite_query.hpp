// One use of a cached prepared statement. Binding errors are remembered and reported by the
// next step(), so call sites read as bind(...).bind(...) then step(). When the Query goes out
// of scope the statement is reset and its bindings cleared, ready for the next use; the
// statement itself stays owned by its Connection's cache.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <sqlite3.h>

#include "core/result.hpp"

namespace verimeter::store {

class Query {
 public:
  Query(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Query(Query&& other) noexcept;
  Query& operator=(Query&&) = delete;
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  ~Query();

  // Parameters are 1-based, as in SQLite. Text and blobs are bound without a copy
  // (SQLITE_STATIC): the bound strings must outlive the Query.
  Query& bind(int index, std::string_view text);
  Query& bind_blob(int index, std::string_view bytes);
  Query& bind(int index, std::int64_t value);

  // true: a row is available; false: done. Errors carry the store's codes (sqlite_error).
  Result<bool> step();
  // Steps a statement that returns no rows (INSERT/UPDATE/DELETE).
  Status run();

  std::string text(int column) const;
  std::string blob(int column) const;
  std::int64_t int64(int column) const;
  bool is_null(int column) const;

 private:
  void remember(int rc, std::string_view what);

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  std::optional<Error> bind_error_;
};

}  // namespace verimeter::store
