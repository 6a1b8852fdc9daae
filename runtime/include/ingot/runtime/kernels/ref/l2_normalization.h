//===- l2_normalization.h - Reference L2_NORMALIZATION -----------*- C++
//-*-===//
//
// This file implements TFLite's L2_NORMALIZATION over the innermost
// dimension: each row divided by its Euclidean norm, the norm floored at
// 1e-6 as TFLite's reference kernel does so that an all-zero row stays zero.
//
// int8 follows TFLM's integer kernel: the squared norm of the row (less the
// input zero point) is inverted and square-rooted in fixed point by five
// Newton-Raphson steps, giving a multiplier and shift with which each
// centered input is scaled to the output's fixed scale 1/128 (zero point 0).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_L2_NORMALIZATION_H
#define INGOT_RUNTIME_KERNELS_REF_L2_NORMALIZATION_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/fixed_point_q.h"

namespace ingot::ref {

INGOT_KERNEL void l2_normalization_f32(const float *input, float *output,
                                       int32_t outer_size, int32_t depth) {
  for (int32_t row = 0; row < outer_size; ++row) {
    const float *in = input + row * depth;
    float *out = output + row * depth;
    float squared_norm = 0.0f;
    for (int32_t c = 0; c < depth; ++c)
      squared_norm += in[c] * in[c];
    float norm = __builtin_sqrtf(squared_norm);
    norm = norm < 1e-6f ? 1e-6f : norm;
    for (int32_t c = 0; c < depth; ++c)
      out[c] = in[c] / norm;
  }
}

namespace detail {

/// 1 / sqrt(input) as a Q31 multiplier and a (left) shift. The input is
/// first brought into [2^27, 2^29) by an even power of two, whose square root
/// goes into the shift; 1 / sqrt is then refined from 1.0 in Q3 by Newton's
/// iteration x <- 1.5 x - (input / 2) x^3, and a final factor sqrt(2) / 2
/// accounts for reading the input as Q3 after halving it.
INGOT_KERNEL void inv_sqrt_multiplier(int32_t input, int32_t *multiplier,
                                      int32_t *shift) {
  if (input <= 1) {
    // 0 (an all-zero row) is treated as 1, as the reference does.
    *multiplier = INT32_MAX;
    *shift = 0;
    return;
  }
  int32_t right_shift = 11;
  while (input >= (int32_t{1} << 29)) {
    input /= 4;
    ++right_shift;
  }
  const int32_t bit_pairs =
      (count_leading_zeros_u32(static_cast<uint32_t>(input)) - 1) / 2 - 1;
  right_shift -= bit_pairs;
  input <<= 2 * bit_pairs;

  // Q3 values: one is 2^28. A Q3 x Q3 product is Q6, Q6 x Q3 is Q9; moving
  // from Q(m) back to Q3 multiplies the raw value by 2^(m - 3).
  const int32_t half_input = rounding_divide_by_pot(input >> 1, 1);
  const int32_t three_halves = (int32_t{1} << 28) + (int32_t{1} << 27);
  int32_t x = int32_t{1} << 28;
  for (int32_t step = 0; step < 5; ++step) {
    const int32_t x_cubed = saturating_rounding_multiply_by_pot(
        saturating_rounding_doubling_high_mul(
            saturating_rounding_doubling_high_mul(x, x), x),
        6);
    const int32_t difference = static_cast<int32_t>(
        static_cast<uint32_t>(
            saturating_rounding_doubling_high_mul(three_halves, x)) -
        static_cast<uint32_t>(
            saturating_rounding_doubling_high_mul(half_input, x_cubed)));
    x = saturating_rounding_multiply_by_pot(difference, 3);
  }
  // sqrt(2) / 2 in Q0.
  x = saturating_rounding_doubling_high_mul(x, 1518500250);
  if (right_shift < 0) {
    x = static_cast<int32_t>(static_cast<uint32_t>(x) << -right_shift);
    right_shift = 0;
  }
  *multiplier = x;
  *shift = -right_shift;
}

} // namespace detail

INGOT_KERNEL void l2_normalization_s8(const int8_t *input, int8_t *output,
                                      int32_t outer_size, int32_t depth,
                                      int32_t input_zero_point) {
  // The output scale 1/128 is 2^7 applied on top of the inverse norm.
  constexpr int32_t kOutputShift = 7;
  for (int32_t row = 0; row < outer_size; ++row) {
    const int8_t *in = input + row * depth;
    int8_t *out = output + row * depth;
    int32_t squared_norm = 0;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t centered = in[c] - input_zero_point;
      squared_norm += centered * centered;
    }
    int32_t multiplier, shift;
    detail::inv_sqrt_multiplier(squared_norm, &multiplier, &shift);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t value = multiply_by_quantized_multiplier(
          in[c] - input_zero_point, multiplier, shift + kOutputShift);
      out[c] = static_cast<int8_t>(clamp_i32(value, -128, 127));
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_L2_NORMALIZATION_H
