// Cost of usage normalization per provider response, beside the floor a JavaScript gateway pays
// for the same bytes (node JSON.parse plus reading the usage fields, js/adapters_peer.mjs, run
// in the same process tree). Prints µs per call for: strict parsing (parse_json), the adapter
// alone on an already parsed body (what the server pays when it has parsed the attest request),
// and the raw-text entry point (parsing + adapter).
// Usage: bench_billing_adapters [NODE]   (NODE defaults to "node"; the peer row is skipped with a
// note only when node cannot be started — our figures are printed either way)
#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include "billing/adapters/normalize_usage.hpp"
#include "core/json.hpp"

namespace {

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

template <class F>
double micros_per_call(F&& f, int n) {
  for (int k = 0; k < n / 10; ++k) f();  // warm-up
  const auto t0 = std::chrono::steady_clock::now();
  for (int k = 0; k < n; ++k) f();
  const auto t1 = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::micro>(t1 - t0).count() / n;
}

void bench_file(const char* provider, const std::string& rel, bool is_json) {
  const std::string path = std::string(VERIMETER_SOURCE_DIR) + "/tests/billing/fixtures/" + rel;
  const std::string text = slurp(path);
  const int n = 5000;
  std::uint64_t sink = 0;
  const double text_us = micros_per_call(
      [&] {
        auto r = verimeter::billing::normalize_usage_text(provider, text);
        sink += r.ok() ? r->buckets.input_uncached : 1;
      },
      n);
  double parse_us = 0, adapter_us = 0;
  if (is_json) {
    parse_us = micros_per_call([&] { sink += verimeter::parse_json(text)->size(); }, n);
    const auto body = *verimeter::parse_json(text);
    adapter_us = micros_per_call(
        [&] {
          sink += verimeter::billing::normalize_usage(provider, body)->buckets.output_visible;
        },
        n);
  }
  if (is_json) {
    std::printf("%-34s %6zu B  parse_json %7.2f  adapter %6.2f  raw text %7.2f us\n", rel.c_str(),
                text.size(), parse_us, adapter_us, text_us);
  } else {
    std::printf("%-34s %6zu B  (stream: every event parsed)     raw text %7.2f us\n", rel.c_str(),
                text.size(), text_us);
  }
  if (sink == 42) std::printf(" \n");  // keeps the work observable
}

void run_peer(const char* node) {
  const std::string cmd = std::string(node) + " " + VERIMETER_BENCH_DIR + "/js/adapters_peer.mjs " +
                          VERIMETER_SOURCE_DIR + "/tests/billing/fixtures";
  std::fflush(stdout);
  if (std::system(cmd.c_str()) != 0) std::printf("peer: could not run %s\n", cmd.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  std::printf("verimeter usage normalization (us per call)\n");
  bench_file("openai", "samples/openai.json", true);
  bench_file("anthropic", "samples/anthropic.json", true);
  bench_file("gemini", "samples/gemini.json", true);
  bench_file("openai_compatible", "samples/openai_compatible.json", true);
  bench_file("ollama", "samples/ollama.json", true);
  bench_file("openai", "openai/chat_stream.txt", false);
  bench_file("anthropic", "anthropic/stream.txt", false);
  std::printf("peer: node JSON.parse + usage field reads, same files\n");
  run_peer(argc > 1 ? argv[1] : "node");
  return 0;
}
