//===- QuantizedMultiplier.cpp - Real scale to Q31 multiplier -------------===//
//
// This file implements the decomposition of a real rescale factor into the
// fixed-point multiplier and shift that the runtime kernels consume.
//
//===----------------------------------------------------------------------===//
#include "QuantizedMultiplier.h"

#include <cmath>

namespace ingot::quant {

QuantizedMultiplier quantizeMultiplier(double real) {
  QuantizedMultiplier result;
  if (real == 0.0)
    return result;
  int exponent = 0;
  const double mantissa = std::frexp(real, &exponent);
  // Checked before the cast below, which is undefined for an infinite or NaN
  // mantissa; an exponent above 31 cannot be stored as a right shift either.
  if (!std::isfinite(real) || exponent > 31) {
    result.multiplier = 0;
    result.shift = kUnrepresentableShift;
    return result;
  }
  int64_t fixed =
      static_cast<int64_t>(std::round(mantissa * (int64_t{1} << 31)));
  // Rounding can carry the mantissa up to exactly 1.0.
  if (fixed == (int64_t{1} << 31)) {
    fixed /= 2;
    ++exponent;
  }
  // Too small to represent with a right shift of at most 31: flush to zero.
  if (exponent < -31) {
    exponent = 0;
    fixed = 0;
  }
  result.multiplier = static_cast<int32_t>(fixed);
  result.shift = exponent;
  return result;
}

} // namespace ingot::quant
