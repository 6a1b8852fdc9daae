//===- l2_normalization.h - Reference L2_NORMALIZATION -----------*- C++
//-*-===//
//
// This file implements TFLite's L2_NORMALIZATION over the innermost
// dimension: each row divided by its Euclidean norm, the norm floored at
// 1e-6 as TFLite's reference kernel does so that an all-zero row stays zero.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_L2_NORMALIZATION_H
#define INGOT_RUNTIME_KERNELS_REF_L2_NORMALIZATION_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

INGOT_KERNEL void l2_normalization_f32(const float *input, float *output,
                                       int32_t outer_size, int32_t depth) {
  for (int32_t row = 0; row < outer_size; ++row) {
    const float *in = input + row * depth;
    float *out = output + row * depth;
    float squared_norm = 0.0f;
    for (int32_t c = 0; c < depth; ++c)
      squared_norm += in[c] * in[c];
    float norm = __builtin_sqrtf(squared_norm);
    norm = norm < 1e-6f ? 1e-6f : norm;
    for (int32_t c = 0; c < depth; ++c)
      out[c] = in[c] / norm;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_L2_NORMALIZATION_H
