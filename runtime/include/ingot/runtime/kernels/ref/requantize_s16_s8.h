//===- requantize_s16_s8.h - int16 to int8 requantization -------*- C++ -*-===//
//
// This file implements QUANTIZE between two integer tensors, int16 to
// int8: each value is re-expressed at a new scale and zero point,
// bit-exact with TensorFlow Lite Micro's reference Requantize.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S16_S8_H
#define INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S16_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/requantize_narrow.h"

namespace ingot {
namespace ref {

/// The int8 output saturates to [-128, 127]; see requantize_narrow.
INGOT_KERNEL void requantize_s16_s8(const int16_t *input, int8_t *output,
                                    int32_t size, int32_t input_zero_point,
                                    int32_t output_zero_point,
                                    int32_t multiplier, int32_t shift) {
  requantize_narrow(input, output, size, input_zero_point, output_zero_point,
                    multiplier, shift, -128, 127);
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_REQUANTIZE_S16_S8_H
