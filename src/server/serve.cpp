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
  HttpServer server(http_opts, api);
  VM_CHECK(server.start());

  const std::string base = "http://" + options.host + ":" + std::to_string(server.port());
  std::printf(
      "verimeter listening on %s\n"
      "  data directory : %s\n"
      "  log origin     : %s\n"
      "  trust file     : %s (give it to verifiers)\n"
      "  admin key file : %s\n"
      "Create a tenant:   verimeter tenant add --data %s NAME > tenant.key\n"
      "Attest a response: verimeter attest --server %s --api-key-file tenant.key EVENT.json\n"
      "Health:            curl %s/healthz\n",
      base.c_str(), options.data_dir.c_str(), dir.config.log_origin.c_str(),
      dir.paths.trust.c_str(), dir.paths.admin_key.c_str(), options.data_dir.c_str(), base.c_str(),
      base.c_str());
  std::fflush(stdout);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  spdlog::info("signal {} received: stopping (draining the write queue)", sig);
  server.stop();
  writer.stop();
  return {};
}

}  // namespace verimeter::server
