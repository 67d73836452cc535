#include "zk/r1cs/linear_combination.hpp"

namespace verimeter::zk::r1cs {

Lc Lc::constant(const Fr& c) {
  Lc lc;
  if (!c.is_zero()) lc.terms_.push_back({0, c});
  return lc;
}

Fr Lc::constant_value() const {
  return (!terms_.empty() && terms_[0].var == 0) ? terms_[0].coeff : Fr::zero();
}

Lc Lc::add_scaled(const Lc& b, const Fr& k) const {
  Lc out;
  if (k.is_zero()) return *this;
  out.terms_.reserve(terms_.size() + b.terms_.size());
  std::size_t i = 0, j = 0;
  while (i < terms_.size() || j < b.terms_.size()) {
    if (j == b.terms_.size() || (i < terms_.size() && terms_[i].var < b.terms_[j].var)) {
      out.terms_.push_back(terms_[i++]);
    } else if (i == terms_.size() || b.terms_[j].var < terms_[i].var) {
      out.terms_.push_back({b.terms_[j].var, b.terms_[j].coeff * k});
      ++j;
    } else {
      const Fr c = terms_[i].coeff + b.terms_[j].coeff * k;
      if (!c.is_zero()) out.terms_.push_back({terms_[i].var, c});
      ++i;
      ++j;
    }
  }
  return out;
}

Lc Lc::operator+(const Lc& b) const {
  return add_scaled(b, Fr::one());
}
Lc Lc::operator-(const Lc& b) const {
  return add_scaled(b, -Fr::one());
}
Lc Lc::operator-() const {
  return *this * -Fr::one();
}

Lc Lc::operator*(const Fr& k) const {
  Lc out;
  if (k.is_zero()) return out;
  out.terms_ = terms_;
  for (Term& t : out.terms_) t.coeff *= k;
  return out;
}

}  // namespace verimeter::zk::r1cs
