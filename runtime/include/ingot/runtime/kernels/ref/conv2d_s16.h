//===- conv2d_s16.h - Reference int16x8 2-D convolution ---------*- C++ -*-===//
//
// This file implements the portable 2-D convolution of int16 activations with
// int8 per-output-channel weights and int64 bias ("16x8" quantization),
// bit-exact with TensorFlow Lite Micro's reference int16 per-channel
// convolution: an exact int64 dot product, the bias added before rescaling,
// the int64 rescale (multiply_by_quantized_multiplier_s64) and the clamp to
// the fused activation range. conv2d_s16_int32_bias.h runs the same loop
// with an int32 bias.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [output_c][filter_h][filter_w][input_c]
//   bias   [output_c] (may be nullptr, meaning all zero)
//   output [batches][output_h][output_w][output_c]
//
// int16 tensors are symmetric in TFLite (zero point 0) and the reference
// applies no input or output offset for them, so neither does this kernel.
// Weights are symmetric as well. Grouped convolution (filter depth smaller
// than input depth) is not supported.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_H
#define INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

namespace detail {

/// The int64 sum of an int64-bias convolution is exact and is rescaled in
/// int64.
INGOT_KERNEL int32_t conv2d_s16_rescale(int64_t sum, int32_t multiplier,
                                        int32_t shift) {
  return multiply_by_quantized_multiplier_s64(sum, multiplier, shift);
}

/// An int32-bias convolution wraps around in int32 and is rescaled with the
/// int32 multiply_by_quantized_multiplier, as TFLite Micro's reference does.
INGOT_KERNEL int32_t conv2d_s16_rescale(uint32_t sum, int32_t multiplier,
                                        int32_t shift) {
  return multiply_by_quantized_multiplier(static_cast<int32_t>(sum), multiplier,
                                          shift);
}

/// The loop shared by conv2d_s16 and conv2d_s16_int32_bias. TFLite Micro
/// accumulates a 16x8 convolution in its bias's type, so `Sum` follows
/// `Bias`: int64_t for an int64 bias, uint32_t for an int32 bias (the int32
/// sum's two's-complement result, without signed overflow).
template <typename Bias, typename Sum>
INGOT_KERNEL void conv2d_s16_any_bias(
    const int16_t *input, const int8_t *filter, const Bias *bias,
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
          // Each product is at most 128 * 32768 = 2^22 in magnitude and is
          // exact in int32; an int64 sum cannot overflow for any filter that
          // fits in memory. The int32 sum of an int32-bias convolution can
          // (2^9 taps already reach 2^31) and wraps as the reference's does.
          Sum acc = 0;
          for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
            const int32_t in_y = in_y_origin + filter_y * dilation_h;
            // Padding holds the real value 0, which is the quantized value 0
            // for a symmetric tensor: skipping padded taps is exact.
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
                acc += static_cast<Sum>(
                    static_cast<int32_t>(filter_pixel[in_channel]) *
                    static_cast<int32_t>(input_pixel[in_channel]));
            }
          }
          if (bias != nullptr)
            acc += static_cast<Sum>(bias[out_channel]);
          const int32_t scaled = conv2d_s16_rescale(
              acc, output_multiplier[out_channel], output_shift[out_channel]);
          output_pixel[out_channel] = static_cast<int16_t>(
              clamp_i32(scaled, activation_min, activation_max));
        }
      }
    }
  }
}

} // namespace detail

/// 2-D convolution of an int16 NHWC tensor with int8 weights and int64 bias.
/// Channel `c` is rescaled by output_multiplier[c] * 2^(output_shift[c] - 31)
/// (shift at most 7), then clamped to [activation_min, activation_max].
INGOT_KERNEL void
conv2d_s16(const int16_t *input, const int8_t *filter, const int64_t *bias,
           int16_t *output, const int32_t *output_multiplier,
           const int32_t *output_shift, int32_t batches, int32_t input_h,
           int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
           int32_t output_h, int32_t output_w, int32_t output_c,
           int32_t stride_h, int32_t stride_w, int32_t dilation_h,
           int32_t dilation_w, int32_t pad_top, int32_t pad_left,
           int32_t activation_min, int32_t activation_max) {
  detail::conv2d_s16_any_bias<int64_t, int64_t>(
      input, filter, bias, output, output_multiplier, output_shift, batches,
      input_h, input_w, input_c, filter_h, filter_w, output_h, output_w,
      output_c, stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left,
      activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CONV2D_S16_H
