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
//   bias   [output_c] (the overload without a bias pointer has none)
//   output [batches][output_h][output_w][output_c]
//
// int16 activations and the weights are symmetric (zero point 0).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_INT32_BIAS_H
#define INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_INT32_BIAS_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

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
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        int16_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          // The reference sums in int32 as well; summing in uint32 gives the
          // same two's-complement result without signed overflow.
          uint32_t acc = 0;
          for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
            const int32_t in_y = in_y_origin + filter_y * dilation_h;
            // Padding is the real value 0, the quantized 0 of a symmetric
            // tensor, so skipping padded taps is exact.
            if (in_y < 0 || in_y >= input_h)
              continue;
            for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
              const int32_t in_x = in_x_origin + filter_x * dilation_w;
              if (in_x < 0 || in_x >= input_w)
                continue;
              const int16_t *input_pixel =
                  input + ((batch * input_h + in_y) * input_w + in_x) * input_c;
              const int8_t *filter_pixel =
                  filter +
                  ((out_channel * filter_h + filter_y) * filter_w + filter_x) *
                      input_c;
              for (int32_t in_channel = 0; in_channel < input_c; ++in_channel)
                acc += static_cast<uint32_t>(
                    static_cast<int32_t>(filter_pixel[in_channel]) *
                    static_cast<int32_t>(input_pixel[in_channel]));
            }
          }
          if (bias != nullptr)
            acc += static_cast<uint32_t>(bias[out_channel]);
          const int32_t scaled = multiply_by_quantized_multiplier(
              static_cast<int32_t>(acc), output_multiplier[out_channel],
              output_shift[out_channel]);
          output_pixel[out_channel] = static_cast<int16_t>(
              clamp_i32(scaled, activation_min, activation_max));
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_INT32_BIAS_H
