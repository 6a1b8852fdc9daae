//===- requantize_u8_s8.h - uint8 to int8 requantization --------*- C++ -*-===//
//
// This file implements QUANTIZE between two integer tensors, uint8 to
// int8, which the converter puts at the edges of a model whose
// inference_input_type or inference_output_type is uint8: each value is
// re-expressed at a new scale and zero point, bit-exact with TensorFlow Lite
// Micro's reference Requantize.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_U8_S8_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_U8_S8_H

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
INGOT_KERNEL void requantize_u8_s8(const uint8_t *input, int8_t *output,
                                   int32_t size, int32_t input_zero_point,
                                   int32_t output_zero_point,
                                   int32_t multiplier, int32_t shift) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    output[i] =
        static_cast<int8_t>(clamp_i32(rescaled + output_zero_point, -128, 127));
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_U8_S8_H
