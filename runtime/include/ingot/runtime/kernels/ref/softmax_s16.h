//===- softmax_s16.h - Reference int16 softmax ------------------*- C++ -*-===//
//
// This file implements softmax over the innermost dimension of an int16
// tensor (zero point 0) with an int16 result of scale 1/32768 and zero point
// 0, following TensorFlow Lite Micro's reference kernel for the int16x8
// scheme step for step. No reference outputs for it exist in ../shared (the
// seanet cases have no SOFTMAX), so bit-exactness is not measured; the unit
// tests check it against the float softmax.
//
// Arithmetic: each difference to the row maximum is rescaled so that
// [-10, 0] in real units covers [-65535, 0], moved to [-32768, 32767] and
// looked up in a table of exp() (Q0.15). The sum of the row's exponentials
// is normalised to [1, 2) by its leading zeros and looked up in a table of
// 1 / (1 + x); each output is its exponential times that reciprocal, shifted
// back by the normalisation. Both tables have 512 steps plus the end point
// and are interpolated linearly between entries.
//
// The compiler computes the rescale with ingot::quant::computeSoftmaxParamsS16
// and the tables with softmaxS16ExpLut / softmaxS16ReciprocalLut; the
// generated code keeps the tables in flash next to the weights.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S16_H
#define INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot {
namespace ref {
namespace detail {

/// Interpolates a 513-entry int16 table at `value`: the top nine bits pick
/// the entry, the low seven the position towards the next one.
INGOT_KERNEL int16_t lookup_s16(int16_t value, const int16_t *table) {
  const uint16_t index = static_cast<uint16_t>(256 + (value >> 7));
  const int16_t offset = static_cast<int16_t>(value & 0x7f);
  const int16_t base = table[index];
  // The reference keeps the slope in the table's type.
  const int16_t slope = static_cast<int16_t>(table[index + 1] - table[index]);
  const int32_t delta = (slope * offset + 64) >> 7;
  return static_cast<int16_t>(base + delta);
}

/// Leading zero bits of a 32-bit value (32 for zero).
INGOT_KERNEL int32_t count_leading_zeros_u32(uint32_t value) {
  int32_t zeros = 0;
  for (uint32_t bit = uint32_t{1} << 31; bit != 0 && (value & bit) == 0;
       bit >>= 1)
    ++zeros;
  return zeros;
}

} // namespace detail

/// Softmax over the innermost dimension: `outer_size` rows of `depth` int16
/// values each. `exp_table` and `reciprocal_table` hold 513 entries each.
/// Each row's exponentials are staged in `output` before they are scaled.
INGOT_KERNEL void
softmax_s16(const int16_t *input, int16_t *output, int32_t outer_size,
            int32_t depth, int32_t input_multiplier, int32_t input_left_shift,
            const int16_t *exp_table, const int16_t *reciprocal_table) {
  for (int32_t row = 0; row < outer_size; ++row) {
    const int16_t *in = input + row * depth;
    int16_t *out = output + row * depth;
    int16_t row_max = -32768;
    for (int32_t c = 0; c < depth; ++c)
      row_max = in[c] > row_max ? in[c] : row_max;

    int32_t sum_of_exps = 0; // Q16.15
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t diff = static_cast<int32_t>(in[c]) - row_max;
      const int32_t scaled = multiply_by_quantized_multiplier(
          diff, input_multiplier, input_left_shift);
      const int16_t centred =
          static_cast<int16_t>(clamp_i32(scaled + 32767, -32768, 32767));
      out[c] = detail::lookup_s16(centred, exp_table);
      sum_of_exps += out[c];
    }

    // Normalise the sum to [1, 2) in Q1.15 (keeping one bit of headroom),
    // then recentre x = sum - 1 from [0, 65535] to [-32768, 32767].
    const int32_t headroom_plus_one =
        detail::count_leading_zeros_u32(static_cast<uint32_t>(sum_of_exps));
    const int32_t shifted_sum = static_cast<int32_t>(
        ((static_cast<int64_t>(sum_of_exps) << (headroom_plus_one - 1)) +
         (1 << 13)) >>
        14);
    const int16_t centred_sum = static_cast<int16_t>(
        clamp_i32(shifted_sum - ((1 << 15) + (1 << 16)), -32768, 32767));
    const int16_t reciprocal =
        detail::lookup_s16(centred_sum, reciprocal_table);

    const int32_t right_shift = 31 - headroom_plus_one;
    const int64_t rounding = int64_t{1} << (right_shift - 1);
    for (int32_t c = 0; c < depth; ++c) {
      const int32_t scaled = static_cast<int32_t>(
          (static_cast<int64_t>(out[c]) * reciprocal + rounding) >>
          right_shift);
      out[c] = static_cast<int16_t>(clamp_i32(scaled, 0, 32767));
    }
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S16_H
