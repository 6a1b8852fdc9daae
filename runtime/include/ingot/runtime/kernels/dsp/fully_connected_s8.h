//===- fully_connected_s8.h - Armv7E-M DSP int8 fully connected -*- C++ -*-===//
//
// This file implements the int8 fully connected layer for cores with the DSP
// extension, bit-exact with ingot::ref::fully_connected_s8 with a filter
// offset of 0. Each input row is widened to int16 once, into the scratch
// buffer in the SXTB16 order of gemm_s8.h, and then multiplied by the output
// channels two at a time by the same micro-kernel as the convolution's.
//
// The filter is in the packed GEMM layout (pack_gemm_filter of the
// [output_depth][input_depth] filter) and the input offset is folded into
// the bias (fold_input_offset_gemm), so the loop multiplies raw inputs. The
// scratch is fully_connected_s8_scratch_bytes(p) bytes, 4-byte aligned.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_FULLY_CONNECTED_S8_H
#define INGOT_RUNTIME_KERNELS_DSP_FULLY_CONNECTED_S8_H

#include <cstdint>

#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/dsp/gemm_s8.h"
#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/dsp/rescale.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::dsp {

namespace detail {

/// Writes output `index` of a row from its accumulator; `record` holds the
/// layer's fast-path constants.
INGOT_ALWAYS_INLINE void fully_connected_store(const FullyConnectedParams &p,
                                               const ChannelRescale &record,
                                               int8_t *row, int32_t index,
                                               int32_t acc) {
  const int32_t value = p.single_rounding_exact
                            ? rescale_fast(acc, record)
                            : rescale_general(acc, p.output_multiplier,
                                              p.output_shift, p.output_offset);
  row[index] =
      static_cast<int8_t>(clamp_i32(value, p.activation_min, p.activation_max));
}

/// The shared body of both fully_connected_s8 forms.
INGOT_ALWAYS_INLINE void
fully_connected_s8_impl(const FullyConnectedParams &params, const int8_t *input,
                        const int8_t *packed_filter, const int32_t *folded_bias,
                        int8_t *output, void *scratch) {
  // A copy of the parameters: the assembly blocks clobber memory, which
  // would make the compiler reload every field of `params` after each one.
  const FullyConnectedParams p = params;
  const int32_t depth = p.input_depth;
  const int32_t depth4 = gemm_padded_depth(depth);
  const int32_t blocks = depth4 / 4;
  // The row is read with LDRD: align the 4-byte aligned scratch to 8.
  int32_t *row = reinterpret_cast<int32_t *>(
      (reinterpret_cast<uintptr_t>(scratch) + 7) & ~uintptr_t{7});
  const ChannelRescale record =
      channel_rescale(p.output_multiplier, p.output_shift, p.output_offset);
  for (int32_t batch = 0; batch < p.batches; ++batch) {
    const int8_t *input_row = input + batch * depth;
    int8_t *output_row = output + batch * p.output_depth;
    int32_t d = 0;
    for (; d + 4 <= depth; d += 4)
      widen_block(input_row + d, row + d / 2);
    if (d < depth) {
      // The depth tail: its weights are zero, but the products must still be
      // finite, so pad with zeros rather than read past the row.
      int8_t tail[4] = {0, 0, 0, 0};
      for (int32_t i = 0; d + i < depth; ++i)
        tail[i] = input_row[d + i];
      widen_block(tail, row + d / 2);
    }
    const int32_t *ready = after_stores(row);
    const int8_t *weights = packed_filter;
    int32_t index = 0;
    for (; index + 1 < p.output_depth; index += 2) {
      int32_t acc0 = folded_bias[index], acc1 = folded_bias[index + 1];
      mac_1x2<2>(ready, weights, blocks, acc0, acc1);
      weights += 2 * depth4;
      fully_connected_store(p, record, output_row, index, acc0);
      fully_connected_store(p, record, output_row, index + 1, acc1);
    }
    if (index < p.output_depth) {
      int32_t acc = folded_bias[index];
      mac_1x1<2>(ready, weights, blocks, acc);
      fully_connected_store(p, record, output_row, index, acc);
    }
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
  detail::fully_connected_s8_impl(p, input, packed_filter, folded_bias, output,
                                  scratch);
}

/// The same layer specialized for the shape and quantization `P`.
template <const FullyConnectedParams &P>
INGOT_KERNEL void
fully_connected_s8(const int8_t *input, const int8_t *packed_filter,
                   const int32_t *folded_bias, int8_t *output, void *scratch) {
  detail::fully_connected_s8_impl(P, input, packed_filter, folded_bias, output,
                                  scratch);
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_KERNELS_DSP_FULLY_CONNECTED_S8_H
