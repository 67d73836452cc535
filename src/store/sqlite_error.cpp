#include "store/sqlite_error.hpp"

#include <string>

namespace verimeter::store {
namespace {

const char* code_for(int rc) {
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return "store_busy";
    case SQLITE_FULL:
      return "store_full";
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      return "store_io";
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return "store_corrupt";
    case SQLITE_CONSTRAINT:
      return "store_constraint";
    default:
      return "store_error";
  }
}

}  // namespace

Error sqlite_error(sqlite3* db, int rc, std::string_view context) {
  std::string message(context);
  message += ": ";
  message += (db != nullptr && sqlite3_errcode(db) == rc) ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  message += " (sqlite " + std::to_string(rc) + ")";
  return make_error(code_for(rc), std::move(message));
}

}  // namespace verimeter::store
