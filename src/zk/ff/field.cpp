// Byte, decimal and random I/O for Field<P>; GMP is used for decimal conversion only.
#include "zk/ff/field.hpp"

#include <gmp.h>
#include <sodium.h>

#include <cstring>

#include "zk/ff/fq.hpp"
#include "zk/ff/fr.hpp"

namespace verimeter::zk {
namespace {

constexpr std::size_t kMaxDecimalDigits = 78;  // 2^256 has 78 digits

Limbs limbs_from_le(ByteView b) {
  Limbs v{};
  for (std::size_t i = 0; i < 32; ++i) v[i / 8] |= static_cast<u64>(b[i]) << (8 * (i % 8));
  return v;
}

}  // namespace

template <class P>
Field<P> Field<P>::random() {
  for (;;) {  // rejection sampling: uniform in [0, p)
    Limbs v{};
    randombytes_buf(v.data(), sizeof v);
    v[3] &= (kBits % 64 == 0) ? ~0ULL : ((1ULL << (kBits % 64)) - 1);
    if (auto f = from_limbs(v)) return *f;
  }
}

template <class P>
Result<Field<P>> Field<P>::from_bytes_le(ByteView bytes) {
  if (bytes.size() != 32) return make_error("field_length", "field element must be 32 bytes");
  auto f = from_limbs(limbs_from_le(bytes));
  if (!f) return make_error("field_not_canonical", "field element is not below the modulus");
  return *f;
}

template <class P>
std::array<std::uint8_t, 32> Field<P>::to_bytes_le() const {
  const Limbs v = to_limbs();
  std::array<std::uint8_t, 32> out{};
  for (std::size_t i = 0; i < 32; ++i)
    out[i] = static_cast<std::uint8_t>(v[i / 8] >> (8 * (i % 8)));
  return out;
}

template <class P>
Result<Field<P>> Field<P>::from_decimal(std::string_view text) {
  if (text.empty() || text.size() > kMaxDecimalDigits) {
    return make_error("field_decimal", "decimal field element has invalid length");
  }
  for (char c : text) {
    if (c < '0' || c > '9') return make_error("field_decimal", "decimal digits only");
  }
  if (text.size() > 1 && text[0] == '0') {
    return make_error("field_decimal", "leading zeros are not canonical");
  }
  mpz_t z;
  mpz_init(z);
  const std::string s(text);
  mpz_set_str(z, s.c_str(), 10);
  const bool fits = mpz_sizeinbase(z, 2) <= 256;
  Limbs v{};
  if (fits) mpz_export(v.data(), nullptr, -1, sizeof(u64), 0, 0, z);
  mpz_clear(z);
  std::optional<Field> f;
  if (fits) f = from_limbs(v);
  if (!f) return make_error("field_not_canonical", "field element is not below the modulus");
  return *f;
}

template <class P>
std::string Field<P>::to_decimal() const {
  const Limbs v = to_limbs();
  mpz_t z;
  mpz_init(z);
  mpz_import(z, 4, -1, sizeof(u64), 0, 0, v.data());
  std::string out(mpz_sizeinbase(z, 10) + 2, '\0');
  mpz_get_str(out.data(), 10, z);
  mpz_clear(z);
  out.resize(std::strlen(out.c_str()));
  return out;
}

template class Field<FqParams>;
template class Field<FrParams>;

Fr fr_root_of_unity(unsigned k) {
  static const Fr w28 = [] {
    Limbs t = FrParams::kModulus;
    t[0] -= 1;
    for (unsigned i = 0; i < kFrTwoAdicity; ++i) {  // t = (r - 1) >> 28
      for (int j = 0; j < 3; ++j) t[j] = (t[j] >> 1) | (t[j + 1] << 63);
      t[3] >>= 1;
    }
    return Fr::from_u64(5).pow(t);
  }();
  if (k > kFrTwoAdicity) k = kFrTwoAdicity;
  Fr w = w28;
  for (unsigned i = k; i < kFrTwoAdicity; ++i) w = w.square();
  return w;
}

}  // namespace verimeter::zk
