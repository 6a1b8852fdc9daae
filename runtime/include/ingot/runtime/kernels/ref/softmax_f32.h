//===- softmax_f32.h - Reference float32 softmax ----------------*- C++ -*-===//
//
// This file implements softmax over the innermost dimension of a float32
// tensor, performing the same single-precision operations in the same order
// as TensorFlow Lite Micro's reference float softmax. For each row:
//   1. max = the largest element (the running maximum starts at -FLT_MAX),
//   2. e[c] = exp((x[c] - max) * beta), summed from 0 in index order,
//   3. y[c] = e[c] / sum, a true division rather than a multiplication by a
//      reciprocal.
// Subtracting the maximum changes nothing mathematically but keeps every
// exponent <= 0 for beta > 0, so exp cannot overflow and the largest term is
// exactly 1, which keeps the sum >= 1.
//
// Layouts (row-major): input and output [outer_size][depth]. The
// exponentials are staged in the output row; each input element is read for
// the last time just before its output slot is written, so the kernel also
// works in place (output == input).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SOFTMAX_F32_H
#define INGOT_RUNTIME_KERNELS_REF_SOFTMAX_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

/// Softmax of each of the `outer_size` rows of `depth` elements, with the
/// logits scaled by `beta` (TFLite's SOFTMAX option, usually 1).
INGOT_KERNEL void softmax_f32(const float *input, float *output,
                              int32_t outer_size, int32_t depth, float beta) {
  for (int32_t row = 0; row < outer_size; ++row) {
    const float *input_row = input + row * depth;
    float *output_row = output + row * depth;

    float maximum = -kMaxF32;
    for (int32_t c = 0; c < depth; ++c) {
      if (maximum < input_row[c])
        maximum = input_row[c];
    }

    float sum = 0.0f;
    for (int32_t c = 0; c < depth; ++c) {
      // Qualified: inside ingot::ref, exp_f32 is the EXP operator's kernel.
      const float exponential =
          ingot::exp_f32((input_row[c] - maximum) * beta);
      output_row[c] = exponential;
      sum += exponential;
    }

    for (int32_t c = 0; c < depth; ++c)
      output_row[c] = output_row[c] / sum;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_SOFTMAX_F32_H
