//===- cumsum.h - Reference CUMSUM ------------------------------*- C++ -*-===//
//
// This file implements TFLite's CUMSUM along one axis, the input viewed as
// [outer, depth, inner]: running sums along depth, forward or (`reverse`)
// backward, each output including its own input or (`exclusive`) not.
//
// int8 follows TFLM's arithmetic: inputs, less the zero point, are shifted
// left by 20 bits and halved (the input multiplier) so that the running sum
// keeps precision, and each sum is rescaled to the output scale. TFLM starts
// the sum at the rescaled input offset rather than at zero, which is right
// only for input zero point 0; the sum here starts at zero, as TFLite's
// quantization specification gives (the same result for zero point 0).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CUMSUM_H
#define INGOT_RUNTIME_KERNELS_REF_CUMSUM_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {
namespace detail {

/// Calls `visit(base, first, step)` for every line along depth: its
/// elements in running-sum order are at base + first + k * step.
template <typename Visit>
INGOT_KERNEL void cumsum_lines(int32_t outer, int32_t depth, int32_t inner,
                               int32_t reverse, Visit visit) {
  for (int32_t o = 0; o < outer; ++o)
    for (int32_t i = 0; i < inner; ++i)
      visit(o * depth * inner + i, reverse ? (depth - 1) * inner : 0,
            reverse ? -inner : inner);
}

} // namespace detail

INGOT_KERNEL void cumsum_f32(const float *input, float *output, int32_t outer,
                             int32_t depth, int32_t inner, int32_t exclusive,
                             int32_t reverse) {
  detail::cumsum_lines(outer, depth, inner, reverse,
                       [&](int32_t base, int32_t first, int32_t step) {
                         float sum = 0.0f;
                         for (int32_t k = 0, at = base + first; k < depth;
                              ++k, at += step) {
                           if (exclusive) {
                             output[at] = sum;
                             sum += input[at];
                           } else {
                             sum += input[at];
                             output[at] = sum;
                           }
                         }
                       });
}

INGOT_KERNEL void cumsum_s8(const int8_t *input, int8_t *output, int32_t outer,
                            int32_t depth, int32_t inner, int32_t exclusive,
                            int32_t reverse, int32_t input_offset,
                            int32_t input_multiplier, int32_t input_shift,
                            int32_t output_multiplier, int32_t output_shift,
                            int32_t output_offset) {
  constexpr int32_t kLeftShift = 20;
  auto rescale_input = [=](int32_t value) {
    return multiply_by_quantized_multiplier(
        static_cast<int32_t>(static_cast<uint32_t>(value) << kLeftShift),
        input_multiplier, input_shift);
  };
  detail::cumsum_lines(
      outer, depth, inner, reverse,
      [&](int32_t base, int32_t first, int32_t step) {
        int32_t sum = 0;
        for (int32_t k = 0, at = base + first; k < depth; ++k, at += step) {
          const int32_t scaled = rescale_input(input_offset + input[at]);
          int32_t total;
          if (exclusive) {
            total = sum;
            sum += scaled;
          } else {
            sum += scaled;
            total = sum;
          }
          const int32_t value = multiply_by_quantized_multiplier(
                                    total, output_multiplier, output_shift) +
                                output_offset;
          output[at] = static_cast<int8_t>(clamp_i32(value, -128, 127));
        }
      });
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CUMSUM_H
