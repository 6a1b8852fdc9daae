//===- fully_connected_s8.h - MVE int8 fully connected ----------*- C++ -*-===//
//
// This file implements the int8 fully connected layer for cores with MVE
// (Helium), bit-exact with ingot::ref::fully_connected_s8 with a filter
// offset of 0. Each input row is multiplied in place by the output channels,
// four at a time, by the GEMM row of gemm_s8.h that the convolution uses;
// the last partial block of depth is loaded predicated, so nothing past the
// row is read, and the filter's zero padding cancels it.
//
// The filter is in the packed GEMM layout (pack_gemm_filter of the
// [output_depth][input_depth] filter) and the input offset is folded into
// the bias (fold_input_offset_gemm), so the loop multiplies raw inputs. No
// scratch is used (fully_connected_s8_scratch_bytes is 0).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_FULLY_CONNECTED_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_FULLY_CONNECTED_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/gemm_s8.h"
#include "ingot/runtime/kernels/mve/packing.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::mve {

namespace detail {

/// The shared body of both fully_connected_s8 forms.
template <bool Compact>
INGOT_ALWAYS_INLINE void
fully_connected_s8_impl(const FullyConnectedParams &p, const int8_t *input,
                        const int8_t *packed_filter, const int32_t *folded_bias,
                        int8_t *output) {
  const GemmRescale rescale = {nullptr,
                               nullptr,
                               p.output_multiplier,
                               p.output_shift,
                               p.output_shift < 0,
                               p.output_offset,
                               p.activation_min,
                               p.activation_max};
  const int32_t full_blocks = p.input_depth / 16;
  const int32_t tail = p.input_depth % 16;
  for (int32_t batch = 0; batch < p.batches; batch += 2) {
    const bool two = batch + 1 < p.batches;
    gemm_rows<false, Compact>(input, two ? input + p.input_depth : input,
                              full_blocks, tail, packed_filter, p.output_depth,
                              folded_bias, rescale, output,
                              two ? output + p.output_depth : output);
    input += 2 * p.input_depth;
    output += 2 * p.output_depth;
  }
}

} // namespace detail

/// Fully connected layer over `p.batches` rows with the shape read at run
/// time. `packed_filter` is pack_gemm_filter's output for the
/// [output_depth][input_depth] filter, `folded_bias` fold_input_offset_gemm's.
INGOT_KERNEL void fully_connected_s8(const FullyConnectedParams &p,
                                     const int8_t *input,
                                     const int8_t *packed_filter,
                                     const int32_t *folded_bias, int8_t *output,
                                     void *scratch) {
  (void)scratch;
  detail::fully_connected_s8_impl<true>(p, input, packed_filter, folded_bias,
                                        output);
}

/// The same layer specialized for the shape and quantization `P`.
template <const FullyConnectedParams &P>
INGOT_KERNEL void
fully_connected_s8(const int8_t *input, const int8_t *packed_filter,
                   const int32_t *folded_bias, int8_t *output, void *scratch) {
  (void)scratch;
  detail::fully_connected_s8_impl<false>(P, input, packed_filter, folded_bias,
                                         output);
}

} // namespace ingot::mve

#endif // INGOT_RUNTIME_KERNELS_MVE_FULLY_CONNECTED_S8_H
