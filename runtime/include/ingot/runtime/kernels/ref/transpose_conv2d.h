//===- transpose_conv2d.h - Reference float32 and int8 transpose conv ----===//
//
// This file implements TRANSPOSE_CONV for float32 tensors and for int8
// activations with int8 per-output-channel weights and int32 bias, matching
// TensorFlow Lite Micro's reference kernels, the bias-less form of the
// int16x8 kernel of transpose_conv2d_s16.h, and the dynamic-range ("hybrid")
// form that TensorFlow Lite (not Micro) runs: float32 activations and bias,
// int8 weights. The hybrid form quantizes each batch of the input on the fly,
// always asymmetrically over [min(x, 0), max(x, 0)] (whether the filter has
// one scale or one per channel; measured against tf.lite.Interpreter), sums
// (q - zero_point) * w exactly in int32, and writes
// float(acc) * (input_scale * filter_scale[c]) + bias[c], clamped.
//
// The reference scatters every input pixel into a zeroed copy of the output;
// these kernels gather instead, each output element summing the input pixels
// that reach it (in * stride - pad + filter_offset == out). For int8 the sum
// is exact, so the order does not matter. For float32 the order is that of
// the reference: it adds contributions by increasing input row, column and
// channel, which is decreasing filter row and column here.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]
//   filter [output_c][filter_h][filter_w][input_c]
//   bias   [output_c] (the overloads without a bias pointer have none)
//   output [batches][output_h][output_w][output_c]
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_CONV2D_H
#define INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_CONV2D_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/hybrid_quantize.h"
#include "ingot/runtime/kernels/ref/transpose_conv2d_s16.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// The input pixels and taps that reach output (out_y, out_x) of one batch,
/// in the reference's order, handed to `visit(input_pixel, filter_tap)`
/// where filter_tap points at the tap's input channels of output channel 0
/// (the caller adds out_channel * filter_h * filter_w * input_c).
template <typename Input, typename Filter, typename Visit>
INGOT_KERNEL void
transpose_conv2d_taps(const Input *input_batch, const Filter *filter,
                      int32_t input_h, int32_t input_w, int32_t input_c,
                      int32_t filter_h, int32_t filter_w, int32_t stride_h,
                      int32_t stride_w, int32_t pad_top, int32_t pad_left,
                      int32_t out_y, int32_t out_x, Visit &&visit) {
  for (int32_t filter_y = filter_h - 1; filter_y >= 0; --filter_y) {
    const int32_t y_numerator = out_y + pad_top - filter_y;
    if (y_numerator < 0 || y_numerator % stride_h != 0)
      continue;
    const int32_t in_y = y_numerator / stride_h;
    if (in_y >= input_h)
      continue;
    for (int32_t filter_x = filter_w - 1; filter_x >= 0; --filter_x) {
      const int32_t x_numerator = out_x + pad_left - filter_x;
      if (x_numerator < 0 || x_numerator % stride_w != 0)
        continue;
      const int32_t in_x = x_numerator / stride_w;
      if (in_x >= input_w)
        continue;
      visit(input_batch + (in_y * input_w + in_x) * input_c,
            filter + (filter_y * filter_w + filter_x) * input_c);
    }
  }
}

INGOT_KERNEL void transpose_conv2d_f32(
    const float *input, const float *filter, const float *bias, float *output,
    int32_t batches, int32_t input_h, int32_t input_w, int32_t input_c,
    int32_t filter_h, int32_t filter_w, int32_t output_h, int32_t output_w,
    int32_t output_c, int32_t stride_h, int32_t stride_w, int32_t pad_top,
    int32_t pad_left, float activation_min, float activation_max) {
  const int32_t filter_channel_size = filter_h * filter_w * input_c;
  for (int32_t batch = 0; batch < batches; ++batch) {
    const float *input_batch = input + batch * input_h * input_w * input_c;
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        float *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          float acc = 0.0f;
          transpose_conv2d_taps(
              input_batch, filter + out_channel * filter_channel_size, input_h,
              input_w, input_c, filter_h, filter_w, stride_h, stride_w, pad_top,
              pad_left, out_y, out_x,
              [&](const float *input_pixel, const float *filter_tap) {
                for (int32_t c = 0; c < input_c; ++c)
                  acc += input_pixel[c] * filter_tap[c];
              });
          if (bias != nullptr)
            acc += bias[out_channel];
          output_pixel[out_channel] =
              clamp_f32(acc, activation_min, activation_max);
        }
      }
    }
  }
}

INGOT_KERNEL void transpose_conv2d_f32(
    const float *input, const float *filter, float *output, int32_t batches,
    int32_t input_h, int32_t input_w, int32_t input_c, int32_t filter_h,
    int32_t filter_w, int32_t output_h, int32_t output_w, int32_t output_c,
    int32_t stride_h, int32_t stride_w, int32_t pad_top, int32_t pad_left,
    float activation_min, float activation_max) {
  transpose_conv2d_f32(input, filter, nullptr, output, batches, input_h,
                       input_w, input_c, filter_h, filter_w, output_h, output_w,
                       output_c, stride_h, stride_w, pad_top, pad_left,
                       activation_min, activation_max);
}

/// The exact int32 sum of (input - input_zero_point) * filter over the taps
/// that reach output (out_y, out_x) of one output channel, whose filter
/// starts at `filter`.
INGOT_KERNEL int32_t transpose_conv2d_sum_s8(
    const int8_t *input_batch, const int8_t *filter, int32_t input_h,
    int32_t input_w, int32_t input_c, int32_t filter_h, int32_t filter_w,
    int32_t stride_h, int32_t stride_w, int32_t pad_top, int32_t pad_left,
    int32_t out_y, int32_t out_x, int32_t input_zero_point) {
  int32_t acc = 0;
  transpose_conv2d_taps(
      input_batch, filter, input_h, input_w, input_c, filter_h, filter_w,
      stride_h, stride_w, pad_top, pad_left, out_y, out_x,
      [&](const int8_t *input_pixel, const int8_t *filter_tap) {
        for (int32_t c = 0; c < input_c; ++c)
          acc += (static_cast<int32_t>(input_pixel[c]) - input_zero_point) *
                 static_cast<int32_t>(filter_tap[c]);
      });
  return acc;
}

/// int8: channel c is rescaled by output_multiplier[c] *
/// 2^(output_shift[c] - 31), offset by output_zero_point and clamped to
/// [activation_min, activation_max]. Weights are symmetric.
INGOT_KERNEL void transpose_conv2d_s8(
    const int8_t *input, const int8_t *filter, const int32_t *bias,
    int8_t *output, int32_t batches, int32_t input_h, int32_t input_w,
    int32_t input_c, int32_t filter_h, int32_t filter_w, int32_t output_h,
    int32_t output_w, int32_t output_c, int32_t stride_h, int32_t stride_w,
    int32_t pad_top, int32_t pad_left, int32_t input_zero_point,
    int32_t output_zero_point, const int32_t *output_multiplier,
    const int32_t *output_shift, int32_t activation_min,
    int32_t activation_max) {
  const int32_t filter_channel_size = filter_h * filter_w * input_c;
  for (int32_t batch = 0; batch < batches; ++batch) {
    const int8_t *input_batch = input + batch * input_h * input_w * input_c;
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        int8_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          int32_t acc = transpose_conv2d_sum_s8(
              input_batch, filter + out_channel * filter_channel_size, input_h,
              input_w, input_c, filter_h, filter_w, stride_h, stride_w, pad_top,
              pad_left, out_y, out_x, input_zero_point);
          if (bias != nullptr)
            acc += bias[out_channel];
          const int32_t scaled = multiply_by_quantized_multiplier(
                                     acc, output_multiplier[out_channel],
                                     output_shift[out_channel]) +
                                 output_zero_point;
          output_pixel[out_channel] = static_cast<int8_t>(
              clamp_i32(scaled, activation_min, activation_max));
        }
      }
    }
  }
}

INGOT_KERNEL void transpose_conv2d_s8(
    const int8_t *input, const int8_t *filter, int8_t *output, int32_t batches,
    int32_t input_h, int32_t input_w, int32_t input_c, int32_t filter_h,
    int32_t filter_w, int32_t output_h, int32_t output_w, int32_t output_c,
    int32_t stride_h, int32_t stride_w, int32_t pad_top, int32_t pad_left,
    int32_t input_zero_point, int32_t output_zero_point,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t activation_min, int32_t activation_max) {
  transpose_conv2d_s8(input, filter, nullptr, output, batches, input_h, input_w,
                      input_c, filter_h, filter_w, output_h, output_w, output_c,
                      stride_h, stride_w, pad_top, pad_left, input_zero_point,
                      output_zero_point, output_multiplier, output_shift,
                      activation_min, activation_max);
}

/// int16x8 without a bias (transpose_conv2d_s16.h has the biased form).
INGOT_KERNEL void transpose_conv2d_s16(
    const int16_t *input, const int8_t *filter, int16_t *output,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t batches, int32_t input_h, int32_t input_w, int32_t input_c,
    int32_t filter_h, int32_t filter_w, int32_t output_h, int32_t output_w,
    int32_t output_c, int32_t stride_h, int32_t stride_w, int32_t pad_top,
    int32_t pad_left, int32_t activation_min, int32_t activation_max) {
  transpose_conv2d_s16(input, filter, nullptr, output, output_multiplier,
                       output_shift, batches, input_h, input_w, input_c,
                       filter_h, filter_w, output_h, output_w, output_c,
                       stride_h, stride_w, pad_top, pad_left, activation_min,
                       activation_max);
}

/// Bytes of `scratch` that transpose_conv2d_hybrid_f32_s8 needs: one int8 for
/// every input element of one batch (batches are quantized one at a time).
constexpr int32_t
transpose_conv2d_hybrid_f32_s8_scratch_bytes(int32_t input_h, int32_t input_w,
                                             int32_t input_c) {
  return input_h * input_w * input_c;
}

/// Hybrid: float32 input, bias and output, int8 weights with zero point 0 and
/// `filter_scales[c]` per output channel (a per-tensor scale repeated).
INGOT_KERNEL void transpose_conv2d_hybrid_f32_s8(
    const float *input, const int8_t *filter, const float *bias, float *output,
    int8_t *scratch, int32_t batches, int32_t input_h, int32_t input_w,
    int32_t input_c, int32_t filter_h, int32_t filter_w, int32_t output_h,
    int32_t output_w, int32_t output_c, int32_t stride_h, int32_t stride_w,
    int32_t pad_top, int32_t pad_left, const float *filter_scales,
    float activation_min, float activation_max) {
  const int32_t filter_channel_size = filter_h * filter_w * input_c;
  const int32_t batch_elements = input_h * input_w * input_c;
  for (int32_t batch = 0; batch < batches; ++batch) {
    float input_scale = 1.0f;
    int32_t input_zero_point = 0;
    asymmetric_quantize_f32_s8(input + batch * batch_elements, batch_elements,
                               scratch, &input_scale, &input_zero_point);
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        float *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          const int32_t acc = transpose_conv2d_sum_s8(
              scratch, filter + out_channel * filter_channel_size, input_h,
              input_w, input_c, filter_h, filter_w, stride_h, stride_w, pad_top,
              pad_left, out_y, out_x, input_zero_point);
          const float scale = input_scale * filter_scales[out_channel];
          const float bias_value = bias != nullptr ? bias[out_channel] : 0.0f;
          output_pixel[out_channel] =
              clamp_f32(static_cast<float>(acc) * scale + bias_value,
                        activation_min, activation_max);
        }
      }
    }
  }
}

INGOT_KERNEL void transpose_conv2d_hybrid_f32_s8(
    const float *input, const int8_t *filter, float *output, int8_t *scratch,
    int32_t batches, int32_t input_h, int32_t input_w, int32_t input_c,
    int32_t filter_h, int32_t filter_w, int32_t output_h, int32_t output_w,
    int32_t output_c, int32_t stride_h, int32_t stride_w, int32_t pad_top,
    int32_t pad_left, const float *filter_scales, float activation_min,
    float activation_max) {
  transpose_conv2d_hybrid_f32_s8(input, filter, nullptr, output, scratch,
                                 batches, input_h, input_w, input_c, filter_h,
                                 filter_w, output_h, output_w, output_c,
                                 stride_h, stride_w, pad_top, pad_left,
                                 filter_scales, activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_TRANSPOSE_CONV2D_H
