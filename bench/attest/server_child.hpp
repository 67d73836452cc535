// The benchmark's server: a real `verimeter serve` child process on a free loopback port with
// its own temporary data directory and one tenant, so the load driver measures the shipped
// binary end to end (HTTP, attest path, group-commit writer, fsync).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace verimeter::bench {

// Runs the verimeter binary with `args`, returns its stdout (empty on failure, with a message
// on stderr).
std::string run_verimeter(const std::string& binary, const std::vector<std::string>& args);

class ServerChild {
 public:
  // Initializes `data_dir`, adds a tenant and starts serving. ok() says whether it worked.
  ServerChild(const std::string& binary, const std::string& data_dir,
              const std::vector<std::string>& serve_args);
  ~ServerChild();  // SIGTERM (clean drain), then reaped
  ServerChild(const ServerChild&) = delete;
  ServerChild& operator=(const ServerChild&) = delete;

  bool ok() const { return pid_ > 0 && !url_.empty(); }
  const std::string& url() const { return url_; }
  const std::string& tenant_key() const { return key_; }
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  std::string url_;
  std::string key_;
};

}  // namespace verimeter::bench
