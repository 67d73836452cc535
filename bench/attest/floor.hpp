// The part of every attest's cost that the design fixes, measured in-process on this machine:
// whatever the server's code does around them, an attest cannot cost less than
//   - one Ed25519 signature of the receipt (the signing anchor itself);
//   - the billing fingerprint: SHA-256 over the canonical meter and the whole tariff snapshot
//     (DESIGN §3), hashed here on exactly the bytes of a real bundle's fingerprint;
//   - the durable write: the SQLite store (WAL, synchronous=FULL) through the group-commit
//     writer, with the records a real attest produces, alone on the machine.
// The target (>= 50% of the 2-core signing rate) leaves two signatures of CPU per attest for
// the server and the load generator together, so these figures say how much of that budget is
// spent before any HTTP, JSON or billing code runs.
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "stage_timing.hpp"

namespace verimeter::bench {

struct FingerprintCost {
  std::size_t bytes = 0;  // the fingerprint's input: {"meter":...,"tariff":...}
  double micros = 0;      // one SHA-256 over it, one thread
};

// Nullopt if the sample bundle's fingerprint is not the SHA-256 of the bytes rebuilt here
// (then the figure would not be the fingerprint's cost).
std::optional<FingerprintCost> time_fingerprint(const AttestSample& sample, int iterations);

struct DurableWriteCost {
  long records = 0;
  double user_micros = 0;    // process CPU per record, every thread: SQLite and our code
  double system_micros = 0;  // and the kernel (WAL and database writes, fsync)
  double cpu_micros() const { return user_micros + system_micros; }
  double per_second = 0;  // records/s, wall clock
  double mean_batch = 0;  // records per transaction
};

// Writes `records` copies of the sample's record (each with its own event and receipt id)
// into a fresh store file in `dir`, `group` records per submission from two threads (as two
// /v1/attest/batch connections would), and removes the file. The CPU counted ends when the
// last commit is durable, so a background checkpoint still running then is not counted: a
// lower bound. Nullopt (with a message on stderr) if the store fails.
std::optional<DurableWriteCost> time_durable_write(const AttestSample& sample,
                                                   const std::string& dir, long records, int group);

}  // namespace verimeter::bench
