//===- fully_connected_s16.h - Reference int16x8 fully connected *- C++ -*-===//
//
// This file implements the portable fully connected (dense) layer of int16
// activations with int8 weights and int64 bias ("16x8" quantization),
// bit-exact with TensorFlow Lite Micro's reference int16 fully connected: an
// exact int64 dot product, the bias added before rescaling, one per-tensor
// int64 rescale (multiply_by_quantized_multiplier_s64) and the clamp to the
// fused activation range.
//
// Layouts (row-major):
//   input  [batches][accum_depth]
//   filter [output_depth][accum_depth]
//   bias   [output_depth] (may be nullptr, meaning all zero)
//   output [batches][output_depth]
//
// The reference applies no input or output offset to int16 tensors (their
// zero point is 0 in TFLite). It does add the negated filter zero point to
// each weight, but TFLite Micro requires that zero point to be 0 (weights are
// symmetric), so this kernel has no filter offset; the compiler must reject a
// filter with a non-zero zero point. TFLite Micro supports only per-tensor
// filter scales here (per-channel fully connected is int8-only), hence the
// single multiplier.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_S16_H
#define INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Computes output = clamp(rescale(filter * input + bias)) for every batch
/// row. The rescale is output_multiplier * 2^(output_shift - 31) with
/// output_shift at most 7, as the compiler's fullyConnectedMultiplier gives.
INGOT_KERNEL void
fully_connected_s16(const int16_t *input, const int8_t *filter,
                    const int64_t *bias, int16_t *output, int32_t batches,
                    int32_t accum_depth, int32_t output_depth,
                    int32_t output_multiplier, int32_t output_shift,
                    int32_t activation_min, int32_t activation_max) {
  for (int32_t batch = 0; batch < batches; ++batch) {
    const int16_t *input_row = input + batch * accum_depth;
    int16_t *output_row = output + batch * output_depth;
    for (int32_t out_index = 0; out_index < output_depth; ++out_index) {
      const int8_t *filter_row = filter + out_index * accum_depth;
      // Each product is at most 128 * 32768 = 2^22 in magnitude and is exact
      // in int32. An int32 sum would overflow after 2^9 such terms; the int64
      // sum stays below the 2^47 that the rescale accepts for any accum_depth
      // under 2^24 (with a bias under 2^46).
      int64_t acc = 0;
      for (int32_t depth = 0; depth < accum_depth; ++depth) {
        acc += static_cast<int32_t>(filter_row[depth]) *
               static_cast<int32_t>(input_row[depth]);
      }
      if (bias != nullptr)
        acc += bias[out_index];
      const int32_t scaled = multiply_by_quantized_multiplier_s64(
          acc, output_multiplier, output_shift);
      output_row[out_index] = static_cast<int16_t>(
          clamp_i32(scaled, activation_min, activation_max));
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_S16_H
