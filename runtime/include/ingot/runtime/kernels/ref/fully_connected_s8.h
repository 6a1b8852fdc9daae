//===- fully_connected_s8.h - Reference int8 fully connected ----*- C++ -*-===//
//
// This file implements the portable int8 fully connected (dense) layer with a
// single per-tensor requantization multiplier, bit-exact with TensorFlow Lite
// Micro's reference per-tensor int8 fully connected kernel.
//
// Layouts (row-major):
//   input  [batches][accum_depth]
//   filter [output_depth][accum_depth]
//   bias   [output_depth] (may be nullptr, meaning all zero)
//   output [batches][output_depth]
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_S8_H
#define INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Computes output = requantize(filter * input + bias) for every batch row.
/// `input_offset` and `filter_offset` are the negated zero points of input
/// and filter, `output_offset` the output zero point. The rescale is
/// output_multiplier * 2^(output_shift - 31).
INGOT_KERNEL void fully_connected_s8(
    const int8_t *input, const int8_t *filter, const int32_t *bias,
    int8_t *output, int32_t batches, int32_t accum_depth, int32_t output_depth,
    int32_t input_offset, int32_t filter_offset, int32_t output_offset,
    int32_t output_multiplier, int32_t output_shift, int32_t activation_min,
    int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    const int8_t *input_row = input + batch * accum_depth;
    int8_t *output_row = output + batch * output_depth;
    for (int32_t out_index = 0; out_index < output_depth; ++out_index) {
      const int8_t *filter_row = filter + out_index * accum_depth;
      // Both factors are an int8 shifted by an int8 zero point, so each term
      // is at most 255 * 255 = 65025 in magnitude (32640 with the symmetric
      // filters TFLite produces): the int32 sum is exact for accum_depth up
      // to 33025 (65793 when the filter offset is 0). The reference
      // accumulates in int32 as well.
      int32_t acc = 0;
      for (int32_t depth = 0; depth < accum_depth; ++depth) {
        acc += (static_cast<int32_t>(filter_row[depth]) + filter_offset) *
               (static_cast<int32_t>(input_row[depth]) + input_offset);
      }
      if (bias != nullptr)
        acc += bias[out_index];
      acc = multiply_by_quantized_multiplier(acc, output_multiplier,
                                             output_shift);
      acc += output_offset;
      output_row[out_index] =
          static_cast<int8_t>(clamp_i32(acc, activation_min, activation_max));
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_S8_H
