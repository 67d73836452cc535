// Strict snarkjs JSON readers and writers (see json.hpp).
#include "zk/groth16/json.hpp"

namespace verimeter::zk {
namespace {

constexpr std::size_t kMaxPublicSignals = 1u << 20;

Error shape(const std::string& what) {
  return make_error("zk_json_shape", what);
}

template <class F>
Result<F> field_from_json(const Json& j, const char* what) {
  if (!j.is_string()) return shape(std::string(what) + " must be a decimal string");
  auto f = F::from_decimal(j.get_ref<const std::string&>());
  if (!f) return make_error(f.error().code, std::string(what) + ": " + f.error().message);
  return f;
}

Result<Fp2> fp2_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 2) return shape("an Fp2 element must be [c0, c1]");
  VM_TRY(c0, field_from_json<Fq>(j[0], "Fp2 c0"));
  VM_TRY(c1, field_from_json<Fq>(j[1], "Fp2 c1"));
  return Fp2{c0, c1};
}

Result<Fp6> fp6_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 3) return shape("an Fp6 element must be [Fp2, Fp2, Fp2]");
  VM_TRY(c0, fp2_from_json(j[0]));
  VM_TRY(c1, fp2_from_json(j[1]));
  VM_TRY(c2, fp2_from_json(j[2]));
  return Fp6{c0, c1, c2};
}

// Jacobian (x, y, z) -> affine; z = 0 only in the canonical infinity encoding.
template <class C>
Result<AffinePoint<C>> from_projective(const typename C::Field& x, const typename C::Field& y,
                                       const typename C::Field& z) {
  using F = typename C::Field;
  if (z.is_zero()) {
    if (!x.is_zero() || y != F::one()) {
      return make_error("zk_point_encoding", "a point with z = 0 must be written as (0, 1, 0)");
    }
    return AffinePoint<C>::identity();
  }
  return JacobianPoint<C>{x, y, z}.to_affine();
}

const Json* member(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

Result<const Json*> required(const Json& obj, const char* key) {
  const Json* v = member(obj, key);
  if (v == nullptr) return make_error("zk_json_missing", std::string("missing field ") + key);
  return v;
}

Status check_tag(const Json& obj, const char* key, const char* expected, bool must_exist) {
  const Json* v = member(obj, key);
  if (v == nullptr) {
    if (must_exist) return make_error("zk_json_missing", std::string("missing field ") + key);
    return {};
  }
  if (!v->is_string() || v->get_ref<const std::string&>() != expected) {
    return make_error("zk_protocol", std::string(key) + " must be \"" + expected + "\"");
  }
  return {};
}

template <class F>
Json field_to_json(const F& f) {
  return f.to_decimal();
}
Json fp2_to_json(const Fp2& f) {
  return Json::array({field_to_json(f.c0), field_to_json(f.c1)});
}
Json fp6_to_json(const Fp6& f) {
  return Json::array({fp2_to_json(f.c0), fp2_to_json(f.c1), fp2_to_json(f.c2)});
}

}  // namespace

Result<G1Affine> g1_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 3) return shape("a G1 point must be [x, y, z]");
  VM_TRY(x, field_from_json<Fq>(j[0], "G1 x"));
  VM_TRY(y, field_from_json<Fq>(j[1], "G1 y"));
  VM_TRY(z, field_from_json<Fq>(j[2], "G1 z"));
  return from_projective<G1Curve>(x, y, z);
}

Result<G2Affine> g2_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 3) return shape("a G2 point must be [x, y, z]");
  VM_TRY(x, fp2_from_json(j[0]));
  VM_TRY(y, fp2_from_json(j[1]));
  VM_TRY(z, fp2_from_json(j[2]));
  return from_projective<G2Curve>(x, y, z);
}

Result<Fp12> fp12_from_json(const Json& j) {
  if (!j.is_array() || j.size() != 2) return shape("an Fp12 element must be [Fp6, Fp6]");
  VM_TRY(c0, fp6_from_json(j[0]));
  VM_TRY(c1, fp6_from_json(j[1]));
  return Fp12{c0, c1};
}

Result<VerifyingKey> verifying_key_from_json(const Json& j) {
  if (!j.is_object()) return shape("verification key must be a JSON object");
  VM_CHECK(check_tag(j, "protocol", "groth16", true));
  VM_CHECK(check_tag(j, "curve", "bn128", true));
  VerifyingKey vk;
  VM_TRY(alpha, required(j, "vk_alpha_1"));
  VM_TRY(alpha1, g1_from_json(*alpha));
  vk.alpha1 = alpha1;
  VM_TRY(beta, required(j, "vk_beta_2"));
  VM_TRY(beta2, g2_from_json(*beta));
  vk.beta2 = beta2;
  VM_TRY(gamma, required(j, "vk_gamma_2"));
  VM_TRY(gamma2, g2_from_json(*gamma));
  vk.gamma2 = gamma2;
  VM_TRY(delta, required(j, "vk_delta_2"));
  VM_TRY(delta2, g2_from_json(*delta));
  vk.delta2 = delta2;
  VM_TRY(ic, required(j, "IC"));
  if (!ic->is_array() || ic->empty() || ic->size() > kMaxPublicSignals + 1) {
    return shape("IC must be a non-empty array of G1 points");
  }
  for (const Json& p : *ic) {
    VM_TRY(point, g1_from_json(p));
    vk.ic.push_back(point);
  }
  VM_TRY(n_public, required(j, "nPublic"));
  if (!n_public->is_number_unsigned() || n_public->get<std::uint64_t>() != vk.ic.size() - 1) {
    return shape("nPublic must be an unsigned integer equal to the IC length minus one");
  }
  if (const Json* ab = member(j, "vk_alphabeta_12")) {
    VM_TRY(alphabeta, fp12_from_json(*ab));
    vk.alphabeta = alphabeta;
  }
  return vk;
}

Result<Proof> proof_from_json(const Json& j) {
  if (!j.is_object()) return shape("proof must be a JSON object");
  VM_CHECK(check_tag(j, "protocol", "groth16", false));
  VM_CHECK(check_tag(j, "curve", "bn128", false));
  VM_TRY(a, required(j, "pi_a"));
  VM_TRY(pa, g1_from_json(*a));
  VM_TRY(b, required(j, "pi_b"));
  VM_TRY(pb, g2_from_json(*b));
  VM_TRY(c, required(j, "pi_c"));
  VM_TRY(pc, g1_from_json(*c));
  return Proof{pa, pb, pc};
}

Result<std::vector<Fr>> public_from_json(const Json& j) {
  if (!j.is_array()) return shape("public signals must be a JSON array of decimal strings");
  if (j.size() > kMaxPublicSignals) return shape("too many public signals");
  std::vector<Fr> out;
  out.reserve(j.size());
  for (const Json& v : j) {
    VM_TRY(f, field_from_json<Fr>(v, "public signal"));
    out.push_back(f);
  }
  return out;
}

Result<VerifyingKey> parse_verifying_key_json(std::string_view text) {
  VM_TRY(j, parse_json(text, JsonLimits{64u << 20, 16}));
  return verifying_key_from_json(j);
}

Result<Proof> parse_proof_json(std::string_view text) {
  VM_TRY(j, parse_json(text, JsonLimits{64u << 10, 8}));
  return proof_from_json(j);
}

Result<std::vector<Fr>> parse_public_json(std::string_view text) {
  VM_TRY(j, parse_json(text, JsonLimits{128u << 20, 4}));
  return public_from_json(j);
}

Json g1_to_json(const G1Affine& p) {
  if (p.infinity) return Json::array({"0", "1", "0"});
  return Json::array({field_to_json(p.x), field_to_json(p.y), "1"});
}

Json g2_to_json(const G2Affine& p) {
  if (p.infinity) return Json::array({{"0", "0"}, {"1", "0"}, {"0", "0"}});
  return Json::array({fp2_to_json(p.x), fp2_to_json(p.y), Json::array({"1", "0"})});
}

Json fp12_to_json(const Fp12& f) {
  return Json::array({fp6_to_json(f.c0), fp6_to_json(f.c1)});
}

Json verifying_key_to_json(const VerifyingKey& vk) {
  Json ic = Json::array();
  for (const G1Affine& p : vk.ic) ic.push_back(g1_to_json(p));
  const Fp12 ab = vk.alphabeta ? *vk.alphabeta : to_snarkjs_gt(pairing(vk.alpha1, vk.beta2));
  return Json{{"protocol", "groth16"},
              {"curve", "bn128"},
              {"nPublic", vk.n_public()},
              {"vk_alpha_1", g1_to_json(vk.alpha1)},
              {"vk_beta_2", g2_to_json(vk.beta2)},
              {"vk_gamma_2", g2_to_json(vk.gamma2)},
              {"vk_delta_2", g2_to_json(vk.delta2)},
              {"vk_alphabeta_12", fp12_to_json(ab)},
              {"IC", ic}};
}

Json proof_to_json_value(const Proof& proof) {
  return Json{{"pi_a", g1_to_json(proof.a)},
              {"pi_b", g2_to_json(proof.b)},
              {"pi_c", g1_to_json(proof.c)},
              {"protocol", "groth16"},
              {"curve", "bn128"}};
}

Json public_to_json_value(std::span<const Fr> signals) {
  Json out = Json::array();
  for (const Fr& s : signals) out.push_back(s.to_decimal());
  return out;
}

}  // namespace verimeter::zk
