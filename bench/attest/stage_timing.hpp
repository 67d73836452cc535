// Where the time of one attest goes on the CPU, measured in-process on one thread with the
// server's own functions: JSON parse, attest-request parse (JCS + SHA-256 replay identity),
// usage normalization, charge, the whole attest (meter, fingerprint, receipt JCS, Ed25519
// signature, bundle) and the bundle's serialization. The durable commit is measured by the
// server itself (/metrics commit latency and batch sizes) and, alone, by floor.hpp.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "billing/attest.hpp"
#include "billing/tariff.hpp"
#include "crypto/note_key.hpp"

namespace verimeter::bench {

// One attest of a request body done in-process the way the server does it (default tariff,
// pinned; the bundle's tariff left null for splicing), with everything it was made from.
struct AttestSample {
  explicit AttestSample(crypto::NoteSigner s) : signer(std::move(s)) {}
  billing::TariffSnapshot tariff;
  billing::PinnedTariff pinned;
  crypto::NoteSigner signer;  // ctx points here: the sample does not move
  billing::AttestContext ctx;
  billing::AttestRequest request;
  billing::AttestOutput output;
};

// Null if `attest_body` does not parse or attest.
std::unique_ptr<AttestSample> make_attest_sample(const std::string& attest_body);

// (stage name, microseconds per attest); empty if the body does not attest.
std::vector<std::pair<std::string, double>> time_attest_stages(const std::string& attest_body,
                                                               int iterations);

// Microseconds per call of `f`, over `iterations` calls on this thread.
template <typename F>
double micros_per_call(int iterations, F&& f) {
  const auto t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) f();
  const auto dt = std::chrono::steady_clock::now() - t0;
  return std::chrono::duration<double, std::micro>(dt).count() / iterations;
}

}  // namespace verimeter::bench
