// Run-time selection of the ADX/BMI2 Montgomery product (see mont_mul.hpp).
#include <cpuid.h>

#include <cstdlib>

#include "zk/ff/mont_mul.hpp"

namespace verimeter::zk {

bool cpu_supports_adx() {
  unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return false;
  const bool bmi2 = (ebx >> 8) & 1, adx = (ebx >> 19) & 1;
  return bmi2 && adx;
}

bool use_adx_detect() {
  return std::getenv("VERIMETER_ZK_PORTABLE") == nullptr && cpu_supports_adx();
}

}  // namespace verimeter::zk
