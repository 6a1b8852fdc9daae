//===- depthwise_conv2d_s8.h - Reference int8 depthwise conv ----*- C++ -*-===//
//
// This file implements the portable int8 depthwise convolution with
// per-output-channel requantization, bit-exact with TensorFlow Lite Micro's
// reference per-channel depthwise convolution. Input channel `c` feeds the
// `depth_multiplier` consecutive output channels starting at
// c * depth_multiplier, each with its own filter slice, bias and multiplier.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [1][filter_h][filter_w][output_c], output_c = input_c * depth_mult
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
// The filter is symmetric (zero point 0), so there is no filter offset.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Depthwise 2-D convolution of an int8 NHWC tensor. `input_offset` is the
/// negated input zero point, `output_offset` the output zero point. Output
/// channel `c` is rescaled by output_multiplier[c] * 2^(output_shift[c] - 31).
INGOT_KERNEL void depthwise_conv2d_s8(
    const int8_t *input, const int8_t *filter, const int32_t *bias,
    int8_t *output, const int32_t *output_multiplier,
    const int32_t *output_shift, int32_t batches, int32_t input_h,
    int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
    int32_t output_h, int32_t output_w, int32_t output_c,
    int32_t depth_multiplier, int32_t stride_h, int32_t stride_w,
    int32_t dilation_h, int32_t dilation_w, int32_t pad_top, int32_t pad_left,
    int32_t input_offset, int32_t output_offset, int32_t activation_min,
    int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        int8_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t in_channel = 0; in_channel < input_c; ++in_channel) {
          for (int32_t multiple = 0; multiple < depth_multiplier; ++multiple) {
            const int32_t out_channel =
                in_channel * depth_multiplier + multiple;
            // Each term is at most 128 * 255 = 32640 in magnitude, so the
            // int32 sum of filter_h * filter_w terms cannot overflow for any
            // window up to 65793 taps, far beyond any real filter.
            int32_t acc = 0;
            for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
              const int32_t in_y = in_y_origin + filter_y * dilation_h;
              // Padding holds the input zero point, which input_offset
              // cancels exactly: skipping padded taps is exact.
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
                acc += filter_value * (input_value + input_offset);
              }
            }
            if (bias != nullptr)
              acc += bias[out_channel];
            acc = multiply_by_quantized_multiplier(
                acc, output_multiplier[out_channel], output_shift[out_channel]);
            acc += output_offset;
            output_pixel[out_channel] = static_cast<int8_t>(
                clamp_i32(acc, activation_min, activation_max));
          }
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_S8_H
