#include "store/sqlite_read_pool.hpp"

namespace verimeter::store {

Result<ReadPool::Lease> ReadPool::acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    return Lease(this, std::move(c));
  }
  ++open_;  // reserve the slot, then open without holding the lock
  lock.unlock();
  auto opened = Connection::open(path_, Connection::Mode::kReadOnly);
  if (!opened.ok()) {
    std::lock_guard relock(mu_);
    --open_;
    cv_.notify_one();
    return opened.error();
  }
  return Lease(this, std::move(opened).value());
}

void ReadPool::release(std::unique_ptr<Connection> c) {
  {
    std::lock_guard lock(mu_);
    idle_.push_back(std::move(c));
  }
  cv_.notify_one();
}

}  // namespace verimeter::store
