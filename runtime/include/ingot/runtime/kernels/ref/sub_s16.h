//===- sub_s16.h - Reference int16 elementwise subtraction ------*- C++ -*-===//
//
// This file implements the portable int16 subtraction input1 - input2 of two
// tensors with independent quantization and numpy-style broadcasting,
// bit-exact with TensorFlow Lite Micro's reference int16 SUB (its general
// quantized path).
//
// The arithmetic is add_s16's with a difference in place of the sum: each
// (value - zero point) is shifted left by 15 and multiplied by its input
// multiplier (at most 0.5), and the difference is rescaled to the output
// scale. Only the compiler-side multipliers differ from ADD: TFLite Micro
// computes SUB's real multipliers in float (ingot::quant::subS16Params).
//
// Broadcasting is expressed with strides: output element (i_0, ..., i_{r-1})
// reads input k at sum_d i_d * inputk_strides[d], with stride 0 along the
// dimensions input k is broadcast over. The compiler computes the strides
// (ingot::quant::broadcastStrides); same-shaped inputs use rank 1, shape
// {size} and strides {1}.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SUB_S16_H
#define INGOT_RUNTIME_KERNELS_REF_SUB_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/add_sub_s16.h"

namespace ingot::ref {

/// Writes input1 - input2 into an output of shape output_shape[0..rank),
/// 1 <= rank <= 6 (other ranks write nothing). Offsets of inputs are negated
/// zero points; `output_offset` is the output zero point. int16 zero points
/// are 0 in TFLite; with them a shifted value stays within 2^30 in magnitude,
/// so no intermediate can overflow.
INGOT_KERNEL void
sub_s16(const int16_t *input1, const int16_t *input2, int16_t *output,
        const int32_t *output_shape, const int32_t *input1_strides,
        const int32_t *input2_strides, int32_t rank, int32_t input1_offset,
        int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,
        int32_t input2_multiplier, int32_t input2_shift, int32_t output_offset,
        int32_t output_multiplier, int32_t output_shift, int32_t activation_min,
        int32_t activation_max) {
  add_or_subtract_s16<true>(
      input1, input2, output, output_shape, input1_strides, input2_strides,
      rank, input1_offset, input1_multiplier, input1_shift, input2_offset,
      input2_multiplier, input2_shift, output_offset, output_multiplier,
      output_shift, activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_SUB_S16_H
