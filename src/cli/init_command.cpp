// `verimeter init` and `verimeter keygen`.
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/io.hpp"
#include "crypto/key_file.hpp"
#include "server/data_dir.hpp"

namespace verimeter::cli {

void register_init_commands(CLI::App& app, int& exit_code) {
  auto* init = app.add_subcommand(
      "init", "Create a data directory: operator key, admin key, default tariff, trust file");
  init->footer(
      "Creates, once, DIR/operator.key (Ed25519 signed-note key, mode 0600), DIR/admin.key "
      "(0600),\n"
      "DIR/verimeter.db with the default tariff, DIR/trust.json (public: hand it to verifiers) "
      "and\n"
      "DIR/config.json. Refuses to touch an initialized directory.\n\n"
      "Example:\n  verimeter init --data ./verimeter-data --origin billing.example.com/log");
  auto data = std::make_shared<std::string>("./verimeter-data");
  auto origin = std::make_shared<std::string>();
  auto mmd = std::make_shared<std::uint64_t>(60000);
  init->add_option("--data", *data, "data directory")->capture_default_str();
  init->add_option("--origin", *origin,
                   "log origin and operator key name (default: verimeter.local/log/<random>)");
  init->add_option("--max-merge-delay-ms", *mmd,
                   "promised delay until a receipt is in a signed checkpoint")
      ->capture_default_str();
  init->callback([&exit_code, data, origin, mmd] {
    auto r = server::init_data_dir(*data, server::InitOptions{*origin, *mmd});
    if (!r) {
      exit_code = report(r.error());
      return;
    }
    std::printf("initialized %s\n  log origin   : %s\n  operator key : %s\n  trust file   : %s\n",
                data->c_str(), r->log_origin.c_str(), r->operator_verifier_key.c_str(),
                r->paths.trust.c_str());
    exit_code = 0;
  });

  auto* keygen =
      app.add_subcommand("keygen", "Generate a standalone signed-note key (e.g. for a witness)");
  keygen->footer(
      "Writes PRIVATE+KEY+<name>+<keyid>+<base64> to FILE with mode 0600 (never overwrites) and\n"
      "prints the verifier key <name>+<keyid>+<base64> on stdout.\n\n"
      "Example:\n  verimeter keygen --name witness.example.org/w1 --type cosignature --out w1.key");
  auto name = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>();
  auto type = std::make_shared<std::string>("ed25519");
  keygen
      ->add_option("--name", *name,
                   "key name (no spaces or '+'; a schema-less URL is conventional)")
      ->required();
  keygen->add_option("--out", *out, "private key file to create")->required();
  keygen->add_option("--type", *type, "ed25519 (signs notes) or cosignature (tlog-cosignature/v1)")
      ->check(CLI::IsMember({"ed25519", "cosignature"}))
      ->capture_default_str();
  keygen->callback([&exit_code, name, out, type] {
    const auto t = *type == "cosignature" ? crypto::NoteKeyType::kEd25519Cosignature
                                          : crypto::NoteKeyType::kEd25519;
    auto signer = crypto::generate_signer(*name, t);
    if (!signer) {
      exit_code = report(signer.error());
      return;
    }
    auto st = crypto::write_private_key_file(*out, *signer);
    if (!st) {
      exit_code = report(st.error());
      return;
    }
    std::printf("%s\n", signer->verifier().to_string().c_str());
    exit_code = 0;
  });
}

}  // namespace verimeter::cli
