// The server's data directory, created once by `verimeter init` (or on the first `serve`):
//   operator.key  Ed25519 signed-note private key (0600) — signs receipts and checkpoints
//   admin.key     admin API key (0600)
//   verimeter.db  SQLite store (tenants, tariffs, attests, log entries)
//   trust.json    public material a verifier needs (operator key, log origin, policy)
//   config.json   log origin and max merge delay
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/result.hpp"
#include "crypto/note_key.hpp"
#include "store/store.hpp"

namespace verimeter::server {

struct DataDirPaths {
  std::string dir, operator_key, admin_key, db, trust, config;
  explicit DataDirPaths(const std::string& d);
};

struct InitOptions {
  std::string log_origin;  // empty: "verimeter.local/log/<8 random hex>"
  std::uint64_t max_merge_delay_ms = 60000;
};

struct InitResult {
  std::string log_origin;
  std::string operator_verifier_key;
  DataDirPaths paths;
};

bool is_initialized(const std::string& dir);
// Errors: already_initialized, file_io, bad_key_name.
Result<InitResult> init_data_dir(const std::string& dir, const InitOptions& options);

struct ServerConfig {
  std::string log_origin;
  std::uint64_t max_merge_delay_ms = 60000;
};

struct OpenedDataDir {
  DataDirPaths paths;
  crypto::NoteSigner signer;
  std::string admin_key_hash;
  ServerConfig config;
  std::unique_ptr<store::Store> store;
};

// Errors: not_initialized, key_file_permissions, ...
Result<OpenedDataDir> open_data_dir(const std::string& dir);

}  // namespace verimeter::server
