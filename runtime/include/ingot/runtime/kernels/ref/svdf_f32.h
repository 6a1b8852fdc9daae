//===- svdf_f32.h - Reference float32 SVDF ----------------------*- C++ -*-===//
//
// This file implements the float32 SVDF (singular value decomposition filter)
// layer as TensorFlow Lite Micro's reference (EvalFloatSvdfReference) does,
// summing in the same order so that results agree to the last bits.
//
// Shapes: input [batches][input_size], weights_feature
// [num_filters][input_size], weights_time [num_filters][memory_size], bias
// [num_units] (the overload without a bias pointer has none),
// activation_state [batches][num_filters][memory_size] (read and updated in
// place; zero before the first invocation), output [batches][num_units], with
// num_filters = num_units * rank.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SVDF_F32_H
#define INGOT_RUNTIME_KERNELS_REF_SVDF_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// One SVDF step; the fused activation is the clamp to
/// [activation_min, activation_max].
INGOT_KERNEL void svdf_f32(const float *input, const float *weights_feature,
                           const float *weights_time, const float *bias,
                           float *activation_state, float *output,
                           int32_t batches, int32_t input_size,
                           int32_t num_filters, int32_t num_units,
                           int32_t memory_size, int32_t rank,
                           float activation_min, float activation_max) {
  // Shifting the whole buffer moves each history's oldest entry into the
  // previous history's newest slot, which the feature projection overwrites.
  const int32_t state_size = batches * num_filters * memory_size;
  for (int32_t i = 0; i + 1 < state_size; ++i)
    activation_state[i] = activation_state[i + 1];
  for (int32_t b = 0; b < batches; ++b) {
    const float *input_row = input + b * input_size;
    for (int32_t f = 0; f < num_filters; ++f) {
      const float *weights_row = weights_feature + f * input_size;
      float dot = 0.0f;
      for (int32_t c = 0; c < input_size; ++c)
        dot += weights_row[c] * input_row[c];
      activation_state[(b * num_filters + f) * memory_size + memory_size - 1] =
          dot;
    }
  }
  for (int32_t b = 0; b < batches; ++b) {
    const float *state_batch = activation_state + b * num_filters * memory_size;
    for (int32_t u = 0; u < num_units; ++u) {
      // The reference starts from the bias and adds each rank's finished
      // time-filter sum, so the per-filter sums are kept separate here too.
      float sum = bias != nullptr ? bias[u] : 0.0f;
      for (int32_t r = 0; r < rank; ++r) {
        const int32_t f = u * rank + r;
        const float *history = state_batch + f * memory_size;
        const float *time_row = weights_time + f * memory_size;
        float filtered = 0.0f;
        for (int32_t m = 0; m < memory_size; ++m)
          filtered += time_row[m] * history[m];
        sum += filtered;
      }
      const float low = sum < activation_min ? activation_min : sum;
      output[b * num_units + u] = low > activation_max ? activation_max : low;
    }
  }
}

INGOT_KERNEL void svdf_f32(const float *input, const float *weights_feature,
                           const float *weights_time, float *activation_state,
                           float *output, int32_t batches, int32_t input_size,
                           int32_t num_filters, int32_t num_units,
                           int32_t memory_size, int32_t rank,
                           float activation_min, float activation_max) {
  svdf_f32(input, weights_feature, weights_time, nullptr, activation_state,
           output, batches, input_size, num_filters, num_units, memory_size,
           rank, activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_SVDF_F32_H
