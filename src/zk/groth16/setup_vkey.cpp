#include "zk/groth16/setup_vkey.hpp"

#include "zk/groth16/json.hpp"

namespace verimeter::zk {

VerifyingKey verifying_key_of(const ProvingKey& key) {
  VerifyingKey vk;
  vk.alpha1 = key.alpha1;
  vk.beta2 = key.beta2;
  vk.gamma2 = key.gamma2;
  vk.delta2 = key.delta2;
  vk.ic = key.ic;
  return vk;
}

Result<std::string> export_verifying_key_json(const std::string& zkey_path) {
  VM_TRY(key, read_proving_key(zkey_path));
  return verifying_key_to_json(verifying_key_of(key)).dump(1) + "\n";
}

}  // namespace verimeter::zk
