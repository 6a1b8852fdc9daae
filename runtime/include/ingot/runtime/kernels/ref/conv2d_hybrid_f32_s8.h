//===- conv2d_hybrid_f32_s8.h - Hybrid float/int8 convolution ---*- C++ -*-===//
//
// This file implements the dynamic-range ("hybrid") convolution that the TFLite
// converter's Optimize.DEFAULT produces without a representative dataset:
// float32 activations and bias, int8 weights with zero point 0. It follows
// TensorFlow Lite's (not Micro's, which rejects hybrid models) CONV_2D
// kernel, whose arithmetic is:
//
//   1. Each batch of the input is quantized to int8 on the fly, with its own
//      scale. Which quantizer depends on the filter, not on an option
//      (Conv2DOptions has no asymmetric_quantize_inputs):
//      - per-tensor filter (one scale, or per-channel scales that are all
//        equal): symmetric, scale = max|x| / 127 and
//        q = clamp(round(x * (127 / max|x|)), -127, 127), zero point 0;
//        an all-zero batch gets scale 1 and q = 0.
//      - per-channel filter with differing scales: asymmetric over
//        [min(x, 0), max(x, 0)], with the scale and zero point worked out in
//        double (see asymmetric_quantize_f32_s8) and
//        q = clamp(round(x * (1 / scale)) + zero_point, -128, 127).
//      round() is to nearest with halves away from zero (std::round).
//   2. An exact int32 dot product of (q - zero_point) with the filter over the
//      taps inside the input. Padding holds the real value 0, i.e. the zero
//      point, so padded taps add nothing and are skipped.
//   3. With the symmetric quantizer, out = float(acc) * (input_scale *
//      filter_scale), the product of the two scales rounded to float first;
//      with the asymmetric one, out = (float(acc) * filter_scale[c]) *
//      input_scale, left to right, as TFLite's reference per-channel kernel
//      does (the other order was an ulp off it on MobileNetV2's layers, and
//      the next hybrid layer's on-the-fly quantization can turn an ulp into
//      a step).
//   4. The float bias is added to that, then the result is clamped to the
//      fused activation range.
//
// TFLite would send a filter with several equal scales down its per-tensor
// path but read the scale from the tensor's legacy per-layer field, which is
// 0 for a multi-scale tensor, and output the bias alone; this kernel uses the
// common scale instead.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]            float
//   filter [output_c][filter_h][filter_w][input_c]         int8, zero point 0
//   bias   [output_c] (may be nullptr, meaning all zero)   float
//   output [batches][output_h][output_w][output_c]         float
//
// A compiler may contract a multiply and an add into one fused multiply-add
// where the target has one (Cortex-M4F does); that changes the last bits only.
// Grouped convolution (filter depth smaller than input depth) is not
// supported.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CONV2D_HYBRID_F32_S8_H
#define INGOT_RUNTIME_KERNELS_REF_CONV2D_HYBRID_F32_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/hybrid_quantize.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Bytes of `scratch` that conv2d_hybrid_f32_s8 needs: one int8 for every
/// input element of one batch. The kernel quantizes and consumes the batches
/// one at a time, so the size does not grow with `batches`; the parameter is
/// there so that callers size the scratch from the input shape alone.
constexpr int32_t conv2d_hybrid_f32_s8_scratch_bytes(int32_t /*batches*/,
                                                     int32_t input_h,
                                                     int32_t input_w,
                                                     int32_t input_c) {
  return input_h * input_w * input_c;
}

/// Hybrid 2-D convolution of a float32 NHWC tensor with int8 weights.
/// `filter_scales` holds `num_filter_scales` entries: 1 for a per-tensor
/// filter, `output_c` for a per-channel one. `scratch` holds
/// conv2d_hybrid_f32_s8_scratch_bytes(...) bytes for the quantized input. The
/// activation bounds are those of the fused activation, as for conv2d_f32.
INGOT_KERNEL void conv2d_hybrid_f32_s8(
    const float *input, const int8_t *filter, const float *filter_scales,
    int32_t num_filter_scales, const float *bias, float *output,
    int8_t *scratch, int32_t batches, int32_t input_h, int32_t input_w,
    int32_t input_c, int32_t filter_h, int32_t filter_w, int32_t output_h,
    int32_t output_w, int32_t output_c, int32_t stride_h, int32_t stride_w,
    int32_t dilation_h, int32_t dilation_w, int32_t pad_top, int32_t pad_left,
    float activation_min, float activation_max) {
  // Differing per-channel scales select the asymmetric input quantization.
  bool per_channel = false;
  for (int32_t c = 1; c < num_filter_scales; ++c) {
    if (filter_scales[c] != filter_scales[0])
      per_channel = true;
  }
  const int32_t batch_elements = input_h * input_w * input_c;
  for (int32_t batch = 0; batch < batches; ++batch) {
    const float *batch_input = input + batch * batch_elements;
    float input_scale = 1.0f;
    int32_t input_zero_point = 0;
    if (per_channel) {
      asymmetric_quantize_f32_s8(batch_input, batch_elements, scratch,
                                 &input_scale, &input_zero_point);
    } else {
      symmetric_quantize_f32_s8(batch_input, batch_elements, scratch,
                                &input_scale);
    }
    // TFLite multiplies the batch's input scale by the filter scale once.
    const float tensor_scale = input_scale * filter_scales[0];
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        float *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * output_c;
        for (int32_t out_channel = 0; out_channel < output_c; ++out_channel) {
          // Each term is at most 128 * 255 = 32640 in magnitude (a filter
          // value times an input value minus a zero point, both int8), so the
          // int32 sum cannot overflow for up to 65793 terms, i.e.
          // filter_h * filter_w * input_c <= 65793. TFLite accumulates in
          // int32 too.
          int32_t acc = 0;
          for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
            const int32_t in_y = in_y_origin + filter_y * dilation_h;
            if (in_y < 0 || in_y >= input_h)
              continue;
            for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
              const int32_t in_x = in_x_origin + filter_x * dilation_w;
              if (in_x < 0 || in_x >= input_w)
                continue;
              const int8_t *input_pixel =
                  scratch + (in_y * input_w + in_x) * input_c;
              const int8_t *filter_pixel =
                  filter +
                  ((out_channel * filter_h + filter_y) * filter_w + filter_x) *
                      input_c;
              for (int32_t in_channel = 0; in_channel < input_c; ++in_channel)
                acc += static_cast<int32_t>(filter_pixel[in_channel]) *
                       (static_cast<int32_t>(input_pixel[in_channel]) -
                        input_zero_point);
            }
          }
          const float scaled =
              per_channel ? static_cast<float>(acc) *
                                filter_scales[out_channel] * input_scale
                          : static_cast<float>(acc) * tensor_scale;
          const float bias_value = bias != nullptr ? bias[out_channel] : 0.0f;
          output_pixel[out_channel] =
              clamp_f32(scaled + bias_value, activation_min, activation_max);
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CONV2D_HYBRID_F32_S8_H
