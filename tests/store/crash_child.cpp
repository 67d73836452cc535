// Child process of the crash test (crash_test.cpp): writes attests through the
// GroupCommitWriter until it is killed, printing "ack <tenant> <event> <payload> <leaf>" on
// stdout for each record only after its future reports a durable result. The parent kills it
// with SIGKILL at a random moment and then checks every acknowledged record.
//
// usage: store_crash_child <db> <iteration>
// Each of 4 threads first retries 50 events of the previous iteration (same payload: they
// must come back as created or replayed, never conflict), then writes new events forever.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <deque>
#include <future>
#include <string>
#include <thread>
#include <vector>

#include "attest_fixtures.hpp"
#include "store/group_commit.hpp"
#include "store/sqlite_store.hpp"

namespace {

using namespace verimeter::store;

void say(const std::string& line) {
  std::string out = line + "\n";
  if (write(STDOUT_FILENO, out.data(), out.size()) != static_cast<ssize_t>(out.size())) _exit(4);
}

std::string event_name(int iteration, int thread, int n) {
  return "i" + std::to_string(iteration) + "-" + std::to_string(thread) + "-" + std::to_string(n);
}

struct InFlight {
  AttestRecord record;
  std::future<verimeter::Result<PutResult>> future;
};

void settle(InFlight& f) {
  auto r = f.future.get();
  if (!r.ok()) {
    say("error " + r.error().code + " " + r.error().message);
    _exit(3);
  }
  if (r->outcome == PutOutcome::kConflict) {
    say("conflict " + f.record.event_id);
    _exit(3);
  }
  say("ack " + f.record.tenant_id + " " + f.record.event_id + " " +
      f.record.request_hash.substr(5) + " " + std::to_string(r->leaf_index));
}

void writer_thread(GroupCommitWriter& writer, int iteration, int t) {
  const std::string tenant = "t" + std::to_string(t);
  std::deque<InFlight> window;
  for (int n = 0;; ++n) {
    bool retry = iteration > 0 && n < 50;
    std::string event = retry ? event_name(iteration - 1, t, n) : event_name(iteration, t, n);
    InFlight f{verimeter::store::testing::make_attest(tenant, event, "p"), {}};
    auto submitted = writer.submit(f.record);
    if (!submitted.ok()) {  // overloaded: settle the oldest and try again later
      if (!window.empty()) {
        settle(window.front());
        window.pop_front();
      }
      continue;
    }
    f.future = std::move(submitted).value();
    window.push_back(std::move(f));
    if (window.size() >= 16) {
      settle(window.front());
      window.pop_front();
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return 2;
  auto store = open_sqlite_store(argv[1]);
  if (!store.ok()) {
    say("error " + store.error().code + " " + store.error().message);
    return 3;
  }
  GroupCommitWriter writer(**store, {.max_batch = 64, .queue_capacity = 256});
  const int iteration = std::atoi(argv[2]);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) threads.emplace_back(writer_thread, std::ref(writer), iteration, t);
  for (auto& th : threads) th.join();  // never: the parent kills us
  return 0;
}
