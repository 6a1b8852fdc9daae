//===- math_f32.h - Single-precision helpers for float kernels --*- C++ -*-===//
//
// This file implements the two scalar operations the float32 reference
// kernels share: the fused-activation clamp and the exponential.
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
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_MATH_F32_H
#define INGOT_RUNTIME_MATH_F32_H

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

} // namespace ingot

#endif // INGOT_RUNTIME_MATH_F32_H
