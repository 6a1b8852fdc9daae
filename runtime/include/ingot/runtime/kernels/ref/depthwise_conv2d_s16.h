//===- depthwise_conv2d_s16.h - Reference int16x8 depthwise -----*- C++ -*-===//
//
// This file implements the portable depthwise convolution of int16
// activations with int8 per-output-channel weights and int64 bias ("16x8"
// quantization), bit-exact with TensorFlow Lite Micro's reference int16
// per-channel depthwise convolution. Input channel `c` feeds the
// `depth_multiplier` consecutive output channels starting at
// c * depth_multiplier, each with its own filter slice, bias and multiplier.
// Each output is an exact int64 sum, plus the bias, rescaled once by the
// int64 rescale (multiply_by_quantized_multiplier_s64) and clamped to the
// fused activation range.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [1][filter_h][filter_w][output_c], output_c = input_c * depth_mult
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
// int16 tensors are symmetric in TFLite (zero point 0) and the reference
// applies no input or output offset for them, so neither does this kernel.
// Weights are symmetric as well.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_S16_H
#define INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Depthwise 2-D convolution of an int16 NHWC tensor with int8 weights and
/// int64 bias. Output channel `c` is rescaled by
/// output_multiplier[c] * 2^(output_shift[c] - 31) (shift at most 7), then
/// clamped to [activation_min, activation_max].
INGOT_KERNEL void depthwise_conv2d_s16(
    const int16_t *input, const int8_t *filter, const int64_t *bias,
    int16_t *output, const int32_t *output_multiplier,
    const int32_t *output_shift, int32_t batches, int32_t input_h,
    int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
    int32_t output_h, int32_t output_w, int32_t output_c,
    int32_t depth_multiplier, int32_t stride_h, int32_t stride_w,
    int32_t dilation_h, int32_t dilation_w, int32_t pad_top, int32_t pad_left,
    int32_t activation_min, int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        int16_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t in_channel = 0; in_channel < input_c; ++in_channel) {
          for (int32_t multiple = 0; multiple < depth_multiplier; ++multiple) {
            const int32_t out_channel =
                in_channel * depth_multiplier + multiple;
            // Each product is at most 128 * 32768 = 2^22 in magnitude and is
            // exact in int32. An int32 sum could overflow from 2^9 taps on;
            // the int64 sum stays far below the 2^47 the rescale accepts.
            int64_t acc = 0;
            for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
              const int32_t in_y = in_y_origin + filter_y * dilation_h;
              // Padding holds the real value 0, which is the quantized value
              // 0 for a symmetric tensor: skipping padded taps is exact.
              if (in_y < 0 || in_y >= input_h)
                continue;
              for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
                const int32_t in_x = in_x_origin + filter_x * dilation_w;
                if (in_x < 0 || in_x >= input_w)
                  continue;
                const int32_t input_value =
                    input[((batch * input_h + in_y) * input_w + in_x) *
                              input_c +
                          in_channel];
                const int32_t filter_value =
                    filter[(filter_y * filter_w + filter_x) * output_c +
                           out_channel];
                acc += filter_value * input_value;
              }
            }
            if (bias != nullptr)
              acc += bias[out_channel];
            const int32_t scaled = multiply_by_quantized_multiplier_s64(
                acc, output_multiplier[out_channel], output_shift[out_channel]);
            output_pixel[out_channel] = static_cast<int16_t>(
                clamp_i32(scaled, activation_min, activation_max));
          }
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_S16_H
