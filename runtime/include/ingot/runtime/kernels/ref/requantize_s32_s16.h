//===- requantize_s32_s16.h - int32 to int16 requantization -----*- C++ -*-===//
//
// This file implements QUANTIZE between two integer tensors, int32 to
// int16: each value is re-expressed at a new scale and zero point,
// bit-exact with TensorFlow Lite Micro's reference Requantize.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S32_S16_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S32_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// out = clamp(round((in - input_zero_point) * input_scale / output_scale)
///             + output_zero_point)
/// where input_scale / output_scale = multiplier * 2^(shift - 31), as computed
/// by ingot::quant::requantizeMultiplier. Rounding is the reference's double
/// rounding (multiply_by_quantized_multiplier).
INGOT_KERNEL void requantize_s32_s16(const int32_t *input, int16_t *output,
                                     int32_t size, int32_t input_zero_point,
                                     int32_t output_zero_point,
                                     int32_t multiplier, int32_t shift) {
  for (int32_t i = 0; i < size; ++i) {
    // The reference subtracts and adds the zero points in int32 and wraps on
    // overflow; unsigned arithmetic gives the same bits without undefined
    // behaviour. (Only zero points far from 0 can overflow; int32 and int16
    // zero points are 0 in TFLite models.)
    const int32_t centered =
        static_cast<int32_t>(static_cast<uint32_t>(input[i]) -
                             static_cast<uint32_t>(input_zero_point));
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    const int32_t shifted =
        static_cast<int32_t>(static_cast<uint32_t>(rescaled) +
                             static_cast<uint32_t>(output_zero_point));
    output[i] = static_cast<int16_t>(clamp_i32(shifted, INT16_MIN, INT16_MAX));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S32_S16_H
