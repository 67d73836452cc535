// One SQLite connection (RAII over sqlite3*) with its cache of prepared statements.
// A Connection is not thread-safe: the store guards each one with its own mutex (the single
// write connection) or hands it to one thread at a time (the read pool). Every connection
// runs with synchronous=FULL, foreign_keys=ON and a busy timeout; readers are query_only.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include <sqlite3.h>

#include "core/result.hpp"
#include "store/sqlite_query.hpp"

namespace verimeter::store {

class Connection {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // Errors: store_open_failed, store_io, store_busy, store_corrupt, store_error.
  static Result<std::unique_ptr<Connection>> open(const std::string& path, Mode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // Runs one or more SQL statements that return no rows.
  Status exec(const std::string& sql);
  // A use of the statement for `sql`, prepared on first use and cached afterwards.
  Result<Query> query(const std::string& sql);
  // A single-row integer query (e.g. PRAGMA), or error if it returns no row.
  Result<std::int64_t> query_int(const std::string& sql);

  sqlite3* handle() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  struct Finalizer {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
  };
  using Statement = std::unique_ptr<sqlite3_stmt, Finalizer>;

  sqlite3* db_;
  // Declared after db_ so statements are finalized before the connection closes.
  std::unordered_map<std::string, Statement> statements_;
};

}  // namespace verimeter::store
