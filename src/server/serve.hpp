// `verimeter serve`: open (initializing on first run) a data directory, start the group-commit
// writer and the HTTP API, print where to send requests, run until SIGINT/SIGTERM, then stop
// accepting, drain the write queue and exit.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "core/result.hpp"

namespace verimeter::billing {
class Retokenizer;
}

namespace verimeter::server {

struct ServeOptions {
  std::string data_dir = "./verimeter-data";
  std::string host = "127.0.0.1";  // an address or a host name (HttpServerOptions::host)
  std::uint16_t port = 8080;
  int threads = 2;
  std::chrono::milliseconds read_timeout{30000};  // a request body's deadline (then 408)
  std::size_t max_batch = 256;
  std::size_t queue_capacity = 4096;
  std::uint64_t commit_delay_us = 500;  // GroupCommitOptions::commit_delay
  const billing::Retokenizer* retokenizer = nullptr;
  std::uint64_t discrepancy_alert_bp = 100;  // alert when a tenant/model mismatch rate exceeds this
  std::uint64_t discrepancy_min_checked = 20;  // ... after at least this many checked counts
};

// Blocks until a stop signal. Errors: not_initialized, listen_failed, ...
Status serve(const ServeOptions& options);

}  // namespace verimeter::server
