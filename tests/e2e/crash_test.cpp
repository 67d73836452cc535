// Crash safety of the attest path: a sustained concurrent attest load (single attests and
// batches) while `verimeter serve` is killed with SIGKILL at random moments and restarted, many
// times. Afterwards every acknowledged bundle must be retrievable and verify offline, and no
// (tenant, event_id) may have been charged twice: an acknowledgement is only sent after the
// durable commit, and the replay guard turns every retry of a committed event into the
// original receipt.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "core/file.hpp"
#include "core/json.hpp"
#include "server/data_dir.hpp"
#include "server/http_client.hpp"
#include "server_process.hpp"
#include "verify/bundle_verifier.hpp"
#include "verify/trust.hpp"

namespace verimeter::testing {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr int kKills = 24;
constexpr int kClients = 6;
constexpr int kTenants = 2;
constexpr int kCheckThreads = 4;
constexpr std::uint64_t kBatchEvents = 4;                // events per POST /v1/attest/batch
constexpr auto kAckDeadline = std::chrono::seconds(30);  // per event, across restarts

std::uint64_t seed_from_env() {
  if (const char* s = std::getenv("VERIMETER_CRASH_SEED")) return std::strtoull(s, nullptr, 10);
  return static_cast<std::uint64_t>(Clock::now().time_since_epoch().count());
}

std::string fixture(const std::string& name) {
  auto t = read_file(std::string(VERIMETER_SOURCE_DIR) + "/tests/billing/fixtures/samples/" + name +
                     ".json");
  EXPECT_TRUE(t.ok()) << name;
  return t.ok() ? *t : std::string();
}

// The provider responses the load cycles through, with the field that names the model.
struct Sample {
  std::string provider;
  Json response;
  std::string model;
};

std::vector<Sample> load_samples() {
  std::vector<Sample> out;
  for (const auto& [provider, field] :
       std::vector<std::pair<std::string, std::string>>{{"openai", "model"},
                                                        {"anthropic", "model"},
                                                        {"gemini", "modelVersion"},
                                                        {"openai_compatible", "model"},
                                                        {"ollama", "model"}}) {
    Json r = *parse_json(fixture(provider));
    const std::string model = r[field].get<std::string>();
    out.push_back({provider, std::move(r), model});
  }
  return out;
}

// One event of the load: the same number always yields the same payload, so that a retry
// after a crash is byte-for-byte the request that may or may not have been committed.
std::string event_body(const std::vector<Sample>& samples, std::uint64_t n) {
  const Sample& s = samples[n % samples.size()];
  Json ev = {{"event_id", "crash-" + std::to_string(n)},
             {"provider", s.provider},
             {"model", s.model},
             {"response_body", s.response}};
  return ev.dump();
}

// Where the server currently listens; the killer publishes a new URL after each restart.
class CurrentServer {
 public:
  void publish(std::string url) {
    std::lock_guard lock(mu_);
    url_ = std::move(url);
    ++generation_;
  }
  std::pair<std::string, std::uint64_t> get() const {
    std::lock_guard lock(mu_);
    return {url_, generation_};
  }

 private:
  mutable std::mutex mu_;
  std::string url_;
  std::uint64_t generation_ = 0;
};

struct Ack {
  int tenant = 0;
  std::string receipt_id;
};

struct ClientReport {
  std::map<std::uint64_t, Ack> acked;   // event number -> first acknowledgement
  std::uint64_t attempts_failed = 0;    // connection errors and 503s, retried
  std::uint64_t committed_unacked = 0;  // retries answered 200: the first attempt had committed
  std::uint64_t replays = 0;            // deliberate re-sends of acknowledged events
  std::uint64_t batches = 0;            // batch requests (kBatchEvents new events each)
  std::vector<std::string> errors;      // anything the guarantees forbid
};

// A keep-alive client that follows the server across restarts.
class FollowingClient {
 public:
  explicit FollowingClient(const CurrentServer& where) : where_(where) {}

  // Sends until a 200/201 arrives (retrying connection errors and 503 with the same body) or
  // the deadline passes. Returns the final result and how many attempts failed before it.
  std::pair<Result<server::HttpResult>, int> send_until_answered(
      const std::string& body, const std::string& key, const std::string& target = "/v1/attest") {
    const auto deadline = Clock::now() + kAckDeadline;
    int failures = 0;
    while (Clock::now() < deadline) {
      auto r = attempt(body, key, target);
      if (r.ok() && r->status != 503) return {std::move(r), failures};
      ++failures;
      std::this_thread::sleep_for(milliseconds(5 + (failures % 4) * 5));
    }
    return {make_error("no_ack", "no answer within the deadline"), failures};
  }

 private:
  Result<server::HttpResult> attempt(const std::string& body, const std::string& key,
                                     const std::string& target) {
    auto [url, gen] = where_.get();
    if (!client_ || gen != generation_) {
      auto parsed = server::parse_url(url);
      if (!parsed) return parsed.error();
      client_ = std::make_unique<server::HttpClient>(*parsed, std::chrono::seconds(10));
      generation_ = gen;
    }
    auto r = client_->request("POST", target, body, {{"Authorization", "Bearer " + key}});
    if (!r) client_.reset();  // reconnect (possibly to a new URL) on the next attempt
    return r;
  }

  const CurrentServer& where_;
  std::unique_ptr<server::HttpClient> client_;
  std::uint64_t generation_ = 0;
};

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    base_ = make_temp_dir("vm-crash");
    dir_ = base_ + "/data";
    auto init = run_verimeter({"init", "--data", dir_, "--origin", "crash.verimeter.test/log"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    for (int t = 0; t < kTenants; ++t) keys_.push_back(add_tenant("tenant" + std::to_string(t)));
    samples_ = load_samples();
  }

  std::string add_tenant(const std::string& name) {
    auto r = run_verimeter({"tenant", "add", "--data", dir_, name});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string key = r.out;
    while (!key.empty() && key.back() == '\n') key.pop_back();
    return key.substr(key.rfind('\n') == std::string::npos ? 0 : key.rfind('\n') + 1);
  }

  // One client thread: new events from the shared counter (one at a time, or now and then a
  // batch), and now and then a re-send of an event this client already saw acknowledged. Stops
  // after the request in hand is answered.
  void run_client(int index, std::uint64_t seed, ClientReport& rep) {
    std::mt19937_64 rng(seed + static_cast<std::uint64_t>(index) * 7919u);
    FollowingClient client(where_);
    while (!stop_load_.load()) {
      const auto dice = rng() % 10;
      if (!rep.acked.empty() && dice == 0) {
        replay_one(client, rng, rep);
        continue;
      }
      if (dice == 1) {
        if (!attest_batch(client, rep)) return;
        continue;
      }
      const std::uint64_t n = next_event_.fetch_add(1);
      const int tenant = static_cast<int>(n % kTenants);
      auto [res, failures] = client.send_until_answered(event_body(samples_, n), keys_[tenant]);
      rep.attempts_failed += static_cast<std::uint64_t>(failures);
      if (!res) {
        rep.errors.push_back("event " + std::to_string(n) + ": " + res.error().message);
        return;
      }
      record_new(n, tenant, *res, failures, rep);
    }
  }

  // The answer for a new event n. A first attempt can only be new (201); a 200 after a failed
  // attempt means that attempt had committed before the crash and the replay guard returned
  // its receipt.
  void record_new(std::uint64_t n, int tenant, const server::HttpResult& res, int failures,
                  ClientReport& rep) {
    auto id = acknowledged_receipt(res, n, tenant, rep);
    if (!id) return;
    if (res.status == 200 && failures == 0)
      rep.errors.push_back("event " + std::to_string(n) + ": 200 on its first attempt");
    if (res.status == 200) ++rep.committed_unacked;
    rep.acked.emplace(n, Ack{tenant, *id});
  }

  // kBatchEvents new events in one POST /v1/attest/batch; each result is judged like a single
  // attest. False when no answer came at all.
  bool attest_batch(FollowingClient& client, ClientReport& rep) {
    const std::uint64_t first = next_event_.fetch_add(kBatchEvents);
    const int tenant = static_cast<int>(first % kTenants);
    Json events = Json::array();
    for (std::uint64_t i = 0; i < kBatchEvents; ++i)
      events.push_back(*parse_json(event_body(samples_, first + i)));
    auto [res, failures] = client.send_until_answered(Json{{"events", events}}.dump(),
                                                      keys_[tenant], "/v1/attest/batch");
    rep.attempts_failed += static_cast<std::uint64_t>(failures);
    ++rep.batches;
    if (!res) {
      rep.errors.push_back("batch from " + std::to_string(first) + ": " + res.error().message);
      return false;
    }
    auto parsed = parse_json(res->body);
    if (res->status != 200 || !parsed || !(*parsed)["results"].is_array() ||
        (*parsed)["results"].size() != kBatchEvents) {
      rep.errors.push_back("batch from " + std::to_string(first) + ": HTTP " +
                           std::to_string(res->status) + " " + res->body.substr(0, 300));
      return true;
    }
    for (std::uint64_t i = 0; i < kBatchEvents; ++i) {
      const Json& item = (*parsed)["results"][i];
      server::HttpResult one;
      one.status = item.value("status", 0);
      one.body = item.contains("bundle") ? item["bundle"].dump() : item.dump();
      record_new(first + i, tenant, one, failures, rep);
    }
    return true;
  }

  void replay_one(FollowingClient& client, std::mt19937_64& rng, ClientReport& rep) {
    auto it = rep.acked.begin();
    std::advance(it, static_cast<long>(rng() % rep.acked.size()));
    const auto& [n, ack] = *it;
    auto [res, failures] = client.send_until_answered(event_body(samples_, n), keys_[ack.tenant]);
    rep.attempts_failed += static_cast<std::uint64_t>(failures);
    ++rep.replays;
    if (!res)
      return rep.errors.push_back("replay " + std::to_string(n) + ": " + res.error().message);
    auto id = acknowledged_receipt(*res, n, ack.tenant, rep);
    if (id && (res->status != 200 || *id != ack.receipt_id))
      rep.errors.push_back("replay of event " + std::to_string(n) + " answered " +
                           std::to_string(res->status) + " with receipt " + *id +
                           ", acknowledged " + ack.receipt_id);
  }

  // The receipt id of a 200/201 answer for event n; anything else is recorded as an error.
  std::optional<std::string> acknowledged_receipt(const server::HttpResult& res, std::uint64_t n,
                                                  int tenant, ClientReport& rep) {
    if (res.status != 200 && res.status != 201) {
      rep.errors.push_back("event " + std::to_string(n) + " (tenant " + std::to_string(tenant) +
                           "): HTTP " + std::to_string(res.status) + " " + res.body.substr(0, 300));
      return std::nullopt;
    }
    auto bundle = parse_json(res.body);
    if (!bundle || !bundle->contains("receipt")) {
      rep.errors.push_back("event " + std::to_string(n) + ": unparsable bundle");
      return std::nullopt;
    }
    const Json& receipt = (*bundle)["receipt"];
    if (receipt.value("event_id", "") != "crash-" + std::to_string(n)) {
      rep.errors.push_back("event " + std::to_string(n) + ": bundle for another event");
      return std::nullopt;
    }
    return receipt.value("receipt_id", "");
  }

  // SIGKILL at a random moment of the load, restart, publish the new URL; `kKills` times.
  void kill_and_restart_repeatedly(std::uint64_t seed, std::unique_ptr<ServerProcess>& server) {
    std::mt19937_64 rng(seed);
    for (int i = 0; i < kKills; ++i) {
      std::this_thread::sleep_for(milliseconds(50 + rng() % 451));
      const std::uint64_t before = next_event_.load();
      server->kill_hard();
      server = std::make_unique<ServerProcess>(dir_);
      ASSERT_FALSE(server->url().empty()) << "restart " << i << " failed";
      where_.publish(server->url());
      kill_log_.push_back(before);
    }
  }

  std::string base_;
  std::string dir_;
  std::vector<std::string> keys_;
  std::vector<Sample> samples_;
  CurrentServer where_;
  std::atomic<bool> stop_load_{false};
  std::atomic<std::uint64_t> next_event_{0};
  std::vector<std::uint64_t> kill_log_;  // events issued before each kill
};

// After the load: each acknowledged event's bundle is fetched and verified offline, and a
// re-attest returns the acknowledged receipt with 200. Runs over `kCheckThreads` threads.
std::vector<std::string> check_acknowledged(
    const std::string& url, const std::vector<std::string>& keys,
    const std::vector<Sample>& samples, const verify::Trust& trust,
    const std::vector<std::pair<std::uint64_t, Ack>>& acked) {
  std::vector<std::vector<std::string>> errors(kCheckThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kCheckThreads; ++t) {
    threads.emplace_back([&, t] {
      server::HttpClient c(*server::parse_url(url), std::chrono::seconds(30));
      auto fail = [&](std::uint64_t n, const std::string& what) {
        errors[t].push_back("event " + std::to_string(n) + ": " + what);
      };
      for (std::size_t i = static_cast<std::size_t>(t); i < acked.size(); i += kCheckThreads) {
        const auto& [n, ack] = acked[i];
        const std::map<std::string, std::string> auth{
            {"Authorization", "Bearer " + keys[ack.tenant]}};
        auto got = c.request("GET", "/v1/receipts/" + ack.receipt_id, "", auth);
        if (!got || got->status != 200) {
          fail(n, "acknowledged receipt " + ack.receipt_id + " not retrievable");
          continue;
        }
        auto bundle = parse_json(got->body);
        const auto report = bundle ? verify::verify_bundle(*bundle, trust) : verify::VerifyReport{};
        if (!report.ok) fail(n, "stored bundle does not verify: " + report.to_json().dump());
        auto again = c.request("POST", "/v1/attest", event_body(samples, n), auth);
        if (!again || again->status != 200) {
          fail(n, "re-attest did not answer 200: " +
                      (again ? again->body.substr(0, 200) : again.error().message));
          continue;
        }
        auto replayed = parse_json(again->body);
        if (!replayed || (*replayed)["receipt"].value("receipt_id", "") != ack.receipt_id)
          fail(n, "re-attest returned another receipt than " + ack.receipt_id);
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<std::string> all;
  for (auto& e : errors) all.insert(all.end(), e.begin(), e.end());
  return all;
}

std::uint64_t log_size(const std::string& url) {
  server::HttpClient c(*server::parse_url(url));
  auto r = c.request("GET", "/healthz");
  EXPECT_TRUE(r.ok() && r->status == 200);
  if (!r.ok() || r->status != 200) return 0;
  return (*parse_json(r->body))["log_size"].get<std::uint64_t>();
}

TEST_F(CrashTest, KillNineUnderConcurrentLoadLosesNoAckAndChargesNoEventTwice) {
  const std::uint64_t seed = seed_from_env();
  std::printf("crash test seed %llu (rerun with VERIMETER_CRASH_SEED=%llu)\n",
              static_cast<unsigned long long>(seed), static_cast<unsigned long long>(seed));
  const auto started = Clock::now();
  auto server = std::make_unique<ServerProcess>(dir_);
  ASSERT_FALSE(server->url().empty());
  where_.publish(server->url());
  const std::uint64_t initial_log_size = log_size(server->url());

  std::vector<ClientReport> reports(kClients);
  std::vector<std::thread> clients;
  for (int i = 0; i < kClients; ++i)
    clients.emplace_back([this, i, seed, &reports] { run_client(i, seed, reports[i]); });
  kill_and_restart_repeatedly(seed, server);
  std::this_thread::sleep_for(milliseconds(200));  // some load on the last server, unharmed
  stop_load_ = true;
  for (auto& c : clients) c.join();
  ASSERT_EQ(kill_log_.size(), static_cast<std::size_t>(kKills));

  // Merge: every event number issued was answered exactly once by its client.
  std::vector<std::pair<std::uint64_t, Ack>> acked;
  std::set<std::string> receipt_ids;
  ClientReport total;
  for (auto& r : reports) {
    for (const auto& e : r.errors) ADD_FAILURE() << e;
    acked.insert(acked.end(), r.acked.begin(), r.acked.end());
    for (const auto& [n, a] : r.acked) receipt_ids.insert(a.receipt_id);
    total.attempts_failed += r.attempts_failed;
    total.committed_unacked += r.committed_unacked;
    total.replays += r.replays;
    total.batches += r.batches;
  }
  std::sort(acked.begin(), acked.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  const std::uint64_t issued = next_event_.load();
  std::printf(
      "%d kills in %.1f s: %llu events issued, %zu acknowledged, %llu retried attempts, "
      "%llu answered 200 after a crash (committed, unacknowledged), %llu deliberate replays, %llu "
      "batches\n",
      kKills, std::chrono::duration<double>(Clock::now() - started).count(),
      static_cast<unsigned long long>(issued), acked.size(),
      static_cast<unsigned long long>(total.attempts_failed),
      static_cast<unsigned long long>(total.committed_unacked),
      static_cast<unsigned long long>(total.replays),
      static_cast<unsigned long long>(total.batches));
  EXPECT_EQ(acked.size(), issued) << "every issued event was eventually acknowledged";
  EXPECT_EQ(receipt_ids.size(), acked.size()) << "one receipt per event";
  EXPECT_GT(total.attempts_failed, 0u) << "the kills interrupted in-flight requests";
  EXPECT_GT(acked.size(), static_cast<std::size_t>(kKills)) << "the load ran between kills";

  // Exactly one log entry per event: the kills neither lost nor duplicated a charge.
  EXPECT_EQ(log_size(server->url()) - initial_log_size, acked.size());

  const verify::Trust trust = *verify::parse_trust(*read_file(dir_ + "/trust.json"));
  for (const auto& e : check_acknowledged(server->url(), keys_, samples_, trust, acked))
    ADD_FAILURE() << e;
  EXPECT_EQ(log_size(server->url()) - initial_log_size, acked.size()) << "re-attests added entries";
  EXPECT_EQ(server->stop(), 0);

  // The log itself, read from the store: every leaf is one receipt, no (tenant, event_id) twice,
  // and each acknowledged receipt is a leaf.
  auto dir = server::open_data_dir(dir_);
  ASSERT_TRUE(dir.ok()) << dir.error().message;
  auto leaves = dir->store->log_leaves(initial_log_size, initial_log_size + acked.size());
  ASSERT_TRUE(leaves.ok()) << leaves.error().message;
  std::set<std::pair<std::string, std::string>> charged;
  std::set<std::string> leaf_receipts;
  for (const auto& leaf : *leaves) {
    const Json r = *parse_json(leaf);
    EXPECT_TRUE(
        charged.emplace(r["tenant"].get<std::string>(), r["event_id"].get<std::string>()).second)
        << "charged twice: " << r["tenant"] << " " << r["event_id"];
    leaf_receipts.insert(r["receipt_id"].get<std::string>());
  }
  EXPECT_EQ(leaf_receipts, receipt_ids);
  const auto elapsed = Clock::now() - started;
  EXPECT_LT(elapsed, std::chrono::seconds(280)) << "the crash test must stay bounded";
  if (!HasFailure()) std::filesystem::remove_all(base_);  // kept for post-mortems on failure
}

}  // namespace
}  // namespace verimeter::testing
