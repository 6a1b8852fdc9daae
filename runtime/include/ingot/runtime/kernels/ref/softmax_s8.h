//===- softmax_s8.h - Reference int8 softmax --------------------*- C++ -*-===//
//
// This file implements softmax over the innermost dimension of an int8 tensor
// with an int8 result, bit-exact with TensorFlow Lite Micro's reference kernel.
// It also holds the row loop that the int16-output variant
// (softmax_s8_s16.h) shares.
//
// Arithmetic: for every element, the difference to the row maximum is scaled
// by beta * input_scale into Q5 (five integer bits), exponentiated in
// fixed point, and summed in Q12. Each output is exp(diff) times the
// reciprocal of that sum, which yields a probability in [0, 1] that is
// shifted down to the output width and offset by the type's minimum (the
// output zero point TFLite requires: -128 for int8, -32768 for int16).
//
// The compiler computes the three parameters with
// ingot::quant::computeSoftmaxParams.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S8_H
#define INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/fixed_point_q.h"

namespace ingot {
namespace ref {
namespace detail {

/// Integer bits of the scaled input differences fed to exp(). Differences
/// that survive diff_min scale to at most 31 in magnitude, which Q5 holds.
constexpr int32_t kSoftmaxScaledDiffIntegerBits = 5;
/// Integer bits of the running sum of exponentials: up to 2^12 terms of at
/// most 1.0 each fit without overflow.
constexpr int32_t kSoftmaxAccumulationIntegerBits = 12;

/// Scales a (non-positive) difference to the row maximum into Q5. The
/// multiplier was built from a real value above one, so the reference applies
/// the left shift before the high multiply and never shifts right.
INGOT_KERNEL int32_t softmax_scale_diff(int32_t diff, int32_t input_multiplier,
                                        int32_t input_left_shift) {
  // diff_min keeps |diff| * 2^input_left_shift below 2^31, so the product
  // fits; shifting as unsigned avoids C++17's undefined left shift of a
  // negative value.
  const int32_t shifted =
      static_cast<int32_t>(static_cast<uint32_t>(diff) << input_left_shift);
  return saturating_rounding_doubling_high_mul(shifted, input_multiplier);
}

/// Softmax over rows of `depth` int8 values into OutputT (int8_t or int16_t),
/// whose range is [output_min, output_max] and width output_bits.
template <typename OutputT>
INGOT_KERNEL void
softmax_s8_rows(const int8_t *input, OutputT *output, int32_t outer_size,
                int32_t depth, int32_t input_multiplier,
                int32_t input_left_shift, int32_t diff_min, int32_t output_bits,
                int32_t output_min, int32_t output_max) {
  for (int32_t row = 0; row < outer_size; ++row) {
    const int8_t *in = input + row * depth;
    OutputT *out = output + row * depth;

    int32_t max_in_row = -128;
    for (int32_t c = 0; c < depth; ++c)
      max_in_row = in[c] > max_in_row ? in[c] : max_in_row;

    // Sum of exp(diff) in Q12. Differences below diff_min contribute nothing:
    // their exponential is too small to matter and scaling them could
    // overflow Q5.
    int32_t sum_of_exps = 0;
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff < diff_min)
        continue;
      const int32_t scaled_diff =
          softmax_scale_diff(diff, input_multiplier, input_left_shift);
      const int32_t exp_q0 =
          exp_on_negative_values(scaled_diff, kSoftmaxScaledDiffIntegerBits);
      // Q0 -> Q12 is a rounding right shift by 12.
      sum_of_exps +=
          rounding_divide_by_pot(exp_q0, kSoftmaxAccumulationIntegerBits);
    }

    // 1 / sum = reciprocal * 2^-num_bits_over_unit. Multiplying exp(diff) by
    // the Q0 reciprocal gives the probability scaled by 2^num_bits_over_unit
    // in Q0; shifting right by the remaining bits leaves output_bits bits.
    int32_t num_bits_over_unit = 0;
    const int32_t reciprocal = reciprocal_q(
        sum_of_exps, kSoftmaxAccumulationIntegerBits, &num_bits_over_unit);
    int32_t exponent = num_bits_over_unit + 31 - output_bits;
    // TFLite aborts outside [0, 31], which only very deep rows (hundreds of
    // near-maximal logits) reach with int8 output; clamping keeps this total.
    exponent = clamp_i32(exponent, 0, 31);

    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = in[c] - max_in_row;
      if (diff < diff_min) {
        out[c] = static_cast<OutputT>(output_min);
        continue;
      }
      // Recomputed rather than cached: the output buffer is too narrow to
      // hold the Q0 exponentials, and recomputation is bit-identical.
      const int32_t scaled_diff =
          softmax_scale_diff(diff, input_multiplier, input_left_shift);
      const int32_t exp_q0 =
          exp_on_negative_values(scaled_diff, kSoftmaxScaledDiffIntegerBits);
      const int32_t probability = rounding_divide_by_pot(
          saturating_rounding_doubling_high_mul(reciprocal, exp_q0), exponent);
      // A probability of exactly one would be 2^output_bits, one past the
      // top of the range, hence the clamp.
      out[c] = static_cast<OutputT>(
          clamp_i32(probability + output_min, output_min, output_max));
    }
  }
}

} // namespace detail

/// Softmax over the innermost dimension: `outer_size` rows of `depth` int8
/// values each. The output has scale 1/256 and zero point -128.
INGOT_KERNEL void softmax_s8(const int8_t *input, int8_t *output,
                             int32_t outer_size, int32_t depth,
                             int32_t input_multiplier, int32_t input_left_shift,
                             int32_t diff_min) {
  detail::softmax_s8_rows<int8_t>(input, output, outer_size, depth,
                                  input_multiplier, input_left_shift, diff_min,
                                  /*output_bits=*/8, /*output_min=*/-128,
                                  /*output_max=*/127);
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S8_H
