//===- add_s8.h - Reference int8 elementwise addition -----------*- C++ -*-===//
//
// This file implements the portable int8 addition of two same-shaped tensors
// with independent quantization, bit-exact with TensorFlow Lite Micro's
// reference int8 add. Both inputs are moved to a common fixed-point scale
// before they are summed: each (value - zero point) is shifted left by
// `left_shift` (20 for int8) to leave room for fractional bits, multiplied by
// its input multiplier (input scale / twice the larger input scale, so at most
// 0.5), and the sum is rescaled to the output scale.
//
// TFLite applies all three multipliers with its "smaller than one" variant,
// which is a rounding doubling high multiply followed by a rounding right
// shift. The compiler always supplies shifts <= 0 here (every real multiplier
// is below one), and for shifts <= 0 multiply_by_quantized_multiplier does
// exactly that sequence of operations, so it is reused.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ADD_S8_H
#define INGOT_RUNTIME_KERNELS_REF_ADD_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// Adds `size` elements of input1 and input2 into output. Offsets of inputs
/// are negated zero points; `output_offset` is the output zero point.
INGOT_KERNEL void
add_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t size,
       int32_t input1_offset, int32_t input1_multiplier, int32_t input1_shift,
       int32_t input2_offset, int32_t input2_multiplier, int32_t input2_shift,
       int32_t left_shift, int32_t output_offset, int32_t output_multiplier,
       int32_t output_shift, int32_t activation_min, int32_t activation_max) {
  for (int32_t index = 0; index < size; ++index) {
    // A value minus its zero point lies in [-255, 255]; shifted left by 20 it
    // stays below 2^28 in magnitude, so the shift cannot overflow. It is done
    // on the unsigned bit pattern because left-shifting a negative int is
    // undefined before C++20.
    const int32_t input1_value =
        static_cast<int32_t>(input1[index]) + input1_offset;
    const int32_t input2_value =
        static_cast<int32_t>(input2[index]) + input2_offset;
    const int32_t shifted_input1 =
        static_cast<int32_t>(static_cast<uint32_t>(input1_value) << left_shift);
    const int32_t shifted_input2 =
        static_cast<int32_t>(static_cast<uint32_t>(input2_value) << left_shift);
    // The input multipliers are at most 0.5, so each scaled value is below
    // 2^27 and their sum cannot overflow.
    const int32_t scaled_input1 = multiply_by_quantized_multiplier(
        shifted_input1, input1_multiplier, input1_shift);
    const int32_t scaled_input2 = multiply_by_quantized_multiplier(
        shifted_input2, input2_multiplier, input2_shift);
    const int32_t sum = scaled_input1 + scaled_input2;
    const int32_t result =
        multiply_by_quantized_multiplier(sum, output_multiplier, output_shift) +
        output_offset;
    output[index] =
        static_cast<int8_t>(clamp_i32(result, activation_min, activation_max));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ADD_S8_H
