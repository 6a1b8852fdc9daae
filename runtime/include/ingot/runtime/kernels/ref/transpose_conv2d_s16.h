//===- transpose_conv2d_s16.h - Reference int16x8 transpose conv -*- C++
//-*-===//
//
// This file implements the portable 2-D transposed convolution of int16
// activations with int8 per-output-channel weights and int64 bias, bit-exact
// with TensorFlow Lite Micro's reference int16 TRANSPOSE_CONV.
//
// The reference scatters: every input pixel adds its products into an int64
// scratch copy of the output, which is then biased, rescaled and clamped.
// This kernel gathers instead: each output element sums the input pixels that
// reach it, i.e. those with in * stride - pad + filter_offset == out. Both
// compute the same exact int64 sum (integer addition does not depend on the
// order and the sum cannot overflow), so the results are identical, and no
// scratch buffer the size of the output is needed.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [output_c][filter_h][filter_w][input_c]
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
// As for conv2d_s16, int16 tensors are symmetric and no offsets are applied.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_CONV2D_S16_H
#define INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_CONV2D_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Transposed convolution: input pixel (y, x) contributes to output pixel
/// (y * stride_h - pad_top + fy, x * stride_w - pad_left + fx) through filter
/// tap (fy, fx). Channel `c` is rescaled by
/// output_multiplier[c] * 2^(output_shift[c] - 31) (shift at most 7), then
/// clamped to [activation_min, activation_max].
INGOT_KERNEL void transpose_conv2d_s16(
    const int16_t *input, const int8_t *filter, const int64_t *bias,
    int16_t *output, const int32_t *output_multiplier,
    const int32_t *output_shift, int32_t batches, int32_t input_h,
    int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
    int32_t output_h, int32_t output_w, int32_t output_c, int32_t stride_h,
    int32_t stride_w, int32_t pad_top, int32_t pad_left, int32_t activation_min,
    int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        int16_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          // Products are at most 2^22 in magnitude; see conv2d_s16.
          int64_t acc = 0;
          for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
            // The input row that tap filter_y maps onto out_y, if any.
            const int32_t y_numerator = out_y + pad_top - filter_y;
            if (y_numerator < 0 || y_numerator % stride_h != 0)
              continue;
            const int32_t in_y = y_numerator / stride_h;
            if (in_y >= input_h)
              continue;
            for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
              const int32_t x_numerator = out_x + pad_left - filter_x;
              if (x_numerator < 0 || x_numerator % stride_w != 0)
                continue;
              const int32_t in_x = x_numerator / stride_w;
              if (in_x >= input_w)
                continue;
              const int16_t *input_pixel =
                  input + ((batch * input_h + in_y) * input_w + in_x) * input_c;
              const int8_t *filter_pixel =
                  filter +
                  ((out_channel * filter_h + filter_y) * filter_w + filter_x) *
                      input_c;
              for (int32_t in_channel = 0; in_channel < input_c; ++in_channel) {
                acc += static_cast<int32_t>(filter_pixel[in_channel]) *
                       static_cast<int32_t>(input_pixel[in_channel]);
              }
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

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_CONV2D_S16_H
