#include "stage_timing.hpp"

#include <chrono>
#include <cstdio>

#include "billing/adapters/normalize_usage.hpp"
#include "billing/attest.hpp"
#include "billing/charge.hpp"
#include "billing/default_tariff.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::bench {

namespace {

template <typename F>
double micros_per_call(int iterations, F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) f();
  const auto dt = std::chrono::steady_clock::now() - t0;
  return std::chrono::duration<double, std::micro>(dt).count() / iterations;
}

crypto::NoteSigner bench_signer() {
  crypto::SigningKey key = crypto::SigningKey::generate();
  const std::string name = "bench.verimeter.test";
  const std::uint32_t id =
      crypto::compute_key_id(name, crypto::NoteKeyType::kEd25519, key.public_key());
  return crypto::NoteSigner{name, id, crypto::NoteKeyType::kEd25519, key};
}

}  // namespace

std::vector<std::pair<std::string, double>> time_attest_stages(const std::string& body,
                                                               int iterations) {
  auto json = parse_json(body);
  if (!json) return {};
  auto req = billing::parse_attest_request(*json);
  if (!req) return {};
  const billing::TariffSnapshot tariff = billing::default_tariff();
  const billing::PinnedTariff pinned = billing::pin_tariff(tariff);
  const crypto::NoteSigner signer = bench_signer();
  const billing::AttestContext ctx{
      "t_bench", &signer, "bench.verimeter.test/log", 1000, now_millis(), nullptr, {}, false};
  auto usage = billing::normalize_usage(req->provider, req->response_body);
  auto out = billing::attest(*req, pinned, ctx);
  if (!usage || !out) return {};
  volatile std::size_t sink = 0;
  std::vector<std::pair<std::string, double>> t;
  t.emplace_back("parse request JSON",
                 micros_per_call(iterations, [&] { sink = parse_json(body)->size(); }));
  t.emplace_back("attest request (JCS + SHA-256 replay key)", micros_per_call(iterations, [&] {
                   sink = billing::parse_attest_request(*json)->event_id.size();
                 }));
  t.emplace_back("normalize usage", micros_per_call(iterations, [&] {
                   sink =
                       billing::normalize_usage(req->provider, req->response_body)->provider.size();
                 }));
  t.emplace_back("charge", micros_per_call(iterations, [&] {
                   sink = billing::compute_charge(tariff, req->model, *usage).ok();
                 }));
  t.emplace_back("Ed25519 sign of the receipt bytes", micros_per_call(iterations, [&] {
                   sink = signer.key.sign(as_bytes(out->leaf))[0];
                 }));
  t.emplace_back(
      "whole attest, pinned tariff (as the server runs it)",
      micros_per_call(iterations, [&] { sink = billing::attest(*req, pinned, ctx)->leaf.size(); }));
  t.emplace_back("whole attest, tariff re-serialized per call",
                 micros_per_call(iterations / 10 + 1,
                                 [&] { sink = billing::attest(*req, tariff, ctx)->leaf.size(); }));
  (void)sink;
  return t;
}

}  // namespace verimeter::bench
