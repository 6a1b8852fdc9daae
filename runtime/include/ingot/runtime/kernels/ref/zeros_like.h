//===- zeros_like.h - Reference ZEROS_LIKE ----------------------*- C++ -*-===//
//
// This file implements TFLite's ZEROS_LIKE: a real 0 in every element, that
// is the zero point of a quantized output (TensorFlow Lite Micro writes a
// stored 0 whatever the zero point). The input only gives the shape.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ZEROS_LIKE_H
#define INGOT_RUNTIME_KERNELS_REF_ZEROS_LIKE_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

template <typename T>
INGOT_KERNEL void zeros_like(const T * /*input*/, T *output, int32_t count,
                             int32_t zero) {
  for (int32_t i = 0; i < count; ++i)
    output[i] = static_cast<T>(zero);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ZEROS_LIKE_H
