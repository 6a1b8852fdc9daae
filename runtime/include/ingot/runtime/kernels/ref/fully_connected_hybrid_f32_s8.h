//===- fully_connected_hybrid_f32_s8.h - Hybrid matrix-vector ---*- C++ -*-===//
//
// This file implements the dynamic-range ("hybrid") fully connected layer:
// float32 input, output and bias, int8 weights with zero point 0 and one
// scale per output unit (a per-tensor scale is passed repeated). As in
// TensorFlow Lite's hybrid FULLY_CONNECTED:
//
//   1. Each batch row of the input is quantized on the fly with its own scale
//      (hybrid_quantize.h): symmetrically (zero point 0) by default, or
//      asymmetrically with a zero point when the model sets
//      FullyConnectedOptions.asymmetric_quantize_inputs (`asymmetric_inputs`;
//      TensorFlow's converter sets it on every dynamic-range FULLY_CONNECTED
//      it writes with per-channel weights).
//   2. An exact int32 dot product of (q - zero_point) with the weight row.
//   3. out = bias + float(acc) * (input_scale * filter_scales[unit]), the
//      product of the two scales rounded to float first; the fused activation
//      clamps last.
//
// Layouts (row-major): input [batches][accum_depth], filter
// [output_depth][accum_depth], bias [output_depth] (may be nullptr), output
// [batches][output_depth].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_HYBRID_F32_S8_H
#define INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_HYBRID_F32_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/hybrid_quantize.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Bytes of `scratch` fully_connected_hybrid_f32_s8 needs: one quantized
/// input row, reused for every batch.
constexpr int32_t
fully_connected_hybrid_f32_s8_scratch_bytes(int32_t accum_depth) {
  return accum_depth;
}

INGOT_KERNEL void fully_connected_hybrid_f32_s8(
    const float *input, const int8_t *filter, const float *filter_scales,
    const float *bias, float *output, int8_t *scratch, int32_t batches,
    int32_t accum_depth, int32_t output_depth, bool asymmetric_inputs,
    float activation_min, float activation_max) {
  for (int32_t b = 0; b < batches; ++b) {
    float input_scale = 1.0f;
    int32_t input_zero_point = 0;
    if (asymmetric_inputs) {
      asymmetric_quantize_f32_s8(input + b * accum_depth, accum_depth, scratch,
                                 &input_scale, &input_zero_point);
    } else {
      symmetric_quantize_f32_s8(input + b * accum_depth, accum_depth, scratch,
                                &input_scale);
    }
    for (int32_t unit = 0; unit < output_depth; ++unit) {
      const int8_t *row = filter + unit * accum_depth;
      // |w| <= 128 and |q - zero_point| <= 255, so the sum is exact in int32
      // for up to 2^31 / 32640 = 65,793 inputs.
      int32_t acc = 0;
      for (int32_t d = 0; d < accum_depth; ++d)
        acc += static_cast<int32_t>(row[d]) *
               (static_cast<int32_t>(scratch[d]) - input_zero_point);
      const float scale = input_scale * filter_scales[unit];
      const float bias_value = bias ? bias[unit] : 0.0f;
      output[b * output_depth + unit] =
          clamp_f32(bias_value + static_cast<float>(acc) * scale,
                    activation_min, activation_max);
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_HYBRID_F32_S8_H
