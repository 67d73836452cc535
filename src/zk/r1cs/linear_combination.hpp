// A linear combination Σ cᵢ·vᵢ of circuit variables with Fr coefficients, the unit the R1CS
// builder works in: additions and multiplications by constants are free (no constraint).
// Terms are kept sorted by variable id with no zero coefficients, so equal combinations compare
// equal. Variable 0 is the constant one, so constants are combinations too.
#pragma once

#include <cstdint>
#include <vector>

#include "zk/ff/fr.hpp"

namespace verimeter::zk::r1cs {

struct Var {
  std::uint32_t id = 0;
  bool operator==(const Var&) const = default;
};

struct Term {
  std::uint32_t var;
  Fr coeff;
  bool operator==(const Term&) const = default;
};

class Lc {
 public:
  Lc() = default;
  Lc(Var v) : terms_{{v.id, Fr::one()}} {}  // NOLINT(google-explicit-constructor)
  static Lc constant(const Fr& c);
  static Lc constant(std::uint64_t c) { return constant(Fr::from_u64(c)); }

  const std::vector<Term>& terms() const { return terms_; }
  bool is_constant() const { return terms_.empty() || (terms_.size() == 1 && terms_[0].var == 0); }
  Fr constant_value() const;  // coefficient of the one-variable

  Lc operator+(const Lc& b) const;
  Lc operator-(const Lc& b) const;
  Lc operator-() const;
  Lc operator*(const Fr& k) const;  // multiplication by a constant
  Lc& operator+=(const Lc& b) { return *this = *this + b; }
  Lc& operator-=(const Lc& b) { return *this = *this - b; }
  bool operator==(const Lc&) const = default;

  // this + k·b in one merge pass (the inner loop of linear layers).
  Lc add_scaled(const Lc& b, const Fr& k) const;

 private:
  std::vector<Term> terms_;
};

}  // namespace verimeter::zk::r1cs
