// Test support: runs `verimeter` subcommands and a `verimeter serve` child process on a free
// loopback port, for end-to-end and crash tests (real process, real HTTP, real files).
#pragma once

#include <signal.h>
#include <sys/types.h>

#include <string>
#include <vector>

namespace verimeter::testing {

struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs the verimeter binary with `args` (stdin from `input`), waits, captures stdout/stderr.
CommandResult run_verimeter(const std::vector<std::string>& args, const std::string& input = "");

std::string make_temp_dir(const std::string& prefix);

class ServerProcess {
 public:
  // Starts `verimeter serve --data DIR --listen 127.0.0.1:0 [extra...]` and waits until it
  // prints its URL. Aborts the test (ADD_FAILURE + empty url) if it does not start in 30 s.
  explicit ServerProcess(const std::string& data_dir, std::vector<std::string> extra = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  void kill_hard();  // SIGKILL, reaped
  int stop();        // SIGTERM, returns the exit status

 private:
  pid_t pid_ = -1;
  std::string url_;
};

}  // namespace verimeter::testing
