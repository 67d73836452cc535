#include "server_child.hpp"

#include <cstdio>

namespace verimeter::bench {

namespace {

// Runs a set-up command; its stdout, or empty (with its stderr printed) when it failed.
std::string setup(const std::string& binary, const std::vector<std::string>& args) {
  const testing::CommandResult r = testing::run_command(binary, args);
  if (r.exit_code == 0) return r.out;
  std::fprintf(stderr, "verimeter %s failed: %s\n", args[0].c_str(), r.err.c_str());
  return {};
}

std::string last_line(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

}  // namespace

ServerChild::ServerChild(const std::string& binary, const std::string& data_dir,
                         const std::vector<std::string>& serve_args) {
  if (setup(binary, {"init", "--data", data_dir, "--origin", "bench.verimeter.test/log"}).empty())
    return;
  key_ = last_line(setup(binary, {"tenant", "add", "--data", data_dir, "bench"}));
  if (key_.empty()) return;
  server_ = std::make_unique<testing::ServeProcess>(binary, data_dir, serve_args);
}

ServerChild::~ServerChild() {
  if (server_) server_->stop();
}

}  // namespace verimeter::bench
