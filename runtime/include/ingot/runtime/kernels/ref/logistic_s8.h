//===- logistic_s8.h - Reference int8 LOGISTIC ------------------*- C++ -*-===//
//
// This file implements TFLite Micro's int8 LOGISTIC: the input, relative to
// its zero point, is rescaled to Q4 (inputs beyond the Q4 range saturate to
// the output's extremes), its logistic is evaluated in gemmlowp fixed point
// and written at TFLite's fixed output quantization (scale 1/256, zero point
// -128). The compiler computes the rescale and the saturation radius.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LOGISTIC_S8_H
#define INGOT_RUNTIME_KERNELS_REF_LOGISTIC_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/fixed_point_q.h"

namespace ingot::ref {

INGOT_KERNEL void logistic_s8(const int8_t *input, int8_t *output,
                              int32_t count, int32_t input_zero_point,
                              int32_t input_range_radius,
                              int32_t input_multiplier,
                              int32_t input_left_shift) {
  for (int32_t i = 0; i < count; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    if (centered <= -input_range_radius) {
      output[i] = -128;
    } else if (centered >= input_range_radius) {
      output[i] = 127;
    } else {
      const int32_t input_q4 = multiply_by_quantized_multiplier(
          centered, input_multiplier, input_left_shift);
      const int32_t output_q0 = logistic_q(input_q4, 4);
      // Q0 to steps of 1/256, then offset by the zero point -128.
      const int32_t steps = rounding_divide_by_pot(output_q0, 23);
      output[i] = static_cast<int8_t>(clamp_i32(steps - 128, -128, 127));
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LOGISTIC_S8_H
