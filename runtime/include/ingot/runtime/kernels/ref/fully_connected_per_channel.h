//===- fully_connected_per_channel.h - Per-channel FULLY_CONNECTED -*- C++ -*-//
//
// This file implements FULLY_CONNECTED with int8 weights quantized per
// output channel, for int8 and int16 activations, matching TensorFlow Lite
// Micro's reference per-channel kernels: output channel c is rescaled by
// output_multiplier[c] * 2^(output_shift[c] - 31). Weights are symmetric.
//
// Layouts: input [batches][accum_depth], filter [output_depth][accum_depth],
// bias [output_depth] (the overloads without a bias pointer have none),
// output [batches][output_depth].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_PER_CHANNEL_H
#define INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_PER_CHANNEL_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// int8: (input - input_zero_point) . filter summed in int32, plus the bias,
/// rescaled, offset by output_zero_point and clamped.
INGOT_KERNEL void fully_connected_per_channel_s8(
    const int8_t *input, const int8_t *filter, const int32_t *bias,
    int8_t *output, int32_t batches, int32_t accum_depth, int32_t output_depth,
    int32_t input_zero_point, int32_t output_zero_point,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t activation_min, int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    const int8_t *input_row = input + batch * accum_depth;
    for (int32_t channel = 0; channel < output_depth; ++channel) {
      const int8_t *filter_row = filter + channel * accum_depth;
      int32_t acc = 0;
      for (int32_t d = 0; d < accum_depth; ++d)
        acc += (static_cast<int32_t>(input_row[d]) - input_zero_point) *
               static_cast<int32_t>(filter_row[d]);
      if (bias != nullptr)
        acc += bias[channel];
      const int32_t scaled =
          multiply_by_quantized_multiplier(acc, output_multiplier[channel],
                                           output_shift[channel]) +
          output_zero_point;
      output[batch * output_depth + channel] = static_cast<int8_t>(
          clamp_i32(scaled, activation_min, activation_max));
    }
  }
}

INGOT_KERNEL void fully_connected_per_channel_s8(
    const int8_t *input, const int8_t *filter, int8_t *output, int32_t batches,
    int32_t accum_depth, int32_t output_depth, int32_t input_zero_point,
    int32_t output_zero_point, const int32_t *output_multiplier,
    const int32_t *output_shift, int32_t activation_min,
    int32_t activation_max) {
  fully_connected_per_channel_s8(input, filter, nullptr, output, batches,
                                 accum_depth, output_depth, input_zero_point,
                                 output_zero_point, output_multiplier,
                                 output_shift, activation_min, activation_max);
}

/// int16x8 (symmetric activations). TFLM sums in the bias's type: with an
/// int64 bias (or none) the sum is int64 and rescaled with the int64 form of
/// the multiplier; with an int32 bias it is int32 and rescaled with the int32
/// form, whose rounding differs.
template <typename Accumulator>
INGOT_KERNEL int32_t fully_connected_per_channel_rescale(Accumulator acc,
                                                         int32_t multiplier,
                                                         int32_t shift);

template <>
INGOT_KERNEL int32_t fully_connected_per_channel_rescale<int64_t>(
    int64_t acc, int32_t multiplier, int32_t shift) {
  return multiply_by_quantized_multiplier_s64(acc, multiplier, shift);
}

template <>
INGOT_KERNEL int32_t fully_connected_per_channel_rescale<int32_t>(
    int32_t acc, int32_t multiplier, int32_t shift) {
  return multiply_by_quantized_multiplier(acc, multiplier, shift);
}

template <typename Bias>
INGOT_KERNEL void fully_connected_per_channel_s16_impl(
    const int16_t *input, const int8_t *filter, const Bias *bias,
    int16_t *output, int32_t batches, int32_t accum_depth, int32_t output_depth,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t activation_min, int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    const int16_t *input_row = input + batch * accum_depth;
    for (int32_t channel = 0; channel < output_depth; ++channel) {
      const int8_t *filter_row = filter + channel * accum_depth;
      Bias acc = 0;
      for (int32_t d = 0; d < accum_depth; ++d)
        acc += static_cast<int32_t>(input_row[d]) *
               static_cast<int32_t>(filter_row[d]);
      if (bias != nullptr)
        acc += bias[channel];
      const int32_t scaled = fully_connected_per_channel_rescale<Bias>(
          acc, output_multiplier[channel], output_shift[channel]);
      output[batch * output_depth + channel] = static_cast<int16_t>(
          clamp_i32(scaled, activation_min, activation_max));
    }
  }
}

INGOT_KERNEL void fully_connected_per_channel_s16(
    const int16_t *input, const int8_t *filter, const int64_t *bias,
    int16_t *output, int32_t batches, int32_t accum_depth, int32_t output_depth,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t activation_min, int32_t activation_max) {
  fully_connected_per_channel_s16_impl(
      input, filter, bias, output, batches, accum_depth, output_depth,
      output_multiplier, output_shift, activation_min, activation_max);
}

INGOT_KERNEL void fully_connected_per_channel_s16(
    const int16_t *input, const int8_t *filter, const int32_t *bias,
    int16_t *output, int32_t batches, int32_t accum_depth, int32_t output_depth,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t activation_min, int32_t activation_max) {
  fully_connected_per_channel_s16_impl(
      input, filter, bias, output, batches, accum_depth, output_depth,
      output_multiplier, output_shift, activation_min, activation_max);
}

INGOT_KERNEL void fully_connected_per_channel_s16(
    const int16_t *input, const int8_t *filter, int16_t *output,
    int32_t batches, int32_t accum_depth, int32_t output_depth,
    const int32_t *output_multiplier, const int32_t *output_shift,
    int32_t activation_min, int32_t activation_max) {
  fully_connected_per_channel_s16_impl<int64_t>(
      input, filter, nullptr, output, batches, accum_depth, output_depth,
      output_multiplier, output_shift, activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_PER_CHANNEL_H
