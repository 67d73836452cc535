#include "server/api.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>

#include <spdlog/spdlog.h>

#include "billing/attest.hpp"
#include "billing/bundle.hpp"
#include "core/time.hpp"
#include "server/api_keys.hpp"
#include "server/problem.hpp"
#include "verify/bundle_verifier.hpp"

namespace verimeter::server {

namespace {

using Clock = std::chrono::steady_clock;

std::string path_of(const Request& req) {
  std::string t(req.target());
  const auto q = t.find('?');
  return q == std::string::npos ? t : t.substr(0, q);
}

Response unauthorized() {
  Response res = problem_response(http::status::unauthorized, "unauthorized",
                                  "missing or unknown API key (Authorization: Bearer <key>)");
  res.set(http::field::www_authenticate, "Bearer");
  return res;
}

// Every 503 (queue full, store busy, connection cap, ...) tells the client when to retry; the
// answers pass through here on their way out (Api::handle, Api::refuse).
void retry_after_if_unavailable(Response& res) {
  if (res.result() == http::status::service_unavailable &&
      res.find(http::field::retry_after) == res.end())
    res.set(http::field::retry_after, "1");
}

Response overloaded() {
  return problem_response(http::status::service_unavailable, "overloaded",
                          "the write queue is full; retry after the indicated delay");
}

// Whether a concrete path fits a route template: the same segments, a {param} any non-empty one.
bool path_matches(std::string_view route, std::string_view path) {
  for (;;) {
    const auto route_end = route.find('/');
    const auto path_end = path.find('/');
    const std::string_view want = route.substr(0, route_end);
    const std::string_view got = path.substr(0, path_end);
    const bool param = want.size() > 2 && want.front() == '{' && want.back() == '}';
    if (param ? got.empty() : want != got) return false;
    if (route_end == std::string_view::npos || path_end == std::string_view::npos)
      return route_end == path_end;
    route.remove_prefix(route_end + 1);
    path.remove_prefix(path_end + 1);
  }
}

Response method_not_allowed(std::string_view method, const std::string& path,
                            const std::string& allow) {
  Response res =
      problem_response(http::status::method_not_allowed, "method_not_allowed",
                       std::string(method) + " is not allowed on " + path + "; use " + allow);
  res.set(http::field::allow, allow);
  return res;
}

// The answer when the writer did not take an attest (queue full, stopping, invalid record).
Response refused_response(const Error& e) {
  const bool busy = e.code == "overloaded" || e.code == "shutting_down";
  return busy ? overloaded() : problem_response(e);
}

// One answered event of a batch: its HTTP status and body (a bundle or a problem).
struct BatchItem {
  unsigned status = 0;
  std::string body;
};

// {"results":[{"index":i,"status":s,"bundle"|"problem":body},...]}, the bodies copied once.
std::string batch_answer(const std::vector<BatchItem>& items) {
  std::size_t size = 16;
  for (const auto& it : items) size += it.body.size() + 48;
  std::string text;
  text.reserve(size);
  text += "{\"results\":[";
  for (std::size_t k = 0; k < items.size(); ++k) {
    const BatchItem& it = items[k];
    if (k) text += ',';
    text += "{\"index\":";
    text += std::to_string(k);
    text += ",\"status\":";
    text += std::to_string(it.status);
    text += it.status < 300 ? ",\"bundle\":" : ",\"problem\":";
    text += it.body.empty() ? std::string_view("null") : std::string_view(it.body);
    text += '}';
  }
  text += "]}";
  return text;
}

}  // namespace

std::string allowed_methods(std::string_view path) {
  std::string allow;
  for (const auto& [method, route] : kApiRoutes) {
    if (!path_matches(route, path)) continue;
    if (!allow.empty()) allow += ", ";
    for (const char* c = method; *c; ++c)
      allow += static_cast<char>(std::toupper(static_cast<unsigned char>(*c)));
    if (std::string_view(method) == "get") allow += ", HEAD";  // every GET route answers HEAD
  }
  return allow;
}

Response Api::put_result_response(const store::PutResult& r, Prepared& p) {
  switch (r.outcome) {
    case store::PutOutcome::kCreated: {
      discrepancies_.record(p.receipt_summary);
      Response res = json_response(http::status::created, std::move(p.full_bundle));
      res.set(http::field::location, "/v1/receipts/" + r.receipt_id);
      return res;
    }
    case store::PutOutcome::kReplayed: {
      auto full = inflate_bundle(r.bundle_json);
      if (!full) return problem_response(full.error());
      Response res = json_response(http::status::ok, *full);
      res.set("Idempotent-Replayed", "true");
      return res;
    }
    case store::PutOutcome::kConflict:
      return problem_response(http::status::conflict, "event_conflict",
                              "event_id \"" + p.event_id +
                                  "\" was already attested with a different payload (receipt " +
                                  r.receipt_id + ")");
  }
  return problem_response(http::status::internal_server_error, "internal_error", "unknown outcome");
}

// One prepared attest as the writer takes it; `done` gets the HTTP response after the commit.
// `done` is moved, never copied: each copy of a Reply deep-copies the std::functions it holds.
store::GroupCommitWriter::Submission Api::submission(Prepared prepared, Reply done) {
  auto p = std::make_shared<Prepared>(std::move(prepared));
  store::AttestRecord record = std::move(p->record);
  auto post = done.post;
  // Runs on the writer thread, which must go on to the next commit: the answer (the bundle
  // text, a batch's assembly) is built on an I/O thread.
  auto answer = [this, p, done = std::move(done)](Result<store::PutResult> r) {
    if (!r) {
      spdlog::error("attest commit failed: {}: {}", r.error().code, r.error().message);
      return done(problem_response(r.error()));
    }
    done(put_result_response(*r, *p));
  };
  // The writer calls this once.
  return {
      std::move(record),
      [post = std::move(post), answer = std::move(answer)](Result<store::PutResult> r) mutable {
        post([answer = std::move(answer), r = std::move(r)]() mutable { answer(std::move(r)); });
      }};
}

// Hands one prepared attest to the writer; `done` gets the HTTP response after the commit.
void Api::submit(Prepared prepared, const Reply& done) {
  auto s = submission(std::move(prepared), done);
  auto st = writer_.submit_async(std::move(s.record), std::move(s.done));
  if (!st.ok()) done(refused_response(st.error()));
}

// Stored bundles leave out the tariff snapshot (kilobytes, identical for every receipt of a
// version; the store keeps each published version once). Served bundles are whole again.
Result<std::string> Api::inflate_bundle(const std::string& stored) {
  VM_TRY(bundle, parse_json(stored, JsonLimits{64u << 20, 128}));
  if (!bundle.is_object() || !bundle.contains("tariff") || !bundle["tariff"].is_null())
    return stored;
  const Json& ref = bundle["receipt"]["tariff"];
  VM_TRY(rec, dir_.store->tariff(ref["tariff_id"].get<std::string>(),
                                 ref["version"].get<std::uint64_t>()));
  if (!rec)
    return make_error("store_corrupt", "stored bundle names a tariff version the store lacks");
  return billing::splice_tariff(stored, rec->snapshot_json);
}

Api::Api(OpenedDataDir& dir, store::GroupCommitWriter& writer, verify::Trust trust,
         const billing::Retokenizer* retokenizer, ApiLimits limits, DiscrepancyOptions discrepancy)
    : dir_(dir),
      writer_(writer),
      trust_(std::move(trust)),
      retokenizer_(retokenizer),
      limits_(limits),
      discrepancies_(discrepancy),
      tariffs_(*dir.store) {}

Status Api::rebuild_discrepancies() {
  VM_TRY(size, dir_.store->log_size());
  constexpr std::uint64_t kChunk = 4096;
  for (std::uint64_t begin = 0; begin < size; begin += kChunk) {
    VM_TRY(leaves, dir_.store->log_leaves(begin, std::min(size, begin + kChunk)));
    for (const auto& leaf : leaves) {
      auto receipt = parse_json(leaf, JsonLimits{16u << 20, 64});
      if (receipt) discrepancies_.record(*receipt, /*may_alert=*/false);
    }
  }
  return {};
}

std::size_t Api::body_limit(const http::request_header<>& header) const {
  if (header.method() != http::verb::post) return 0;
  const std::string target(header.target());
  if (target.rfind("/v1/attest/batch", 0) == 0) return limits_.batch_body;
  if (target.rfind("/v1/attest", 0) == 0) return limits_.attest_body;
  if (target.rfind("/v1/verify", 0) == 0) return limits_.verify_body;
  return limits_.admin_body;
}

Response Api::refuse(http::status status, unsigned version, const std::string& code,
                     const std::string& detail) {
  Response res = problem_response(status, code, detail);
  res.version(version);
  retry_after_if_unavailable(res);
  return res;
}

void Api::handle(Request request, Reply reply) {
  const auto start = Clock::now();
  auto route = std::make_shared<Route>(Route::kOther);
  const Reply done{
      [this, start, route, answer = std::move(reply.answer)](Response res) {
        const auto us =
            std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start).count();
        metrics_.observe(*route, static_cast<int>(res.result_int()),
                         static_cast<std::uint64_t>(us));
        retry_after_if_unavailable(res);
        answer(std::move(res));
      },
      std::move(reply.post)};
  try {
    dispatch(request, *route, done);
  } catch (const std::exception& e) {  // last line of defence: never drop a connection silently
    spdlog::error("unhandled exception in {}: {}", std::string(request.target()), e.what());
    done(problem_response(http::status::internal_server_error, "internal_error", "internal error"));
  }
}

void Api::dispatch(Request& req, Route& route, const Reply& done) {
  const std::string path = path_of(req);
  // HEAD is GET without the body (RFC 9110 §9.3.2): routed as GET; the server sends headers only.
  const auto method = req.method() == http::verb::head ? http::verb::get : req.method();
  auto need_tenant = [&](auto&& f) {
    auto t = authenticate(req);
    if (!t) return done(unauthorized());
    f(*t);
  };
  if (path == "/v1/attest" && method == http::verb::post) {
    route = Route::kAttest;
    return need_tenant([&](const Tenant& t) { attest(req, t, done); });
  }
  if (path == "/v1/attest/batch" && method == http::verb::post) {
    route = Route::kAttestBatch;
    return need_tenant([&](const Tenant& t) { attest_batch(req, t, done); });
  }
  if (path == "/v1/verify" && method == http::verb::post) {
    route = Route::kVerify;
    return done(verify(req));
  }
  if (path.rfind("/v1/receipts/", 0) == 0 && method == http::verb::get) {
    route = Route::kReceipt;
    return need_tenant([&](const Tenant& t) { done(receipt(t, path.substr(13))); });
  }
  if (path == "/healthz" && method == http::verb::get) {
    route = Route::kHealth;
    return done(health());
  }
  if (path == "/metrics" && method == http::verb::get) {
    route = Route::kMetrics;
    return done(metrics_text());
  }
  if (path == "/v1/discrepancies" && method == http::verb::get) {
    route = Route::kDiscrepancies;
    return need_tenant([&](const Tenant& t) {
      done(json_response(http::status::ok, discrepancies_.summary(t.tenant_id).dump()));
    });
  }
  if (path == "/v1/trust" && method == http::verb::get) {
    return done(json_response(http::status::ok, verify::trust_to_json(trust_).dump(2)));
  }
  if (path == "/v1/tariffs" && method == http::verb::get) {
    route = Route::kTariffs;
    return done(tariffs_list());
  }
  if (path.rfind("/v1/tariffs/", 0) == 0 && method == http::verb::get) {
    route = Route::kTariffs;
    const std::string rest = path.substr(12);
    const auto slash = rest.find('/');
    if (slash == std::string::npos)
      return done(
          problem_response(http::status::not_found, "not_found", "use /v1/tariffs/{id}/{version}"));
    return done(tariff_get(rest.substr(0, slash), rest.substr(slash + 1)));
  }
  if (path == "/v1/admin/tariffs" && method == http::verb::post) {
    route = Route::kAdmin;
    return done(is_admin(req) ? admin_publish_tariff(req) : unauthorized());
  }
  if (path == "/v1/admin/tenants" && method == http::verb::post) {
    route = Route::kAdmin;
    return done(is_admin(req) ? admin_add_tenant(req) : unauthorized());
  }
  // A route's path with another method is 405 with the methods it takes; any other path is 404.
  if (const std::string allow = allowed_methods(path); !allow.empty())
    return done(method_not_allowed(req.method_string(), path, allow));
  done(problem_response(http::status::not_found, "no_such_endpoint",
                        std::string(req.method_string()) + " " + path + " is not an endpoint"));
}

Result<Api::Tenant> Api::authenticate(const Request& req) {
  const std::string key = bearer_token(req[http::field::authorization]);
  if (key.empty()) return make_error("unauthorized", "no bearer token");
  const std::string hash = api_key_hash(key);
  {
    std::lock_guard lock(cache_mu_);
    if (auto it = tenants_by_key_hash_.find(hash); it != tenants_by_key_hash_.end())
      return it->second;
  }
  auto rec = dir_.store->tenant_by_key_hash(hash);
  if (!rec || !*rec) return make_error("unauthorized", "unknown key");
  Tenant t{(*rec)->tenant_id};
  std::lock_guard lock(cache_mu_);
  tenants_by_key_hash_.emplace(hash, t);
  return t;
}

bool Api::is_admin(const Request& req) const {
  const std::string key = bearer_token(req[http::field::authorization]);
  if (key.empty()) return false;
  const std::string hash = api_key_hash(key);
  return constant_time_equal(as_bytes(hash), as_bytes(dir_.admin_key_hash));
}

Result<Api::Prepared> Api::prepare_attest(Json event, const Tenant& tenant, UnixMillis now) {
  VM_TRY(parsed, billing::parse_attest_request(std::move(event)));
  VM_TRY(tariff,
         tariffs_.resolve(parsed.tariff_id.value_or("default"), parsed.event_time.value_or(now)));
  const billing::AttestContext ctx{tenant.tenant_id,
                                   &dir_.signer,
                                   dir_.config.log_origin,
                                   dir_.config.max_merge_delay_ms,
                                   now,
                                   retokenizer_,
                                   {},
                                   /*embed_tariff=*/false};
  VM_TRY(out, billing::attest(parsed, *tariff, ctx));
  Prepared p;
  p.receipt_summary = json_object("tenant", tenant.tenant_id, "model", parsed.model,
                                  "retokenization", std::move(out.retokenization));
  // Written once, without the tariff: stored as is, and answered with the pinned tariff text
  // spliced in (the same bytes inflate_bundle() produces for replays and GETs).
  std::string compact = std::move(out.bundle);
  VM_TRY(full, billing::splice_tariff(compact, tariff->canonical));
  p.full_bundle = std::move(full);
  p.event_id = parsed.event_id;
  p.record = store::AttestRecord{tenant.tenant_id,
                                 parsed.event_id,
                                 parsed.request_hash,
                                 out.receipt_id,
                                 std::move(compact),
                                 std::move(out.leaf),
                                 now};
  return p;
}

void Api::attest(const Request& req, const Tenant& tenant, const Reply& done) {
  auto body = parse_json(req.body(), JsonLimits{limits_.attest_body, 64});
  if (!body) return done(problem_response(body.error()));
  auto rec = prepare_attest(std::move(*body), tenant, now_millis());
  if (!rec) return done(problem_response(rec.error()));
  submit(std::move(*rec), done);
}

void Api::attest_batch(const Request& req, const Tenant& tenant, Reply done) {
  auto body = parse_json(req.body(), JsonLimits{limits_.batch_body, 64});
  if (!body) return done(problem_response(body.error()));
  if (!body->is_object() || !body->contains("events") || !(*body)["events"].is_array() ||
      body->size() != 1)
    return done(problem_response(http::status::bad_request, "attest_invalid",
                                 "body must be {\"events\": [attest, ...]}"));
  Json& events = (*body)["events"];
  if (events.empty() || events.size() > limits_.batch_events)
    return done(problem_response(
        http::status::bad_request, "attest_invalid",
        "events must hold 1.." + std::to_string(limits_.batch_events) + " attests"));
  // Each item is assembled as text around the answer's body (a bundle or a problem, both JSON
  // written by this server), so a batch costs no re-parse of its bundles; the bodies are moved
  // in and copied once, into the answer.
  struct State {
    std::mutex mu;
    std::vector<BatchItem> items;
    std::size_t pending;
    Reply done;
  };
  auto state = std::make_shared<State>();
  state->items.resize(events.size());
  state->pending = events.size();
  const auto post = done.post;
  state->done = std::move(done);
  auto finish_one = [state](std::size_t i, Response res) {
    Reply complete;
    std::vector<BatchItem> items;
    {
      std::lock_guard lock(state->mu);
      state->items[i] = BatchItem{res.result_int(), std::move(res.body())};
      if (--state->pending > 0) return;
      complete = std::move(state->done);
      items = std::move(state->items);
    }
    complete(json_response(http::status::ok, batch_answer(items)));
  };
  // Every event is prepared first and the valid ones go to the writer as one group, so a
  // batch request costs one durable commit (or a few, beyond --max-batch), not one per event.
  const UnixMillis now = now_millis();
  std::vector<store::GroupCommitWriter::Submission> group;
  std::vector<std::size_t> submitted;
  group.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    Reply reply_i{[finish_one, i](Response res) { finish_one(i, std::move(res)); }, post};
    auto rec = prepare_attest(std::move(events[i]), tenant, now);
    if (!rec) {
      reply_i(problem_response(rec.error()));
      continue;
    }
    group.push_back(submission(std::move(*rec), std::move(reply_i)));
    submitted.push_back(i);
  }
  auto st = writer_.submit_async(std::move(group));
  if (!st.ok()) {
    for (std::size_t i : submitted) finish_one(i, refused_response(st.error()));
  }
}

Response Api::verify(const Request& req) {
  auto body = parse_json(req.body(), JsonLimits{limits_.verify_body, 64});
  if (!body) return problem_response(body.error());
  const verify::VerifyReport report = verify::verify_bundle(*body, trust_, &verify_tariffs_);
  // The report quotes the bundle's own strings: never let a malformed one make a 500.
  return json_response(http::status::ok,
                       report.to_json().dump(-1, ' ', false, Json::error_handler_t::replace));
}

Response Api::receipt(const Tenant& tenant, const std::string& receipt_id) {
  auto b = dir_.store->get_bundle(tenant.tenant_id, receipt_id);
  if (!b) return problem_response(b.error());
  if (!*b)
    return problem_response(http::status::not_found, "not_found",
                            "no receipt " + receipt_id + " for this tenant");
  auto full = inflate_bundle(**b);
  if (!full) return problem_response(full.error());
  return json_response(http::status::ok, *full);
}

Response Api::health() {
  auto size = dir_.store->log_size();
  if (!size)
    return problem_response(http::status::service_unavailable, "store_unavailable",
                            size.error().message);
  return json_response(
      http::status::ok,
      Json{{"status", "ok"}, {"log_origin", dir_.config.log_origin}, {"log_size", *size}}.dump());
}

Response Api::metrics_text() {
  std::string text = metrics_.render() + discrepancies_.metrics_text();
  const store::GroupCommitStats s = writer_.stats();
  text += "# TYPE verimeter_commit_batches_total counter\nverimeter_commit_batches_total " +
          std::to_string(s.batches) + "\n";
  text +=
      "# TYPE verimeter_commit_failed_batches_total "
      "counter\nverimeter_commit_failed_batches_total " +
      std::to_string(s.failed_batches) + "\n";
  text += "# TYPE verimeter_commit_records_total counter\nverimeter_commit_records_total " +
          std::to_string(s.records) + "\n";
  text += "# TYPE verimeter_commit_queue_depth gauge\nverimeter_commit_queue_depth " +
          std::to_string(s.queue_depth) + "\n";
  text += "# TYPE verimeter_commit_max_batch_size gauge\nverimeter_commit_max_batch_size " +
          std::to_string(s.max_batch_size) + "\n";
  text +=
      "# HELP verimeter_commit_duration_seconds Time of one durable batch transaction.\n"
      "# TYPE verimeter_commit_duration_seconds histogram\n";
  std::uint64_t cum = 0;
  for (std::size_t i = 0; i < store::kCommitLatencyBoundsUs.size(); ++i) {
    cum += s.commit_latency[i];
    text += "verimeter_commit_duration_seconds_bucket{le=\"" +
            std::to_string(static_cast<double>(store::kCommitLatencyBoundsUs[i]) / 1e6) + "\"} " +
            std::to_string(cum) + "\n";
  }
  cum += s.commit_latency.back();
  text += "verimeter_commit_duration_seconds_bucket{le=\"+Inf\"} " + std::to_string(cum) + "\n";
  text += "verimeter_commit_duration_seconds_sum " +
          std::to_string(static_cast<double>(s.commit_latency_sum_us) / 1e6) + "\n";
  text += "verimeter_commit_duration_seconds_count " + std::to_string(cum) + "\n";
  Response res{http::status::ok, 11};
  res.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
  res.body() = std::move(text);
  return res;
}

Response Api::tariffs_list() {
  auto all = dir_.store->tariffs();
  if (!all) return problem_response(all.error());
  Json arr = Json::array();
  for (const auto& t : *all) {
    arr.push_back({{"tariff_id", t.tariff_id},
                   {"version", t.version},
                   {"sha256", t.content_hash},
                   {"effective_from", format_rfc3339_millis(t.effective_from_ms)}});
  }
  return json_response(http::status::ok, Json{{"tariffs", arr}}.dump());
}

Response Api::tariff_get(const std::string& id, const std::string& version) {
  // Versions start at 1: "0", like any other non-version, is a bad path parameter (400).
  if (version.empty() || version.size() > 15 ||
      version.find_first_not_of("0123456789") != std::string::npos || std::stoull(version) == 0)
    return problem_response(http::status::bad_request, "bad_request",
                            "version must be a positive integer");
  auto t = dir_.store->tariff(id, std::stoull(version));
  if (!t) return problem_response(t.error());
  if (!*t)
    return problem_response(http::status::not_found, "not_found",
                            "no tariff " + id + " version " + version);
  return json_response(http::status::ok, (*t)->snapshot_json);
}

Response Api::admin_publish_tariff(const Request& req) {
  const bool toml = std::string(req[http::field::content_type]).rfind("application/toml", 0) == 0;
  auto snapshot =
      toml ? billing::parse_tariff_toml(req.body()) : billing::parse_tariff_json(req.body());
  if (!snapshot) return problem_response(snapshot.error());
  const std::string hash = billing::tariff_content_hash(*snapshot);
  auto st = dir_.store->put_tariff(store::TariffRecord{snapshot->tariff_id, snapshot->version, hash,
                                                       billing::tariff_canonical_bytes(*snapshot),
                                                       snapshot->effective_from, now_millis()});
  if (!st) return problem_response(st.error());
  tariffs_.invalidate();
  spdlog::info("published tariff {} version {} ({})", snapshot->tariff_id, snapshot->version, hash);
  return json_response(
      http::status::created,
      Json{{"tariff_id", snapshot->tariff_id}, {"version", snapshot->version}, {"sha256", hash}}
          .dump());
}

Response Api::admin_add_tenant(const Request& req) {
  auto body = parse_json(req.body(), JsonLimits{limits_.admin_body, 8});
  if (!body) return problem_response(body.error());
  auto name = json_string(*body, "name", "tenant");
  if (!name)
    return problem_response(http::status::bad_request, "tenant_invalid", name.error().message);
  auto t = create_tenant(*dir_.store, *name);  // checks the name first: tenant_invalid (400)
  if (!t) return problem_response(t.error());
  return json_response(
      http::status::created,
      Json{{"tenant_id", t->record.tenant_id}, {"name", *name}, {"api_key", t->api_key}}.dump());
}

}  // namespace verimeter::server
