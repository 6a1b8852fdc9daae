//===- fold_input_offset.h - The input zero point into the bias -*- C++ -*-===//
//
// The compile-time step every optimized kernel family shares: the input zero
// point's contribution to a layer's sums, input_offset * sum(filter), moves
// into the bias, so that kernels multiply raw int8 inputs. The compiler
// calls these through each family's packing.h.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_FOLD_INPUT_OFFSET_H
#define INGOT_RUNTIME_KERNELS_FOLD_INPUT_OFFSET_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot {

/// folded[row] = bias[row] + input_offset * sum of the row's weights, modulo
/// 2^32 like the kernels' int32 accumulators, so that a kernel can multiply
/// raw int8 inputs and still produce the reference's sum of
/// weight * (input + input_offset). `bias` may be nullptr (all zero).
INGOT_KERNEL void fold_input_offset_gemm(const int8_t *filter, int32_t rows,
                                         int32_t depth, const int32_t *bias,
                                         int32_t input_offset,
                                         int32_t *folded) {
  for (int32_t row = 0; row < rows; ++row) {
    uint32_t sum = 0;
    for (int32_t d = 0; d < depth; ++d)
      sum += static_cast<uint32_t>(filter[row * depth + d]);
    const uint32_t base =
        bias != nullptr ? static_cast<uint32_t>(bias[row]) : 0;
    folded[row] =
        static_cast<int32_t>(base + sum * static_cast<uint32_t>(input_offset));
  }
}

/// The depthwise form of fold_input_offset_gemm, for a [taps][channels]
/// filter: every tap is folded, padded ones included, so the kernels read
/// the input zero point where the reference skips a padded tap.
INGOT_KERNEL void fold_input_offset_depthwise(const int8_t *filter,
                                              int32_t taps, int32_t channels,
                                              const int32_t *bias,
                                              int32_t input_offset,
                                              int32_t *folded) {
  for (int32_t c = 0; c < channels; ++c) {
    uint32_t sum = 0;
    for (int32_t tap = 0; tap < taps; ++tap)
      sum += static_cast<uint32_t>(filter[tap * channels + c]);
    const uint32_t base = bias != nullptr ? static_cast<uint32_t>(bias[c]) : 0;
    folded[c] =
        static_cast<int32_t>(base + sum * static_cast<uint32_t>(input_offset));
  }
}

} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_FOLD_INPUT_OFFSET_H
