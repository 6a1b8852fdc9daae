//===- log_softmax_f32.h - Reference float LOG_SOFTMAX -----------*- C++
//-*-===//
//
// This file implements TFLite's float LOG_SOFTMAX over the innermost
// dimension: x - max - log(sum(exp(x - max))), the row maximum subtracted
// first so that exp cannot overflow.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LOG_SOFTMAX_F32_H
#define INGOT_RUNTIME_KERNELS_REF_LOG_SOFTMAX_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

INGOT_KERNEL void log_softmax_f32(const float *input, float *output,
                                  int32_t outer_size, int32_t depth) {
  for (int32_t row = 0; row < outer_size; ++row) {
    const float *in = input + row * depth;
    float *out = output + row * depth;
    float max = -__FLT_MAX__;
    for (int32_t c = 0; c < depth; ++c)
      max = in[c] > max ? in[c] : max;
    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c)
      sum += __builtin_expf(in[c] - max);
    const float log_sum = __builtin_logf(sum);
    for (int32_t c = 0; c < depth; ++c)
      out[c] = in[c] - max - log_sum;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LOG_SOFTMAX_F32_H
