//===- add_f32.h - Reference float32 elementwise addition -------*- C++ -*-===//
//
// This file implements the portable float32 addition of two same-shaped
// tensors, matching TensorFlow Lite Micro's reference float add: one
// single-precision sum per element, clamped to the fused activation range.
// Broadcasting is left to the compiler, which materializes equal shapes.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ADD_F32_H
#define INGOT_RUNTIME_KERNELS_REF_ADD_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Adds `size` elements of input1 and input2 into output. The activation
/// bounds are those of the fused activation: [0, FLT_MAX] for RELU, [0, 6]
/// for RELU6 and [-FLT_MAX, FLT_MAX] for none.
INGOT_KERNEL void add_f32(const float *input1, const float *input2,
                          float *output, int32_t size, float activation_min,
                          float activation_max) {
  for (int32_t index = 0; index < size; ++index) {
    output[index] = clamp_f32(input1[index] + input2[index], activation_min,
                              activation_max);
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ADD_F32_H
