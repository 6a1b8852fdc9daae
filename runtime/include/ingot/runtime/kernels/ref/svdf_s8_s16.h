//===- svdf_s8_s16.h - int8 SVDF with an int16 state ------------*- C++ -*-===//
//
// This file implements the int8 SVDF layer in the layout the TFLite converter
// writes and TensorFlow Lite Micro runs (EvalIntegerSvdfReference<int16_t>):
// int8 input, feature weights and output, int16 time weights and int16
// activation state (symmetric), int32 bias. svdf_s8.h is the variant whose
// time weights and state are int8.
//
// Shapes: input [batches][input_size], weights_feature
// [num_filters][input_size], weights_time [num_filters][memory_size], bias
// [num_units] (the overload without a bias pointer has none),
// activation_state [batches][num_filters][memory_size] (read and updated in
// place; zero before the first invocation), output [batches][num_units], with
// num_filters = num_units * rank.
//
// multiplier_1/shift_1 encode input_scale * weights_feature_scale /
// state_scale and multiplier_2/shift_2 state_scale * weights_time_scale /
// output_scale, each product and quotient rounded in float first
// (ingot::quant::computeSvdfParams). TFLite Micro applies no fused activation
// to an integer SVDF: the output only saturates to int8.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SVDF_S8_S16_H
#define INGOT_RUNTIME_KERNELS_REF_SVDF_S8_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

INGOT_KERNEL void
svdf_s8_s16(const int8_t *input, const int8_t *weights_feature,
            const int16_t *weights_time, const int32_t *bias,
            int16_t *activation_state, int8_t *output, int32_t batches,
            int32_t input_size, int32_t num_filters, int32_t num_units,
            int32_t memory_size, int32_t rank, int32_t input_zero_point,
            int32_t output_zero_point, int32_t multiplier_1, int32_t shift_1,
            int32_t multiplier_2, int32_t shift_2) {
  // Shifting the whole buffer moves each history's oldest entry into the
  // previous history's newest slot, which the feature projection overwrites.
  const int32_t state_size = batches * num_filters * memory_size;
  for (int32_t i = 0; i + 1 < state_size; ++i)
    activation_state[i] = activation_state[i + 1];
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t *input_row = input + b * input_size;
    for (int32_t f = 0; f < num_filters; ++f) {
      const int8_t *weights_row = weights_feature + f * input_size;
      int32_t dot = 0;
      for (int32_t c = 0; c < input_size; ++c)
        dot += weights_row[c] * (input_row[c] - input_zero_point);
      const int32_t rescaled =
          multiply_by_quantized_multiplier(dot, multiplier_1, shift_1);
      activation_state[(b * num_filters + f) * memory_size + memory_size - 1] =
          static_cast<int16_t>(clamp_i32(rescaled, -32768, 32767));
    }
  }
  // Integer addition is associative, so summing each unit's rank filters
  // straight onto its bias equals the reference's staged scratch sums.
  for (int32_t b = 0; b < batches; ++b) {
    const int16_t *state_batch =
        activation_state + b * num_filters * memory_size;
    for (int32_t u = 0; u < num_units; ++u) {
      int32_t sum = bias != nullptr ? bias[u] : 0;
      for (int32_t r = 0; r < rank; ++r) {
        const int32_t f = u * rank + r;
        const int16_t *history = state_batch + f * memory_size;
        const int16_t *time_row = weights_time + f * memory_size;
        for (int32_t m = 0; m < memory_size; ++m)
          sum += static_cast<int32_t>(time_row[m]) *
                 static_cast<int32_t>(history[m]);
      }
      const int32_t rescaled =
          multiply_by_quantized_multiplier(sum, multiplier_2, shift_2);
      output[b * num_units + u] = static_cast<int8_t>(
          clamp_i32(rescaled + output_zero_point, -128, 127));
    }
  }
}

INGOT_KERNEL void
svdf_s8_s16(const int8_t *input, const int8_t *weights_feature,
            const int16_t *weights_time, int16_t *activation_state,
            int8_t *output, int32_t batches, int32_t input_size,
            int32_t num_filters, int32_t num_units, int32_t memory_size,
            int32_t rank, int32_t input_zero_point, int32_t output_zero_point,
            int32_t multiplier_1, int32_t shift_1, int32_t multiplier_2,
            int32_t shift_2) {
  svdf_s8_s16(input, weights_feature, weights_time, nullptr, activation_state,
              output, batches, input_size, num_filters, num_units, memory_size,
              rank, input_zero_point, output_zero_point, multiplier_1, shift_1,
              multiplier_2, shift_2);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_SVDF_S8_S16_H
