//===- fixed_point.h - Integer requantization arithmetic --------*- C++ -*-===//
//
// This file implements the fixed-point primitives every quantized kernel uses
// to rescale an int32 accumulator: a Q31 multiplier applied with a rounding
// doubling high multiply, followed by a rounding arithmetic right shift. They
// reproduce TensorFlow Lite's reference arithmetic (the "double rounding"
// variant TFLite Micro uses by default) bit for bit, including saturation of
// the single overflowing input pair.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_FIXED_POINT_H
#define INGOT_RUNTIME_FIXED_POINT_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot {

/// Returns the high 32 bits of 2*a*b, rounded to nearest with ties toward
/// +infinity. The only product that does not fit, INT32_MIN * INT32_MIN,
/// saturates.
INGOT_KERNEL int32_t saturating_rounding_doubling_high_mul(int32_t a,
                                                           int32_t b) {
  if (a == b && a == INT32_MIN)
    return INT32_MAX;
  const int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  const int64_t nudge =
      product >= 0 ? (int64_t{1} << 30) : (1 - (int64_t{1} << 30));
  // Division (not a shift) truncates toward zero; with the sign-dependent
  // nudge, exact halves round up on both sides of zero, as the reference does.
  return static_cast<int32_t>((product + nudge) / (int64_t{1} << 31));
}

/// Divides by 2^exponent (0 <= exponent <= 31), rounding to nearest with ties
/// away from zero.
INGOT_KERNEL int32_t rounding_divide_by_pot(int32_t x, int32_t exponent) {
  const int32_t mask = static_cast<int32_t>((int64_t{1} << exponent) - 1);
  const int32_t remainder = x & mask;
  const int32_t threshold = (mask >> 1) + (x < 0 ? 1 : 0);
  return (x >> exponent) + (remainder > threshold ? 1 : 0);
}

/// Computes round(x * multiplier * 2^(shift - 31)): the rescale from an int32
/// accumulator to the output scale. `multiplier` is in [2^30, 2^31) or 0 and
/// `shift` in [-31, 30], as produced by the compiler's quantizeMultiplier.
INGOT_KERNEL int32_t multiply_by_quantized_multiplier(int32_t x,
                                                      int32_t multiplier,
                                                      int32_t shift) {
  const int32_t left_shift = shift > 0 ? shift : 0;
  const int32_t right_shift = shift > 0 ? 0 : -shift;
  // The reference multiplies in int32 and relies on two's complement wrap;
  // doing it in uint32 gives the same bits without undefined behaviour.
  const int32_t shifted =
      static_cast<int32_t>(static_cast<uint32_t>(x) << left_shift);
  return rounding_divide_by_pot(
      saturating_rounding_doubling_high_mul(shifted, multiplier), right_shift);
}

/// The int64-accumulator form of multiply_by_quantized_multiplier, used by the
/// int16-activation kernels (convolutions with int64 bias). It does not round
/// twice: the Q31 multiplier is first rounded to Q15 (half up, capped at
/// 0x7FFF), then x * multiplier_q15 * 2^(shift - 15) is rounded once, half
/// toward +infinity. This is TFLite's reference arithmetic for int64 inputs,
/// which trades the multiplier's low 16 bits for a product that fits int64.
///
/// Preconditions (as in the reference): |x| < 2^47, 0 <= multiplier < 2^31,
/// shift in [-31, 7]. The result is the low 32 bits of the rounded quotient,
/// as the reference's int64-to-int32 conversion gives; callers clamp it.
///
/// A separate name rather than an overload: int32_t is `long` on
/// arm-none-eabi, where an `int` argument would make an overload ambiguous.
INGOT_KERNEL int32_t multiply_by_quantized_multiplier_s64(int64_t x,
                                                          int32_t multiplier,
                                                          int32_t shift) {
  // multiplier < 0x7FFF0000 keeps the rounded Q15 value at most 0x7FFF.
  const int64_t multiplier_q15 = multiplier < 0x7FFF0000
                                     ? (multiplier + (int32_t{1} << 15)) >> 16
                                     : 0x7FFF;
  const int32_t total_shift = 15 - shift; // in [8, 46]
  // |x| < 2^47 and multiplier_q15 <= 2^15, so the product stays below 2^62.
  const int64_t rounded =
      x * multiplier_q15 + (int64_t{1} << (total_shift - 1));
  // Arithmetic right shift floors, so adding half first rounds ties upward.
  return static_cast<int32_t>(
      static_cast<uint32_t>(static_cast<uint64_t>(rounded >> total_shift)));
}

/// Clamps `value` to [low, high].
INGOT_KERNEL int32_t clamp_i32(int32_t value, int32_t low, int32_t high) {
  return value < low ? low : (value > high ? high : value);
}

} // namespace ingot

#endif // INGOT_RUNTIME_FIXED_POINT_H
