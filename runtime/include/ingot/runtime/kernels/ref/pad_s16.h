//===- pad_s16.h - Reference int16 constant padding -------------*- C++ -*-===//
//
// This file implements PAD / PADV2 for int16 tensors of rank 1 to 5, with the
// semantics of TensorFlow Lite Micro's reference Pad: the output is the input
// surrounded, along each dimension d, by pad_before[d] leading and
// pad_after[d] trailing elements of the value `pad_value`. TFLite Micro pads
// int16 with the constant_values input of PADV2 or, without one, with 0
// (not with the output zero point, which for int16 is 0 anyway).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_PAD_S16_H
#define INGOT_RUNTIME_KERNELS_REF_PAD_S16_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// Pads `input`, of shape input_shape[0..rank), into `output`, of shape
/// input_shape[d] + pad_before[d] + pad_after[d]. Paddings are non-negative
/// (TFLite rejects negative ones); 1 <= rank <= 5 (other ranks write
/// nothing).
INGOT_KERNEL void pad_s16(const int16_t *input, int16_t *output,
                          const int32_t *input_shape, const int32_t *pad_before,
                          const int32_t *pad_after, int32_t rank,
                          int32_t pad_value) {
  constexpr int32_t kMaxRank = 5;
  if (rank < 1 || rank > kMaxRank)
    return;
  const int16_t value = static_cast<int16_t>(pad_value);
  // Output rows (the innermost dimension) are written one at a time: either
  // entirely padding, or leading padding, an input row and trailing padding.
  // The outer dimensions advance like an odometer over the output.
  const int32_t inner_axis = rank - 1;
  const int32_t input_row = input_shape[inner_axis];
  const int32_t output_row =
      pad_before[inner_axis] + input_row + pad_after[inner_axis];
  int32_t output_rows = 1;
  for (int32_t axis = 0; axis < inner_axis; ++axis)
    output_rows *= pad_before[axis] + input_shape[axis] + pad_after[axis];

  int32_t index[kMaxRank] = {};
  for (int32_t row = 0; row < output_rows; ++row) {
    bool inside = true;
    for (int32_t axis = 0; axis < inner_axis; ++axis) {
      const int32_t in_index = index[axis] - pad_before[axis];
      inside = inside && in_index >= 0 && in_index < input_shape[axis];
    }
    int16_t *out = output + static_cast<int64_t>(row) * output_row;
    if (!inside) {
      for (int32_t i = 0; i < output_row; ++i)
        out[i] = value;
    } else {
      // Input rows are visited in order, so the next one is always next in
      // memory.
      for (int32_t i = 0; i < pad_before[inner_axis]; ++i)
        *out++ = value;
      std::memcpy(out, input, static_cast<size_t>(input_row) * sizeof(int16_t));
      out += input_row;
      input += input_row;
      for (int32_t i = 0; i < pad_after[inner_axis]; ++i)
        *out++ = value;
    }
    for (int32_t axis = inner_axis - 1; axis >= 0; --axis) {
      if (++index[axis] <
          pad_before[axis] + input_shape[axis] + pad_after[axis])
        break;
      index[axis] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_PAD_S16_H
