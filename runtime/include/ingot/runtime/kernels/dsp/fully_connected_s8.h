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
// Without it (nullptr), each word of four inputs is widened where it is
// read, once for four output channels (two channel pairs of the filter):
// 21 instructions per 16 multiply-accumulates, against 20 from the widened
// row.
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

/// Channel pairs `pairs` (1 or 2: weights at `weights`, the second pair
/// `pair_stride` bytes further) against one int8 input row read in place:
/// `full` blocks of four inputs, then `tail`, the last block zero-padded
/// when the depth is not a multiple of four (`tail_blocks` 1, else 0).
template <int32_t Pairs>
INGOT_ALWAYS_INLINE void
mac_row_s8(const int8_t *input, int32_t full, int32_t tail, int32_t tail_blocks,
           const int8_t *weights, int32_t pair_stride, int32_t *acc) {
  auto block = [&](int32_t word, const int8_t *w) {
    const int32_t even = sxtb16(word), odd = sxtb16_ror8(word);
    for (int32_t pair = 0; pair < Pairs; ++pair) {
      int32_t w0, w1;
      load_weight_pair(w + pair * pair_stride, w0, w1);
      acc[2 * pair] =
          smlad(sxtb16_ror8(w0), odd, smlad(sxtb16(w0), even, acc[2 * pair]));
      acc[2 * pair + 1] = smlad(sxtb16_ror8(w1), odd,
                                smlad(sxtb16(w1), even, acc[2 * pair + 1]));
    }
  };
#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
  if constexpr (Pairs == 2) {
    // In assembly: in C the compiler keeps the accumulators in memory at
    // -Os. 24 instructions per 16 multiply-accumulates; as in mac_2x2, the
    // end is read from memory to keep to twelve registers.
    if (full > 0) {
      const int8_t *const end = input + 4 * full;
      const int8_t *second = weights + pair_stride;
      int32_t acc0 = acc[0], acc1 = acc[1], acc2 = acc[2], acc3 = acc[3];
      int32_t x, even, w0, w1, t;
      __asm__("1:\n\t"
              "ldr %[x], [%[input]], #4\n\t"
              "sxtb16 %[even], %[x]\n\t"
              "sxtb16 %[x], %[x], ror #8\n\t"
              "ldrd %[w0], %[w1], [%[first]], #8\n\t"
              "sxtb16 %[t], %[w0]\n\t"
              "smlad %[acc0], %[t], %[even], %[acc0]\n\t"
              "sxtb16 %[w0], %[w0], ror #8\n\t"
              "smlad %[acc0], %[w0], %[x], %[acc0]\n\t"
              "sxtb16 %[t], %[w1]\n\t"
              "smlad %[acc1], %[t], %[even], %[acc1]\n\t"
              "sxtb16 %[w1], %[w1], ror #8\n\t"
              "smlad %[acc1], %[w1], %[x], %[acc1]\n\t"
              "ldrd %[w0], %[w1], [%[second]], #8\n\t"
              "sxtb16 %[t], %[w0]\n\t"
              "smlad %[acc2], %[t], %[even], %[acc2]\n\t"
              "sxtb16 %[w0], %[w0], ror #8\n\t"
              "smlad %[acc2], %[w0], %[x], %[acc2]\n\t"
              "sxtb16 %[t], %[w1]\n\t"
              "smlad %[acc3], %[t], %[even], %[acc3]\n\t"
              "sxtb16 %[w1], %[w1], ror #8\n\t"
              "smlad %[acc3], %[w1], %[x], %[acc3]\n\t"
              "ldr %[t], %[end]\n\t"
              "cmp %[input], %[t]\n\t"
              "bne 1b"
              : [acc0] "+r"(acc0), [acc1] "+r"(acc1), [acc2] "+r"(acc2),
                [acc3] "+r"(acc3), [input] "+r"(input), [first] "+r"(weights),
                [second] "+r"(second), [x] "=&r"(x), [even] "=&r"(even),
                [w0] "=&r"(w0), [w1] "=&r"(w1), [t] "=&r"(t)
              : [end] "m"(end)
              : "cc");
      acc[0] = acc0;
      acc[1] = acc1;
      acc[2] = acc2;
      acc[3] = acc3;
    }
    if (tail_blocks != 0)
      block(tail, weights);
    return;
  }
#endif
  for (int32_t i = 0; i < full; ++i, input += 4, weights += 8)
    block(load_s8x4(input), weights);
  if (tail_blocks != 0)
    block(tail, weights);
}

/// The row `input_row` times every output channel, reading the input in
/// place: the path of a call without scratch.
INGOT_ALWAYS_INLINE void
fully_connected_row_direct(const FullyConnectedParams &p,
                           const ChannelRescale &record,
                           const int8_t *input_row, const int8_t *packed_filter,
                           const int32_t *folded_bias, int8_t *output_row) {
  const int32_t depth = p.input_depth;
  const int32_t depth4 = gemm_padded_depth(depth);
  const int32_t full = depth / 4;
  // The depth tail: its weights are zero, but the products must still be
  // finite, so pad with zeros rather than read past the row.
  int8_t bytes[4] = {0, 0, 0, 0};
  for (int32_t i = 0; 4 * full + i < depth; ++i)
    bytes[i] = input_row[4 * full + i];
  const int32_t tail = load_s8x4(bytes);
  const int32_t tail_blocks = depth4 / 4 - full;
  const int8_t *weights = packed_filter;
  int32_t index = 0;
  for (; index + 3 < p.output_depth; index += 4) {
    int32_t acc[4] = {folded_bias[index], folded_bias[index + 1],
                      folded_bias[index + 2], folded_bias[index + 3]};
    mac_row_s8<2>(input_row, full, tail, tail_blocks, weights, 2 * depth4, acc);
    weights += 4 * depth4;
    for (int32_t i = 0; i < 4; ++i)
      fully_connected_store(p, record, output_row, index + i, acc[i]);
  }
  if (index + 1 < p.output_depth) {
    int32_t acc[2] = {folded_bias[index], folded_bias[index + 1]};
    mac_row_s8<1>(input_row, full, tail, tail_blocks, weights, 0, acc);
    weights += 2 * depth4;
    fully_connected_store(p, record, output_row, index, acc[0]);
    fully_connected_store(p, record, output_row, index + 1, acc[1]);
    index += 2;
  }
  if (index < p.output_depth) {
    // The odd last row: its blocks are contiguous, four bytes each.
    uint32_t acc = static_cast<uint32_t>(folded_bias[index]);
    for (int32_t d = 0; d < depth; ++d)
      acc += static_cast<uint32_t>(weights[d] * input_row[d]);
    fully_connected_store(p, record, output_row, index,
                          static_cast<int32_t>(acc));
  }
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
    if (scratch == nullptr) {
      fully_connected_row_direct(p, record, input_row, packed_filter,
                                 folded_bias, output_row);
      continue;
    }
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
/// `scratch` is fully_connected_s8_scratch_bytes(p) bytes, 4-byte aligned, or
/// nullptr.
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
