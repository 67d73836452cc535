// The verimeter HTTP API (docs/api/openapi.yaml): routing, authentication, limits and the
// attest path. Attests are processed on the I/O thread up to the signed bundle, then handed to
// the group-commit writer; the response is sent from the writer's completion, after the
// transaction holding the replay key, the bundle and the log entry is durable.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "billing/retokenize.hpp"
#include "billing/tariff.hpp"
#include "core/time.hpp"
#include "server/data_dir.hpp"
#include "server/discrepancies.hpp"
#include "server/http_server.hpp"
#include "server/metrics.hpp"
#include "server/tariff_resolver.hpp"
#include "store/group_commit.hpp"
#include "verify/bundle_verifier.hpp"
#include "verify/trust.hpp"

namespace verimeter::server {

struct ApiLimits {
  std::size_t attest_body = 4u << 20;
  std::size_t batch_body = 16u << 20;
  std::size_t batch_events = 1000;
  std::size_t verify_body = 4u << 20;
  std::size_t admin_body = 1u << 20;
};

// Every endpoint the API serves (method, path template); docs/api/openapi.yaml documents exactly
// these (a test checks both directions).
inline constexpr std::pair<const char*, const char*> kApiRoutes[] = {
    {"post", "/v1/attest"},        {"post", "/v1/attest/batch"},
    {"post", "/v1/verify"},        {"get", "/v1/receipts/{receipt_id}"},
    {"get", "/v1/tariffs"},        {"get", "/v1/tariffs/{tariff_id}/{version}"},
    {"get", "/v1/trust"},          {"post", "/v1/admin/tariffs"},
    {"post", "/v1/admin/tenants"}, {"get", "/healthz"},
    {"get", "/metrics"},           {"get", "/v1/discrepancies"}};

// The methods kApiRoutes serves on a concrete path ("/v1/tariffs/default/1"), upper case and
// comma separated, as a 405 answer's Allow header lists them; empty when no route has the path.
std::string allowed_methods(std::string_view path);

class Api final : public HttpHandler {
 public:
  // `dir` and `writer` must outlive the Api. `retokenizer` may be null.
  Api(OpenedDataDir& dir, store::GroupCommitWriter& writer, verify::Trust trust,
      const billing::Retokenizer* retokenizer, ApiLimits limits = {},
      DiscrepancyOptions discrepancy = {});

  // Re-reads every receipt in the log to rebuild the discrepancy summary (start-up).
  Status rebuild_discrepancies();

  std::size_t body_limit(const http::request_header<>& header) const override;
  void handle(Request request, Reply reply) override;
  Response refuse(http::status status, unsigned version, const std::string& code,
                  const std::string& detail) override;

  const Metrics& metrics() const { return metrics_; }

 private:
  struct Tenant {
    std::string tenant_id;
  };

  void dispatch(Request& req, Route& route, const Reply& done);
  Result<Tenant> authenticate(const Request& req);
  bool is_admin(const Request& req) const;

  void attest(const Request& req, const Tenant& tenant, const Reply& done);
  void attest_batch(const Request& req, const Tenant& tenant, Reply done);
  Response verify(const Request& req);
  Response receipt(const Tenant& tenant, const std::string& receipt_id);
  Response health();
  Response metrics_text();
  Response tariffs_list();
  Response tariff_get(const std::string& id, const std::string& version);
  Response admin_publish_tariff(const Request& req);
  Response admin_add_tenant(const Request& req);

  struct Prepared {
    store::AttestRecord record;  // bundle stored without the tariff snapshot; moved by submit()
    std::string event_id;        // for the conflict answer, after the record has been moved
    std::string full_bundle;     // what the caller receives
    Json receipt_summary;        // {tenant, model, retokenization} for the discrepancy tracker
  };
  // Validates, prices and signs one attest: everything before the durable write.
  Result<Prepared> prepare_attest(Json event, const Tenant& tenant, UnixMillis now);
  store::GroupCommitWriter::Submission submission(Prepared prepared, Reply done);
  void submit(Prepared prepared, const Reply& done);
  Response put_result_response(const store::PutResult& r, Prepared& p);  // consumes p.full_bundle
  Result<std::string> inflate_bundle(const std::string& stored);

  OpenedDataDir& dir_;
  store::GroupCommitWriter& writer_;
  verify::Trust trust_;
  const billing::Retokenizer* retokenizer_;
  ApiLimits limits_;
  Metrics metrics_;
  DiscrepancyTracker discrepancies_;
  verify::TariffCache verify_tariffs_;  // POST /v1/verify: checked snapshots by content hash
  TariffResolver tariffs_;              // attests: effective version, pinned once per hash

  std::mutex cache_mu_;
  std::unordered_map<std::string, Tenant> tenants_by_key_hash_;
};

}  // namespace verimeter::server
