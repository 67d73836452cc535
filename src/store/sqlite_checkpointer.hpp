// Background WAL checkpointing. SQLite's automatic checkpoint runs inside the commit that
// crosses the threshold, so every few batches one attest commit would also copy the WAL into the
// database file and fsync it — a latency spike on the acknowledgement path. Instead, the write
// connection's WAL hook wakes this thread, which runs PASSIVE checkpoints on its own connection
// (they never block the writer or readers). If the WAL still grows past a hard limit (the thread
// cannot keep up), the writer checkpoints inline, so the WAL stays bounded either way.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.hpp"
#include "store/sqlite_connection.hpp"

namespace verimeter::store {

struct CheckpointPolicy {
  int wake_frames = 256;      // WAL frames after a commit that wake the background checkpoint
  int inline_frames = 50000;  // WAL frames at which the writer checkpoints inline itself
};

class Checkpointer {
 public:
  // Installs the WAL hook on `writer` (which must outlive this object) and starts the thread.
  static Result<std::unique_ptr<Checkpointer>> start(const std::string& path, Connection& writer,
                                                     CheckpointPolicy policy = {});
  Checkpointer(const Checkpointer&) = delete;
  Checkpointer& operator=(const Checkpointer&) = delete;
  // Removes the hook, stops and joins the thread.
  ~Checkpointer();

 private:
  Checkpointer(std::unique_ptr<Connection> own, Connection& writer, CheckpointPolicy policy);
  static int on_commit(void* self, sqlite3* db, const char* schema, int frames);
  void run();

  std::unique_ptr<Connection> own_;
  Connection& writer_;
  const CheckpointPolicy policy_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace verimeter::store
