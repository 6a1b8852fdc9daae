//===- average_pool2d_s8.h - Reference int8 average pooling -----*- C++ -*-===//
//
// This file implements the portable int8 2-D average pooling, bit-exact with
// TensorFlow Lite Micro's reference int8 average pool. Input and output share
// one scale and zero point, so no rescaling happens: the window sum is divided
// by the number of taps that fall inside the input (padding is excluded from
// the count, not averaged in as zeros) and rounded to nearest, ties away from
// zero.
//
// Layouts (row-major): input [batches][input_h][input_w][channels],
// output [batches][output_h][output_w][channels].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_AVERAGE_POOL2D_S8_H
#define INGOT_RUNTIME_KERNELS_REF_AVERAGE_POOL2D_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/pool2d_int.h"

namespace ingot::ref {

/// Averages each filter_h x filter_w window (no dilation) of every channel.
INGOT_KERNEL void
average_pool2d_s8(const int8_t *input, int8_t *output, int32_t batches,
                  int32_t input_h, int32_t input_w, int32_t channels,
                  int32_t output_h, int32_t output_w, int32_t filter_h,
                  int32_t filter_w, int32_t stride_h, int32_t stride_w,
                  int32_t pad_top, int32_t pad_left, int32_t activation_min,
                  int32_t activation_max) {
  average_pool2d_int(input, output, batches, input_h, input_w, channels,
                     output_h, output_w, filter_h, filter_w, stride_h, stride_w,
                     pad_top, pad_left, activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_AVERAGE_POOL2D_S8_H
