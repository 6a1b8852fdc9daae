//===- relu_int.h - Reference int8/int16 RELU and RELU6 ---------*- C++ -*-===//
//
// This file implements TFLite Micro's quantized standalone RELU and RELU6.
// RELU rescales from the input's to the output's quantization (the
// double-rounding multiply_by_quantized_multiplier) and clamps to the
// quantized activation range; with equal quantizations the rescale is exact,
// so the same kernel serves RELUs that only clamp. TFLM's RELU6 assumes equal
// quantizations and only clamps the raw values to [zero point, quantized 6].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_RELU_INT_H
#define INGOT_RUNTIME_KERNELS_REF_RELU_INT_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

namespace relu_detail {

template <typename T>
INGOT_KERNEL void rescale_and_clamp(const T *input, T *output, int32_t count,
                                    int32_t input_zero_point,
                                    int32_t output_zero_point,
                                    int32_t multiplier, int32_t shift,
                                    int32_t low, int32_t high) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t rescaled = multiply_by_quantized_multiplier(
        static_cast<int32_t>(input[i]) - input_zero_point, multiplier, shift);
    output[i] =
        static_cast<T>(clamp_i32(rescaled + output_zero_point, low, high));
  }
}

template <typename T>
INGOT_KERNEL void clamp(const T *input, T *output, int32_t count, int32_t low,
                        int32_t high) {
  for (int32_t i = 0; i < count; ++i)
    output[i] = static_cast<T>(clamp_i32(input[i], low, high));
}

} // namespace relu_detail

/// out = clamp(output_zero_point + (in - input_zero_point) * input_scale /
/// output_scale, low, high); `low` is the output zero point and `high` the
/// type's maximum (RELU) or quantized 6 (RELU6 between two quantizations).
INGOT_KERNEL void relu_s8(const int8_t *input, int8_t *output, int32_t count,
                          int32_t input_zero_point, int32_t output_zero_point,
                          int32_t multiplier, int32_t shift, int32_t low,
                          int32_t high) {
  relu_detail::rescale_and_clamp(input, output, count, input_zero_point,
                                 output_zero_point, multiplier, shift, low,
                                 high);
}

INGOT_KERNEL void relu_s16(const int16_t *input, int16_t *output, int32_t count,
                           int32_t input_zero_point, int32_t output_zero_point,
                           int32_t multiplier, int32_t shift, int32_t low,
                           int32_t high) {
  relu_detail::rescale_and_clamp(input, output, count, input_zero_point,
                                 output_zero_point, multiplier, shift, low,
                                 high);
}

/// out = clamp(in, zero, six) on raw values.
INGOT_KERNEL void relu6_s8(const int8_t *input, int8_t *output, int32_t count,
                           int32_t zero, int32_t six) {
  relu_detail::clamp(input, output, count, zero, six);
}

INGOT_KERNEL void relu6_s16(const int16_t *input, int16_t *output,
                            int32_t count, int32_t zero, int32_t six) {
  relu_detail::clamp(input, output, count, zero, six);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_RELU_INT_H
