#include "zk/poseidon/poseidon_fast.hpp"

#include "zk/ff/lazy_dot.hpp"

#include <array>
#include <cassert>
#include <mutex>

namespace verimeter::zk::poseidon {
namespace {

using Matrix = std::vector<std::vector<Fr>>;

Matrix to_matrix(const std::vector<Fr>& flat, unsigned t) {
  Matrix m(t, std::vector<Fr>(t));
  for (unsigned i = 0; i < t; ++i) {
    for (unsigned j = 0; j < t; ++j) m[i][j] = flat[static_cast<std::size_t>(i) * t + j];
  }
  return m;
}

std::vector<Fr> flatten(const Matrix& m) {
  std::vector<Fr> out;
  for (const auto& row : m) out.insert(out.end(), row.begin(), row.end());
  return out;
}

std::vector<Fr> mul_vec(const Matrix& m, const std::vector<Fr>& x) {
  std::vector<Fr> out(m.size(), Fr::zero());
  for (std::size_t i = 0; i < m.size(); ++i) {
    for (std::size_t j = 0; j < x.size(); ++j) out[i] += m[i][j] * x[j];
  }
  return out;
}

Matrix mul(const Matrix& a, const Matrix& b) {
  const std::size_t n = a.size();
  Matrix out(n, std::vector<Fr>(n, Fr::zero()));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < n; ++k) {
      for (std::size_t j = 0; j < n; ++j) out[i][j] += a[i][k] * b[k][j];
    }
  }
  return out;
}

// Solves a·x = b by Gauss–Jordan elimination (a is invertible: a Cauchy-matrix minor).
std::vector<Fr> solve(Matrix a, std::vector<Fr> b) {
  const std::size_t n = a.size();
  for (std::size_t col = 0; col < n; ++col) {
    std::size_t pivot = col;
    while (pivot < n && a[pivot][col].is_zero()) ++pivot;
    assert(pivot < n);
    std::swap(a[pivot], a[col]);
    std::swap(b[pivot], b[col]);
    const Fr inv = a[col][col].inverse();
    for (std::size_t j = 0; j < n; ++j) a[col][j] *= inv;
    b[col] *= inv;
    for (std::size_t i = 0; i < n; ++i) {
      if (i == col || a[i][col].is_zero()) continue;
      const Fr f = a[i][col];
      for (std::size_t j = 0; j < n; ++j) a[i][j] -= f * a[col][j];
      b[i] -= f * b[col];
    }
  }
  return b;
}

// N = A·B with B = diag(1, N₁₁): returns A's sparse part and B.
FastParams::Sparse factor(const Matrix& n, Matrix& b) {
  const std::size_t t = n.size();
  FastParams::Sparse s;
  s.a00 = n[0][0];
  Matrix n11_t(t - 1, std::vector<Fr>(t - 1));  // transpose of N₁₁
  std::vector<Fr> n01(t - 1);
  b.assign(t, std::vector<Fr>(t, Fr::zero()));
  b[0][0] = Fr::one();
  for (std::size_t i = 1; i < t; ++i) {
    s.w.push_back(n[i][0]);
    n01[i - 1] = n[0][i];
    for (std::size_t j = 1; j < t; ++j) {
      n11_t[j - 1][i - 1] = n[i][j];
      b[i][j] = n[i][j];
    }
  }
  s.v = solve(n11_t, n01);  // vᵀ·N₁₁ = n₀₁ᵀ
  return s;
}

Fr pow5(const Fr& x) {
  return x.square().square() * x;
}

void full_round(std::span<Fr> s, const std::vector<Fr>& c, const std::vector<Fr>& m, unsigned t) {
  std::array<Fr, kMaxWidth> x{};
  for (unsigned i = 0; i < t; ++i) x[i] = pow5(s[i] + c[i]);
  for (unsigned i = 0; i < t; ++i) {
    LazyDot<Fr> acc;
    for (unsigned j = 0; j < t; ++j) acc.add(m[static_cast<std::size_t>(i) * t + j], x[j]);
    s[i] = acc.value();
  }
}

}  // namespace

FastParams derive_fast_params(const Params& p) {
  const unsigned t = p.t, half = p.full_rounds / 2, rounds = p.full_rounds + p.partial_rounds;
  const Matrix m = to_matrix(p.mds, t);
  FastParams f;
  f.t = t;
  f.full_rounds = p.full_rounds;
  f.partial_rounds = p.partial_rounds;
  f.mds = p.mds;
  for (unsigned r = 0; r < rounds; ++r) {
    f.constants.emplace_back(p.round_constants.begin() + static_cast<std::ptrdiff_t>(r * t),
                             p.round_constants.begin() + static_cast<std::ptrdiff_t>((r + 1) * t));
  }
  // Constants of S-box-free cells commute with the S-box: push them through M into the next round.
  for (unsigned r = half; r < half + p.partial_rounds; ++r) {
    std::vector<Fr> rest = f.constants[r];
    rest[0] = Fr::zero();
    const std::vector<Fr> pushed = mul_vec(m, rest);
    for (unsigned i = 0; i < t; ++i) f.constants[r + 1][i] += pushed[i];
    f.constants[r].resize(1);
  }
  // Factor the partial-round matrices from the last one backwards.
  f.sparse.resize(p.partial_rounds);
  Matrix n = m, b;
  for (unsigned k = p.partial_rounds; k-- > 0;) {
    f.sparse[k] = factor(n, b);
    n = mul(b, m);
  }
  f.pre_partial = flatten(n);
  return f;
}

const FastParams& fast_params(unsigned t) {
  static std::array<FastParams, kMaxWidth + 1> cache;
  static std::array<std::once_flag, kMaxWidth + 1> once;
  std::call_once(once[t], [t] { cache[t] = derive_fast_params(params(t)); });
  return cache[t];
}

void permute_fast(const FastParams& p, std::span<Fr> s) {
  const unsigned t = p.t, half = p.full_rounds / 2;
  unsigned r = 0;
  for (; r < half; ++r) full_round(s, p.constants[r], r + 1 == half ? p.pre_partial : p.mds, t);
  for (unsigned k = 0; k < p.partial_rounds; ++k, ++r) {
    const FastParams::Sparse& sp = p.sparse[k];
    const Fr x0 = pow5(s[0] + p.constants[r][0]);
    LazyDot<Fr> acc;
    acc.add(sp.a00, x0);
    for (unsigned i = 1; i < t; ++i) acc.add(sp.v[i - 1], s[i]);
    for (unsigned i = 1; i < t; ++i) s[i] += sp.w[i - 1] * x0;
    s[0] = acc.value();
  }
  for (; r < p.full_rounds + p.partial_rounds; ++r) full_round(s, p.constants[r], p.mds, t);
}

}  // namespace verimeter::zk::poseidon
