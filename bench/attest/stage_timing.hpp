// Where the time of one attest goes on the CPU, measured in-process on one thread with the
// server's own functions: JSON parse, attest-request parse (JCS + SHA-256 replay identity),
// usage normalization, charge, the whole attest (meter, fingerprint, receipt JCS, Ed25519
// signature, bundle) and the bundle's serialization. The durable commit is measured by the
// server itself (/metrics commit latency and batch sizes).
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace verimeter::bench {

// (stage name, microseconds per attest); empty if the body does not attest.
std::vector<std::pair<std::string, double>> time_attest_stages(const std::string& attest_body,
                                                               int iterations);

}  // namespace verimeter::bench
