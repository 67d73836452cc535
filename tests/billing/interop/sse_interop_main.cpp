// Compares verimeter's SSE splitting with a reference produced by an independent parser
// (eventsource-parser, tests/billing/js/sse_reference.mjs).
// Usage: billing_sse_interop REFERENCE_JSON FIXTURE_DIR. Exit 0 when every file matches.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "billing/adapters/sse_transcript.hpp"
#include "core/json.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Number of mismatching files (0 when our events equal the reference's).
int compare_file(const verimeter::Json& entry, const std::string& dir) {
  const std::string file = entry.at("file").get<std::string>();
  const auto ours = verimeter::billing::adapters::parse_sse(slurp(dir + "/" + file));
  if (!ours.ok()) {
    std::cerr << file << ": parse_sse failed: " << ours.error().message << "\n";
    return 1;
  }
  const auto& ref = entry.at("events");
  if (ref.size() != ours->size()) {
    std::cerr << file << ": " << ours->size() << " events, reference has " << ref.size() << "\n";
    return 1;
  }
  for (std::size_t i = 0; i < ref.size(); ++i) {
    const auto& e = (*ours)[i];
    if (e.event != ref[i].at("event").get<std::string>() ||
        e.data != ref[i].at("data").get<std::string>()) {
      std::cerr << file << ": event " << i << " differs: ours {" << e.event << "|" << e.data
                << "} reference " << ref[i].dump() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "usage: billing_sse_interop REFERENCE_JSON FIXTURE_DIR\n";
    return 2;
  }
  const auto ref = verimeter::parse_json(slurp(argv[1]), {64 * 1024 * 1024, 16});
  if (!ref.ok() || !ref->is_array() || ref->empty()) {
    std::cerr << "reference is not a non-empty JSON array\n";
    return 1;
  }
  int failures = 0;
  std::size_t events = 0;
  for (const auto& entry : *ref) {
    failures += compare_file(entry, argv[2]);
    events += entry.at("events").size();
  }
  std::cout << ref->size() << " transcripts, " << events << " events compared, " << failures
            << " mismatching\n";
  return failures == 0 ? 0 : 1;
}
