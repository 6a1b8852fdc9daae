//===- svdf_s8.h - Reference int8 SVDF --------------------------*- C++ -*-===//
//
// This file implements the SVDF (singular value decomposition filter) layer
// for int8 input, int8 feature and time weights, int32 bias and an int8
// activation state, bit-exact with TensorFlow Lite Micro's reference kernel
// (EvalIntegerSvdfReference<int8_t>).
//
// The state holds, per batch and filter, the last `memory_size` feature
// activations, oldest first: layout [batches][num_filters][memory_size]. One
// invocation
//   1. shifts every filter's history one step towards the front, dropping the
//      oldest entry;
//   2. writes the newest entry: the dot product of the input with the
//      filter's feature weights, rescaled to the state scale (multiplier_1),
//      saturated to int8 and then offset by the state zero point;
//   3. takes the dot product of every filter's history with its time weights
//      and sums the `rank` filters of each unit onto the unit's bias;
//   4. rescales the sums to the output (multiplier_2), adds the output zero
//      point and clamps to [activation_min, activation_max].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SVDF_S8_H
#define INGOT_RUNTIME_KERNELS_REF_SVDF_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot {
namespace ref {

/// One SVDF step. Shapes: input [batches][input_size], weights_feature
/// [num_filters][input_size], weights_time [num_filters][memory_size], bias
/// [num_units] (may be null), activation_state
/// [batches][num_filters][memory_size] (read and updated in place), output
/// [batches][num_units], with num_filters = num_units * rank.
///
/// multiplier_1/shift_1 encode input_scale * weights_feature_scale /
/// state_scale and multiplier_2/shift_2 state_scale * weights_time_scale /
/// output_scale (ingot::quant::computeSvdfParams). Weights are symmetric
/// (zero point 0). TFLite Micro ignores the fused activation of an int8 SVDF
/// and only saturates to int8, so pass -128/127 as the activation range to
/// match it.
///
/// Before the first invocation every state byte must equal
/// state_zero_point: that is what TFLite Micro's AllocateTensors resets
/// int8 variable tensors to.
INGOT_KERNEL void
svdf_s8(const int8_t *input, const int8_t *weights_feature,
        const int8_t *weights_time, const int32_t *bias,
        int8_t *activation_state, int8_t *output, int32_t batches,
        int32_t input_size, int32_t num_filters, int32_t num_units,
        int32_t memory_size, int32_t rank, int32_t input_zero_point,
        int32_t state_zero_point, int32_t output_zero_point,
        int32_t multiplier_1, int32_t shift_1, int32_t multiplier_2,
        int32_t shift_2, int32_t activation_min, int32_t activation_max) {
  // 1. Shift the whole state buffer one element towards the front. Across a
  // row boundary this moves a filter's oldest entry into the previous
  // filter's newest slot, which step 2 overwrites, so the result is the same
  // as shifting each history separately.
  const int32_t state_size = batches * num_filters * memory_size;
  for (int32_t i = 0; i + 1 < state_size; ++i)
    activation_state[i] = activation_state[i + 1];

  // 2. Feature projection into the newest slot of each history.
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t *input_row = input + b * input_size;
    for (int32_t f = 0; f < num_filters; ++f) {
      const int8_t *weights_row = weights_feature + f * input_size;
      int32_t dot = 0;
      for (int32_t c = 0; c < input_size; ++c)
        dot += weights_row[c] * (input_row[c] - input_zero_point);
      const int32_t rescaled =
          multiply_by_quantized_multiplier(dot, multiplier_1, shift_1);
      // The reference saturates before adding the zero point and then
      // narrows to int8, so a sum outside [-128, 127] wraps around (two's
      // complement) instead of saturating.
      const int32_t saturated = clamp_i32(rescaled, -128, 127);
      activation_state[(b * num_filters + f) * memory_size + memory_size - 1] =
          static_cast<int8_t>(saturated + state_zero_point);
    }
  }

  // 3 and 4. Time filtering, rank reduction, bias and output rescale. The
  // reference stages per-filter sums in scratch buffers; integer addition is
  // associative, so accumulating straight into the unit's sum is identical.
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t *state_batch =
        activation_state + b * num_filters * memory_size;
    for (int32_t u = 0; u < num_units; ++u) {
      int32_t sum = bias != nullptr ? bias[u] : 0;
      for (int32_t r = 0; r < rank; ++r) {
        const int32_t f = u * rank + r;
        const int8_t *history = state_batch + f * memory_size;
        const int8_t *time_row = weights_time + f * memory_size;
        for (int32_t m = 0; m < memory_size; ++m)
          sum += time_row[m] * (history[m] - state_zero_point);
      }
      const int32_t rescaled =
          multiply_by_quantized_multiplier(sum, multiplier_2, shift_2);
      output[b * num_units + u] = static_cast<int8_t>(clamp_i32(
          rescaled + output_zero_point, activation_min, activation_max));
    }
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_SVDF_S8_H
