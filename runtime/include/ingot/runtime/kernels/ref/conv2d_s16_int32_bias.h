//===- conv2d_s16_int32_bias.h - int16x8 conv with int32 bias ---*- C++ -*-===//
//
// This file implements the 2-D convolution of int16 activations with int8
// per-output-channel weights and an int32 bias (CONV_2D version 8), bit-exact
// with TensorFlow Lite Micro's reference, which accumulates such a
// convolution in the bias's type: the sum is int32 and is rescaled with the
// int32 multiply_by_quantized_multiplier, whose double rounding differs from
// the int64 form conv2d_s16 uses. Widening the bias to int64 would therefore
// change results.
//
// Layouts (row-major), as conv2d_s16:
//   input  [batches][input_h][input_w][input_c]
//   filter [output_c][filter_h][filter_w][input_c]
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
// int16 activations and the weights are symmetric (zero point 0).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_INT32_BIAS_H
#define INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_INT32_BIAS_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/conv2d_s16.h"

namespace ingot::ref {

/// Channel `c` is rescaled by output_multiplier[c] * 2^(output_shift[c] - 31)
/// and clamped to [activation_min, activation_max].
INGOT_KERNEL void conv2d_s16_int32_bias(
    const int16_t *input, const int8_t *filter, const int32_t *bias,
    int16_t *output, const int32_t *output_multiplier,
    const int32_t *output_shift, int32_t batches, int32_t input_h,
    int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
    int32_t output_h, int32_t output_w, int32_t output_c, int32_t stride_h,
    int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t pad_top,
    int32_t pad_left, int32_t activation_min, int32_t activation_max) {
  detail::conv2d_s16_any_bias<int32_t, uint32_t>(
      input, filter, bias, output, output_multiplier, output_shift, batches,
      input_h, input_w, input_c, filter_h, filter_w, output_h, output_w,
      output_c, stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left,
      activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_INT32_BIAS_H
