//===- requantize_s8_u8.h - int8 to uint8 requantization --------*- C++ -*-===//
//
// This file implements QUANTIZE between two integer tensors, int8 to
// uint8, which the converter puts at the edges of a model whose
// inference_input_type or inference_output_type is uint8: each value is
// re-expressed at a new scale and zero point, bit-exact with TensorFlow Lite
// Micro's reference Requantize.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S8_U8_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S8_U8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/requantize_narrow.h"

namespace ingot {
namespace ref {

/// The uint8 output saturates to [0, 255]; see requantize_narrow.
INGOT_KERNEL void requantize_s8_u8(const int8_t *input, uint8_t *output,
                                   int32_t size, int32_t input_zero_point,
                                   int32_t output_zero_point,
                                   int32_t multiplier, int32_t shift) {
  requantize_narrow(input, output, size, input_zero_point, output_zero_point,
                    multiplier, shift, 0, 255);
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S8_U8_H
