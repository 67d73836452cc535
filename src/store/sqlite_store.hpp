// The embedded SQLite backend of Store (store.hpp). One write connection, guarded by a mutex,
// serves every write; put_attests() runs a whole span in one BEGIN IMMEDIATE ... COMMIT, and
// with WAL + synchronous=FULL the commit returns only after the WAL is fsync'ed. Readers use a
// small pool of query_only connections, concurrent with the writer thanks to WAL. At open the
// schema is migrated and the log is checked to be contiguous from leaf 0 (store_corrupt if not).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "store/sqlite_checkpointer.hpp"
#include "store/store.hpp"

namespace verimeter::store {

struct SqliteStoreOptions {
  std::size_t read_connections = 4;  // upper bound of the read pool
  // WAL checkpoints on a background thread instead of inside an attest commit
  // (sqlite_checkpointer.hpp); off = SQLite's automatic checkpoint.
  bool background_checkpoint = true;
  CheckpointPolicy checkpoint;  // thresholds, used when background_checkpoint is on
};

// A file path is required (":memory:" and URI file names are refused: every connection of the
// pool must see the same database). Errors: store_open_failed, store_schema_too_new,
// store_corrupt, store_io, store_busy.
Result<std::unique_ptr<Store>> open_sqlite_store(const std::string& path,
                                                 const SqliteStoreOptions& options);

}  // namespace verimeter::store
