// libFuzzer target for the strict snarkjs JSON readers (verification key, proof, public
// signals) and, when a key parses, its validation and a verification against the parsed proof.
// The first input byte picks the reader; the rest is the document. Seeds: the fixtures'
// verification_key.json, proof.json and public.json (see seed_corpus.sh).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "zk/groth16/json.hpp"
#include "zk/groth16/verifier.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  using namespace verimeter::zk;
  switch (data[0] % 3) {
    case 0: {
      auto vk = parse_verifying_key_json(text);
      if (vk && vk->ic.size() <= 8) {
        auto pvk = prepare_verifying_key(*vk);
        if (pvk) {
          const Proof p{g1_generator(), g2_generator(), g1_generator()};
          const std::vector<Fr> inputs(vk->n_public(), Fr::one());
          (void)verify(*pvk, p, inputs);
        }
      }
      break;
    }
    case 1: {
      auto proof = parse_proof_json(text);
      if (proof) {
        (void)proof->a.on_curve();
        (void)proof->c.on_curve();
        if (proof->b.on_curve()) (void)g2_in_subgroup(proof->b);
        (void)proof_to_json_value(*proof);
      }
      break;
    }
    default: {
      auto pub = parse_public_json(text);
      if (pub) (void)public_to_json_value(*pub);
      break;
    }
  }
  return 0;
}
