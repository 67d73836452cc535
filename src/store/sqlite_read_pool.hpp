// A small pool of read-only connections. WAL lets readers run concurrently with the single
// writer and with each other, so each concurrent reader gets its own connection; connections
// are opened lazily up to `max_connections`, after which acquire() waits for a free one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "store/sqlite_connection.hpp"

namespace verimeter::store {

class ReadPool {
 public:
  // Hands a connection to one thread; gives it back to the pool when destroyed.
  class Lease {
   public:
    Lease(ReadPool* pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (c_) pool_->release(std::move(c_));
    }
    Connection& operator*() const { return *c_; }
    Connection* operator->() const { return c_.get(); }

   private:
    ReadPool* pool_;
    std::unique_ptr<Connection> c_;
  };

  ReadPool(std::string path, std::size_t max_connections)
      : path_(std::move(path)), max_(max_connections) {}

  Result<Lease> acquire();

 private:
  void release(std::unique_ptr<Connection> c);

  const std::string path_;
  const std::size_t max_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;  // idle + leased
};

}  // namespace verimeter::store
