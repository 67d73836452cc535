#include "store/sqlite_query.hpp"

#include <limits>
#include <utility>

#include "store/sqlite_error.hpp"

namespace verimeter::store {

Query::Query(Query&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      bind_error_(std::move(other.bind_error_)) {}

Query::~Query() {
  if (stmt_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
}

void Query::remember(int rc, std::string_view what) {
  if (rc != SQLITE_OK && !bind_error_) bind_error_ = sqlite_error(db_, rc, what);
}

Query& Query::bind(int index, std::string_view text) {
  if (text.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    remember(SQLITE_TOOBIG, "bind text");
    return *this;
  }
  remember(
      sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC),
      "bind text");
  return *this;
}

Query& Query::bind_blob(int index, std::string_view bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    remember(SQLITE_TOOBIG, "bind blob");
    return *this;
  }
  // A zero-length blob must still be a blob, not NULL: sqlite3_bind_zeroblob for empty input.
  int rc = bytes.empty() ? sqlite3_bind_zeroblob(stmt_, index, 0)
                         : sqlite3_bind_blob(stmt_, index, bytes.data(),
                                             static_cast<int>(bytes.size()), SQLITE_STATIC);
  remember(rc, "bind blob");
  return *this;
}

Query& Query::bind(int index, std::int64_t value) {
  remember(sqlite3_bind_int64(stmt_, index, value), "bind integer");
  return *this;
}

Result<bool> Query::step() {
  if (bind_error_) return *bind_error_;
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return sqlite_error(db_, rc, "step");
}

Status Query::run() {
  VM_TRY(row, step());
  (void)row;
  return {};
}

std::string Query::text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(p), n);
}

std::string Query::blob(int column) const {
  const void* p = sqlite3_column_blob(stmt_, column);
  int n = sqlite3_column_bytes(stmt_, column);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), n);
}

std::int64_t Query::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

bool Query::is_null(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

}  // namespace verimeter::store
