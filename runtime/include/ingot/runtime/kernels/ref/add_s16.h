//===- add_s16.h - Reference int16 elementwise addition ---------*- C++ -*-===//
//
// This file implements the portable int16 addition of two tensors with
// independent quantization and numpy-style broadcasting, bit-exact with
// TensorFlow Lite Micro's reference int16 ADD (the general-scale path, which
// TFLite Micro takes whatever the pot_scale_int16 option says).
//
// The arithmetic is add_s8's with 15 fractional bits instead of 20: each
// (value - zero point) is shifted left by 15, multiplied by its input
// multiplier (input scale / twice the larger input scale, so at most 0.5),
// and the sum is rescaled by twice the larger input scale / (2^15 * output
// scale). All three multipliers are below one, so their shifts are <= 0 and
// multiply_by_quantized_multiplier performs exactly the reference's "smaller
// than one" rescale.
//
// Broadcasting is expressed with strides: output element (i_0, ..., i_{r-1})
// reads input k at sum_d i_d * inputk_strides[d], with stride 0 along the
// dimensions input k is broadcast over. The compiler computes the strides
// (ingot::quant::broadcastStrides); same-shaped inputs use rank 1, shape
// {size} and strides {1}.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ADD_S16_H
#define INGOT_RUNTIME_KERNELS_REF_ADD_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/add_sub_s16.h"

namespace ingot::ref {

/// Adds input1 and input2 into an output of shape output_shape[0..rank),
/// 1 <= rank <= 6 (other ranks write nothing). Offsets of inputs are negated
/// zero points; `output_offset` is the output zero point. int16 zero points
/// are 0 in TFLite; with them a shifted value stays within 2^30 in magnitude,
/// so no intermediate can overflow.
INGOT_KERNEL void
add_s16(const int16_t *input1, const int16_t *input2, int16_t *output,
        const int32_t *output_shape, const int32_t *input1_strides,
        const int32_t *input2_strides, int32_t rank, int32_t input1_offset,
        int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,
        int32_t input2_multiplier, int32_t input2_shift, int32_t output_offset,
        int32_t output_multiplier, int32_t output_shift, int32_t activation_min,
        int32_t activation_max) {
  add_or_subtract_s16<false>(
      input1, input2, output, output_shape, input1_strides, input2_strides,
      rank, input1_offset, input1_multiplier, input1_shift, input2_offset,
      input2_multiplier, input2_shift, output_offset, output_multiplier,
      output_shift, activation_min, activation_max);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ADD_S16_H
