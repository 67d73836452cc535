// End to end on loopback: init, tenant add, serve, attest samples for every provider, verify
// offline (library and CLI, with its exit codes), tamper with every field of a bundle,
// idempotent retry, conflict, authentication, size limits and malformed input, the statuses
// docs/api/openapi.yaml lists against those the server sends, and CLI usage errors.
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>

#include "core/file.hpp"
#include "core/json.hpp"
#include "server/api.hpp"
#include "server/http_client.hpp"
#include "server_process.hpp"
#include "verify/bundle_verifier.hpp"
#include "verify/trust.hpp"

namespace verimeter::testing {
namespace {

std::string fixture(const std::string& rel) {
  auto t = read_file(std::string(VERIMETER_SOURCE_DIR) + "/tests/billing/fixtures/" + rel);
  EXPECT_TRUE(t.ok()) << rel;
  return t.ok() ? *t : std::string();
}

class AttestE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new std::string(make_temp_dir("vm-e2e") + "/data");
    auto init = run_verimeter({"init", "--data", *dir_, "--origin", "e2e.verimeter.test/log"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    key_a_ = new std::string(add_tenant("acme"));
    key_b_ = new std::string(add_tenant("globex"));
    server_ = new ServerProcess(*dir_);
    ASSERT_FALSE(server_->url().empty());
    trust_ = new verify::Trust(*verify::parse_trust(*read_file(*dir_ + "/trust.json")));
  }
  static void TearDownTestSuite() {
    if (server_) {
      EXPECT_EQ(server_->stop(), 0);
    }
    delete server_;
    delete trust_;
    delete key_a_;
    delete key_b_;
    delete dir_;
  }
  static std::string add_tenant(const std::string& name) {
    auto r = run_verimeter({"tenant", "add", "--data", *dir_, name});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::string key = r.out;
    while (!key.empty() && key.back() == '\n') key.pop_back();
    return key.substr(key.rfind('\n') == std::string::npos ? 0 : key.rfind('\n') + 1);
  }

  static std::string admin_key() {
    std::string admin = *read_file(*dir_ + "/admin.key");
    while (!admin.empty() && (admin.back() == '\n' || admin.back() == '\r')) admin.pop_back();
    return admin;
  }

  server::HttpResult post(const std::string& target, const std::string& body,
                          const std::string& key) {
    server::HttpClient c(*server::parse_url(server_->url()));
    std::map<std::string, std::string> h;
    if (!key.empty()) h["Authorization"] = "Bearer " + key;
    auto r = c.request("POST", target, body, h);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message);
    return r.ok() ? *r : server::HttpResult{};
  }
  server::HttpResult get(const std::string& target, const std::string& key) {
    server::HttpClient c(*server::parse_url(server_->url()));
    std::map<std::string, std::string> h;
    if (!key.empty()) h["Authorization"] = "Bearer " + key;
    auto r = c.request("GET", target, "", h);
    EXPECT_TRUE(r.ok());
    return r.ok() ? *r : server::HttpResult{};
  }

  static Json event(const std::string& id, const std::string& provider, const std::string& model,
                    const Json& response) {
    return Json{
        {"event_id", id}, {"provider", provider}, {"model", model}, {"response_body", response}};
  }

  static inline std::string* dir_ = nullptr;
  static inline std::string* key_a_ = nullptr;
  static inline std::string* key_b_ = nullptr;
  static inline ServerProcess* server_ = nullptr;
  static inline verify::Trust* trust_ = nullptr;
};

struct Sample {
  std::string provider;
  std::string model_field;
};

const Sample kSamples[] = {{"openai", "model"},
                           {"anthropic", "model"},
                           {"gemini", "modelVersion"},
                           {"openai_compatible", "model"},
                           {"ollama", "model"}};

TEST_F(AttestE2E, EveryProviderSampleAttestsAndVerifiesOffline) {
  for (const auto& s : kSamples) {
    const Json response = *parse_json(fixture("samples/" + s.provider + ".json"));
    const std::string model = response[s.model_field].get<std::string>();
    const auto res = post(
        "/v1/attest", event("sample-" + s.provider, s.provider, model, response).dump(), *key_a_);
    ASSERT_EQ(res.status, 201) << s.provider << ": " << res.body;
    const Json bundle = *parse_json(res.body);
    const auto report = verify::verify_bundle(bundle, *trust_);
    EXPECT_TRUE(report.ok) << s.provider << ": " << report.to_json().dump(2);
    EXPECT_EQ(bundle["receipt"]["provider"], s.provider);
    EXPECT_EQ(bundle["receipt"]["tenant"].get<std::string>().substr(0, 2), "t_");

    // The stored bundle, fetched back, verifies with the CLI too (exit 0).
    const std::string id = bundle["receipt"]["receipt_id"];
    const auto fetched = get("/v1/receipts/" + id, *key_a_);
    ASSERT_EQ(fetched.status, 200);
    const std::string path = *dir_ + "-" + s.provider + ".bundle.json";
    ASSERT_TRUE(write_file_durable(path, fetched.body).ok());
    const auto cli = run_verimeter({"verify", "--trust", *dir_ + "/trust.json", path});
    EXPECT_EQ(cli.exit_code, 0) << cli.out << cli.err;
    EXPECT_TRUE((*parse_json(cli.out))["ok"].get<bool>());
  }
}

TEST_F(AttestE2E, StreamingTranscriptAsRawText) {
  const std::string transcript = fixture("openai/chat_stream.txt");
  Json ev = {{"event_id", "stream-1"},
             {"provider", "openai"},
             {"model", "gpt-4o"},
             {"response_body", transcript}};
  const auto res = post("/v1/attest", ev.dump(), *key_a_);
  ASSERT_EQ(res.status, 201) << res.body;
  const Json bundle = *parse_json(res.body);
  EXPECT_EQ(bundle["receipt"]["usage_source"], "provider_stream_final");
  EXPECT_TRUE(verify::verify_bundle(bundle, *trust_).ok);
}

// Every leaf of the bundle, mutated one at a time, must fail verification with a named reason.
TEST_F(AttestE2E, FlippingAnyFieldFailsWithItsNamedReason) {
  const Json response = *parse_json(fixture("samples/anthropic.json"));
  const auto res = post(
      "/v1/attest", event("tamper-1", "anthropic", response["model"], response).dump(), *key_a_);
  ASSERT_EQ(res.status, 201) << res.body;
  const Json bundle = *parse_json(res.body);
  ASSERT_TRUE(verify::verify_bundle(bundle, *trust_).ok);

  // Allowed first-failure codes by top-level member.
  const std::map<std::string, std::set<std::string>> expected = {
      {"receipt",
       {"signature_invalid", "receipt_malformed", "receipt_unknown_version", "signer_mismatch",
        "unknown_key", "float_not_allowed"}},
      {"signature",
       {"signature_invalid", "signature_malformed", "signer_mismatch", "unknown_key",
        "unknown_algorithm"}},
      {"meter",
       {"meter_mismatch", "meter_malformed", "meter_unknown_version", "float_not_allowed"}},
      {"tariff", {"tariff_malformed", "tariff_hash_mismatch", "float_not_allowed"}},
      {"provider_usage", {"usage_hash_mismatch"}},
      {"billing_fingerprint", {"fingerprint_mismatch"}},
      {"bundle_version", {"bundle_unknown_version"}},
      {"inclusion_proof", {"inclusion_proof_unsupported"}},
      {"zk_proof", {"zk_proof_unsupported"}},
  };
  std::size_t mutated = 0;
  std::map<std::string, std::size_t> codes_seen;
  const Json flat = bundle.flatten();
  for (auto it = flat.begin(); it != flat.end(); ++it) {
    const Json::json_pointer ptr(it.key());
    Json tampered = bundle;
    Json& leaf = tampered[ptr];
    if (leaf.is_string()) {
      std::string s = leaf.get<std::string>();
      if (s.empty())
        s = "x";
      else
        s[s.size() / 2] = s[s.size() / 2] == 'a' ? 'b' : 'a';
      leaf = s;
    } else if (leaf.is_boolean()) {
      leaf = !leaf.get<bool>();
    } else if (leaf.is_number_unsigned() || leaf.is_number_integer()) {
      leaf = leaf.get<std::uint64_t>() + 1;
    } else if (leaf.is_null()) {
      leaf = Json::object();
    } else {
      leaf = nullptr;  // empty containers
    }
    const auto report = verify::verify_bundle(tampered, *trust_);
    const std::string top =
        it.key().substr(1, it.key().find('/', 1) == std::string::npos ? std::string::npos
                                                                      : it.key().find('/', 1) - 1);
    ASSERT_FALSE(report.ok) << "tampering " << it.key() << " went undetected";
    const auto* f = report.first_failure();
    ASSERT_NE(f, nullptr);
    EXPECT_FALSE(f->code.empty());
    ASSERT_TRUE(expected.count(top)) << top;
    EXPECT_TRUE(expected.at(top).count(f->code)) << it.key() << " failed with " << f->code;
    ++codes_seen[f->code];
    ++mutated;
  }
  EXPECT_GT(mutated, 60u);
  // Every kind of tampering was seen and named.
  for (const char* c : {"signature_invalid", "meter_mismatch", "tariff_hash_mismatch",
                        "usage_hash_mismatch", "fingerprint_mismatch", "bundle_unknown_version"}) {
    EXPECT_GT(codes_seen[c], 0u) << c;
  }
  // Removing a member, or adding one, is a format failure.
  Json missing = bundle;
  missing.erase("meter");
  EXPECT_EQ(verify::verify_bundle(missing, *trust_).first_failure()->code, "bundle_malformed");
  Json extra = bundle;
  extra["receipt"]["extra"] = 1;
  EXPECT_EQ(verify::verify_bundle(extra, *trust_).first_failure()->code, "receipt_malformed");
}

TEST_F(AttestE2E, TamperedBundleFailsInTheCliWithExitOne) {
  const Json response = *parse_json(fixture("samples/openai.json"));
  const auto res =
      post("/v1/attest", event("cli-tamper", "openai", "gpt-4o", response).dump(), *key_a_);
  ASSERT_EQ(res.status, 201);
  Json bundle = *parse_json(res.body);
  bundle["receipt"]["charge"]["amount"] =
      bundle["receipt"]["charge"]["amount"].get<std::uint64_t>() + 1;
  const std::string path = *dir_ + "-tampered.json";
  ASSERT_TRUE(write_file_durable(path, bundle.dump()).ok());
  const auto cli = run_verimeter({"verify", "--trust", *dir_ + "/trust.json", path});
  EXPECT_EQ(cli.exit_code, 1);
  EXPECT_EQ((*parse_json(cli.out))["failure"]["code"], "signature_invalid");
  const auto garbage = run_verimeter({"verify", "--trust", *dir_ + "/trust.json", "-"}, "not json");
  EXPECT_EQ(garbage.exit_code, 2);
}

// `verimeter verify` exits 2 for input that is no bundle at all (not a JSON object, or an
// object without bundle_version), with nothing on stdout, and 1 for a bundle that fails,
// whichever member was altered, bundle_version included.
TEST_F(AttestE2E, VerifyExitsTwoForADocumentThatIsNoBundleAndOneForAFailingBundle) {
  const std::string trust = *dir_ + "/trust.json";
  for (const char* doc : {"{}", "[]", "7", "\"bundle\"", "null", R"({"receipt": {}})"}) {
    const auto cli = run_verimeter({"verify", "--trust", trust, "-"}, doc);
    EXPECT_EQ(cli.exit_code, 2) << doc << ": " << cli.out << cli.err;
    EXPECT_EQ(cli.out, "") << doc;
    EXPECT_NE(cli.err.find("not_a_bundle"), std::string::npos) << doc << ": " << cli.err;
  }
  const Json response = *parse_json(fixture("samples/openai.json"));
  const auto res =
      post("/v1/attest", event("cli-exit-codes", "openai", "gpt-4o", response).dump(), *key_a_);
  ASSERT_EQ(res.status, 201);
  const Json bundle = *parse_json(res.body);
  auto verify_code = [&](const Json& doc) {
    const auto cli = run_verimeter({"verify", "--trust", trust, "-"}, doc.dump());
    EXPECT_EQ(cli.exit_code, 1) << doc.dump().substr(0, 80) << ": " << cli.err;
    auto report = parse_json(cli.out);
    return report ? (*report)["failure"]["code"].get<std::string>() : std::string("no report");
  };
  Json version = bundle;
  version["bundle_version"] = 2;
  EXPECT_EQ(verify_code(version), "bundle_unknown_version");
  Json no_meter = bundle;
  no_meter.erase("meter");
  EXPECT_EQ(verify_code(no_meter), "bundle_malformed");
  EXPECT_EQ(verify_code(Json{{"bundle_version", 1}}), "bundle_malformed");
  const auto good = run_verimeter({"verify", "--trust", trust, "-"}, bundle.dump());
  EXPECT_EQ(good.exit_code, 0) << good.err;
}

// Tenant names are checked with their own code, by the CLI and the admin API alike.
TEST_F(AttestE2E, ABadTenantNameIsTenantInvalid) {
  const auto cli = run_verimeter({"tenant", "add", "--data", *dir_, "bad name"});
  EXPECT_EQ(cli.exit_code, 2);
  EXPECT_NE(cli.err.find("verimeter: tenant_invalid: "), std::string::npos) << cli.err;
  EXPECT_EQ(cli.out, "");
  const auto api = post("/v1/admin/tenants", R"({"name":"bad name"})", admin_key());
  EXPECT_EQ(api.status, 400) << api.body;
  EXPECT_EQ((*parse_json(api.body))["code"], "tenant_invalid");
}

// An unknown command word is named, with the commands valid where it stands (exit 2).
TEST_F(AttestE2E, AnUnknownCommandIsNamedWithTheValidOnes) {
  const auto top = run_verimeter({"bogus"});
  EXPECT_EQ(top.exit_code, 2);
  EXPECT_NE(top.err.find("unknown command \"bogus\""), std::string::npos) << top.err;
  for (const char* command : {"init", "tenant", "serve", "attest", "fetch", "verify", "tariff"})
    EXPECT_NE(top.err.find(command), std::string::npos) << command << " not in: " << top.err;
  EXPECT_EQ(top.err.find("A subcommand is required"), std::string::npos) << top.err;
  const auto nested = run_verimeter({"tenant", "bogus"});
  EXPECT_EQ(nested.exit_code, 2);
  EXPECT_NE(nested.err.find("verimeter tenant: unknown command \"bogus\"; the commands are: add, "
                            "list"),
            std::string::npos)
      << nested.err;
  const auto none = run_verimeter({});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("a command is required"), std::string::npos) << none.err;
  EXPECT_EQ(run_verimeter({"--help"}).exit_code, 0);
}

TEST_F(AttestE2E, IdenticalRetryReturnsOriginalAndDifferentPayloadConflicts) {
  const Json response = *parse_json(fixture("samples/openai.json"));
  const std::string body = event("retry-1", "openai", "gpt-4o", response).dump();
  const auto first = post("/v1/attest", body, *key_a_);
  ASSERT_EQ(first.status, 201);
  const auto again = post("/v1/attest", body, *key_a_);
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  // Same key, different payload: 409 problem+json.
  Json changed = response;
  changed["usage"]["completion_tokens"] = changed["usage"]["completion_tokens"].get<int>() + 1;
  changed["usage"]["total_tokens"] = changed["usage"]["total_tokens"].get<int>() + 1;
  const auto conflict =
      post("/v1/attest", event("retry-1", "openai", "gpt-4o", changed).dump(), *key_a_);
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(conflict.content_type, "application/problem+json");
  EXPECT_EQ((*parse_json(conflict.body))["code"], "event_conflict");
  EXPECT_NE(conflict.body.find("event_id \\\"retry-1\\\""), std::string::npos) << conflict.body;
  // The same event_id under another tenant is a different event.
  EXPECT_EQ(post("/v1/attest", body, *key_b_).status, 201);
}

TEST_F(AttestE2E, AuthenticationAndTenantScoping) {
  const Json response = *parse_json(fixture("samples/openai.json"));
  const std::string body = event("auth-1", "openai", "gpt-4o", response).dump();
  EXPECT_EQ(post("/v1/attest", body, "").status, 401);
  EXPECT_EQ(post("/v1/attest", body, "vmk_" + std::string(64, '0')).status, 401);
  const auto ok = post("/v1/attest", body, *key_a_);
  ASSERT_EQ(ok.status, 201);
  const std::string id = (*parse_json(ok.body))["receipt"]["receipt_id"];
  EXPECT_EQ(get("/v1/receipts/" + id, *key_a_).status, 200);
  EXPECT_EQ(get("/v1/receipts/" + id, *key_b_).status, 404);  // another tenant's receipt
  EXPECT_EQ(get("/v1/receipts/" + id, "").status, 401);
  // Admin endpoints need the admin key, not a tenant key.
  EXPECT_EQ(post("/v1/admin/tenants", R"({"name":"x"})", *key_a_).status, 401);
}

TEST_F(AttestE2E, BadInputIsRefusedWithProblemJsonAndStoresNothing) {
  const auto health_before = *parse_json(get("/healthz", "").body);
  const auto malformed = post("/v1/attest", "{\"event_id\": ", *key_a_);
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.content_type, "application/problem+json");
  EXPECT_EQ((*parse_json(malformed.body))["code"], "json_syntax");
  const auto oversized = post("/v1/attest", std::string(5u << 20, ' '), *key_a_);
  EXPECT_EQ(oversized.status, 413);
  EXPECT_EQ((*parse_json(oversized.body))["code"], "body_too_large");
  const Json response = *parse_json(fixture("samples/openai.json"));
  EXPECT_EQ(
      post("/v1/attest", event("bad-1", "acme-ai", "gpt-4o", response).dump(), *key_a_).status,
      422);
  Json no_usage = response;
  no_usage.erase("usage");
  const auto missing =
      post("/v1/attest", event("bad-2", "openai", "gpt-4o", no_usage).dump(), *key_a_);
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ((*parse_json(missing.body))["code"], "usage_missing");
  EXPECT_EQ(post("/v1/attest", event("bad-3", "openai", "claude-3-opus", response).dump(), *key_a_)
                .status,
            422);
  Json unknown = event("bad-4", "openai", "gpt-4o", response);
  unknown["surprise"] = 1;
  EXPECT_EQ(post("/v1/attest", unknown.dump(), *key_a_).status, 400);
  // A JSON response body with an integer beyond 2^53-1 has no canonical form (RFC 8785).
  Json huge = response;
  huge["extra"] = std::uint64_t{1} << 60;
  const auto out_of_range =
      post("/v1/attest", event("bad-5", "openai", "gpt-4o", huge).dump(), *key_a_);
  EXPECT_EQ(out_of_range.status, 422) << out_of_range.body;
  EXPECT_EQ((*parse_json(out_of_range.body))["code"], "jcs_number_out_of_range");
  const auto health_after = *parse_json(get("/healthz", "").body);
  EXPECT_EQ(health_before["log_size"], health_after["log_size"]);
}

TEST_F(AttestE2E, BatchReturnsOneResultPerEvent) {
  const Json response = *parse_json(fixture("samples/openai.json"));
  Json batch = {{"events", Json::array({event("batch-1", "openai", "gpt-4o", response),
                                        event("batch-2", "openai", "gpt-4o", response),
                                        event("batch-1", "openai", "gpt-4o", response),
                                        event("batch-3", "nobody", "gpt-4o", response)})}};
  const auto res = post("/v1/attest/batch", batch.dump(), *key_a_);
  ASSERT_EQ(res.status, 200) << res.body;
  const Json results = (*parse_json(res.body))["results"];
  ASSERT_EQ(results.size(), 4u);
  EXPECT_EQ(results[0]["status"], 201);
  EXPECT_EQ(results[1]["status"], 201);
  EXPECT_EQ(results[2]["status"], 200);  // same event and payload as [0]
  EXPECT_EQ(results[3]["status"], 422);
  EXPECT_EQ(results[2]["bundle"], results[0]["bundle"]);
}

// Published versions take effect by their effective date: the admin API makes a version visible
// at once, one published by another process on the same data directory within the refresh
// interval, and an unknown tariff id is a 404 with a named code.
TEST_F(AttestE2E, TariffVersionsTakeEffectByDate) {
  std::string admin = *read_file(*dir_ + "/admin.key");
  while (!admin.empty() && (admin.back() == '\n' || admin.back() == '\r')) admin.pop_back();
  Json tariff = *parse_json(
      *read_file(std::string(VERIMETER_SOURCE_DIR) + "/examples/tariffs/example-usd.json"));
  tariff["tariff_id"] = "e2e-dated";
  auto publish = [&](std::uint64_t version, const std::string& from) {
    tariff["version"] = version;
    tariff["effective_from"] = from;
    return post("/v1/admin/tariffs", tariff.dump(), admin).status;
  };
  ASSERT_EQ(publish(1, "2026-01-01T00:00:00.000Z"), 201);
  ASSERT_EQ(publish(2, "2099-01-01T00:00:00.000Z"), 201);
  const Json response = *parse_json(fixture("samples/openai.json"));
  int n = 0;
  auto priced_by = [&](const std::optional<std::string>& event_time) -> Json {
    Json ev = event("dated-" + std::to_string(n++), "openai", "gpt-4o-2024-08-06", response);
    ev["tariff_id"] = "e2e-dated";
    if (event_time) ev["event_time"] = *event_time;
    const auto res = post("/v1/attest", ev.dump(), *key_a_);
    if (res.status != 201) return Json{{"status", res.status}, {"body", res.body}};
    return (*parse_json(res.body))["receipt"]["tariff"]["version"];
  };
  EXPECT_EQ(priced_by(std::nullopt), 1);
  EXPECT_EQ(priced_by("2099-06-01T00:00:00.000Z"), 2);
  EXPECT_EQ(priced_by("2025-06-01T00:00:00.000Z")["status"], 404);

  // Version 3, effective since yesterday, published by the CLI while the server runs.
  tariff["version"] = 3;
  tariff["effective_from"] = "2026-01-02T00:00:00.000Z";
  const std::string file = *dir_ + "-tariff-v3.json";
  std::ofstream(file) << tariff.dump();
  const auto cli = run_verimeter({"tariff", "publish", "--data", *dir_, file});
  ASSERT_EQ(cli.exit_code, 0) << cli.err;
  Json seen;
  for (int i = 0; i < 40 && seen != 3; ++i) {
    seen = priced_by(std::nullopt);
    if (seen != 3) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(seen, 3) << "a version published by another process is used within the refresh";

  Json unknown = event("dated-unknown", "openai", "gpt-4o-2024-08-06", response);
  unknown["tariff_id"] = "no-such-tariff";
  const auto res = post("/v1/attest", unknown.dump(), *key_a_);
  EXPECT_EQ(res.status, 404);
  EXPECT_EQ((*parse_json(res.body))["code"], "tariff_not_found");
}

// The CLI lists what the data directory holds, while the server runs.
TEST_F(AttestE2E, CliListsTenantsAndTariffs) {
  const auto tenants = run_verimeter({"tenant", "list", "--data", *dir_});
  EXPECT_EQ(tenants.exit_code, 0) << tenants.err;
  EXPECT_NE(tenants.out.find("\tacme\t"), std::string::npos) << tenants.out;
  EXPECT_NE(tenants.out.find("\tglobex\t"), std::string::npos) << tenants.out;
  const auto tariffs = run_verimeter({"tariff", "list", "--data", *dir_});
  EXPECT_EQ(tariffs.exit_code, 0) << tariffs.err;
  EXPECT_EQ(tariffs.out.rfind("default\t", 0), 0u) << tariffs.out;
  const auto missing = run_verimeter({"tenant", "list", "--data", *dir_ + "-missing"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("verimeter: "), std::string::npos) << missing.err;
}

TEST_F(AttestE2E, HealthMetricsTrustAndServerSideVerify) {
  const auto health = get("/healthz", "");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ((*parse_json(health.body))["log_origin"], "e2e.verimeter.test/log");
  const auto metrics = get("/metrics", "");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("verimeter_http_requests_total"), std::string::npos);
  EXPECT_NE(metrics.body.find("verimeter_commit_batches_total"), std::string::npos);
  EXPECT_EQ(get("/v1/trust", "").status, 200);
  EXPECT_EQ(get("/nope", "").status, 404);
  EXPECT_EQ((*parse_json(get("/nope", "").body))["code"], "no_such_endpoint");
  const Json response = *parse_json(fixture("samples/gemini.json"));
  const auto res =
      post("/v1/attest", event("verify-1", "gemini", response["modelVersion"], response).dump(),
           *key_a_);
  ASSERT_EQ(res.status, 201) << res.body;
  const auto verified = post("/v1/verify", res.body, "");
  ASSERT_EQ(verified.status, 200);
  EXPECT_TRUE((*parse_json(verified.body))["ok"].get<bool>());
}

}  // namespace
}  // namespace verimeter::testing

namespace verimeter::testing {
namespace {

using Operation = std::pair<std::string, std::string>;  // (method, path template)

// docs/api/openapi.yaml's operations and the statuses each lists, read line by line (the
// server.openapi_valid check parses it as YAML and validates it as OpenAPI 3.1): paths at two
// spaces, methods at four, `responses:` at six, status keys ('200':) at eight.
std::map<Operation, std::set<int>> documented_operations() {
  const std::string yaml = *read_file(std::string(VERIMETER_SOURCE_DIR) + "/docs/api/openapi.yaml");
  std::map<Operation, std::set<int>> out;
  std::istringstream in(yaml);
  std::string line, current_path;
  Operation current;
  bool in_paths = false, in_responses = false;
  while (std::getline(in, line)) {
    if (line == "paths:") {
      in_paths = true;
      continue;
    }
    if (in_paths && !line.empty() && line[0] != ' ') break;  // next top-level key
    if (!in_paths) continue;
    if (line.rfind("  /", 0) == 0 && line.back() == ':')
      current_path = line.substr(2, line.size() - 3);
    for (const char* m : {"get", "post", "put", "delete", "patch"}) {
      if (line == std::string("    ") + m + ":") {
        current = {m, current_path};
        out[current];
        in_responses = false;
      }
    }
    const auto indent = line.find_first_not_of(' ');
    if (indent != std::string::npos && indent <= 6) in_responses = line == "      responses:";
    if (in_responses && line.size() > 14 && line.rfind("        '", 0) == 0 && line[12] == '\'' &&
        line[13] == ':')
      out[current].insert(std::stoi(line.substr(9, 3)));
  }
  return out;
}

std::string concrete_path(std::string path) {
  for (const auto& [param, value] : {std::pair<std::string, std::string>{"{receipt_id}", "rcpt_00"},
                                     {"{tariff_id}", "default"},
                                     {"{version}", "1"}}) {
    if (auto at = path.find(param); at != std::string::npos) path.replace(at, param.size(), value);
  }
  return path;
}

// docs/api/openapi.yaml documents exactly the routes the server serves, and each is served.
TEST_F(AttestE2E, OpenApiDocumentMatchesTheServer) {
  std::set<Operation> documented;
  for (const auto& [op, statuses] : documented_operations()) documented.insert(op);
  std::set<Operation> served;
  for (const auto& [m, p] : server::kApiRoutes) served.emplace(m, p);
  EXPECT_EQ(documented, served);
  for (const auto& [method, path] : served) {
    const std::string concrete = concrete_path(path);
    const auto res = method == "get" ? get(concrete, *key_a_) : post(concrete, "{}", *key_a_);
    EXPECT_NE(res.status, 405) << method << " " << path;
    if (res.status == 404) {
      EXPECT_NE((*parse_json(res.body))["code"], "no_such_endpoint") << method << " " << path;
    }
  }
}

// The statuses the server sends are the ones the document lists for the operation: checked by
// sending each kind of request the audit found undocumented, and for the limits every operation
// shares (431 everywhere; 408 and 413 on every operation with a body; 503 everywhere).
TEST_F(AttestE2E, OpenApiDocumentListsTheStatusesTheServerSends) {
  const auto ops = documented_operations();
  auto expect_listed = [&](const Operation& op, int status, const std::string& code,
                           const server::HttpResult& res) {
    EXPECT_EQ(res.status, status) << op.first << " " << op.second << ": " << res.body;
    EXPECT_EQ((*parse_json(res.body))["code"], code) << op.first << " " << op.second;
    ASSERT_TRUE(ops.count(op)) << op.first << " " << op.second;
    EXPECT_TRUE(ops.at(op).count(status)) << op.first << " " << op.second << " lacks " << status;
  };
  const std::string admin = admin_key();
  expect_listed({"post", "/v1/admin/tariffs"}, 400, "json_syntax",
                post("/v1/admin/tariffs", "{", admin));
  expect_listed({"get", "/v1/tariffs/{tariff_id}/{version}"}, 400, "bad_request",
                get("/v1/tariffs/default/0", ""));
  expect_listed({"post", "/v1/admin/tenants"}, 400, "tenant_invalid",
                post("/v1/admin/tenants", R"({"name":"bad name"})", admin));
  for (const auto& [op, statuses] : ops) {
    EXPECT_TRUE(statuses.count(431)) << op.first << " " << op.second;
    EXPECT_TRUE(statuses.count(503)) << op.first << " " << op.second;
    if (op.first == "post") {
      EXPECT_TRUE(statuses.count(408)) << op.first << " " << op.second;
      EXPECT_TRUE(statuses.count(413)) << op.first << " " << op.second;
    }
    // A header over 16 KiB is refused on every route.
    server::HttpClient c(*server::parse_url(server_->url()));
    const auto res = c.request(op.first == "get" ? "GET" : "POST", concrete_path(op.second), "{}",
                               {{"X-Padding", std::string(17 * 1024, 'p')}});
    ASSERT_TRUE(res.ok()) << res.error().message;
    expect_listed(op, 431, "header_too_large", *res);
  }
  // Answers for any path, documented once: 405 with Allow (a shared response), 408's timeout.
  const std::string yaml = *read_file(std::string(VERIMETER_SOURCE_DIR) + "/docs/api/openapi.yaml");
  for (const char* text :
       {"    MethodNotAllowed:", "        Allow:", "method_not_allowed", "request_timeout",
        "header_too_large", "tenant_invalid", "jcs_number_out_of_range", "--read-timeout"})
    EXPECT_NE(yaml.find(text), std::string::npos) << text;
  for (const auto& [method, target] :
       {std::pair<std::string, std::string>{"GET", "/v1/attest"}, {"DELETE", "/healthz"}}) {
    server::HttpClient c(*server::parse_url(server_->url()));
    const auto res = c.request(method, target);
    ASSERT_TRUE(res.ok()) << res.error().message;
    EXPECT_EQ(res->status, 405) << method << " " << target;
    EXPECT_EQ((*parse_json(res->body))["code"], "method_not_allowed") << method << " " << target;
  }
}

}  // namespace
}  // namespace verimeter::testing

namespace verimeter::testing {
namespace {

// Receipts carry verimeter's own token counts: exact for OpenAI models (public tokenizer),
// unverifiable for private tokenizers.
TEST_F(AttestE2E, ReceiptsCarryRetokenizationResults) {
  // The README's quickstart event: request messages and completion text re-count exactly.
  const Json quickstart = *parse_json(
      *read_file(std::string(VERIMETER_SOURCE_DIR) + "/examples/events/openai-chat.json"));
  const auto res = post("/v1/attest", quickstart.dump(), *key_a_);
  ASSERT_EQ(res.status, 201) << res.body;
  const Json r = (*parse_json(res.body))["receipt"]["retokenization"];
  EXPECT_EQ(r["status"], "match") << r.dump();
  EXPECT_EQ(r["encoding"], "o200k_base");
  EXPECT_EQ(r["input"]["status"], "match");
  EXPECT_EQ(r["input"]["ours"], 39);
  EXPECT_EQ(r["output"]["status"], "match");
  EXPECT_EQ(r["output"]["ours"], 25);

  // The fixture sample reports 27 completion tokens for text that is 25 tokens: a mismatch,
  // with both counts recorded.
  const Json sample = *parse_json(fixture("samples/openai.json"));
  const auto mis =
      post("/v1/attest", event("retok-sample", "openai", "gpt-4o", sample).dump(), *key_a_);
  ASSERT_EQ(mis.status, 201);
  const Json m = (*parse_json(mis.body))["receipt"]["retokenization"];
  EXPECT_EQ(m["status"], "mismatch");
  EXPECT_EQ(m["output"]["ours"], 25);
  EXPECT_EQ(m["output"]["provider"], 27);
  EXPECT_EQ(m["input"]["status"], "not_provided");

  for (const auto& s : kSamples) {
    if (s.provider == "openai" || s.provider == "openai_compatible" || s.provider == "ollama")
      continue;
    const Json response = *parse_json(fixture("samples/" + s.provider + ".json"));
    const auto out = post("/v1/attest",
                          event("retok-" + s.provider, s.provider,
                                response[s.model_field].get<std::string>(), response)
                              .dump(),
                          *key_a_);
    ASSERT_EQ(out.status, 201);
    const Json u = (*parse_json(out.body))["receipt"]["retokenization"];
    EXPECT_EQ(u["status"], "unverifiable") << s.provider;
    EXPECT_EQ(u["encoding"], nullptr);
  }

  // The tenant's discrepancy summary counts them, per model; other tenants see only their own.
  const Json summary = *parse_json(get("/v1/discrepancies", *key_a_).body);
  bool saw_gpt4o = false;
  for (const auto& m : summary["models"]) {
    if (m["model"] != "gpt-4o") continue;
    saw_gpt4o = true;
    EXPECT_GE(m["output"]["match"].get<int>(), 1);
    EXPECT_GE(m["output"]["mismatch"].get<int>(), 1);
  }
  EXPECT_TRUE(saw_gpt4o) << summary.dump();
  EXPECT_EQ(get("/v1/discrepancies", "").status, 401);
  const auto metrics = get("/metrics", "").body;
  EXPECT_NE(metrics.find("verimeter_retokenization_total{side=\"output\",status=\"match\"}"),
            std::string::npos);
}

}  // namespace
}  // namespace verimeter::testing
