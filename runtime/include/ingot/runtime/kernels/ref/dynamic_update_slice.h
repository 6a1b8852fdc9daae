//===- dynamic_update_slice.h - Reference DYNAMIC_UPDATE_SLICE --*- C++ -*-===//
//
// This file implements TFLite's DYNAMIC_UPDATE_SLICE: the output is the
// operand with `update` written over it at run-time start indices (int32 or
// int64), each clamped into [0, operand_shape[d] - update_shape[d]] as
// TensorFlow Lite Micro does, so the update always fits. One template
// serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DYNAMIC_UPDATE_SLICE_H
#define INGOT_RUNTIME_KERNELS_REF_DYNAMIC_UPDATE_SLICE_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// 1 <= rank <= 6 (other ranks write nothing).
template <typename Element, typename Index>
INGOT_KERNEL void
dynamic_update_slice(const Element *operand, const Element *update,
                     const Index *start_indices, Element *output, int32_t rank,
                     const int32_t *operand_shape,
                     const int32_t *update_shape) {
  constexpr int32_t kMaxRank = 6;
  if (rank < 1 || rank > kMaxRank)
    return;
  int32_t operand_stride[kMaxRank];
  int32_t stride = 1;
  for (int32_t d = rank - 1; d >= 0; --d) {
    operand_stride[d] = stride;
    stride *= operand_shape[d];
  }
  if (output != operand)
    std::memcpy(output, operand, static_cast<size_t>(stride) * sizeof(Element));

  int32_t offset = 0;
  int32_t update_count = 1;
  for (int32_t d = 0; d < rank; ++d) {
    const Index limit = static_cast<Index>(operand_shape[d] - update_shape[d]);
    Index start = start_indices[d];
    start = start < 0 ? 0 : (start > limit ? limit : start);
    offset += static_cast<int32_t>(start) * operand_stride[d];
    update_count *= update_shape[d];
  }
  // Update rows (innermost dimension) go to consecutive output rows of the
  // slice, found like an odometer over the outer update dimensions.
  const int32_t row = update_shape[rank - 1];
  int32_t index[kMaxRank] = {};
  for (int32_t done = 0; done < update_count; done += row) {
    std::memcpy(output + offset, update + done,
                static_cast<size_t>(row) * sizeof(Element));
    for (int32_t d = rank - 2; d >= 0; --d) {
      offset += operand_stride[d];
      if (++index[d] < update_shape[d])
        break;
      offset -= operand_stride[d] * update_shape[d];
      index[d] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DYNAMIC_UPDATE_SLICE_H
