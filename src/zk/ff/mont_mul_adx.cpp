// ADX/BMI2 Montgomery multiplication (see mont_mul.hpp). Same no-carry CIOS as the portable
// path, written with mulx and the two independent carry chains of adcx/adox.
#include <immintrin.h>
#include <cstdlib>

#include "zk/ff/mont_mul.hpp"

namespace verimeter::zk {

bool cpu_supports_adx() {
  __builtin_cpu_init();
  return __builtin_cpu_supports("adx") && __builtin_cpu_supports("bmi2");
}

bool use_adx_detect() {
  return std::getenv("VERIMETER_ZK_PORTABLE") == nullptr && cpu_supports_adx();
}

__attribute__((target("adx,bmi2"))) void mont_mul_adx(Limbs& r, const Limbs& a, const Limbs& b,
                                                      const Limbs& p, u64 inv) {
  unsigned long long t[4] = {0, 0, 0, 0};
  for (int i = 0; i < 4; ++i) {
    unsigned long long hi[4], lo[4];
    for (int j = 0; j < 4; ++j) lo[j] = _mulx_u64(a[j], b[i], &hi[j]);
    // t += a*b[i] (5 limbs: t[0..3], top)
    unsigned long long top;
    unsigned char c1 = _addcarryx_u64(0, t[0], lo[0], &t[0]);
    c1 = _addcarryx_u64(c1, t[1], lo[1], &t[1]);
    c1 = _addcarryx_u64(c1, t[2], lo[2], &t[2]);
    c1 = _addcarryx_u64(c1, t[3], lo[3], &t[3]);
    top = c1;
    unsigned char c2 = _addcarryx_u64(0, t[1], hi[0], &t[1]);
    c2 = _addcarryx_u64(c2, t[2], hi[1], &t[2]);
    c2 = _addcarryx_u64(c2, t[3], hi[2], &t[3]);
    top += hi[3] + c2;
    // t += m*p, then shift one limb down.
    const unsigned long long m = t[0] * inv;
    unsigned long long mh[4], ml[4];
    for (int j = 0; j < 4; ++j) ml[j] = _mulx_u64(m, p[j], &mh[j]);
    unsigned long long z;
    c1 = _addcarryx_u64(0, t[0], ml[0], &z);
    c1 = _addcarryx_u64(c1, t[1], ml[1], &t[0]);
    c1 = _addcarryx_u64(c1, t[2], ml[2], &t[1]);
    c1 = _addcarryx_u64(c1, t[3], ml[3], &t[2]);
    unsigned long long t3;
    c1 = _addcarryx_u64(c1, top, 0, &t3);
    c2 = _addcarryx_u64(0, t[0], mh[0], &t[0]);
    c2 = _addcarryx_u64(c2, t[1], mh[1], &t[1]);
    c2 = _addcarryx_u64(c2, t[2], mh[2], &t[2]);
    c2 = _addcarryx_u64(c2, t3, mh[3], &t3);
    t[3] = t3;
    (void)z;
  }
  Limbs out{t[0], t[1], t[2], t[3]};
  if (!less_limbs(out, p)) sub_limbs(out, out, p);
  r = out;
}

}  // namespace verimeter::zk
