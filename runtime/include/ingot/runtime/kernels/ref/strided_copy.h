//===- strided_copy.h - Reference affine element copy -----------*- C++ -*-===//
//
// This file implements the copy behind SLICE, STRIDED_SLICE, BROADCAST_TO,
// REVERSE_V2, SPACE_TO_DEPTH and DEPTH_TO_SPACE: every one of them reads
// output element (i_0, ..., i_{r-1}) from the input at
// offset + i_0 * step[0] + ... + i_{r-1} * step[r-1], with steps the compiler
// derives from the operator's constant parameters (0 along a broadcast
// dimension, negative along a reversed one). The kernel moves elements
// without reading them, so one template serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_STRIDED_COPY_H
#define INGOT_RUNTIME_KERNELS_REF_STRIDED_COPY_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// Writes the output, of shape output_shape[0..rank), 1 <= rank <= 6 (other
/// ranks write nothing). Every offset visited must lie inside the input.
template <typename Element>
INGOT_KERNEL void strided_copy(const Element *input, Element *output,
                               int32_t rank, const int32_t *output_shape,
                               const int32_t *input_step,
                               int32_t input_offset) {
  constexpr int32_t kMaxRank = 6;
  if (rank < 1 || rank > kMaxRank)
    return;
  int32_t count = 1;
  for (int32_t d = 0; d < rank; ++d)
    count *= output_shape[d];
  int32_t index[kMaxRank] = {};
  int32_t offset = input_offset;
  for (int32_t i = 0; i < count; ++i) {
    output[i] = input[offset];
    // Advance the output index like an odometer, keeping the input offset.
    for (int32_t d = rank - 1; d >= 0; --d) {
      offset += input_step[d];
      if (++index[d] < output_shape[d])
        break;
      offset -= input_step[d] * output_shape[d];
      index[d] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_STRIDED_COPY_H
