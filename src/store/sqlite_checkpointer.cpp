#include "store/sqlite_checkpointer.hpp"

namespace verimeter::store {

Result<std::unique_ptr<Checkpointer>> Checkpointer::start(const std::string& path,
                                                          Connection& writer,
                                                          CheckpointPolicy policy) {
  VM_TRY(own, Connection::open(path, Connection::Mode::kReadWrite));
  std::unique_ptr<Checkpointer> c(new Checkpointer(std::move(own), writer, policy));
  sqlite3_wal_hook(writer.handle(), &Checkpointer::on_commit, c.get());
  return c;
}

Checkpointer::Checkpointer(std::unique_ptr<Connection> own, Connection& writer,
                           CheckpointPolicy policy)
    : own_(std::move(own)), writer_(writer), policy_(policy) {
  thread_ = std::thread([this] { run(); });
}

Checkpointer::~Checkpointer() {
  // Back to SQLite's automatic checkpoint for whatever the writer does after us.
  sqlite3_wal_autocheckpoint(writer_.handle(), policy_.wake_frames);
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

// Called by SQLite on the writer's thread after each commit, with the WAL size in frames.
int Checkpointer::on_commit(void* self, sqlite3* db, const char* schema, int frames) {
  auto* c = static_cast<Checkpointer*>(self);
  if (frames >= c->policy_.inline_frames) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  } else if (frames >= c->policy_.wake_frames) {
    {
      std::lock_guard lock(c->mu_);
      c->pending_ = true;
    }
    c->wake_.notify_one();
  }
  return SQLITE_OK;  // a failed checkpoint is retried on a later commit; it never fails one
}

void Checkpointer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait(lock, [&] { return pending_ || stopping_; });
    if (stopping_) return;
    pending_ = false;
    lock.unlock();
    sqlite3_wal_checkpoint_v2(own_->handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    lock.lock();
  }
}

}  // namespace verimeter::store
