//===- zeros_like.h - Reference ZEROS_LIKE ----------------------*- C++ -*-===//
//
// This file implements TFLite's ZEROS_LIKE: the raw value 0 in every element
// (not the quantized zero point, as TFLite Micro's kernel writes it). The
// input only gives the shape.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ZEROS_LIKE_H
#define INGOT_RUNTIME_KERNELS_REF_ZEROS_LIKE_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

template <typename T>
INGOT_KERNEL void zeros_like(const T * /*input*/, T *output, int32_t count) {
  for (int32_t i = 0; i < count; ++i)
    output[i] = T(0);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ZEROS_LIKE_H
