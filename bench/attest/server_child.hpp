// The benchmark's server: a real `verimeter serve` child process on a free loopback port with
// its own temporary data directory and one tenant, so the load driver measures the shipped
// binary end to end (HTTP, attest path, group-commit writer, fsync).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>
#include <vector>

#include "support/child_process.hpp"

namespace verimeter::bench {

class ServerChild {
 public:
  // Initializes `data_dir`, adds a tenant and starts serving. ok() says whether it worked.
  ServerChild(const std::string& binary, const std::string& data_dir,
              const std::vector<std::string>& serve_args);
  ~ServerChild();  // SIGTERM (clean drain), then reaped
  ServerChild(const ServerChild&) = delete;
  ServerChild& operator=(const ServerChild&) = delete;

  bool ok() const { return server_ && !server_->url().empty(); }
  const std::string& url() const { return server_->url(); }
  const std::string& tenant_key() const { return key_; }
  pid_t pid() const { return server_->pid(); }

 private:
  std::string key_;
  std::unique_ptr<testing::ServeProcess> server_;
};

}  // namespace verimeter::bench
