// Crash safety of the attest path: a child process writes through the GroupCommitWriter and
// reports each acknowledged record; we SIGKILL it at a random moment, reopen the database and
// check that every acknowledged record is present at the index it was acknowledged with, and
// that the log is dense and holds each event exactly once. Several iterations run on the same
// database, each retrying events of the one before (possibly acknowledged, possibly lost).
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "attest_fixtures.hpp"
#include "store/sqlite_store.hpp"
#include "temp_dir.hpp"

namespace verimeter::store {
namespace {

using testing::make_attest;
using testing::TempDir;

struct Ack {
  std::string tenant, event, payload;
  std::uint64_t leaf = 0;
};

struct ChildRun {
  std::vector<Ack> acks;
  std::string problems;  // any line that is not an ack
  bool killed = false;
};

// Runs the child and kills it `kill_after` after it starts (so the kill may land during open
// and recovery) or, with `after_first_ack`, after its first acknowledgement (so it lands in the
// middle of sustained writing however slow the machine is). Returns what it acknowledged.
ChildRun run_child(const std::string& db, int iteration, std::chrono::milliseconds kill_after,
                   bool after_first_ack) {
  int fds[2];
  EXPECT_EQ(pipe2(fds, O_CLOEXEC), 0);
  pid_t pid = fork();
  if (pid == 0) {
    dup2(fds[1], STDOUT_FILENO);
    std::string it = std::to_string(iteration);
    execl(VERIMETER_STORE_CRASH_CHILD, "store_crash_child", db.c_str(), it.c_str(), nullptr);
    _exit(127);
  }
  close(fds[1]);
  std::string output;
  const auto started = std::chrono::steady_clock::now();
  // Waiting for a first ack is bounded too: a child that never acknowledges is killed at 20 s.
  auto deadline = started + (after_first_ack ? std::chrono::milliseconds(20000) : kill_after);
  bool armed = !after_first_ack;
  bool sent_kill = false;
  char buf[65536];
  for (;;) {
    if (!armed && output.find('\n') != std::string::npos) {
      deadline = std::chrono::steady_clock::now() + kill_after;
      armed = true;
    }
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!sent_kill && left.count() <= 0) {
      kill(pid, SIGKILL);
      sent_kill = true;
    }
    pollfd p{fds[0], POLLIN, 0};
    poll(&p, 1, sent_kill ? 1000 : static_cast<int>(std::max<long>(left.count(), 0)));
    if ((p.revents & (POLLIN | POLLHUP)) == 0) continue;
    ssize_t n = read(fds[0], buf, sizeof buf);
    if (n <= 0) break;  // EOF: the child is gone (acks written before the kill are all read)
    output.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ChildRun run;
  run.killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (lines.eof()) break;  // a torn last line (no newline) was not a complete ack
    std::istringstream fields(line);
    std::string kind;
    Ack a;
    if (fields >> kind >> a.tenant >> a.event >> a.payload >> a.leaf && kind == "ack") {
      run.acks.push_back(a);
    } else {
      run.problems += line + "\n";
    }
  }
  return run;
}

// SQLite's own structural check of the file, through a connection of our own.
std::string integrity_check(const std::string& db) {
  sqlite3* h = nullptr;
  std::string out = "cannot open";
  if (sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(h);
  return out;
}

void check_store(const std::string& db, const std::vector<Ack>& acks) {
  EXPECT_EQ(integrity_check(db), "ok");
  auto opened = open_sqlite_store(db);  // also checks that the log is dense from leaf 0
  ASSERT_TRUE(opened.ok()) << opened.error().code << ": " << opened.error().message;
  Store& s = **opened;
  for (const Ack& a : acks) {
    AttestRecord expected = make_attest(a.tenant, a.event, a.payload);
    auto bundle = s.get_bundle(a.tenant, expected.receipt_id);
    ASSERT_TRUE(bundle.ok() && bundle->has_value()) << "acknowledged but lost: " << a.event;
    EXPECT_EQ(**bundle, expected.bundle_json);
    auto leaf = s.log_leaves(a.leaf, a.leaf + 1);
    ASSERT_TRUE(leaf.ok()) << a.event << " acknowledged at " << a.leaf;
    EXPECT_EQ((*leaf)[0], expected.leaf) << "leaf " << a.leaf << " moved";
  }
  auto size = s.log_size();
  ASSERT_TRUE(size.ok());
  auto leaves = s.log_leaves(0, *size);
  ASSERT_TRUE(leaves.ok());
  std::set<std::string> distinct(leaves->begin(), leaves->end());
  EXPECT_EQ(distinct.size(), *size) << "an event was logged twice";
  std::uint64_t attests = 0;
  for (int t = 0; t < 4; ++t) attests += *s.attest_count("t" + std::to_string(t));
  EXPECT_EQ(attests, *size);
}

TEST(CrashSafety, KilledWriterLosesNoAcknowledgedAttest) {
  TempDir dir;
  const std::string db = dir.file("crash.db");
  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(0, 300);
  std::vector<Ack> all_acks;
  for (int iteration = 0; iteration < 8; ++iteration) {
    const bool after_first_ack = iteration % 3 != 2;
    ChildRun run =
        run_child(db, iteration, std::chrono::milliseconds(delay_ms(rng)), after_first_ack);
    EXPECT_TRUE(run.killed) << "the child ended on its own: " << run.problems;
    EXPECT_EQ(run.problems, "");
    if (after_first_ack) {
      EXPECT_FALSE(run.acks.empty()) << "iteration " << iteration;
    }
    all_acks.insert(all_acks.end(), run.acks.begin(), run.acks.end());
    check_store(db, all_acks);
    if (::testing::Test::HasFatalFailure()) return;
  }
  std::map<std::pair<std::string, std::string>, std::uint64_t> leaf_of;
  for (const Ack& a : all_acks) {
    auto [it, fresh] = leaf_of.emplace(std::make_pair(a.tenant, a.event), a.leaf);
    EXPECT_TRUE(fresh || it->second == a.leaf) << a.event << " acknowledged at two indices";
  }
}

}  // namespace
}  // namespace verimeter::store
