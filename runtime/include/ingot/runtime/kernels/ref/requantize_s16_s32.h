//===- requantize_s16_s32.h - int16 to int32 requantization -----*- C++ -*-===//
//
// This file implements QUANTIZE between two integer tensors, int16 to
// int32: each value is re-expressed at a new scale and zero point,
// bit-exact with TensorFlow Lite Micro's reference Requantize.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S16_S32_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S16_S32_H

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
INGOT_KERNEL void requantize_s16_s32(const int16_t *input, int32_t *output,
                                     int32_t size, int32_t input_zero_point,
                                     int32_t output_zero_point,
                                     int32_t multiplier, int32_t shift) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    // Summed in 64 bits and saturated: the reference's int32 sum could only
    // overflow for scale ratios far beyond what a model uses, and would wrap.
    int64_t shifted = static_cast<int64_t>(rescaled) + output_zero_point;
    shifted = shifted < INT32_MIN ? INT32_MIN : shifted;
    shifted = shifted > INT32_MAX ? INT32_MAX : shifted;
    output[i] = static_cast<int32_t>(shifted);
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S16_S32_H
