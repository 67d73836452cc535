#include "support/child_process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

extern char** environ;

namespace verimeter::testing {

namespace {

std::vector<char*> argv_of(std::vector<std::string>& args) {
  std::vector<char*> v;
  for (auto& a : args) v.push_back(a.data());
  v.push_back(nullptr);
  return v;
}

void drain(int fd, std::string& out) {
  char buf[4096];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
}

int exit_status(pid_t pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

// The URL from a "listening on URL" line, or empty.
std::string listening_url(const std::string& printed) {
  const auto at = printed.find("listening on ");
  const auto nl = at == std::string::npos ? std::string::npos : printed.find('\n', at);
  return nl == std::string::npos ? std::string() : printed.substr(at + 13, nl - at - 13);
}

}  // namespace

std::string make_temp_dir(const std::string& prefix) {
  std::string tmpl = "/tmp/" + prefix + "-XXXXXX";
  return ::mkdtemp(tmpl.data()) ? tmpl : std::string();
}

CommandResult run_command(const std::string& binary, const std::vector<std::string>& args,
                          const std::string& input) {
  int in[2], out[2], err[2];
  if (::pipe(in) != 0 || ::pipe(out) != 0 || ::pipe(err) != 0) return {};
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_adddup2(&fa, in[0], 0);
  posix_spawn_file_actions_adddup2(&fa, out[1], 1);
  posix_spawn_file_actions_adddup2(&fa, err[1], 2);
  for (int fd : {in[1], out[0], err[0], in[0], out[1], err[1]})
    posix_spawn_file_actions_addclose(&fa, fd);
  std::vector<std::string> full{binary};
  full.insert(full.end(), args.begin(), args.end());
  auto argv = argv_of(full);
  pid_t pid;
  const int rc = posix_spawn(&pid, binary.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  for (int fd : {in[0], out[1], err[1]}) ::close(fd);
  CommandResult r;
  if (rc != 0) {
    for (int fd : {in[1], out[0], err[0]}) ::close(fd);
    return r;
  }
  std::thread writer([&] {
    for (size_t off = 0; off < input.size();) {
      const ssize_t n = ::write(in[1], input.data() + off, input.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    ::close(in[1]);
  });
  std::thread err_reader([&] { drain(err[0], r.err); });
  drain(out[0], r.out);
  writer.join();
  err_reader.join();
  ::close(out[0]);
  ::close(err[0]);
  r.exit_code = exit_status(pid);
  return r;
}

ServeProcess::ServeProcess(const std::string& binary, const std::string& data_dir,
                           const std::vector<std::string>& extra) {
  const std::string out_path = data_dir + ".serve.out";
  const std::string err_path = data_dir + ".serve.err";
  ::unlink(out_path.c_str());
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  std::vector<std::string> args{binary, "serve", "--data", data_dir, "--listen", "127.0.0.1:0"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto argv = argv_of(args);
  const int rc = posix_spawn(&pid_, binary.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) {
    pid_ = -1;
    return;
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (url_.empty() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    printed_.clear();
    const int fd = ::open(out_path.c_str(), O_RDONLY);
    if (fd < 0) continue;
    drain(fd, printed_);
    ::close(fd);
    url_ = listening_url(printed_);
    int status;
    if (url_.empty() && ::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;  // exited during start-up
      break;
    }
  }
}

ServeProcess::~ServeProcess() {
  kill_hard();
}

void ServeProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  exit_status(pid_);
  pid_ = -1;
}

int ServeProcess::stop() {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const int status = exit_status(pid_);
  pid_ = -1;
  return status;
}

}  // namespace verimeter::testing
