//===- math_f32.h - Single-precision helpers for float kernels --*- C++ -*-===//
//
// This file implements the scalar operations the float32 reference kernels
// share: the fused-activation clamp, the exponential and rounding to the
// nearest integer.
//
// The clamp is written as TensorFlow Lite's ActivationFunctionWithMinMax
// evaluates it, max against the lower bound first and min against the upper
// bound second, with the comparisons facing the same way. That fixes the
// corner cases: a NaN passes through unchanged, and for the "no activation"
// bounds (-FLT_MAX, +FLT_MAX) an infinity is clamped to the largest finite
// float rather than kept.
//
// exp goes through __builtin_expf so that no <cmath> is needed: GCC and Clang
// lower it to a call to expf, which every hosted libm and newlib provide.
//
// Rounding is done by hand rather than with roundf: Cortex-M4 has no rounding
// instruction, so roundf would be a library call, and the truncate-then-compare
// form below is exact and cheap.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_MATH_F32_H
#define INGOT_RUNTIME_MATH_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot {

/// The largest finite float (FLT_MAX, spelled with the compiler's predefined
/// macro because <cfloat> is not among the headers generated code includes).
/// TFLite's bounds for "no activation" are -kMaxF32 and kMaxF32.
inline constexpr float kMaxF32 = __FLT_MAX__;

/// Clamps `value` to [low, high]; a NaN `value` is returned unchanged.
INGOT_KERNEL float clamp_f32(float value, float low, float high) {
  const float raised = value < low ? low : value;
  return high < raised ? high : raised;
}

/// e^x in single precision, from the C library's expf.
INGOT_KERNEL float exp_f32(float x) { return __builtin_expf(x); }

/// Rounds `x` to the nearest integer, halves away from zero (like lroundf and
/// std::round, not like rintf's ties-to-even), as an int32. Magnitudes of 2^30
/// and more saturate to +-2^30 and NaN gives 0, so the conversion is always
/// defined; callers clamp the result to their own, much smaller, range.
INGOT_KERNEL int32_t lround_f32(float x) {
  const float limit = 1073741824.0f; // 2^30
  if (x >= limit)
    return 1073741824;
  if (x <= -limit)
    return -1073741824;
  if (!(x == x)) // NaN
    return 0;
  const int32_t truncated = static_cast<int32_t>(x);
  // Exact: below 2^23 in magnitude, x - truncated is a multiple of x's ulp
  // (itself at most 1) and smaller than 1, so it fits in 24 significant bits;
  // from 2^23 on every float is an integer and the difference is 0.
  const float fraction = x - static_cast<float>(truncated);
  if (fraction >= 0.5f)
    return truncated + 1;
  if (fraction <= -0.5f)
    return truncated - 1;
  return truncated;
}

} // namespace ingot

#endif // INGOT_RUNTIME_MATH_F32_H
