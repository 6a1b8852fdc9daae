//===- mirror_pad.h - Reference MIRROR_PAD ----------------------*- C++ -*-===//
//
// This file implements TFLite's MIRROR_PAD: padding positions repeat the
// input mirrored at its edges, without the edge element (REFLECT,
// edge_offset 1) or with it (SYMMETRIC, edge_offset 0). The compiler checks
// that no padding is wider than the input allows, so one reflection always
// lands inside. One template serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_MIRROR_PAD_H
#define INGOT_RUNTIME_KERNELS_REF_MIRROR_PAD_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// 1 <= rank <= 6 (other ranks write nothing).
template <typename Element>
INGOT_KERNEL void mirror_pad(const Element *input, Element *output,
                             int32_t rank, const int32_t *input_shape,
                             const int32_t *output_shape,
                             const int32_t *pad_before, int32_t edge_offset) {
  constexpr int32_t kMaxRank = 6;
  if (rank < 1 || rank > kMaxRank)
    return;
  int32_t input_stride[kMaxRank];
  int32_t count = 1, stride = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    input_stride[d] = stride;
    stride *= input_shape[d];
    count *= output_shape[d];
  }
  int32_t index[kMaxRank] = {};
  for (int32_t i = 0; i < count; ++i) {
    int32_t offset = 0;
    for (int32_t d = 0; d < rank; ++d) {
      int32_t source = index[d] - pad_before[d];
      if (source < 0)
        source = -source - 1 + edge_offset;
      else if (source >= input_shape[d])
        source = 2 * input_shape[d] - 1 - edge_offset - source;
      offset += source * input_stride[d];
    }
    output[i] = input[offset];
    for (int32_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < output_shape[d])
        break;
      index[d] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_MIRROR_PAD_H
