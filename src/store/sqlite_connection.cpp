#include "store/sqlite_connection.hpp"

#include <utility>

#include "store/sqlite_error.hpp"

namespace verimeter::store {
namespace {

constexpr int kBusyTimeoutMs = 5000;

Status apply_pragmas(Connection& c, Connection::Mode mode) {
  if (sqlite3_busy_timeout(c.handle(), kBusyTimeoutMs) != SQLITE_OK) {
    return make_error("store_open_failed", "cannot set busy timeout");
  }
  VM_CHECK(c.exec("PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"));
  if (mode == Connection::Mode::kReadOnly) VM_CHECK(c.exec("PRAGMA query_only=ON;"));
  // foreign_keys is a no-op inside a transaction or when compiled out: verify it took.
  VM_TRY(fk, c.query_int("PRAGMA foreign_keys"));
  VM_TRY(sync, c.query_int("PRAGMA synchronous"));
  if (fk != 1 || sync != 2) {
    return make_error("store_open_failed", "foreign_keys or synchronous=FULL not in effect");
  }
  return {};
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
  if (mode == Mode::kReadWrite) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  std::unique_ptr<Connection> c(new Connection(db));  // owns db even when open failed
  if (rc != SQLITE_OK) {
    Error e = sqlite_error(db, rc, "open " + path);
    return make_error("store_open_failed", e.message);
  }
  sqlite3_extended_result_codes(db, 1);
  VM_CHECK(apply_pragmas(*c, mode));
  return c;
}

Connection::~Connection() {
  statements_.clear();
  sqlite3_close_v2(db_);
}

Status Connection::exec(const std::string& sql) {
  char* message = nullptr;
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message);
  sqlite3_free(message);  // the same text is available from sqlite3_errmsg
  if (rc != SQLITE_OK) return sqlite_error(db_, rc, "exec");
  return {};
}

Result<Query> Connection::query(const std::string& sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    sqlite3_stmt* raw = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.c_str(), static_cast<int>(sql.size() + 1),
                                SQLITE_PREPARE_PERSISTENT, &raw, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(db_, rc, "prepare");
    it = statements_.emplace(sql, Statement(raw)).first;
  }
  return Query(db_, it->second.get());
}

Result<std::int64_t> Connection::query_int(const std::string& sql) {
  VM_TRY(q, query(sql));
  VM_TRY(row, q.step());
  if (!row) return make_error("store_error", "no row from: " + sql);
  return q.int64(0);
}

}  // namespace verimeter::store
