//===- requantize_wide.h - Integer rescale into int16 -----------*- C++ -*-===//
//
// This file implements QUANTIZE between quantized tensors whose output is
// int16 (int8 -> int16 and int16 -> int16), as TensorFlow Lite Micro's
// reference Requantize computes it.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_WIDE_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_WIDE_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// out = clamp((in - input_zero_point) * multiplier * 2^(shift - 31)
///             + output_zero_point, -32768, 32767), with the reference's
/// double rounding. Centered inputs of at most 16 bits fit in int32.
template <typename Input>
INGOT_KERNEL void requantize_to_s16(const Input *input, int16_t *output,
                                    int32_t size, int32_t input_zero_point,
                                    int32_t output_zero_point,
                                    int32_t multiplier, int32_t shift) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    output[i] = static_cast<int16_t>(
        clamp_i32(rescaled + output_zero_point, -32768, 32767));
  }
}

INGOT_KERNEL void requantize_s8_s16(const int8_t *input, int16_t *output,
                                    int32_t size, int32_t input_zero_point,
                                    int32_t output_zero_point,
                                    int32_t multiplier, int32_t shift) {
  requantize_to_s16(input, output, size, input_zero_point, output_zero_point,
                    multiplier, shift);
}

INGOT_KERNEL void requantize_s16_s16(const int16_t *input, int16_t *output,
                                     int32_t size, int32_t input_zero_point,
                                     int32_t output_zero_point,
                                     int32_t multiplier, int32_t shift) {
  requantize_to_s16(input, output, size, input_zero_point, output_zero_point,
                    multiplier, shift);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_WIDE_H
