//===- logistic_s16.h - Reference int16 LOGISTIC ----------------*- C++ -*-===//
//
// This file implements TFLite Micro's int16 LOGISTIC: the input is rescaled
// so that one step is 1/(3 * 4096) (the compiler folds TFLite's power-of-two
// case into the same multiplier and shift), then the sigmoid is interpolated
// linearly in TFLite's 256-entry table, whose entries are 1/24 apart, and
// written in Q0.15.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LOGISTIC_S16_H
#define INGOT_RUNTIME_KERNELS_REF_LOGISTIC_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/sigmoid_table_u16.h"

namespace ingot::ref {

/// Each input becomes (x * input_multiplier + half) >> input_shift.
INGOT_KERNEL void logistic_s16(const int16_t *input, int16_t *output,
                               int32_t count, int32_t input_multiplier,
                               int32_t input_shift) {
  const int32_t half = input_shift > 0 ? int32_t{1} << (input_shift - 1) : 0;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t scaled =
        (static_cast<int32_t>(input[i]) * input_multiplier + half) >>
        input_shift;
    const uint32_t magnitude =
        static_cast<uint32_t>(scaled < 0 ? -scaled : scaled);
    // 2^9 scaled steps per table entry; the low 9 bits interpolate.
    const uint32_t index = magnitude >> 9;
    uint32_t result;
    if (index >= 255) {
      result = 0x7FFFu << 10;
    } else {
      const uint32_t low = kSigmoidTable[index];
      const uint32_t high = kSigmoidTable[index + 1];
      result = (low << 9) + (magnitude & 0x1FF) * (high - low);
    }
    // sigmoid(-x) = 1 - sigmoid(x); the reference rounds each side with its
    // own constant.
    result = scaled >= 0 ? result + (1u << 9)
                         : (1u << (16 + 9)) - result + (1u << 9) - 1;
    output[i] = static_cast<int16_t>(result >> 10);
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LOGISTIC_S16_H
