#include "server_child.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

extern char** environ;

namespace verimeter::bench {

namespace {

std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> v;
  for (auto& a : args) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

std::string slurp(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

std::string last_line(std::string s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
  const auto nl = s.rfind('\n');
  return nl == std::string::npos ? s : s.substr(nl + 1);
}

}  // namespace

std::string run_verimeter(const std::string& binary, const std::vector<std::string>& args) {
  int out[2];
  if (::pipe(out) != 0) return {};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_addclose(&fa, out[0]);
  posix_spawn_file_actions_addclose(&fa, out[1]);
  std::vector<std::string> full{binary};
  full.insert(full.end(), args.begin(), args.end());
  auto argv = argv_of(full);
  pid_t pid;
  const int rc = posix_spawn(&pid, binary.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  ::close(out[1]);
  std::string text = rc == 0 ? slurp(out[0]) : std::string();
  ::close(out[0]);
  int status = 0;
  if (rc == 0) ::waitpid(pid, &status, 0);
  if (rc != 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::fprintf(stderr, "verimeter %s failed\n", args.empty() ? "" : args[0].c_str());
    return {};
  }
  return text;
}

ServerChild::ServerChild(const std::string& binary, const std::string& data_dir,
                         const std::vector<std::string>& serve_args) {
  if (run_verimeter(binary, {"init", "--data", data_dir, "--origin", "bench.verimeter.test/log"})
          .empty())
    return;
  key_ = last_line(run_verimeter(binary, {"tenant", "add", "--data", data_dir, "bench"}));
  if (key_.empty()) return;
  const std::string out_path = data_dir + ".serve.out";
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::vector<std::string> args{binary, "serve", "--data", data_dir, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), serve_args.begin(), serve_args.end());
  auto argv = argv_of(args);
  const int rc = posix_spawn(&pid_, binary.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    pid_ = -1;
    return;
  }
  for (int i = 0; i < 1500 && url_.empty(); ++i) {  // up to 30 s
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    const int fd = ::open(out_path.c_str(), O_RDONLY);
    if (fd < 0) continue;
    const std::string printed = slurp(fd);
    ::close(fd);
    const auto at = printed.find("listening on ");
    const auto nl = at == std::string::npos ? std::string::npos : printed.find('\n', at);
    if (nl != std::string::npos) url_ = printed.substr(at + 13, nl - at - 13);
  }
}

ServerChild::~ServerChild() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGTERM);
  int status;
  ::waitpid(pid_, &status, 0);
}

}  // namespace verimeter::bench
