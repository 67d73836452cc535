// `verimeter verify`: offline bundle verification (never contacts a server).
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "core/json.hpp"
#include "verify/bundle_verifier.hpp"
#include "verify/trust.hpp"

namespace verimeter::cli {

void register_verify_command(CLI::App& app, int& exit_code) {
  auto* verify = app.add_subcommand("verify", "Verify a bundle offline against a trust file");
  verify->footer(
      "Prints a JSON report with every check and its result (pass, fail with a named code, or\n"
      "not_required) and exits 0 if all pass, 1 if verification failed, 2 if the bundle or trust\n"
      "file is unusable. Checks: bundle_format, receipt_format, signer_known, signature,\n"
      "meter_binding, tariff_binding, billing_fingerprint, charge (recomputed), provider_usage,\n"
      "log_origin, inclusion_proof, zk_proof. Never contacts a server.\n\n"
      "Example:\n  verimeter verify --trust verimeter-data/trust.json bundle.json");
  auto trust_path = std::make_shared<std::string>();
  auto bundle_path = std::make_shared<std::string>();
  verify->add_option("--trust", *trust_path, "trust file (public keys and policy)")->required();
  verify->add_option("bundle", *bundle_path, "bundle JSON file, or - for stdin")->required();
  verify->callback([&exit_code, trust_path, bundle_path] {
    auto trust_text = read_input(*trust_path, 1 << 20);
    if (!trust_text) {
      exit_code = report(trust_text.error());
      return;
    }
    auto trust = verify::parse_trust(*trust_text);
    if (!trust) {
      exit_code = report(trust.error());
      return;
    }
    auto text = read_input(*bundle_path, 16u << 20);
    if (!text) {
      exit_code = report(text.error());
      return;
    }
    auto bundle = parse_json(*text, JsonLimits{16u << 20, 64});
    if (!bundle) {
      exit_code = report(bundle.error());
      return;
    }
    const auto rep = verify::verify_bundle(*bundle, *trust);
    std::printf("%s\n", rep.to_json().dump(2).c_str());
    exit_code = rep.ok ? 0 : 1;
  });
}

}  // namespace verimeter::cli
