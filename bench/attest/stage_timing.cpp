#include "stage_timing.hpp"

#include "billing/adapters/normalize_usage.hpp"
#include "billing/charge.hpp"
#include "billing/default_tariff.hpp"
#include "core/json.hpp"
#include "core/time.hpp"

namespace verimeter::bench {

namespace {

crypto::NoteSigner bench_signer() {
  crypto::SigningKey key = crypto::SigningKey::generate();
  const std::string name = "bench.verimeter.test";
  const std::uint32_t id =
      crypto::compute_key_id(name, crypto::NoteKeyType::kEd25519, key.public_key());
  return crypto::NoteSigner{name, id, crypto::NoteKeyType::kEd25519, key};
}

}  // namespace

std::unique_ptr<AttestSample> make_attest_sample(const std::string& body) {
  auto json = parse_json(body);
  if (!json) return nullptr;
  auto req = billing::parse_attest_request(*json);
  if (!req) return nullptr;
  auto s = std::make_unique<AttestSample>(bench_signer());
  s->tariff = billing::default_tariff();
  s->pinned = billing::pin_tariff(s->tariff);
  s->ctx = billing::AttestContext{
      "t_bench", &s->signer, "bench.verimeter.test/log", 1000, now_millis(), nullptr, {}, false};
  s->request = std::move(*req);
  auto out = billing::attest(s->request, s->pinned, s->ctx);
  if (!out) return nullptr;
  s->output = std::move(*out);
  return s;
}

std::vector<std::pair<std::string, double>> time_attest_stages(const std::string& body,
                                                               int iterations) {
  const auto sample = make_attest_sample(body);
  if (!sample) return {};
  const auto json = parse_json(body);
  const billing::AttestRequest& req = sample->request;
  auto usage = billing::normalize_usage(req.provider, req.response_body);
  if (!usage) return {};
  volatile std::size_t sink = 0;
  std::vector<std::pair<std::string, double>> t;
  t.emplace_back("parse request JSON",
                 micros_per_call(iterations, [&] { sink = parse_json(body)->size(); }));
  t.emplace_back("attest request (JCS + SHA-256 replay key)", micros_per_call(iterations, [&] {
                   sink = billing::parse_attest_request(*json)->event_id.size();
                 }));
  t.emplace_back("normalize usage", micros_per_call(iterations, [&] {
                   sink =
                       billing::normalize_usage(req.provider, req.response_body)->provider.size();
                 }));
  t.emplace_back("charge", micros_per_call(iterations, [&] {
                   sink = billing::compute_charge(sample->tariff, req.model, *usage).ok();
                 }));
  t.emplace_back("Ed25519 sign of the receipt bytes", micros_per_call(iterations, [&] {
                   sink = sample->signer.key.sign(as_bytes(sample->output.leaf))[0];
                 }));
  t.emplace_back("whole attest, pinned tariff (as the server runs it)",
                 micros_per_call(iterations, [&] {
                   sink = billing::attest(req, sample->pinned, sample->ctx)->leaf.size();
                 }));
  t.emplace_back("whole attest, tariff re-serialized per call",
                 micros_per_call(iterations / 10 + 1, [&] {
                   sink = billing::attest(req, sample->tariff, sample->ctx)->leaf.size();
                 }));
  (void)sink;
  return t;
}

}  // namespace verimeter::bench
