//===- dequantize_s8_f32.h - int8 to float dequantization -------*- C++ -*-===//
//
// This file implements DEQUANTIZE from int8 to float32, bit-exact with
// TensorFlow Lite Micro's reference Dequantize: one single-precision multiply
// of the scale by the zero-point-centered integer, which is exact to convert.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_S8_F32_H
#define INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_S8_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot {
namespace ref {

/// out = scale * (in - zero_point), rounded once to float.
INGOT_KERNEL void dequantize_s8_f32(const int8_t *input, float *output,
                                    int32_t size, float scale,
                                    int32_t zero_point) {
  for (int32_t i = 0; i < size; ++i)
    output[i] = scale * static_cast<float>(input[i] - zero_point);
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_S8_F32_H
