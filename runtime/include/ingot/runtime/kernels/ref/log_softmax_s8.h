//===- log_softmax_s8.h - Reference int8 LOG_SOFTMAX -------------*- C++
//-*-===//
//
// This file implements TFLite's int8 LOG_SOFTMAX over the innermost
// dimension, bit-exact with TFLM's reference kernel. The output has TFLite's
// fixed quantization: scale 16/256, zero point 127.
//
// Arithmetic: as for softmax, each difference to the row maximum is scaled
// into Q5 and exponentiated in fixed point; the exponentials are summed in
// Q12 and their logarithm is taken in fixed point (Q5). Each output is
// (scaled difference - log of the sum) rounded from Q5 to the output's Q4 of
// 8 bits. Differences whose result would fall below the output range (found
// by scaling the range's bottom back with the reverse scaling divisor) give
// the minimum output directly.
//
// The compiler computes the parameters: input multiplier, left shift and
// diff_min as for softmax with beta 1, and the reverse scaling divisor and
// (non-positive) shift from 2^(31 - left_shift) / input multiplier.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LOG_SOFTMAX_S8_H
#define INGOT_RUNTIME_KERNELS_REF_LOG_SOFTMAX_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/fixed_point_q.h"

namespace ingot::ref {
namespace detail {

INGOT_KERNEL int32_t saturate_to_i32(int64_t value) {
  return value > INT32_MAX
             ? INT32_MAX
             : (value < INT32_MIN ? INT32_MIN : static_cast<int32_t>(value));
}

INGOT_KERNEL int32_t wrapping_add(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}

INGOT_KERNEL int32_t wrapping_sub(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) -
                              static_cast<uint32_t>(b));
}

/// log(x) for a Q12 x >= 1, as a Q5 result. x = 2^k * r with r in
/// [sqrt(1/2), sqrt(2)) taken two ways (from x and from x * sqrt(1/2)) so
/// that the exponent k lands within a quarter of log2(x); log(r) comes from
/// a rational approximation around 2^-1/4, accumulated in Q6 for headroom.
INGOT_KERNEL int32_t log_q12_to_q5(int32_t x) {
  constexpr int32_t kInputIntegerBits = 12;
  constexpr int32_t kAccumIntegerBits = 6;
  // Q0 constants.
  constexpr int32_t kLog2 = 1488522236;         // log(2)
  constexpr int32_t kSqrtSqrtHalf = 1805811301; // 2^-1/4
  constexpr int32_t kSqrtHalf = 1518500250;     // 2^-1/2
  constexpr int32_t kQuarter = 536870912;       // 1/4
  constexpr int32_t kAlphaN = 117049297;        // 11/240 * 2^1/4
  constexpr int32_t kAlphaD = 127690142;        // 1/20 * 2^1/4
  constexpr int32_t kAlphaI = 1057819769;       // 2 / 2^1/4 - 2^1/4
  constexpr int32_t kAlphaF = 638450708;        // 1/4 * 2^1/4
  const int32_t quarter_q6 = rounding_divide_by_pot(kQuarter, 6);

  // x read as Q0: normalizing it gives the exponent relative to Q12.
  const int32_t a_headroom_plus_1 =
      count_leading_zeros_u32(static_cast<uint32_t>(x));
  const int32_t a_normalized =
      saturating_rounding_multiply_by_pot(x, a_headroom_plus_1 - 1);
  const int32_t r_a = saturating_rounding_multiply_by_pot(
      saturating_rounding_doubling_high_mul(a_normalized, kSqrtHalf), 1);
  const int32_t a_exponent_q6 = saturate_to_i32(
      int64_t{saturating_rounding_multiply_by_pot(
          kInputIntegerBits - a_headroom_plus_1, 31 - kAccumIntegerBits)} +
      quarter_q6);

  const int32_t b = saturating_rounding_doubling_high_mul(x, kSqrtHalf);
  const int32_t b_headroom =
      count_leading_zeros_u32(static_cast<uint32_t>(b)) - 1;
  const int32_t r_b = saturating_rounding_multiply_by_pot(x, b_headroom);
  const int32_t b_exponent_q6 = saturate_to_i32(
      int64_t{saturating_rounding_multiply_by_pot(
          kInputIntegerBits - b_headroom, 31 - kAccumIntegerBits)} -
      quarter_q6);

  const int32_t r = r_a < r_b ? r_a : r_b;
  const int32_t exponent_q6 =
      a_exponent_q6 > b_exponent_q6 ? a_exponent_q6 : b_exponent_q6;

  const int32_t p = rounding_half_sum(r, kSqrtSqrtHalf);
  int32_t q = wrapping_sub(r, kSqrtSqrtHalf);
  q = wrapping_add(q, q);
  const int32_t q_squared = saturating_rounding_doubling_high_mul(q, q);
  const int32_t numerator = wrapping_add(
      saturating_rounding_doubling_high_mul(q, r),
      saturating_rounding_doubling_high_mul(
          saturating_rounding_doubling_high_mul(q, q_squared), kAlphaN));
  const int32_t denominator_minus_one =
      wrapping_add(saturating_rounding_doubling_high_mul(
                       p, wrapping_add(wrapping_add(kAlphaI, q),
                                       saturating_rounding_doubling_high_mul(
                                           kAlphaD, q_squared))),
                   saturating_rounding_doubling_high_mul(kAlphaF, q));
  const int32_t reciprocal =
      one_over_one_plus_x_for_x_in_0_1(denominator_minus_one);

  const int32_t numerator_q6 = rounding_divide_by_pot(numerator, 6);
  const int32_t log_q6 = wrapping_add(
      saturating_rounding_doubling_high_mul(exponent_q6, kLog2),
      saturating_rounding_doubling_high_mul(numerator_q6, reciprocal));
  return saturating_rounding_multiply_by_pot(log_q6, 1);
}

} // namespace detail

INGOT_KERNEL void log_softmax_s8(const int8_t *input, int8_t *output,
                                 int32_t outer_size, int32_t depth,
                                 int32_t input_multiplier,
                                 int32_t input_left_shift, int32_t diff_min,
                                 int32_t reverse_scaling_divisor,
                                 int32_t reverse_scaling_shift) {
  constexpr int32_t kScaledDiffIntegerBits = 5;
  constexpr int32_t kAccumulationIntegerBits = 12;
  constexpr int32_t kOutputIntegerBits = 4;
  for (int32_t row = 0; row < outer_size; ++row) {
    const int8_t *in = input + row * depth;
    int8_t *out = output + row * depth;
    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c)
      max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    int32_t sum_of_exps = 0; // Q12
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff < diff_min)
        continue;
      const int32_t diff_q5 = multiply_by_quantized_multiplier(
          diff, input_multiplier, input_left_shift);
      sum_of_exps = detail::wrapping_add(
          sum_of_exps,
          rounding_divide_by_pot(
              exp_on_negative_values(diff_q5, kScaledDiffIntegerBits),
              kAccumulationIntegerBits));
    }

    const int32_t log_sum_q5 = detail::log_q12_to_q5(sum_of_exps);
    // The bottom of Q5 above the log of the sum, back in input units.
    const int32_t lowest_representable = multiply_by_quantized_multiplier(
        detail::wrapping_add(log_sum_q5, INT32_MIN), reverse_scaling_divisor,
        reverse_scaling_shift);
    const int32_t adjusted_diff_min = diff_min - 1 > lowest_representable
                                          ? diff_min - 1
                                          : lowest_representable;

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff <= adjusted_diff_min) {
        out[c] = -128;
        continue;
      }
      const int32_t diff_q5 = multiply_by_quantized_multiplier(
          diff, input_multiplier, input_left_shift);
      const int32_t value =
          rounding_divide_by_pot(detail::wrapping_sub(diff_q5, log_sum_q5),
                                 31 - kScaledDiffIntegerBits -
                                     kOutputIntegerBits) +
          127;
      out[c] = static_cast<int8_t>(clamp_i32(value, -128, 127));
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LOG_SOFTMAX_S8_H
