//===- select.h - SELECT_V2 -------------------------------------*- C++ -*-===//
//
// This file implements TFLite Micro's SELECT_V2: condition ? x : y per
// element, all three broadcast to the output shape (see broadcast.h for the
// shape and stride arguments). Values are copied, never read as numbers, so
// one function template serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SELECT_H
#define INGOT_RUNTIME_KERNELS_REF_SELECT_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/broadcast.h"

namespace ingot::ref {

template <typename T>
INGOT_KERNEL void
select_v2(const bool *condition, const T *x, const T *y, T *output,
          int32_t rank, const int32_t *output_shape,
          const int32_t *condition_strides, const int32_t *x_strides,
          const int32_t *y_strides) {
  for_each_broadcast<3>(
      rank, output_shape, {condition_strides, x_strides, y_strides},
      [&](int32_t index, const int32_t *offsets) {
        output[index] = condition[offsets[0]] ? x[offsets[1]] : y[offsets[2]];
      });
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_SELECT_H
