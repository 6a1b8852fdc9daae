//===- dequantize_u8_f32.h - Reference uint8 dequantize ---------*- C++ -*-===//
//
// This file implements DEQUANTIZE of uint8 tensors (models whose inputs keep
// TFLite's legacy unsigned quantization) to float32, as TensorFlow Lite
// Micro's reference Dequantize computes it.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_U8_F32_H
#define INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_U8_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// out = scale * (in - zero_point); the centered integer converts to float
/// exactly, so the only rounding is the product's.
INGOT_KERNEL void dequantize_u8_f32(const uint8_t *input, float *output,
                                    int32_t size, float scale,
                                    int32_t zero_point) {
  for (int32_t i = 0; i < size; ++i)
    output[i] =
        scale * static_cast<float>(static_cast<int32_t>(input[i]) - zero_point);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DEQUANTIZE_U8_F32_H
