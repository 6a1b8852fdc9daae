//===- hard_swish_s8.h - Reference int8 HARD_SWISH --------------*- C++ -*-===//
//
// This file implements TFLite Micro's int8 HARD_SWISH, x * relu6(x + 3) / 6,
// in the reference's 16-bit fixed point: the input is widened by 2^7, the
// "relu-ish" factor clamp((x + 3) / 6, 0, 1) is computed in Q0.15 from a
// rescale that maps 3 to 2^15, and the product is rescaled to the output.
// The compiler computes both 16-bit multipliers and exponents.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_HARD_SWISH_S8_H
#define INGOT_RUNTIME_KERNELS_REF_HARD_SWISH_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

namespace hard_swish_detail {

/// The high 16 bits of 2*a*b rounded to nearest (ties toward +infinity);
/// (-2^15)^2 saturates.
INGOT_KERNEL int16_t saturating_rounding_doubling_high_mul_i16(int16_t a,
                                                               int16_t b) {
  if (a == b && a == INT16_MIN)
    return INT16_MAX;
  const int32_t product = static_cast<int32_t>(a) * static_cast<int32_t>(b);
  const int32_t nudge = product >= 0 ? (1 << 14) : (1 - (1 << 14));
  return static_cast<int16_t>((product + nudge) / (1 << 15));
}

/// The high 16 bits of 2*a*b truncated toward zero; (-2^15)^2 saturates.
INGOT_KERNEL int16_t saturating_doubling_high_mul_i16(int16_t a, int16_t b) {
  if (a == b && a == INT16_MIN)
    return INT16_MAX;
  return static_cast<int16_t>(static_cast<int32_t>(a) *
                              static_cast<int32_t>(b) / (1 << 15));
}

/// value * 2^amount saturated to int16 (0 <= amount <= 30).
INGOT_KERNEL int16_t saturating_left_shift_i16(int16_t value, int32_t amount) {
  const int64_t shifted = static_cast<int64_t>(value) * (int64_t{1} << amount);
  return static_cast<int16_t>(shifted < INT16_MIN   ? INT16_MIN
                              : shifted > INT16_MAX ? INT16_MAX
                                                    : shifted);
}

/// Divides by 2^exponent (0 <= exponent <= 31) rounding to nearest, with
/// the mask, remainder and threshold held in 16 bits as TFLM's reference
/// computes them for this kernel. Up to 2^15 that is the 32-bit rounding;
/// from 2^16 the mask is all ones, and the result is 1 for x >= 0 and -1
/// below, not 0.
INGOT_KERNEL int16_t rounding_divide_by_pot_i16(int16_t x, int32_t exponent) {
  const int16_t mask = exponent >= 16
                           ? static_cast<int16_t>(-1)
                           : static_cast<int16_t>((1 << exponent) - 1);
  const int16_t remainder = static_cast<int16_t>(x & mask);
  const int16_t threshold = static_cast<int16_t>((mask >> 1) + (x < 0 ? 1 : 0));
  return static_cast<int16_t>((x >> exponent) +
                              (remainder > threshold ? 1 : 0));
}

} // namespace hard_swish_detail

/// `reluish_exponent` lies in [-31, 30] and `output_exponent` in [-31, 0].
INGOT_KERNEL void
hard_swish_s8(const int8_t *input, int8_t *output, int32_t count,
              int32_t input_zero_point, int32_t output_zero_point,
              int32_t reluish_multiplier, int32_t reluish_exponent,
              int32_t output_multiplier, int32_t output_exponent) {
  using namespace hard_swish_detail;
  for (int32_t i = 0; i < count; ++i) {
    // |x - zero point| <= 255, so x * 2^7 still fits int16.
    const int16_t hires_input = static_cast<int16_t>(
        (static_cast<int32_t>(input[i]) - input_zero_point) * (1 << 7));
    const int16_t preshift_output = saturating_rounding_doubling_high_mul_i16(
        hires_input, static_cast<int16_t>(output_multiplier));
    // Left shifts saturate; all but the last bit go before the multiply so
    // that any saturation which matters happens on that last bit.
    int16_t reluish = hires_input;
    if (reluish_exponent > 0)
      reluish = saturating_left_shift_i16(reluish, reluish_exponent - 1);
    reluish = saturating_rounding_doubling_high_mul_i16(
        reluish, static_cast<int16_t>(reluish_multiplier));
    if (reluish_exponent > 0)
      reluish = saturating_left_shift_i16(reluish, 1);
    if (reluish_exponent < 0)
      reluish = rounding_divide_by_pot_i16(reluish, -reluish_exponent);
    // From [-1, 1] to [0, 1] in Q0.15.
    reluish =
        static_cast<int16_t>((static_cast<int32_t>(reluish) + 32768) >> 1);
    // Truncating here offsets the rounding bias of the multiplies above.
    const int16_t preshift_value =
        saturating_doubling_high_mul_i16(reluish, preshift_output);
    // The reference adds the zero point in int16 (wrapping) before clamping.
    const int16_t shifted =
        rounding_divide_by_pot_i16(preshift_value, -output_exponent);
    const int16_t with_zero_point =
        static_cast<int16_t>(shifted + output_zero_point);
    output[i] = static_cast<int8_t>(clamp_i32(with_zero_point, -128, 127));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_HARD_SWISH_S8_H
