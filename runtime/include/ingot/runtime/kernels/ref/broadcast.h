//===- broadcast.h - Loops of per-element kernels ---------------*- C++ -*-===//
//
// Per-element kernels of two or three inputs (MUL, EQUAL, SELECT_V2, ...)
// read their inputs broadcast to the output's shape, numpy style. The
// compiler resolves the broadcast: it passes the output shape and, for each
// input, the element stride along every output dimension (0 where the input
// is repeated), after merging the dimensions that all inputs traverse
// contiguously. This file walks such a shape once for every kernel.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_BROADCAST_H
#define INGOT_RUNTIME_KERNELS_REF_BROADCAST_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

inline constexpr int32_t kMaxBroadcastRank = 6;

/// Calls `visit(output_index, input_offsets)` for every element of an output
/// of shape output_shape[0..rank), in row-major order, with the offset of
/// the element each of the `Inputs` inputs contributes. Ranks outside
/// [1, kMaxBroadcastRank] visit nothing (the compiler never emits them).
template <int32_t Inputs, typename Visit>
INGOT_KERNEL void for_each_broadcast(int32_t rank, const int32_t *output_shape,
                                     const int32_t *const (&strides)[Inputs],
                                     Visit visit) {
  if (rank < 1 || rank > kMaxBroadcastRank)
    return;
  // The innermost dimension is a plain loop; the outer ones advance like an
  // odometer, moving each input's offset by its stride.
  const int32_t inner_axis = rank - 1;
  const int32_t inner_size = output_shape[inner_axis];
  int32_t outer_count = 1;
  for (int32_t axis = 0; axis < inner_axis; ++axis)
    outer_count *= output_shape[axis];

  int32_t index[kMaxBroadcastRank] = {};
  int32_t base[Inputs] = {};
  int32_t output_index = 0;
  for (int32_t outer = 0; outer < outer_count; ++outer) {
    for (int32_t i = 0; i < inner_size; ++i) {
      int32_t offsets[Inputs];
      for (int32_t input = 0; input < Inputs; ++input)
        offsets[input] = base[input] + i * strides[input][inner_axis];
      visit(output_index++, offsets);
    }
    for (int32_t axis = inner_axis - 1; axis >= 0; --axis) {
      ++index[axis];
      for (int32_t input = 0; input < Inputs; ++input)
        base[input] += strides[input][axis];
      if (index[axis] < output_shape[axis])
        break;
      for (int32_t input = 0; input < Inputs; ++input)
        base[input] -= strides[input][axis] * output_shape[axis];
      index[axis] = 0;
    }
  }
}

/// Writes f(input1[...], input2[...]) for every output element: the loop of
/// every two-input kernel whose element function needs no other state.
template <typename In1, typename In2, typename Out, typename Function>
INGOT_KERNEL void
broadcast_binary(const In1 *input1, const In2 *input2, Out *output,
                 int32_t rank, const int32_t *output_shape,
                 const int32_t *input1_strides, const int32_t *input2_strides,
                 Function function) {
  for_each_broadcast<2>(rank, output_shape, {input1_strides, input2_strides},
                        [&](int32_t index, const int32_t *offsets) {
                          output[index] =
                              function(input1[offsets[0]], input2[offsets[1]]);
                        });
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_BROADCAST_H
