#include "verify/trust.hpp"

#include <set>

namespace verimeter::verify {

namespace {

Error malformed(const std::string& why) {
  return make_error("trust_malformed", why);
}

Result<std::vector<crypto::NoteVerifierKey>> keys(const Json& arr, const char* what) {
  if (!arr.is_array()) return malformed(std::string(what) + " must be an array of verifier keys");
  std::vector<crypto::NoteVerifierKey> out;
  for (const auto& k : arr) {
    if (!k.is_string()) return malformed(std::string(what) + " entries must be strings");
    auto key = crypto::parse_verifier_key(k.get<std::string>());
    if (!key) return make_error(key.error().code, std::string(what) + ": " + key.error().message);
    out.push_back(std::move(*key));
  }
  return out;
}

Json key_strings(const std::vector<crypto::NoteVerifierKey>& ks) {
  Json arr = Json::array();
  for (const auto& k : ks) arr.push_back(k.to_string());
  return arr;
}

}  // namespace

Result<Trust> parse_trust(std::string_view text) {
  VM_TRY(j, parse_json(text, JsonLimits{1 << 20, 16}));
  if (!j.is_object()) return malformed("trust file must be a JSON object");
  if (!j.contains("trust_version") || j["trust_version"] != 1)
    return make_error("trust_unknown_version", "trust_version must be 1");
  static const std::set<std::string> kFields = {"trust_version", "operator_keys", "log",
                                                "require_inclusion_proof", "zk_verifying_keys"};
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (!kFields.count(it.key())) return malformed("unexpected field \"" + it.key() + "\"");
  }
  Trust t;
  if (!j.contains("operator_keys")) return malformed("operator_keys is required");
  VM_TRY(ops, keys(j["operator_keys"], "operator_keys"));
  if (ops.empty()) return malformed("operator_keys must name at least one key");
  t.operator_keys = std::move(ops);
  if (j.contains("log")) {
    const Json& log = j["log"];
    if (!log.is_object()) return malformed("log must be an object");
    if (log.contains("origin")) {
      if (!log["origin"].is_string()) return malformed("log.origin must be a string");
      t.log_origin = log["origin"].get<std::string>();
    }
    if (log.contains("checkpoint_keys")) {
      VM_TRY(ck, keys(log["checkpoint_keys"], "log.checkpoint_keys"));
      t.checkpoint_keys = std::move(ck);
    }
    if (log.contains("witness_keys")) {
      VM_TRY(wk, keys(log["witness_keys"], "log.witness_keys"));
      t.witness_keys = std::move(wk);
    }
    if (log.contains("witness_quorum")) {
      if (!log["witness_quorum"].is_number_unsigned())
        return malformed("log.witness_quorum must be a non-negative integer");
      t.witness_quorum = log["witness_quorum"].get<std::uint64_t>();
      if (t.witness_quorum > t.witness_keys.size())
        return malformed("log.witness_quorum exceeds the number of witness keys");
    }
  }
  if (j.contains("require_inclusion_proof")) {
    if (!j["require_inclusion_proof"].is_boolean())
      return malformed("require_inclusion_proof must be true or false");
    t.require_inclusion_proof = j["require_inclusion_proof"].get<bool>();
  }
  if (j.contains("zk_verifying_keys")) {
    if (!j["zk_verifying_keys"].is_object())
      return malformed("zk_verifying_keys must be an object");
    t.zk_verifying_keys = j["zk_verifying_keys"];
  }
  return t;
}

Json trust_to_json(const Trust& t) {
  return Json{{"trust_version", 1},
              {"operator_keys", key_strings(t.operator_keys)},
              {"log",
               {{"origin", t.log_origin},
                {"checkpoint_keys", key_strings(t.checkpoint_keys)},
                {"witness_keys", key_strings(t.witness_keys)},
                {"witness_quorum", t.witness_quorum}}},
              {"require_inclusion_proof", t.require_inclusion_proof},
              {"zk_verifying_keys", t.zk_verifying_keys}};
}

}  // namespace verimeter::verify
