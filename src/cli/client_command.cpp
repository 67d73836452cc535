// `verimeter attest` and `verimeter fetch`: the client side of the HTTP API.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "crypto/key_file.hpp"
#include "server/http_client.hpp"

namespace verimeter::cli {

namespace {

struct ClientOptions {
  std::string server = "http://127.0.0.1:8080";
  std::string api_key_file;
};

void add_client_options(CLI::App* cmd, ClientOptions& o) {
  cmd->add_option("--server", o.server, "server base URL")->capture_default_str();
  cmd->add_option("--api-key-file", o.api_key_file, "file holding the tenant API key (mode 0600)")
      ->required();
}

// Sends one request; prints the body on stdout for 2xx, the problem on stderr otherwise.
int call(const ClientOptions& o, const char* method, const std::string& target,
         const std::string& body) {
  auto key = crypto::read_secret_file(o.api_key_file);
  if (!key) return report(key.error());
  auto url = server::parse_url(o.server);
  if (!url) return report(url.error());
  server::HttpClient client(*url);
  auto res = client.request(method, target, body, {{"Authorization", "Bearer " + *key}});
  if (!res) return report(res.error());
  if (res->status >= 200 && res->status < 300) {
    std::printf("%s\n", res->body.c_str());
    return 0;
  }
  std::fprintf(stderr, "verimeter: server answered %d: %s\n", res->status, res->body.c_str());
  return 1;
}

}  // namespace

void register_client_commands(CLI::App& app, int& exit_code) {
  auto* attest =
      app.add_subcommand("attest", "Send a metered event to a server; print the signed bundle");
  attest->footer(
      "EVENT.json is {\"event_id\", \"provider\", \"model\", \"response_body\", optional "
      "\"tariff_id\",\n"
      "\"event_time\", \"request\"}; response_body is the provider's JSON response or its raw "
      "text\n"
      "(e.g. a streaming transcript). Providers: openai, anthropic, gemini, openai_compatible, "
      "ollama.\n"
      "A retry with the same event_id and payload returns the original bundle; a different "
      "payload\n"
      "for the same event_id is refused (409). Exit 0 = bundle printed, 1 = refused, 2 = usage "
      "error.\n\n"
      "Example:\n  verimeter attest --server http://127.0.0.1:8080 --api-key-file acme.key "
      "event.json > bundle.json");
  auto o = std::make_shared<ClientOptions>();
  auto event = std::make_shared<std::string>();
  add_client_options(attest, *o);
  attest->add_option("event", *event, "event JSON file, or - for stdin")->required();
  attest->callback([&exit_code, o, event] {
    auto body = read_input(*event, 16u << 20);
    exit_code = body ? call(*o, "POST", "/v1/attest", *body) : report(body.error());
  });

  auto* fetch = app.add_subcommand("fetch", "Fetch a stored bundle by receipt id");
  fetch->footer("Example:\n  verimeter fetch --api-key-file acme.key rcpt_0123... > bundle.json");
  auto fo = std::make_shared<ClientOptions>();
  auto id = std::make_shared<std::string>();
  add_client_options(fetch, *fo);
  fetch->add_option("receipt_id", *id, "receipt id (rcpt_...)")->required();
  fetch->callback([&exit_code, fo, id] {
    if (id->find_first_of("/?#% ") != std::string::npos) {
      exit_code = report(
          make_error("bad_receipt_id", "receipt ids contain no '/', '?', '#', '%' or spaces"));
      return;
    }
    exit_code = call(*fo, "GET", "/v1/receipts/" + *id, "");
  });
}

}  // namespace verimeter::cli
