//===- average_pool2d_s16.h - Reference int16 average pooling ---*- C++ -*-===//
//
// This file implements the portable int16 2-D average pooling, bit-exact with
// TensorFlow Lite Micro's reference int16 average pool, whose arithmetic is
// that of the int8 one: input and output share one scale and zero point, so
// no rescaling happens. The window sum is divided by the number of taps that
// fall inside the input (padding is excluded from the count, not averaged in
// as zeros) and rounded to nearest, ties away from zero.
//
// Layouts (row-major): input [batches][input_h][input_w][channels],
// output [batches][output_h][output_w][channels].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_AVERAGE_POOL2D_S16_H
#define INGOT_RUNTIME_KERNELS_REF_AVERAGE_POOL2D_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Averages each filter_h x filter_w window (no dilation) of every channel,
/// then clamps the average to [activation_min, activation_max].
INGOT_KERNEL void
average_pool2d_s16(const int16_t *input, int16_t *output, int32_t batches,
                   int32_t input_h, int32_t input_w, int32_t channels,
                   int32_t output_h, int32_t output_w, int32_t filter_h,
                   int32_t filter_w, int32_t stride_h, int32_t stride_w,
                   int32_t pad_top, int32_t pad_left, int32_t activation_min,
                   int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    for (int32_t out_y = 0; out_y < output_h; ++out_y) {
      const int32_t in_y_origin = out_y * stride_h - pad_top;
      // Clip the window to the rows that exist in the input.
      const int32_t filter_y_start = in_y_origin < 0 ? -in_y_origin : 0;
      const int32_t filter_y_end =
          input_h - in_y_origin < filter_h ? input_h - in_y_origin : filter_h;
      for (int32_t out_x = 0; out_x < output_w; ++out_x) {
        const int32_t in_x_origin = out_x * stride_w - pad_left;
        const int32_t filter_x_start = in_x_origin < 0 ? -in_x_origin : 0;
        const int32_t filter_x_end =
            input_w - in_x_origin < filter_w ? input_w - in_x_origin : filter_w;
        int16_t *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * channels;
        for (int32_t channel = 0; channel < channels; ++channel) {
          // At most 2^15 per tap: int32 holds the sum of any window below
          // 2^16 taps (256 x 256). The reference sums in int32 as well.
          int32_t sum = 0;
          int32_t count = 0;
          for (int32_t filter_y = filter_y_start; filter_y < filter_y_end;
               ++filter_y) {
            const int32_t in_y = in_y_origin + filter_y;
            for (int32_t filter_x = filter_x_start; filter_x < filter_x_end;
                 ++filter_x) {
              const int32_t in_x = in_x_origin + filter_x;
              sum +=
                  input[((batch * input_h + in_y) * input_w + in_x) * channels +
                        channel];
              ++count;
            }
          }
          // A window entirely in the padding cannot arise from TFLite's SAME
          // or VALID padding (the reference reports an error for it); write
          // the clamped zero rather than divide by zero.
          int32_t average = 0;
          if (count > 0) {
            // Integer division truncates toward zero, so moving the sum half
            // a divisor away from zero first rounds ties away from zero.
            average =
                sum > 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
          }
          output_pixel[channel] = static_cast<int16_t>(
              clamp_i32(average, activation_min, activation_max));
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_AVERAGE_POOL2D_S16_H
