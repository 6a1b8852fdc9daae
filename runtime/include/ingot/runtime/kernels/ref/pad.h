//===- pad.h - Reference constant padding -----------------------*- C++ -*-===//
//
// This file implements TFLite's PAD and PADV2 for every element type: the
// input surrounded, along each dimension d, by pad_before[d] leading and
// pad_after[d] trailing copies of `pad_value`. The compiler chooses the
// value as TensorFlow Lite Micro does: PADV2's constant, else the output
// zero point for int8 and 0 for the other types.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_PAD_H
#define INGOT_RUNTIME_KERNELS_REF_PAD_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// Pads `input` (shape input_shape[0..rank), 1 <= rank <= 6; other ranks
/// write nothing) into `output`. Paddings are non-negative.
template <typename Element, typename Value>
INGOT_KERNEL void pad(const Element *input, Element *output, int32_t rank,
                      const int32_t *input_shape, const int32_t *pad_before,
                      const int32_t *pad_after, Value pad_value) {
  constexpr int32_t kMaxRank = 6;
  if (rank < 1 || rank > kMaxRank)
    return;
  const Element value = static_cast<Element>(pad_value);
  // Output rows (innermost dimension) are either all padding or padding
  // around the next input row: input rows are met in memory order.
  const int32_t inner = rank - 1;
  const int32_t input_row = input_shape[inner];
  const int32_t output_row = pad_before[inner] + input_row + pad_after[inner];
  int32_t output_rows = 1;
  for (int32_t d = 0; d < inner; ++d)
    output_rows *= pad_before[d] + input_shape[d] + pad_after[d];

  int32_t index[kMaxRank] = {};
  for (int32_t row = 0; row < output_rows; ++row) {
    bool inside = true;
    for (int32_t d = 0; d < inner; ++d) {
      const int32_t source = index[d] - pad_before[d];
      inside = inside && source >= 0 && source < input_shape[d];
    }
    if (!inside) {
      for (int32_t i = 0; i < output_row; ++i)
        *output++ = value;
    } else {
      for (int32_t i = 0; i < pad_before[inner]; ++i)
        *output++ = value;
      std::memcpy(output, input,
                  static_cast<size_t>(input_row) * sizeof(Element));
      output += input_row;
      input += input_row;
      for (int32_t i = 0; i < pad_after[inner]; ++i)
        *output++ = value;
    }
    for (int32_t d = inner - 1; d >= 0; --d) {
      if (++index[d] < pad_before[d] + input_shape[d] + pad_after[d])
        break;
      index[d] = 0;
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_PAD_H
