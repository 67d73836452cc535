// A write transaction on one Connection: BEGIN IMMEDIATE takes the write lock up front (so
// the transaction cannot fail half-way on a lock upgrade), commit() makes it durable, and a
// transaction that was not committed is rolled back when it goes out of scope. With WAL and
// synchronous=FULL, commit() returns only after the WAL has been fsync'ed.
#pragma once

#include "core/result.hpp"
#include "store/sqlite_connection.hpp"

namespace verimeter::store {

class Transaction {
 public:
  static Result<Transaction> begin(Connection& c) {
    VM_CHECK(c.exec("BEGIN IMMEDIATE"));
    return Transaction(&c);
  }
  Transaction(Transaction&& o) noexcept : c_(o.c_) { o.c_ = nullptr; }
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction() {
    // SQLite may already have rolled back on some errors (e.g. I/O); only roll back if open.
    if (c_ != nullptr && sqlite3_get_autocommit(c_->handle()) == 0) (void)c_->exec("ROLLBACK");
  }

  Status commit() {
    Status s = c_->exec("COMMIT");
    if (s.ok()) c_ = nullptr;
    return s;
  }

 private:
  explicit Transaction(Connection* c) : c_(c) {}
  Connection* c_;
};

}  // namespace verimeter::store
