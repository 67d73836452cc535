// Test and benchmark support: the shipped `verimeter` binary run as a real child process, for
// the end-to-end tests, the crash test and the attest benchmark (one implementation for all).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace verimeter::testing {

struct CommandResult {
  int exit_code = -1;  // 128 + signal when killed; -1 when it could not be started
  std::string out;
  std::string err;
};

// Runs `binary args...` with `input` on stdin, waits, and captures stdout and stderr.
CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::string& input = "");

// A fresh directory /tmp/<prefix>-XXXXXX.
std::string make_temp_dir(const std::string& prefix);

// `binary serve --data DIR --listen 127.0.0.1:0 [extra...]`. Its stdout and stderr go to
// DIR.serve.out and DIR.serve.err (kept for post-mortems); the constructor waits up to 30 s
// for the "listening on URL" line. url() is empty when the server did not start.
class ServeProcess {
 public:
  ServeProcess(const std::string& binary, const std::string& data_dir,
               const std::vector<std::string>& extra = {});
  ~ServeProcess();  // SIGKILL if still running
  ServeProcess(const ServeProcess&) = delete;
  ServeProcess& operator=(const ServeProcess&) = delete;

  const std::string& url() const { return url_; }
  pid_t pid() const { return pid_; }
  const std::string& startup_output() const { return printed_; }  // stdout so far, on failure
  void kill_hard();                                               // SIGKILL, reaped
  int stop();  // SIGTERM (the server drains), reaped; returns the exit status

 private:
  pid_t pid_ = -1;
  std::string url_;
  std::string printed_;
};

}  // namespace verimeter::testing
