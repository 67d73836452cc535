// `verimeter verify`: offline bundle verification (never contacts a server).
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "core/json.hpp"
#include "verify/bundle_verifier.hpp"
#include "verify/trust.hpp"

namespace verimeter::cli {

namespace {

// Unusable input (exit 2) rather than a failed verification (exit 1): a document that is not a
// JSON object, or has no bundle_version at all, was never a bundle. A bundle whose members were
// altered, bundle_version included, is verified and fails with a named reason.
Status check_is_bundle(const Json& doc) {
  if (!doc.is_object())
    return make_error("not_a_bundle", std::string("a bundle is a JSON object, not ") +
                                          (doc.is_array() ? std::string("an array")
                                                          : std::string("a ") + doc.type_name()));
  if (!doc.contains("bundle_version"))
    return make_error("not_a_bundle", "the JSON object has no bundle_version member");
  return {};
}

}  // namespace

void register_verify_command(CLI::App& app, int& exit_code) {
  auto* verify = app.add_subcommand("verify", "Verify a bundle offline against a trust file");
  verify->footer(
      "Prints a JSON report with every check and its result (pass, fail with a named code, or\n"
      "not_required) and exits 0 if all pass, 1 if verification failed (a bundle that was\n"
      "altered or does not verify), 2 on a usage error or unusable input: an unreadable file,\n"
      "text that is not JSON, a document that is not a JSON object with a bundle_version member\n"
      "(nothing printed on stdout), or an unusable trust file.\n"
      "Checks: bundle_format, receipt_format, signer_known, signature,\n"
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
    if (auto st = check_is_bundle(*bundle); !st.ok()) {
      exit_code = report(st.error());
      return;
    }
    const auto rep = verify::verify_bundle(*bundle, *trust);
    // The report quotes the bundle's own strings: a malformed one is written as U+FFFD.
    std::printf("%s\n", rep.to_json().dump(2, ' ', false, Json::error_handler_t::replace).c_str());
    exit_code = rep.ok ? 0 : 1;
  });
}

}  // namespace verimeter::cli
