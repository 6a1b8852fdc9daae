//===- maximum_minimum.h - MAXIMUM and MINIMUM ------------------*- C++ -*-===//
//
// This file implements TFLite Micro's MAXIMUM and MINIMUM on inputs
// broadcast to the output shape (see broadcast.h for the shape and stride
// arguments). The reference compares stored values as they are, also for
// quantized tensors (it requires all three to share their parameters), so
// one function template serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_MAXIMUM_MINIMUM_H
#define INGOT_RUNTIME_KERNELS_REF_MAXIMUM_MINIMUM_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/broadcast.h"

namespace ingot::ref {

template <typename T>
INGOT_KERNEL void maximum(const T *input1, const T *input2, T *output,
                          int32_t rank, const int32_t *output_shape,
                          const int32_t *input1_strides,
                          const int32_t *input2_strides) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](T a, T b) { return a > b ? a : b; });
}

template <typename T>
INGOT_KERNEL void minimum(const T *input1, const T *input2, T *output,
                          int32_t rank, const int32_t *output_shape,
                          const int32_t *input1_strides,
                          const int32_t *input2_strides) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](T a, T b) { return a < b ? a : b; });
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_MAXIMUM_MINIMUM_H
