//===- softmax_s8_s16.h - Reference int8 -> int16 softmax -------*- C++ -*-===//
//
// This file implements softmax over the innermost dimension of an int8 tensor
// with an int16 result (scale 1/65536, zero point -32768), bit-exact with
// TensorFlow Lite Micro's reference kernel. The arithmetic is that of
// softmax_s8 except for the final shift, which keeps 16 bits instead of 8.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S8_S16_H
#define INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S8_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/softmax_s8.h"

namespace ingot {
namespace ref {

/// Softmax over the innermost dimension: `outer_size` rows of `depth` int8
/// values each, written as int16 with zero point -32768. Parameters are the
/// same as for softmax_s8 (ingot::quant::computeSoftmaxParams).
INGOT_KERNEL void softmax_s8_s16(const int8_t *input, int16_t *output,
                                 int32_t outer_size, int32_t depth,
                                 int32_t input_multiplier,
                                 int32_t input_left_shift, int32_t diff_min) {
  detail::softmax_s8_rows<int16_t>(input, output, outer_size, depth,
                                   input_multiplier, input_left_shift, diff_min,
                                   /*output_bits=*/16, /*output_min=*/-32768,
                                   /*output_max=*/32767);
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_SOFTMAX_S8_S16_H
