#include "zk/r1cs/circuit.hpp"

#include <algorithm>

namespace verimeter::zk::r1cs {

Circuit::Circuit() {
  add_var(Kind::kOne, Fr::one());
}

Var Circuit::add_var(Kind kind, const Fr& value) {
  values_.push_back(value);
  kinds_.push_back(kind);
  return Var{static_cast<std::uint32_t>(values_.size() - 1)};
}

Var Circuit::public_input(const Fr& value) {
  return add_var(Kind::kPublicInput, value);
}
Var Circuit::private_input(const Fr& value) {
  return add_var(Kind::kPrivateInput, value);
}
Var Circuit::witness(const Fr& value) {
  return add_var(Kind::kInternal, value);
}

Var Circuit::output(const Lc& value_of) {
  const Var out = add_var(Kind::kOutput, value(value_of));
  enforce(value_of, Lc(one()), Lc(out));
  return out;
}

void Circuit::enforce(const Lc& a, const Lc& b, const Lc& c) {
  constraints_.push_back({a, b, c});
}

Var Circuit::mul(const Lc& a, const Lc& b) {
  const Var out = witness(value(a) * value(b));
  enforce(a, b, Lc(out));
  return out;
}

Fr Circuit::value(const Lc& lc) const {
  Fr acc = Fr::zero();
  for (const Term& t : lc.terms()) acc += t.coeff * values_[t.var];
  return acc;
}

Status Circuit::check_satisfied() const {
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& k = constraints_[i];
    if (value(k.a) * value(k.b) != value(k.c)) {
      return make_error("r1cs_unsatisfied", "constraint " + std::to_string(i) + " is violated");
    }
  }
  return {};
}

std::vector<std::uint32_t> Circuit::wire_order() const {
  std::vector<std::uint32_t> order(values_.size());
  for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::uint32_t x, std::uint32_t y) { return kinds_[x] < kinds_[y]; });
  return order;
}

std::vector<std::uint32_t> Circuit::var_to_wire() const {
  const std::vector<std::uint32_t> order = wire_order();
  std::vector<std::uint32_t> inverse(order.size());
  for (std::uint32_t w = 0; w < order.size(); ++w) inverse[order[w]] = w;
  return inverse;
}

namespace {

format::R1csLc export_lc(const Lc& lc, const std::vector<std::uint32_t>& to_wire) {
  format::R1csLc out;
  out.reserve(lc.terms().size());
  for (const Term& t : lc.terms()) out.push_back({to_wire[t.var], t.coeff.to_limbs()});
  std::sort(out.begin(), out.end(),
            [](const format::R1csTerm& x, const format::R1csTerm& y) { return x.wire < y.wire; });
  return out;
}

}  // namespace

format::R1csFile Circuit::to_r1cs() const {
  format::R1csFile f;
  f.n_wires = static_cast<std::uint32_t>(values_.size());
  f.n_pub_out = static_cast<std::uint32_t>(std::count(kinds_.begin(), kinds_.end(), Kind::kOutput));
  f.n_pub_in =
      static_cast<std::uint32_t>(std::count(kinds_.begin(), kinds_.end(), Kind::kPublicInput));
  f.n_prv_in =
      static_cast<std::uint32_t>(std::count(kinds_.begin(), kinds_.end(), Kind::kPrivateInput));
  f.n_labels = f.n_wires;
  const std::vector<std::uint32_t> to_wire = var_to_wire();
  f.constraints.reserve(constraints_.size());
  for (const Constraint& k : constraints_) {
    f.constraints.push_back(
        {export_lc(k.a, to_wire), export_lc(k.b, to_wire), export_lc(k.c, to_wire)});
  }
  f.wire_to_label.resize(f.n_wires);
  for (std::uint32_t w = 0; w < f.n_wires; ++w) f.wire_to_label[w] = w;
  return f;
}

std::vector<Limbs> Circuit::witness_values() const {
  std::vector<Limbs> out;
  out.reserve(values_.size());
  for (std::uint32_t id : wire_order()) out.push_back(values_[id].to_limbs());
  return out;
}

std::vector<Fr> Circuit::public_values() const {
  std::vector<Fr> out;
  for (std::uint32_t id : wire_order()) {
    if (kinds_[id] == Kind::kOutput || kinds_[id] == Kind::kPublicInput) out.push_back(values_[id]);
  }
  return out;
}

}  // namespace verimeter::zk::r1cs
