//===- strided_slice_s16.h - Reference int16 strided slice ------*- C++ -*-===//
//
// This file implements STRIDED_SLICE for int16 tensors of rank 1 to 5 as a
// strided gather: output element (i_0, ..., i_{r-1}) is the input element at
// (start[0] + i_0 * stride[0], ..., start[r-1] + i_{r-1} * stride[r-1]).
//
// The begin/end/stride tensors and the begin, end and shrink-axis masks are
// constant in every model TFLite Micro accepts, so the compiler resolves them
// into per-axis start, stride and output size with TFLite's StartForAxis /
// StopForAxis rules (ingot::quant::stridedSliceS16Params). A shrunk axis is an
// axis of output size 1 here; dropping it from the output shape does not move
// any element. Strides may be negative.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_STRIDED_SLICE_S16_H
#define INGOT_RUNTIME_KERNELS_REF_STRIDED_SLICE_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// Gathers `output` (shape output_shape[0..rank), shrunk axes included as
/// size 1) from `input` (shape input_shape[0..rank)). Every visited index
/// start[d] + i * stride[d], 0 <= i < output_shape[d], must lie in
/// [0, input_shape[d]); 1 <= rank <= 5 (other ranks write nothing).
INGOT_KERNEL void strided_slice_s16(const int16_t *input, int16_t *output,
                                    const int32_t *input_shape,
                                    const int32_t *start, const int32_t *stride,
                                    const int32_t *output_shape, int32_t rank) {
  constexpr int32_t kMaxRank = 5;
  if (rank < 1 || rank > kMaxRank)
    return;
  // Distance in input elements between neighbours along each axis, and the
  // step the input offset takes when that axis's output index advances.
  int32_t input_step[kMaxRank];
  int32_t element_stride = 1;
  int32_t offset = 0;
  int32_t output_count = 1;
  for (int32_t axis = rank - 1; axis >= 0; --axis) {
    input_step[axis] = stride[axis] * element_stride;
    offset += start[axis] * element_stride;
    element_stride *= input_shape[axis];
    output_count *= output_shape[axis];
  }

  int32_t index[kMaxRank] = {};
  for (int32_t out = 0; out < output_count; ++out) {
    output[out] = input[offset];
    for (int32_t axis = rank - 1; axis >= 0; --axis) {
      offset += input_step[axis];
      if (++index[axis] < output_shape[axis])
        break;
      offset -= input_step[axis] * output_shape[axis];
      index[axis] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_STRIDED_SLICE_S16_H
