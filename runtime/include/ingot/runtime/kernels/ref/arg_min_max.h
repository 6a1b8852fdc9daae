//===- arg_min_max.h - Reference ARG_MAX, ARG_MIN -----------------*- C++
//-*-===//
//
// This file implements TFLite's ARG_MAX and ARG_MIN: the index of the
// extreme along one axis, the first one on ties (an element replaces the
// current extreme only when strictly beyond it). The input is viewed as
// [outer, axis_size, inner]. The kernels only compare elements, so one
// template serves every input type and both index types (int32, int64).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ARG_MIN_MAX_H
#define INGOT_RUNTIME_KERNELS_REF_ARG_MIN_MAX_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {
namespace detail {

template <bool Max, typename Element, typename Index>
INGOT_KERNEL void arg_extreme(const Element *input, Index *output,
                              int32_t outer, int32_t axis_size, int32_t inner) {
  for (int32_t o = 0; o < outer; ++o) {
    const Element *block = input + o * axis_size * inner;
    for (int32_t i = 0; i < inner; ++i) {
      Element extreme = block[i];
      int32_t extreme_index = 0;
      for (int32_t a = 1; a < axis_size; ++a) {
        const Element value = block[a * inner + i];
        if (Max ? value > extreme : value < extreme) {
          extreme = value;
          extreme_index = a;
        }
      }
      output[o * inner + i] = static_cast<Index>(extreme_index);
    }
  }
}

} // namespace detail

template <typename Element, typename Index>
INGOT_KERNEL void arg_max(const Element *input, Index *output, int32_t outer,
                          int32_t axis_size, int32_t inner) {
  detail::arg_extreme<true>(input, output, outer, axis_size, inner);
}

template <typename Element, typename Index>
INGOT_KERNEL void arg_min(const Element *input, Index *output, int32_t outer,
                          int32_t axis_size, int32_t inner) {
  detail::arg_extreme<false>(input, output, outer, axis_size, inner);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ARG_MIN_MAX_H
