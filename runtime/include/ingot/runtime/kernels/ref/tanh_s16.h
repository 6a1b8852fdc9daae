//===- tanh_s16.h - Reference int16 TANH ------------------------*- C++ -*-===//
//
// This file implements TFLite Micro's int16 TANH as 2 sigmoid(2x) - 1: the
// input is rescaled so that one step is 1/(3 * 4096) (the compiler folds
// TFLite's power-of-two case into the same multiplier and shift), then the
// sigmoid of twice the input is interpolated linearly in TFLite's 256-entry
// table and the result written in Q0.15.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_TANH_S16_H
#define INGOT_RUNTIME_KERNELS_REF_TANH_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/sigmoid_table_u16.h"

namespace ingot::ref {

/// Each input becomes (x * input_multiplier + half) >> input_shift.
INGOT_KERNEL void tanh_s16(const int16_t *input, int16_t *output, int32_t count,
                           int32_t input_multiplier, int32_t input_shift) {
  const int32_t half = input_shift > 0 ? int32_t{1} << (input_shift - 1) : 0;
  for (int32_t i = 0; i < count; ++i) {
    const int32_t scaled =
        (static_cast<int32_t>(input[i]) * input_multiplier + half) >>
        input_shift;
    const uint32_t magnitude =
        static_cast<uint32_t>(scaled < 0 ? -scaled : scaled);
    // 2^8 scaled steps per table entry: the table is indexed by 2x.
    const uint32_t index = magnitude >> 8;
    int32_t result;
    if (index >= 255) {
      result = 0xFFFF << 8;
    } else {
      const uint32_t low = kSigmoidTable[index];
      const uint32_t high = kSigmoidTable[index + 1];
      result =
          static_cast<int32_t>((low << 8) + (magnitude & 0xFF) * (high - low));
    }
    // 2 sigmoid - 1 (tanh is odd), rounded with the reference's constants.
    result = scaled >= 0 ? result - (1 << 23) + (1 << 7)
                         : -result + (1 << 23) + (1 << 7) - 1;
    output[i] = static_cast<int16_t>(result >> 8);
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_TANH_S16_H
