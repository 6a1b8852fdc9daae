//===- abs_int.h - Reference int8/int16 ABS ---------------------*- C++ -*-===//
//
// This file implements TFLite Micro's quantized ABS: |in - input zero point|
// rescaled by input_scale / output_scale (the double-rounding
// multiply_by_quantized_multiplier), plus the output zero point, saturated.
// TFLM skips the rescale when the scales are equal; the compiler then passes
// the multiplier of 1 (2^30, shift 1), which is exact for these magnitudes.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ABS_INT_H
#define INGOT_RUNTIME_KERNELS_REF_ABS_INT_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

namespace abs_detail {

template <typename T>
INGOT_KERNEL void abs_rescaled(const T *input, T *output, int32_t count,
                               int32_t input_zero_point,
                               int32_t output_zero_point, int32_t multiplier,
                               int32_t shift, int32_t low, int32_t high) {
  for (int32_t i = 0; i < count; ++i) {
    int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    if (centered < 0)
      centered = -centered;
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    output[i] =
        static_cast<T>(clamp_i32(rescaled + output_zero_point, low, high));
  }
}

} // namespace abs_detail

INGOT_KERNEL void abs_s8(const int8_t *input, int8_t *output, int32_t count,
                         int32_t input_zero_point, int32_t output_zero_point,
                         int32_t multiplier, int32_t shift) {
  abs_detail::abs_rescaled(input, output, count, input_zero_point,
                           output_zero_point, multiplier, shift, INT8_MIN,
                           INT8_MAX);
}

INGOT_KERNEL void abs_s16(const int16_t *input, int16_t *output, int32_t count,
                          int32_t input_zero_point, int32_t output_zero_point,
                          int32_t multiplier, int32_t shift) {
  abs_detail::abs_rescaled(input, output, count, input_zero_point,
                           output_zero_point, multiplier, shift, INT16_MIN,
                           INT16_MAX);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ABS_INT_H
