// `verimeter zk verify|prove|poseidon|r1cs info|setup|export-vkey|circuit`: Groth16 proofs in
// snarkjs formats, Poseidon hashes, and the development setup. Exit codes: 0 success / valid,
// 1 proof invalid, 2 unusable input or usage error.
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "zk/format/binfile.hpp"
#include "zk/format/r1cs_file.hpp"
#include "zk/format/wtns_file.hpp"
#include "zk/groth16/prover.hpp"
#include "zk/groth16/setup.hpp"
#include "zk/groth16/setup_vkey.hpp"
#include "zk/groth16/verifier.hpp"
#include "zk/poseidon/poseidon.hpp"
#include "zk/r1cs/membership_circuit.hpp"

namespace verimeter::cli {
namespace {

// Prints "verimeter: <code>: <message>" on stderr; returns the exit code for unusable input.
int report(const Error& e) {
  std::fprintf(stderr, "verimeter: %s: %s\n", e.code.c_str(), e.message.c_str());
  return 2;
}

struct ZkArgs {
  std::string vkey, proof, pub, zkey, wtns, r1cs, file;
  std::vector<std::string> inputs;
  unsigned depth = 20;
  std::uint64_t seed = 1;
};

Status write_text_file(const std::string& path, const std::string& text) {
  return zk::format::write_file(path, Bytes(text.begin(), text.end()));
}

void add_verify(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* cmd = zk->add_subcommand(
      "verify",
      "Verify a Groth16 proof (snarkjs JSON files). Exit 0 valid, 1 invalid, 2 malformed input.");
  cmd->add_option("--vkey", a->vkey, "verification_key.json")->required();
  cmd->add_option("--proof", a->proof, "proof.json")->required();
  cmd->add_option("--public", a->pub, "public.json (public signals, outputs first)")->required();
  cmd->footer(
      "Checks canonical encodings, on-curve and G2 subgroup membership and the exact number of\n"
      "public signals before the pairing equation.\n"
      "Example: verimeter zk verify --vkey verification_key.json --proof proof.json "
      "--public public.json");
  cmd->callback([a, &exit_code] {
    const zk::VerifyOutcome o = zk::verify_files(a->vkey, a->proof, a->pub);
    if (o.valid()) {
      std::printf("valid\n");
      exit_code = 0;
      return;
    }
    std::printf("%s: %s\n", o.status == zk::VerifyStatus::kInvalid ? "invalid" : "malformed",
                o.reason.c_str());
    std::fprintf(stderr, "verimeter: %s: %s\n", o.reason.c_str(), o.message.c_str());
    exit_code = o.status == zk::VerifyStatus::kInvalid ? 1 : 2;
  });
}

void add_prove(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* cmd = zk->add_subcommand("prove", "Make a Groth16 proof from a .zkey and a .wtns witness");
  cmd->add_option("--zkey", a->zkey, "proving key (snarkjs .zkey, Groth16, BN254)")->required();
  cmd->add_option("--wtns", a->wtns, "witness (iden3 .wtns v2, e.g. from snarkjs wtns calculate)")
      ->required();
  cmd->add_option("--proof", a->proof, "output proof.json")->required();
  cmd->add_option("--public", a->pub, "output public.json")->required();
  cmd->footer(
      "Randomness comes from the OS; every run gives a different, equally valid proof.\n"
      "Example: verimeter zk prove --zkey circuit.zkey --wtns witness.wtns --proof proof.json "
      "--public public.json");
  cmd->callback([a, &exit_code] {
    const Status s = zk::prove_files(a->zkey, a->wtns, a->proof, a->pub);
    exit_code = s.ok() ? 0 : report(s.error());
  });
}

void add_poseidon(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* cmd = zk->add_subcommand(
      "poseidon", "Print the Poseidon hash (circomlib parameters) of 1 to 16 field elements");
  cmd->add_option("inputs", a->inputs, "decimal field elements below the BN254 scalar prime")
      ->required()
      ->expected(1, 16);
  cmd->footer(
      "Example: verimeter zk poseidon 1 2\n  -> "
      "7853200120776062878684798364095072458815029376092732009249414926327459813530");
  cmd->callback([a, &exit_code] {
    std::vector<zk::Fr> in;
    for (const std::string& s : a->inputs) {
      auto f = zk::Fr::from_decimal(s);
      if (!f) {
        exit_code = report(f.error());
        return;
      }
      in.push_back(*f);
    }
    auto h = zk::poseidon::hash(in);
    if (!h) {
      exit_code = report(h.error());
      return;
    }
    std::printf("%s\n", h->to_decimal().c_str());
    exit_code = 0;
  });
}

void add_r1cs_info(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* r1cs = zk->add_subcommand("r1cs", "Inspect iden3 .r1cs constraint systems");
  r1cs->require_subcommand(1);
  auto* info = r1cs->add_subcommand("info", "Print the counts of an .r1cs file as JSON");
  info->add_option("file", a->file, ".r1cs file (version 1, BN254)")->required();
  info->footer("Example: verimeter zk r1cs info circuit.r1cs");
  info->callback([a, &exit_code] {
    auto f = zk::format::read_r1cs_file(a->file);
    if (!f) {
      exit_code = report(f.error());
      return;
    }
    const nlohmann::json j = {{"curve", "bn128"},
                              {"constraints", f->constraints.size()},
                              {"wires", f->n_wires},
                              {"labels", f->n_labels},
                              {"public_outputs", f->n_pub_out},
                              {"public_inputs", f->n_pub_in},
                              {"private_inputs", f->n_prv_in}};
    std::printf("%s\n", j.dump(1).c_str());
    exit_code = 0;
  });
}

void add_setup(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* cmd = zk->add_subcommand(
      "setup", "DEVELOPMENT ONLY: single-party Groth16 setup writing a snarkjs-compatible .zkey");
  cmd->add_option("--r1cs", a->r1cs, "constraint system (.r1cs)")->required();
  cmd->add_option("--zkey", a->zkey, "output proving key (.zkey)")->required();
  cmd->add_option("--vkey", a->vkey, "also write verification_key.json here");
  cmd->footer(
      "The toxic waste is drawn from the OS and discarded, but nobody else can check that:\n"
      "whoever ran this could forge proofs. Use a multi-party ceremony for production keys\n"
      "(docs/zk.md).\n"
      "Example: verimeter zk setup --r1cs circuit.r1cs --zkey dev.zkey --vkey vk.json");
  cmd->callback([a, &exit_code] {
    std::fprintf(stderr,
                 "verimeter: WARNING: single-party development setup, not for production\n");
    Status s = zk::dev_setup_files(a->r1cs, a->zkey);
    if (s.ok() && !a->vkey.empty()) {
      auto vk = zk::export_verifying_key_json(a->zkey);
      s = vk.ok() ? write_text_file(a->vkey, *vk) : Status(vk.error());
    }
    exit_code = s.ok() ? 0 : report(s.error());
  });
}

void add_export_vkey(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* cmd = zk->add_subcommand("export-vkey", "Write the verification_key.json of a .zkey");
  cmd->add_option("--zkey", a->zkey, "proving key (.zkey)")->required();
  cmd->add_option("--vkey", a->vkey, "output verification_key.json")->required();
  cmd->footer("Example: verimeter zk export-vkey --zkey circuit.zkey --vkey vk.json");
  cmd->callback([a, &exit_code] {
    auto vk = zk::export_verifying_key_json(a->zkey);
    const Status s = vk.ok() ? write_text_file(a->vkey, *vk) : Status(vk.error());
    exit_code = s.ok() ? 0 : report(s.error());
  });
}

void add_circuit(CLI::App* zk, const std::shared_ptr<ZkArgs>& a, int& exit_code) {
  auto* cmd = zk->add_subcommand(
      "circuit", "Write the built-in Poseidon-Merkle membership example circuit and a witness");
  cmd->add_option("--depth", a->depth, "Merkle tree depth (1..32)")->check(CLI::Range(1, 32));
  cmd->add_option("--seed", a->seed, "seed of the deterministic sample witness");
  cmd->add_option("--r1cs", a->r1cs, "output .r1cs")->required();
  cmd->add_option("--wtns", a->wtns, "output .wtns");
  cmd->add_option("--public", a->pub, "output public.json (nullifier, root, epoch)");
  cmd->footer(
      "About 245 constraints per level. Example: verimeter zk circuit --depth 20 --r1cs m.r1cs "
      "--wtns m.wtns");
  cmd->callback([a, &exit_code] {
    const zk::r1cs::Circuit c = zk::r1cs::sample_membership_circuit(a->depth, a->seed);
    Status s = zk::format::write_file(a->r1cs, zk::format::serialize_r1cs(c.to_r1cs()));
    if (s.ok() && !a->wtns.empty()) {
      s = zk::format::write_file(a->wtns, zk::format::serialize_wtns(c.witness_values()));
    }
    if (s.ok() && !a->pub.empty())
      s = write_text_file(a->pub, zk::public_to_json(c.public_values()));
    exit_code = s.ok() ? 0 : report(s.error());
  });
}

}  // namespace

void register_zk_commands(CLI::App& app, int& exit_code) {
  auto* zk = app.add_subcommand("zk", "Groth16 proofs (snarkjs formats), Poseidon, circuits");
  zk->require_subcommand(1);
  auto args = std::make_shared<ZkArgs>();
  add_verify(zk, args, exit_code);
  add_prove(zk, args, exit_code);
  add_poseidon(zk, args, exit_code);
  add_r1cs_info(zk, args, exit_code);
  add_setup(zk, args, exit_code);
  add_export_vkey(zk, args, exit_code);
  add_circuit(zk, args, exit_code);
}

}  // namespace verimeter::cli
