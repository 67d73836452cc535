#include "server/serve.hpp"

#include <csignal>
#include <cstdio>
#include <memory>

#include <spdlog/spdlog.h>

#include "billing/tokenize_retokenizer.hpp"
#include "core/file.hpp"
#include "server/api.hpp"
#include "server/data_dir.hpp"
#include "server/http_server.hpp"
#include "store/group_commit.hpp"
#include "verify/trust.hpp"

namespace verimeter::server {

namespace {

// Blocks SIGINT/SIGTERM in this thread (and the threads it starts) so that sigwait() below is
// the only place they are delivered.
sigset_t block_stop_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return set;
}

// `s` as one shell word: as is when it is plainly safe, else in single quotes.
std::string shell_word(const std::string& s) {
  constexpr const char* kSafe =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-/+=:,@%";
  if (!s.empty() && s.find_first_not_of(kSafe) == std::string::npos) return s;
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// The base URL clients use: an IPv6 address goes in brackets.
std::string base_url(const std::string& host, std::uint16_t port) {
  const bool ipv6 = host.find(':') != std::string::npos;
  return "http://" + (ipv6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

// Where to send requests, and the first steps. The tenant command is the README's: the key file
// is created under umask 077 (mode 0600), which `verimeter attest --api-key-file` requires.
void print_banner(const ServeOptions& options, const OpenedDataDir& dir, const std::string& base) {
  const std::string data = shell_word(options.data_dir);
  std::printf(
      "verimeter listening on %s\n"
      "  data directory : %s\n"
      "  log origin     : %s\n"
      "  trust file     : %s (give it to verifiers)\n"
      "  admin key file : %s\n"
      "Create a tenant:   (umask 077; verimeter tenant add --data %s NAME | tail -n1 > NAME.key)\n"
      "Attest a response: verimeter attest --server %s --api-key-file NAME.key EVENT.json\n"
      "Health:            curl %s/healthz\n",
      base.c_str(), options.data_dir.c_str(), dir.config.log_origin.c_str(),
      dir.paths.trust.c_str(), dir.paths.admin_key.c_str(), data.c_str(), base.c_str(),
      base.c_str());
  std::fflush(stdout);
}

}  // namespace

Status serve(const ServeOptions& options) {
  if (!is_initialized(options.data_dir)) {
    VM_TRY(init, init_data_dir(options.data_dir, InitOptions{}));
    spdlog::info("initialized {} (log origin {}, operator key {})", options.data_dir,
                 init.log_origin, init.operator_verifier_key);
  }
  VM_TRY(dir, open_data_dir(options.data_dir));
  VM_TRY(trust_text, read_file(dir.paths.trust, 1 << 20));
  VM_TRY(trust, verify::parse_trust(trust_text));

  std::signal(SIGPIPE, SIG_IGN);  // a closed stdout or peer must not kill the server
  // Re-tokenization: the rank files are SHA-256 checked at load; a corrupt or missing file
  // stops the server rather than silently reporting every count as unverifiable.
  std::unique_ptr<billing::TokenizeRetokenizer> own_retokenizer;
  const billing::Retokenizer* retokenizer = options.retokenizer;
  if (!retokenizer) {
    VM_TRY(registry, tokenize::EncodingRegistry::load());
    own_retokenizer = std::make_unique<billing::TokenizeRetokenizer>(std::move(registry));
    retokenizer = own_retokenizer.get();
  }
  const sigset_t stop_signals = block_stop_signals();
  store::GroupCommitWriter writer(
      *dir.store, store::GroupCommitOptions{options.max_batch, options.queue_capacity,
                                            std::chrono::microseconds(options.commit_delay_us)});
  Api api(dir, writer, std::move(trust), retokenizer, ApiLimits{},
          DiscrepancyOptions{options.discrepancy_alert_bp, options.discrepancy_min_checked});
  VM_CHECK(api.rebuild_discrepancies());
  HttpServerOptions http_opts;
  http_opts.host = options.host;
  http_opts.port = options.port;
  http_opts.threads = options.threads;
  http_opts.read_timeout = options.read_timeout;
  HttpServer server(http_opts, api);
  VM_CHECK(server.start());
  print_banner(options, dir, base_url(options.host, server.port()));

  int sig = 0;
  sigwait(&stop_signals, &sig);
  spdlog::info("signal {} received: stopping (draining the write queue)", sig);
  server.stop();
  writer.stop();
  return {};
}

}  // namespace verimeter::server
