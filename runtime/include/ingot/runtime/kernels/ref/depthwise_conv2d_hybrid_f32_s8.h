//===- depthwise_conv2d_hybrid_f32_s8.h - Hybrid depthwise conv -*- C++ -*-===//
//
// This file implements the dynamic-range ("hybrid") depthwise convolution:
// float32 activations and bias, int8 weights with zero point 0, one scale per
// output channel (or one for the tensor). As TensorFlow Lite's hybrid
// DEPTHWISE_CONV_2D does, each batch of the input is quantized on the fly
// (asymmetrically when the filter's channel scales differ, symmetrically
// otherwise; see hybrid_quantize.h), multiplied with the filter in exact int32
// arithmetic, and rescaled: out = float(acc) * (input_scale *
// filter_scale[c]) + bias[c], clamped to the fused activation.
//
// Layouts (row-major):
//   input  [batches][input_h][input_w][input_c]                 float
//   filter [1][filter_h][filter_w][output_c]                    int8
//   bias   [output_c] (may be nullptr)                          float
//   output [batches][output_h][output_w][output_c]              float
// with output_c = input_c * depth_multiplier.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_HYBRID_F32_S8_H
#define INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_HYBRID_F32_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/hybrid_quantize.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Bytes of `scratch` depthwise_conv2d_hybrid_f32_s8 needs: one quantized
/// batch of the input, reused for every batch.
constexpr int32_t depthwise_conv2d_hybrid_f32_s8_scratch_bytes(
    int32_t /*batches*/, int32_t input_h, int32_t input_w, int32_t input_c) {
  return input_h * input_w * input_c;
}

INGOT_KERNEL void depthwise_conv2d_hybrid_f32_s8(
    const float *input, const int8_t *filter, const float *filter_scales,
    int32_t num_filter_scales, const float *bias, float *output,
    int8_t *scratch, int32_t batches, int32_t input_h, int32_t input_w,
    int32_t input_c, int32_t filter_h, int32_t filter_w, int32_t output_h,
    int32_t output_w, int32_t output_c, int32_t depth_multiplier,
    int32_t stride_h, int32_t stride_w, int32_t dilation_h, int32_t dilation_w,
    int32_t pad_top, int32_t pad_left, float activation_min,
    float activation_max) {
  bool per_channel = false;
  for (int32_t c = 1; c < num_filter_scales; ++c) {
    if (filter_scales[c] != filter_scales[0])
      per_channel = true;
  }
  const int32_t batch_elements = input_h * input_w * input_c;
  for (int32_t batch = 0; batch < batches; ++batch) {
    float input_scale = 1.0f;
    int32_t input_zero_point = 0;
    if (per_channel) {
      asymmetric_quantize_f32_s8(input + batch * batch_elements, batch_elements,
                                 scratch, &input_scale, &input_zero_point);
    } else {
      symmetric_quantize_f32_s8(input + batch * batch_elements, batch_elements,
                                scratch, &input_scale);
    }
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        for (int32_t in_channel = 0; in_channel < input_c; ++in_channel) {
          for (int32_t m = 0; m < depth_multiplier; ++m) {
            const int32_t out_channel = in_channel * depth_multiplier + m;
            // At most filter_h * filter_w terms of magnitude <= 128 * 255:
            // exact in int32 for any practical window.
            int32_t acc = 0;
            for (int32_t filter_y = 0; filter_y < filter_h; ++filter_y) {
              const int32_t in_y =
                  out_y * stride_h - pad_top + filter_y * dilation_h;
              if (in_y < 0 || in_y >= input_h)
                continue;
              for (int32_t filter_x = 0; filter_x < filter_w; ++filter_x) {
                const int32_t in_x =
                    out_x * stride_w - pad_left + filter_x * dilation_w;
                if (in_x < 0 || in_x >= input_w)
                  continue;
                const int32_t value =
                    scratch[(in_y * input_w + in_x) * input_c + in_channel];
                const int32_t weight =
                    filter[(filter_y * filter_w + filter_x) * output_c +
                           out_channel];
                acc += weight * (value - input_zero_point);
              }
            }
            const float filter_scale =
                filter_scales[num_filter_scales == 1 ? 0 : out_channel];
            const float bias_value = bias != nullptr ? bias[out_channel] : 0.0f;
            output[((batch * output_h + out_y) * output_w + out_x) * output_c +
                   out_channel] =
                clamp_f32(static_cast<float>(acc) *
                                  (input_scale * filter_scale) +
                              bias_value,
                          activation_min, activation_max);
          }
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_DEPTHWISE_CONV2D_HYBRID_F32_S8_H
