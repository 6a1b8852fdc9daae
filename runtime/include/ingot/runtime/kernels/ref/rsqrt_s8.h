//===- rsqrt_s8.h - Reference int8 RSQRT ------------------------*- C++ -*-===//
//
// This file implements TFLite Micro's int8 RSQRT, bit-exact: the centered
// input's 1/sqrt as a Q31 multiplier and shift from a fixed-point
// Newton-Raphson iteration (TFLite's GetInvSqrtQuantizedMultiplierExp),
// applied to 1 with 20 extra bits of headroom, then rescaled by
// 1 / (sqrt(input_scale) * output_scale). A centered input of 0 gives the
// largest output; TFLM rejects negative ones at run time, here they give
// the result of 1.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_RSQRT_S8_H
#define INGOT_RUNTIME_KERNELS_REF_RSQRT_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/fixed_point_q.h"

namespace ingot::ref {

/// 1 / sqrt(x) for an integer x as multiplier * 2^(*shift - 31), with
/// *shift <= 0 a left shift. x <= 1 gives (INT32_MAX, 0).
///
/// x is scaled by powers of four into [2^27, 2^29), read as a Q3 value in
/// [1/2, 2) (after halving), and y <- y * (3/2 - x/2 * y^2) iterated five
/// times from y = 1 in Q3; the final factor sqrt(2)/2 undoes the halving.
INGOT_KERNEL int32_t inv_sqrt_multiplier(int32_t x, int32_t *shift) {
  if (x <= 1) {
    *shift = 0;
    return INT32_MAX;
  }
  int32_t right_shift = 11;
  while (x >= (int32_t{1} << 29)) {
    x /= 4;
    ++right_shift;
  }
  const int32_t spare_bit_pairs =
      (count_leading_zeros_u32(static_cast<uint32_t>(x)) - 1) / 2 - 1;
  right_shift -= spare_bit_pairs;
  x = static_cast<int32_t>(static_cast<uint32_t>(x) << (2 * spare_bit_pairs));

  const int32_t q3_half_x = rounding_divide_by_pot(x >> 1, 1);
  const int32_t q3_three_halves = (int32_t{1} << 28) + (int32_t{1} << 27);
  int32_t y = int32_t{1} << 28; // 1.0 in Q3
  for (int32_t i = 0; i < 5; ++i) {
    // Q3 * Q3 * Q3 is Q9; a saturating shift by 6 brings it back to Q3.
    const int32_t y_cubed = saturating_rounding_multiply_by_pot(
        saturating_rounding_doubling_high_mul(
            saturating_rounding_doubling_high_mul(y, y), y),
        6);
    // Both products are Q6; the shift by 3 gives Q3.
    y = saturating_rounding_multiply_by_pot(
        saturating_rounding_doubling_high_mul(q3_three_halves, y) -
            saturating_rounding_doubling_high_mul(q3_half_x, y_cubed),
        3);
  }
  const int32_t q0_half_sqrt2 = 1518500250;
  y = saturating_rounding_doubling_high_mul(y, q0_half_sqrt2);
  if (right_shift < 0) {
    y = static_cast<int32_t>(static_cast<uint32_t>(y) << -right_shift);
    right_shift = 0;
  }
  *shift = -right_shift;
  return y;
}

/// `multiplier` and `shift` encode 1 / (sqrt(input_scale) * output_scale).
INGOT_KERNEL void rsqrt_s8(const int8_t *input, int8_t *output, int32_t count,
                           int32_t input_zero_point, int32_t output_zero_point,
                           int32_t multiplier, int32_t shift) {
  // Headroom bits carried between the two rescales, as in TFLM.
  const int32_t headroom = 20;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    if (centered == 0) {
      output[i] = INT8_MAX;
      continue;
    }
    int32_t inv_sqrt_shift = 0;
    const int32_t inv_sqrt = inv_sqrt_multiplier(centered, &inv_sqrt_shift);
    const int32_t scaled_inv_sqrt = multiply_by_quantized_multiplier(
        1, inv_sqrt, inv_sqrt_shift + headroom);
    const int32_t rescaled = multiply_by_quantized_multiplier(
        scaled_inv_sqrt, multiplier, shift - headroom);
    output[i] = static_cast<int8_t>(
        clamp_i32(rescaled + output_zero_point, INT8_MIN, INT8_MAX));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_RSQRT_S8_H
