//===- transpose.h - Reference TRANSPOSE --------------------------*- C++
//-*-===//
//
// This file implements TFLite's TRANSPOSE for up to 6 dimensions: output
// dimension d is input dimension perm[d]. The kernels move elements without
// reading them, so one template serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_H
#define INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

template <typename Element>
INGOT_KERNEL void transpose(const Element *input, Element *output, int32_t rank,
                            const int32_t *input_shape, const int32_t *perm) {
  // Input strides, then the input stride of each output dimension.
  int32_t input_stride[6];
  int32_t stride = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    input_stride[d] = stride;
    stride *= input_shape[d];
  }
  int32_t extent[6], step[6], index[6];
  for (int32_t d = 0; d < rank; ++d) {
    extent[d] = input_shape[perm[d]];
    step[d] = input_stride[perm[d]];
    index[d] = 0;
  }
  const int32_t count = stride;
  int32_t offset = 0;
  for (int32_t i = 0; i < count; ++i) {
    output[i] = input[offset];
    // Advance the output index like an odometer, keeping the input offset.
    for (int32_t d = rank - 1; d >= 0; --d) {
      offset += step[d];
      if (++index[d] < extent[d])
        break;
      offset -= step[d] * extent[d];
      index[d] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_H
