//===- requantize_s8_u8.h - int8 to uint8 requantization --------*- C++ -*-===//
//
// This file implements QUANTIZE between two integer tensors, int8 to
// uint8, which the converter puts at the edges of a model whose
// inference_input_type or inference_output_type is uint8: each value is
// re-expressed at a new scale and zero point, bit-exact with TensorFlow Lite
// Micro's reference Requantize.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S8_U8_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S8_U8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot {
namespace ref {

/// out = clamp(round((in - input_zero_point) * input_scale / output_scale)
///             + output_zero_point)
/// where input_scale / output_scale = multiplier * 2^(shift - 31), as computed
/// by ingot::quant::requantizeMultiplier. Rounding is the reference's double
/// rounding (multiply_by_quantized_multiplier).
INGOT_KERNEL void requantize_s8_u8(const int8_t *input, uint8_t *output,
                                   int32_t size, int32_t input_zero_point,
                                   int32_t output_zero_point,
                                   int32_t multiplier, int32_t shift) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    output[i] =
        static_cast<uint8_t>(clamp_i32(rescaled + output_zero_point, 0, 255));
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S8_U8_H
