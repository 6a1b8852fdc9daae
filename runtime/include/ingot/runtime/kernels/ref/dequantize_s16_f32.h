//===- dequantize_s16_f32.h - int16 to float dequantization -----*- C++ -*-===//
//
// This file implements DEQUANTIZE from int16 to float32, bit-exact with
// TensorFlow Lite Micro's reference Dequantize: one single-precision multiply
// of the scale by the zero-point-centered integer. That integer is below 2^17
// in magnitude for any int16 zero point, so its conversion to float is exact
// and the multiply is the only rounding.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_S16_F32_H
#define INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_S16_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// out = scale * (in - zero_point), rounded once to float.
INGOT_KERNEL void dequantize_s16_f32(const int16_t *input, float *output,
                                     int32_t size, float scale,
                                     int32_t zero_point) {
  for (int32_t i = 0; i < size; ++i)
    output[i] = scale * static_cast<float>(input[i] - zero_point);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_S16_F32_H
