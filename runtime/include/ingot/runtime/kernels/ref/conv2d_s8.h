//===- conv2d_s8.h - Reference int8 2-D convolution -------------*- C++ -*-===//
//
// This file implements the portable int8 convolution with per-output-channel
// requantization. Its arithmetic is bit-exact with TensorFlow Lite Micro's
// reference per-channel convolution: an exact int32 dot product, the bias
// added before rescaling, then the double-rounding fixed-point rescale,
// the output zero point and the clamp to the fused activation range.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [output_c][filter_h][filter_w][input_c]
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
// The filter is symmetric (zero point 0), as TFLite's int8 spec requires for
// per-channel weights, so there is no filter offset. Grouped convolution
// (filter depth smaller than input depth) is not supported.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_REF_CONV2D_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// 2-D convolution of an int8 NHWC tensor. `input_offset` is the negated
/// input zero point, `output_offset` the output zero point. Channel `c` is
/// rescaled by output_multiplier[c] * 2^(output_shift[c] - 31).
INGOT_KERNEL void
conv2d_s8(const int8_t *input, const int8_t *filter, const int32_t *bias,
          int8_t *output, const int32_t *output_multiplier,
          const int32_t *output_shift, int32_t batches, int32_t input_h,
          int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
          int32_t output_h, int32_t output_w, int32_t output_c,
          int32_t stride_h, int32_t stride_w, int32_t dilation_h,
          int32_t dilation_w, int32_t pad_top, int32_t pad_left,
          int32_t input_offset, int32_t output_offset, int32_t activation_min,
          int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        int8_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          // Each term is at most 128 * 255 = 32640 in magnitude (a filter
          // value times an input value shifted by a zero point that is itself
          // an int8), so the int32 sum cannot overflow for up to 65793 terms,
          // i.e. filter_h * filter_w * input_c <= 65793. The reference uses
          // the same int32 accumulator, so larger filters are not supported
          // there either.
          int32_t acc = 0;
          for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
            const int32_t in_y = in_y_origin + filter_y * dilation_h;
            // Padding holds the real value 0, i.e. the input zero point, which
            // input_offset cancels exactly: skipping padded taps is exact.
            if (in_y < 0 || in_y >= input_h)
              continue;
            for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
              const int32_t in_x = in_x_origin + filter_x * dilation_w;
              if (in_x < 0 || in_x >= input_w)
                continue;
              const int8_t *input_pixel =
                  input + ((batch * input_h + in_y) * input_w + in_x) * input_c;
              const int8_t *filter_pixel =
                  filter +
                  ((out_channel * filter_h + filter_y) * filter_w + filter_x) *
                      input_c;
              for (int32_t in_channel = 0; in_channel < input_c; ++in_channel) {
                acc += static_cast<int32_t>(filter_pixel[in_channel]) *
                       (static_cast<int32_t>(input_pixel[in_channel]) +
                        input_offset);
              }
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

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CONV2D_S8_H
