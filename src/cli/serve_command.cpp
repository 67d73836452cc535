// `verimeter serve`.
#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "server/serve.hpp"

namespace verimeter::cli {

namespace {

// HOST:PORT, HOST an address ("127.0.0.1", "[::1]") or a host name ("localhost"), resolved by
// the server when it binds.
Result<std::pair<std::string, std::uint16_t>> parse_listen(const std::string& s) {
  const auto colon = s.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return make_error("bad_listen", "--listen must be HOST:PORT, e.g. 127.0.0.1:8080");
  const std::string port = s.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535)
    return make_error("bad_listen", "port must be 0..65535");
  std::string host = s.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  return std::make_pair(host, static_cast<std::uint16_t>(std::stoul(port)));
}

}  // namespace

void register_serve_command(CLI::App& app, int& exit_code) {
  auto* serve =
      app.add_subcommand("serve", "Run the HTTP API (initializes the data directory on first run)");
  serve->footer(
      "Endpoints: POST /v1/attest, POST /v1/attest/batch, POST /v1/verify, GET /v1/receipts/{id},\n"
      "GET /v1/tariffs, GET /v1/trust, GET /v1/discrepancies, GET /healthz, GET /metrics, POST "
      "/v1/admin/tariffs,\n"
      "POST /v1/admin/tenants (docs/api/openapi.yaml). Stops cleanly on SIGINT/SIGTERM.\n\n"
      "Example:\n  verimeter serve --data ./verimeter-data --listen 127.0.0.1:8080");
  auto opts = std::make_shared<server::ServeOptions>();
  auto listen = std::make_shared<std::string>("127.0.0.1:8080");
  auto read_timeout_s = std::make_shared<unsigned>(30);
  serve->add_option("--data", opts->data_dir, "data directory")->capture_default_str();
  serve
      ->add_option("--listen", *listen,
                   "HOST:PORT to listen on; HOST an address or a host name (port 0 picks a free "
                   "one; given twice, the last wins)")
      ->capture_default_str()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  serve
      ->add_option("--read-timeout", *read_timeout_s,
                   "seconds a request body may take to arrive, from the end of its header; then "
                   "408 request_timeout and the connection is closed")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  serve->add_option("--threads", opts->threads, "I/O threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  serve->add_option("--max-batch", opts->max_batch, "attests per durable transaction, at most")
      ->capture_default_str()
      ->check(CLI::Range(1, 10000));
  serve->add_option("--queue", opts->queue_capacity, "queued attests before answering 503")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000000));
  serve
      ->add_option("--commit-delay-us", opts->commit_delay_us,
                   "while other attests are in flight, let each commit gather more for up to this "
                   "long (fewer fsyncs and bytes written per attest, for this much latency; 0 "
                   "turns it off; a lone client never waits)")
      ->capture_default_str()
      ->check(CLI::Range(0, 100000));
  serve
      ->add_option("--discrepancy-alert-bp", opts->discrepancy_alert_bp,
                   "log a warning when a tenant/model's re-tokenization mismatch rate exceeds this "
                   "(basis points; 100 = 1%)")
      ->capture_default_str();
  serve
      ->add_option("--discrepancy-min-checked", opts->discrepancy_min_checked,
                   "checked counts needed before a discrepancy alert")
      ->capture_default_str();
  serve->callback([&exit_code, opts, listen, read_timeout_s] {
    auto hp = parse_listen(*listen);
    if (!hp) {
      exit_code = report(hp.error());
      return;
    }
    opts->host = hp->first;
    opts->port = hp->second;
    opts->read_timeout = std::chrono::seconds(*read_timeout_s);
    auto st = server::serve(*opts);
    exit_code = st.ok() ? 0 : report(st.error());
  });
}

}  // namespace verimeter::cli
