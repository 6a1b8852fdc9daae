//===- fully_connected_f32.h - Reference float32 fully connected -*- C++
//-*-===//
//
// This file implements the portable float32 fully connected (dense) layer,
// performing the same single-precision operations in the same order as
// TensorFlow Lite Micro's reference float fully connected kernel: each output
// starts from 0, the products are summed in increasing accumulation index,
// the bias is added once at the end, and the result is clamped to the fused
// activation range.
//
// Layouts (row-major):
//   input  [batches][accum_depth]
//   filter [output_depth][accum_depth]
//   bias   [output_depth] (may be nullptr, meaning all zero)
//   output [batches][output_depth]
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_F32_H
#define INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Computes output = clamp(filter * input + bias) for every batch row. The
/// activation bounds are those of the fused activation: [0, FLT_MAX] for
/// RELU, [0, 6] for RELU6 and [-FLT_MAX, FLT_MAX] for none.
INGOT_KERNEL void fully_connected_f32(const float *input, const float *filter,
                                      const float *bias, float *output,
                                      int32_t batches, int32_t accum_depth,
                                      int32_t output_depth,
                                      float activation_min,
                                      float activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    const float *input_row = input + batch * accum_depth;
    float *output_row = output + batch * output_depth;
    for (int32_t out_index = 0; out_index < output_depth; ++out_index) {
      const float *filter_row = filter + out_index * accum_depth;
      float total = 0.0f;
      for (int32_t depth = 0; depth < accum_depth; ++depth)
        total += input_row[depth] * filter_row[depth];
      // The reference always adds a bias, 0 when there is none.
      const float bias_value = bias != nullptr ? bias[out_index] : 0.0f;
      output_row[out_index] =
          clamp_f32(total + bias_value, activation_min, activation_max);
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_F32_H
