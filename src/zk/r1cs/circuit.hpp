// R1CS circuit builder that computes the witness as it goes: every variable is created with its
// value, so one piece of circuit code both describes the constraints and fills in the witness
// (run it with dummy inputs, e.g. zeros, when only the constraint system is needed).
//
// Variables are numbered in creation order; export to the iden3 formats renumbers them into the
// wire order snarkjs expects: 0 = one, public outputs, public inputs, private inputs, the rest.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "zk/ff/fr.hpp"
#include "zk/format/r1cs_file.hpp"
#include "zk/r1cs/linear_combination.hpp"

namespace verimeter::zk::r1cs {

struct Constraint {
  Lc a, b, c;  // a·b = c
};

class Circuit {
 public:
  Circuit();

  static Var one() { return Var{0}; }

  Var public_input(const Fr& value);
  Var private_input(const Fr& value);
  // A public output equal to `value_of` (one constraint binds it).
  Var output(const Lc& value_of);
  // A new private intermediate variable; the caller must constrain it.
  Var witness(const Fr& value);

  // a·b = c.
  void enforce(const Lc& a, const Lc& b, const Lc& c);
  // A new variable constrained to a·b.
  Var mul(const Lc& a, const Lc& b);

  Fr value(const Lc& lc) const;
  // Overwrites a value without touching the constraints: lets tests show that a dishonest
  // witness is rejected.
  void set_value(Var v, const Fr& value) { values_[v.id] = value; }
  Fr value(Var v) const { return values_[v.id]; }

  std::size_t num_constraints() const { return constraints_.size(); }
  std::size_t num_variables() const { return values_.size(); }
  const std::vector<Constraint>& constraints() const { return constraints_; }

  // Index of the first constraint the current values violate; error "r1cs_unsatisfied".
  Status check_satisfied() const;

  // iden3 export in snarkjs wire order.
  format::R1csFile to_r1cs() const;
  std::vector<Limbs> witness_values() const;  // canonical values in wire order
  // Public signals in wire order (outputs, then public inputs), as snarkjs' public.json.
  std::vector<Fr> public_values() const;

 private:
  enum class Kind : std::uint8_t { kOne, kOutput, kPublicInput, kPrivateInput, kInternal };
  Var add_var(Kind kind, const Fr& value);
  std::vector<std::uint32_t> wire_order() const;   // wire index -> var id
  std::vector<std::uint32_t> var_to_wire() const;  // var id -> wire index

  std::vector<Fr> values_;
  std::vector<Kind> kinds_;
  std::vector<Constraint> constraints_;
};

}  // namespace verimeter::zk::r1cs
