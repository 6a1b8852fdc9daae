//===- add_sub_s16.h - int16 ADD and SUB's shared loop ----------*- C++ -*-===//
//
// This file holds the broadcasting loop that add_s16 and sub_s16 share: the
// two differ only in combining the rescaled inputs by a sum or a difference
// (their multipliers, computed by the compiler, differ too).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ADD_SUB_S16_H
#define INGOT_RUNTIME_KERNELS_REF_ADD_SUB_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Writes input1 + input2, or input1 - input2 when `Subtract`, into an output
/// of shape output_shape[0..rank), 1 <= rank <= 6 (other ranks write nothing).
/// Offsets of inputs are negated zero points; `output_offset` is the output
/// zero point. int16 zero points are 0 in TFLite; with them a shifted value
/// stays within 2^30 in magnitude, so no intermediate can overflow.
template <bool Subtract>
INGOT_KERNEL void add_or_subtract_s16(
    const int16_t *input1, const int16_t *input2, int16_t *output,
    const int32_t *output_shape, const int32_t *input1_strides,
    const int32_t *input2_strides, int32_t rank, int32_t input1_offset,
    int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,
    int32_t input2_multiplier, int32_t input2_shift, int32_t output_offset,
    int32_t output_multiplier, int32_t output_shift, int32_t activation_min,
    int32_t activation_max) {
  constexpr int32_t kMaxRank = 6;
  constexpr int32_t kLeftShift = 15;
  if (rank < 1 || rank > kMaxRank)
    return;
  // The innermost dimension is a plain loop; the outer ones advance like an
  // odometer, moving each input's offset by its stride.
  const int32_t inner_axis = rank - 1;
  const int32_t inner_size = output_shape[inner_axis];
  const int32_t inner_stride1 = input1_strides[inner_axis];
  const int32_t inner_stride2 = input2_strides[inner_axis];
  int32_t outer_count = 1;
  for (int32_t axis = 0; axis < inner_axis; ++axis)
    outer_count *= output_shape[axis];

  int32_t index[kMaxRank] = {};
  int32_t offset1 = 0;
  int32_t offset2 = 0;
  for (int32_t outer = 0; outer < outer_count; ++outer) {
    for (int32_t i = 0; i < inner_size; ++i) {
      const int32_t input1_value =
          static_cast<int32_t>(input1[offset1 + i * inner_stride1]) +
          input1_offset;
      const int32_t input2_value =
          static_cast<int32_t>(input2[offset2 + i * inner_stride2]) +
          input2_offset;
      // Shifted on the unsigned bit pattern: left-shifting a negative int is
      // undefined before C++20.
      const int32_t shifted_input1 = static_cast<int32_t>(
          static_cast<uint32_t>(input1_value) << kLeftShift);
      const int32_t shifted_input2 = static_cast<int32_t>(
          static_cast<uint32_t>(input2_value) << kLeftShift);
      const int32_t scaled_input1 = multiply_by_quantized_multiplier(
          shifted_input1, input1_multiplier, input1_shift);
      const int32_t scaled_input2 = multiply_by_quantized_multiplier(
          shifted_input2, input2_multiplier, input2_shift);
      const int32_t combined = Subtract ? scaled_input1 - scaled_input2
                                        : scaled_input1 + scaled_input2;
      const int32_t result = multiply_by_quantized_multiplier(
                                 combined, output_multiplier, output_shift) +
                             output_offset;
      output[i] = static_cast<int16_t>(
          clamp_i32(result, activation_min, activation_max));
    }
    output += inner_size;
    for (int32_t axis = inner_axis - 1; axis >= 0; --axis) {
      ++index[axis];
      offset1 += input1_strides[axis];
      offset2 += input2_strides[axis];
      if (index[axis] < output_shape[axis])
        break;
      offset1 -= input1_strides[axis] * output_shape[axis];
      offset2 -= input2_strides[axis] * output_shape[axis];
      index[axis] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ADD_SUB_S16_H
