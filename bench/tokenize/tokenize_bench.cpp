// Tokenizer throughput (MB/s on one core) on a mixed corpus — code, JSON, English prose and prose
// in many scripts — for o200k_base and cl100k_base, beside the npm peers measured in the same run
// (tiktoken WASM, js-tiktoken, gpt-tokenizer) and the DESIGN §6 target. Times are CPU time of the
// measuring thread (ours) or process (node peers), best of several runs.
//
//   tokenize_bench [--mib N] [--no-peers]
// Needs node and `npm ci` in bench/tokenize/js for the corpus and the peers.
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "tokenize/encoding.hpp"

#ifndef VERIMETER_BENCH_JS_DIR
#define VERIMETER_BENCH_JS_DIR "bench/tokenize/js"
#endif

namespace tk = verimeter::tokenize;

namespace {

std::string run(const std::string& cmd) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) return out;
  char buf[4096];
  for (std::size_t n; (n = fread(buf, 1, sizeof buf, p)) > 0;) out.append(buf, n);
  if (pclose(p) != 0) {
    std::cerr << "command failed: " << cmd << "\n";
    std::exit(1);
  }
  return out;
}

// CPU seconds of the calling thread: "per core" figures stay meaningful on a shared machine.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

template <class F>
double best_seconds(int reps, F&& f) {
  double best = 1e9;
  for (int r = 0; r < reps; ++r) {
    const double t0 = thread_cpu_seconds();
    f();
    best = std::min(best, thread_cpu_seconds() - t0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  int mib = 2;
  bool peers = true;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--mib" && i + 1 < argc) mib = std::atoi(argv[++i]);
    if (a == "--no-peers") peers = false;
  }
  const std::string js = VERIMETER_BENCH_JS_DIR;
  const std::string corpus_path = "/tmp/verimeter-tokenize-bench-corpus.txt";
  run("cd '" + js + "' && node corpus.mjs " + corpus_path + " " + std::to_string(mib));
  std::ifstream in(corpus_path, std::ios::binary);
  const std::string text((std::istreambuf_iterator<char>(in)), {});
  const double mb = text.size() / 1e6;

  std::map<std::pair<std::string, std::string>, double> peer;  // (peer, encoding) -> MB/s
  std::map<std::string, std::size_t> peer_tokens;
  if (peers) {
    const std::string lines = run("cd '" + js + "' && node peers.mjs " + corpus_path);
    std::size_t pos = 0;
    while (pos < lines.size()) {
      const std::size_t nl = lines.find('\n', pos);
      const auto j = nlohmann::json::parse(lines.substr(pos, nl - pos));
      peer[{j["peer"], j["encoding"]}] = j["mb_per_s"];
      peer_tokens[j["encoding"]] = j["tokens"];
      pos = nl == std::string::npos ? lines.size() : nl + 1;
    }
  }

  std::printf(
      "corpus: %.2f MB mixed (code, JSON, English prose, multilingual prose), 1 thread, CPU time\n",
      mb);
  std::printf("%-12s %-22s %10s %10s\n", "encoding", "implementation", "MB/s", "tokens");
  int rc = 0;
  for (const char* name : {"o200k_base", "cl100k_base"}) {
    std::size_t tokens = 0;
    double ours_count = 0;
    for (auto engine : {tk::SplitEngine::fast, tk::SplitEngine::pcre2}) {
      auto enc = tk::Encoding::load(name, tk::LoadOptions{"", engine});
      if (!enc.ok()) {
        std::cerr << enc.error().message << "\n";
        return 1;
      }
      const bool fast = engine == tk::SplitEngine::fast;
      const double tc = best_seconds(5, [&] { tokens = (*enc)->count(text); });
      const double te = best_seconds(fast ? 5 : 1, [&] { tokens = (*enc)->encode(text).size(); });
      if (fast) ours_count = mb / tc;
      std::printf("%-12s %-22s %10.1f %10zu\n", name,
                  fast ? "verimeter count" : "verimeter count/pcre2", mb / tc, tokens);
      std::printf("%-12s %-22s %10.1f %10zu\n", name,
                  fast ? "verimeter encode" : "verimeter encode/pcre2", mb / te, tokens);
    }
    double fastest_peer = 0;
    for (const char* p : {"tiktoken (WASM)", "js-tiktoken", "gpt-tokenizer"}) {
      const auto it = peer.find({p, name});
      if (it == peer.end()) continue;
      fastest_peer = std::max(fastest_peer, it->second);
      std::printf("%-12s %-22s %10.1f %10zu\n", name, p, it->second, peer_tokens[name]);
    }
    if (peers && peer_tokens[name] != tokens) {
      std::printf("!! token count differs from the peers (%zu vs %zu)\n", tokens,
                  peer_tokens[name]);
      rc = 1;
    }
    std::printf(
        "%-12s target: >= 50 MB/s and >= 3x fastest peer -> ours %.1f MB/s, %.1fx peer: %s\n", name,
        ours_count, fastest_peer > 0 ? ours_count / fastest_peer : 0.0,
        (ours_count >= 50 && (!peers || ours_count >= 3 * fastest_peer)) ? "met" : "NOT met");
  }
  return rc;
}
