//===- pool2d_int.h - int8 and int16 pooling loops --------------*- C++ -*-===//
//
// This file holds the average and max pooling loops that the int8 and int16
// kernels share: TensorFlow Lite Micro's reference int8 and int16 pools have
// the same arithmetic (input and output share one scale and zero point), so
// only the element type differs.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_POOL2D_INT_H
#define INGOT_RUNTIME_KERNELS_REF_POOL2D_INT_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Averages each filter_h x filter_w window (no dilation) of every channel.
template <typename Element>
INGOT_KERNEL void
average_pool2d_int(const Element *input, Element *output, int32_t batches,
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
        Element *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * channels;
        for (int32_t channel = 0; channel < channels; ++channel) {
          // At most 2^15 per tap (int16): int32 holds the sum of any window
          // below 2^16 taps (256 x 256). The reference sums in int32 as well.
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
          output_pixel[channel] = static_cast<Element>(
              clamp_i32(average, activation_min, activation_max));
        }
      }
    }
  }
}

/// Takes the maximum of each filter_h x filter_w window (no dilation) of every
/// channel, then clamps it to the fused activation range.
template <typename Element>
INGOT_KERNEL void
max_pool2d_int(const Element *input, Element *output, int32_t batches,
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
        Element *output_pixel =
            output + ((batch * output_h + out_y) * output_w + out_x) * channels;
        for (int32_t channel = 0; channel < channels; ++channel) {
          // Starting from the smallest value of the type makes an
          // (impossible) empty window produce the clamped minimum, as the
          // reference does.
          int32_t maximum = -(int32_t{1} << (8 * sizeof(Element) - 1));
          for (int32_t filter_y = filter_y_start; filter_y < filter_y_end;
               ++filter_y) {
            const int32_t in_y = in_y_origin + filter_y;
            for (int32_t filter_x = filter_x_start; filter_x < filter_x_end;
                 ++filter_x) {
              const int32_t in_x = in_x_origin + filter_x;
              const int32_t value =
                  input[((batch * input_h + in_y) * input_w + in_x) * channels +
                        channel];
              if (value > maximum)
                maximum = value;
            }
          }
          output_pixel[channel] = static_cast<Element>(
              clamp_i32(maximum, activation_min, activation_max));
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_POOL2D_INT_H
