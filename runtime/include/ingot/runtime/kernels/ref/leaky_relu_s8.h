//===- leaky_relu_s8.h - Reference int8 leaky ReLU --------------*- C++ -*-===//
//
// This file implements the portable int8 LEAKY_RELU, bit-exact with
// TensorFlow Lite Micro's reference quantized leaky ReLU: a non-negative
// (value - input zero point) is rescaled by input_scale / output_scale, a
// negative one by alpha * input_scale / output_scale, each with the
// double-rounding multiply_by_quantized_multiplier; the output zero point is
// added and the result saturated to int8.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LEAKY_RELU_S8_H
#define INGOT_RUNTIME_KERNELS_REF_LEAKY_RELU_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// out = clamp(output_zero_point + rescale(in - input_zero_point)), where the
/// rescale is identity_multiplier * 2^(identity_shift - 31) for x >= 0 and
/// alpha_multiplier * 2^(alpha_shift - 31) for x < 0, as computed by
/// ingot::quant::leakyReluS16Params (the same for int8). A negative alpha gives
/// a negative alpha_multiplier, which the doubling high multiply handles.
INGOT_KERNEL void leaky_relu_s8(const int8_t *input, int8_t *output,
                                int32_t size, int32_t input_zero_point,
                                int32_t output_zero_point,
                                int32_t identity_multiplier,
                                int32_t identity_shift,
                                int32_t alpha_multiplier, int32_t alpha_shift) {
  for (int32_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    // |centered| <= 255, so a positive shift (a scale ratio of at most
    // 2^23, far beyond any real model) cannot overflow the int32 left shift.
    const int32_t rescaled =
        centered >= 0
            ? multiply_by_quantized_multiplier(centered, identity_multiplier,
                                               identity_shift)
            : multiply_by_quantized_multiplier(centered, alpha_multiplier,
                                               alpha_shift);
    output[i] = static_cast<int8_t>(
        clamp_i32(rescaled + output_zero_point, INT8_MIN, INT8_MAX));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LEAKY_RELU_S8_H
