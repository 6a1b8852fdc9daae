//===- depthwise_conv2d_f32.h - Reference float32 depthwise conv -*- C++
//-*-===//
//
// This file implements the portable float32 depthwise convolution, performing
// the same single-precision operations in the same order as TensorFlow Lite
// Micro's reference float depthwise convolution: each output starts from 0,
// taps are summed over filter rows then filter columns, the bias is added once
// at the end, and the result is clamped to the fused activation range. Input
// channel `c` feeds the `depth_multiplier` consecutive output channels
// starting at c * depth_multiplier, each with its own filter slice and bias.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [1][filter_h][filter_w][output_c], output_c = input_c * depth_mult
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_F32_H
#define INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Depthwise 2-D convolution of a float32 NHWC tensor. The activation bounds
/// are those of the fused activation: [0, FLT_MAX] for RELU, [0, 6] for RELU6
/// and [-FLT_MAX, FLT_MAX] for none, as TFLite computes them.
INGOT_KERNEL void depthwise_conv2d_f32(
    const float *input, const float *filter, const float *bias, float *output,
    int32_t batches, int32_t input_h, int32_t input_w, int32_t input_c,
    int32_t filter_h, int32_t filter_w, int32_t output_h, int32_t output_w,
    int32_t output_c, int32_t depth_multiplier, int32_t stride_h,
    int32_t stride_w, int32_t dilation_h, int32_t dilation_w, int32_t pad_top,
    int32_t pad_left, float activation_min, float activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        float *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t in_channel = 0; in_channel < input_c; ++in_channel) {
          for (int32_t multiple = 0; multiple < depth_multiplier; ++multiple) {
            const int32_t out_channel =
                in_channel * depth_multiplier + multiple;
            float total = 0.0f;
            for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
              const int32_t in_y = in_y_origin + filter_y * dilation_h;
              // Padding is zero: skipping a padded tap leaves the sum
              // unchanged, as in the reference.
              if (in_y < 0 || in_y >= input_h)
                continue;
              for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
                const int32_t in_x = in_x_origin + filter_x * dilation_w;
                if (in_x < 0 || in_x >= input_w)
                  continue;
                const float input_value =
                    input[((batch * input_h + in_y) * input_w + in_x) *
                              input_c +
                          in_channel];
                const float filter_value =
                    filter[(filter_y * filter_w + filter_x) * output_c +
                           out_channel];
                total += input_value * filter_value;
              }
            }
            // The reference always adds a bias, 0 when there is none.
            const float bias_value = bias != nullptr ? bias[out_channel] : 0.0f;
            output_pixel[out_channel] =
                clamp_f32(total + bias_value, activation_min, activation_max);
          }
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_F32_H
