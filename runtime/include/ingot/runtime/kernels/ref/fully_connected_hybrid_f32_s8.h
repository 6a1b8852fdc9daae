//===- fully_connected_hybrid_f32_s8.h - Hybrid matrix-vector ---*- C++ -*-===//
//
// This file implements the dynamic-range ("hybrid") fully connected layer:
// float32 input, output and bias, int8 weights with zero point 0 and one
// scale. As in TensorFlow Lite's hybrid FULLY_CONNECTED, each batch row of
// the input is quantized on the fly with its own symmetric scale
// (hybrid_quantize.h), multiplied with the weights in exact int32 arithmetic,
// and rescaled: out = bias + float(acc) * (input_scale * filter_scale), the
// scale product rounded to float first; the fused activation clamps last.
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

INGOT_KERNEL void
fully_connected_hybrid_f32_s8(const float *input, const int8_t *filter,
                              float filter_scale, const float *bias,
                              float *output, int8_t *scratch, int32_t batches,
                              int32_t accum_depth, int32_t output_depth,
                              float activation_min, float activation_max) {
  for (int32_t b = 0; b < batches; ++b) {
    float input_scale = 1.0f;
    symmetric_quantize_f32_s8(input + b * accum_depth, accum_depth, scratch,
                              &input_scale);
    const float scale = input_scale * filter_scale;
    for (int32_t unit = 0; unit < output_depth; ++unit) {
      const int8_t *row = filter + unit * accum_depth;
      // |q| <= 127 and |w| <= 128, so the sum is exact in int32 for up to
      // 2^31 / 16256 = 132,104 inputs.
      int32_t acc = 0;
      for (int32_t d = 0; d < accum_depth; ++d)
        acc += static_cast<int32_t>(row[d]) * static_cast<int32_t>(scratch[d]);
      const float bias_value = bias ? bias[unit] : 0.0f;
      output[b * output_depth + unit] =
          clamp_f32(bias_value + static_cast<float>(acc) * scale,
                    activation_min, activation_max);
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FULLY_CONNECTED_HYBRID_F32_S8_H
