//===- requantize_narrow.h - Integer rescale into 8 bits --------*- C++ -*-===//
//
// This file holds the loop that requantize_s8_s8, requantize_s16_s8,
// requantize_u8_s8 and requantize_s8_u8 share: their input types and output
// bounds differ, the arithmetic (TensorFlow Lite Micro's reference
// Requantize) does not.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_NARROW_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_NARROW_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot {
namespace ref {

/// out = clamp(round((in - input_zero_point) * input_scale / output_scale)
///             + output_zero_point, output_min, output_max)
/// where input_scale / output_scale = multiplier * 2^(shift - 31), as computed
/// by ingot::quant::requantizeMultiplier. Rounding is the reference's double
/// rounding (multiply_by_quantized_multiplier). Inputs of at most 16 bits
/// cannot overflow the int32 centering.
template <typename Input, typename Output>
INGOT_KERNEL void requantize_narrow(const Input *input, Output *output,
                                    int32_t size, int32_t input_zero_point,
                                    int32_t output_zero_point,
                                    int32_t multiplier, int32_t shift,
                                    int32_t output_min, int32_t output_max) {
  static_assert(sizeof(Input) <= 2 && sizeof(Output) == 1,
                "for inputs of at most 16 bits and 8-bit outputs");
  for (int32_t i = 0; i < size; ++i) {
    const int32_t centered = static_cast<int32_t>(input[i]) - input_zero_point;
    const int32_t rescaled =
        multiply_by_quantized_multiplier(centered, multiplier, shift);
    output[i] = static_cast<Output>(
        clamp_i32(rescaled + output_zero_point, output_min, output_max));
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_NARROW_H
