#include "server/data_dir.hpp"

#include <array>

#include <sodium.h>

#include "billing/default_tariff.hpp"
#include "billing/tariff.hpp"
#include "core/bytes.hpp"
#include "core/file.hpp"
#include "core/json.hpp"
#include "core/time.hpp"
#include "crypto/key_file.hpp"
#include "server/api_keys.hpp"
#include "verify/trust.hpp"

namespace verimeter::server {

DataDirPaths::DataDirPaths(const std::string& d)
    : dir(d),
      operator_key(d + "/operator.key"),
      admin_key(d + "/admin.key"),
      db(d + "/verimeter.db"),
      trust(d + "/trust.json"),
      config(d + "/config.json") {}

bool is_initialized(const std::string& dir) {
  return file_exists(DataDirPaths(dir).config);
}

namespace {

std::string default_origin() {
  std::array<std::uint8_t, 4> b;
  randombytes_buf(b.data(), b.size());
  return "verimeter.local/log/" + to_hex(b);
}

Status publish_default_tariff(store::Store& store) {
  const billing::TariffSnapshot t = billing::default_tariff();
  return store.put_tariff(
      store::TariffRecord{t.tariff_id, t.version, billing::tariff_content_hash(t),
                          billing::tariff_canonical_bytes(t), t.effective_from, now_millis()});
}

}  // namespace

Result<InitResult> init_data_dir(const std::string& dir, const InitOptions& options) {
  const DataDirPaths p(dir);
  if (file_exists(p.config) || file_exists(p.operator_key))
    return make_error("already_initialized", dir + " is already initialized");
  VM_CHECK(ensure_directory(dir, 0700));
  const std::string origin = options.log_origin.empty() ? default_origin() : options.log_origin;
  // The operator key's name is the log origin (c2sp tlog-checkpoint recommends it).
  VM_TRY(signer, crypto::generate_signer(origin));
  VM_CHECK(crypto::write_private_key_file(p.operator_key, signer));
  VM_CHECK(crypto::write_secret_file(p.admin_key, new_api_key("vma_")));
  VM_TRY(store, store::open_sqlite_store(p.db));
  VM_CHECK(publish_default_tariff(*store));

  verify::Trust trust;
  trust.operator_keys = {signer.verifier()};
  trust.log_origin = origin;
  trust.checkpoint_keys = {signer.verifier()};
  VM_CHECK(write_file_durable(p.trust, verify::trust_to_json(trust).dump(2) + "\n", 0644));
  const Json config = {{"config_version", 1},
                       {"log_origin", origin},
                       {"max_merge_delay_ms", options.max_merge_delay_ms}};
  // config.json last: its presence marks a complete initialization.
  VM_CHECK(write_file_durable(p.config, config.dump(2) + "\n", 0644));
  return InitResult{origin, signer.verifier().to_string(), p};
}

Result<OpenedDataDir> open_data_dir(const std::string& dir) {
  const DataDirPaths p(dir);
  if (!file_exists(p.config))
    return make_error(
        "not_initialized",
        dir + " is not a verimeter data directory; run: verimeter init --data " + dir);
  VM_TRY(config_text, read_file(p.config, 1 << 16));
  VM_TRY(config, parse_json(config_text));
  if (!config.is_object() || config.value("config_version", 0) != 1 ||
      !config["log_origin"].is_string() || !config["max_merge_delay_ms"].is_number_unsigned())
    return make_error("config_malformed", p.config + " is malformed");
  VM_TRY(signer, crypto::read_private_key_file(p.operator_key));
  VM_TRY(admin_key, crypto::read_secret_file(p.admin_key));
  VM_TRY(store, store::open_sqlite_store(p.db));
  OpenedDataDir out{p, std::move(signer), api_key_hash(admin_key),
                    ServerConfig{config["log_origin"].get<std::string>(),
                                 config["max_merge_delay_ms"].get<std::uint64_t>()},
                    std::move(store)};
  sodium_memzero(admin_key.data(), admin_key.size());
  return out;
}

}  // namespace verimeter::server
