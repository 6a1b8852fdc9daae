//===- l2_pool2d_f32.h - Reference float32 L2 pooling -----------*- C++ -*-===//
//
// This file implements L2_POOL_2D on float32 NHWC tensors as TensorFlow Lite
// Micro's reference L2Pool computes it: the square root of the mean of the
// squares of the window's in-bounds elements (padding is not counted), then
// the fused activation clamp.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_L2_POOL2D_F32_H
#define INGOT_RUNTIME_KERNELS_REF_L2_POOL2D_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

INGOT_KERNEL void l2_pool2d_f32(const float *input, float *output,
                                int32_t batches, int32_t input_h,
                                int32_t input_w, int32_t channels,
                                int32_t output_h, int32_t output_w,
                                int32_t filter_h, int32_t filter_w,
                                int32_t stride_h, int32_t stride_w,
                                int32_t pad_top, int32_t pad_left,
                                float activation_min, float activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t origin_y = out_y * stride_h - pad_top;
      const int32_t y_begin = origin_y < 0 ? 0 : origin_y;
      const int32_t y_end =
          origin_y + filter_h < input_h ? origin_y + filter_h : input_h;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t origin_x = out_x * stride_w - pad_left;
        const int32_t x_begin = origin_x < 0 ? 0 : origin_x;
        const int32_t x_end =
            origin_x + filter_w < input_w ? origin_x + filter_w : input_w;
        float *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * channels;
        for (int32_t channel = 0; channel < channels; ++channel) {
          float sum_squares = 0.0f;
          int32_t count = 0;
          for (int32_t y = y_begin; y < y_end; ++y) {
            for (int32_t x = x_begin; x < x_end; ++x) {
              const float value =
                  input[((batch * input_h + y) * input_w + x) * channels +
                        channel];
              sum_squares += value * value;
              ++count;
            }
          }
          const float mean = sum_squares / static_cast<float>(count);
          output_pixel[channel] =
              clamp_f32(__builtin_sqrtf(mean), activation_min, activation_max);
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_L2_POOL2D_F32_H
