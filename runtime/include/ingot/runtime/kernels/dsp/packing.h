//===- packing.h - Compile-time data layouts of the DSP kernels -*- C++ -*-===//
//
// This file implements the transforms the compiler applies to constant
// weights before it emits them for the `ingot::dsp` kernels, and the sizes of
// the scratch buffers those kernels need. It is the one definition of the
// packed layouts: the compiler (host C++) includes it and calls these
// functions, the kernels read what they write. Everything here is plain
// portable C++ with no intrinsics, and writes bytes explicitly, so the result
// does not depend on the host's byte order.
//
// GEMM filter (CONV_2D and FULLY_CONNECTED), from [rows][depth] int8:
//   The inner loop computes two output channels at once, four depth steps per
//   iteration: one LDRD must fetch four weights of each of the two channels,
//   and SXTB16 / SXTB16 ROR #8 then splits each word into the two int16
//   pairs SMLAD consumes. So rows are taken in pairs, and for each depth block
//   j the pair stores row 2i's bytes 4j..4j+3 and then row 2i+1's:
//     pair i: [r0 d0..d3][r1 d0..d3][r0 d4..d7][r1 d4..d7] ...
//   Depth is padded to a multiple of four with zero weights, so the loop has
//   no depth tail; the inputs there are multiplied by zero. An odd last row
//   follows the pairs on its own, its blocks contiguous. Every pair is then
//   2 * depth4 bytes, a multiple of 8, so LDRD stays aligned when the array
//   is (INGOT_ALIGNMENT).
//
// Depthwise filter (DEPTHWISE_CONV_2D, depth multiplier 1), from
// [taps][channels] int8:
//   The input holds channels innermost, so one word load brings four channels
//   of one tap. SMLAD adds two products into one accumulator, which for a
//   depthwise convolution must be two taps of the same channel: the kernel
//   rearranges the input of taps t and t+1 into (x_t[c], x_t+1[c]) int16
//   pairs, and the weights are stored pre-arranged the same way, already
//   sign-extended to int16 so the loop loads them with two LDRDs and no
//   SXTB16 (twice the bytes of the int8 weights, for about 0.4 instructions
//   per MAC less). For each block of four channels c0..c3, for each tap pair:
//     [w_t[c0] w_t+1[c0]] [w_t[c1] w_t+1[c1]] [w_t[c2] w_t+1[c2]]
//     [w_t[c3] w_t+1[c3]]                            (int16 little-endian)
//   An odd last tap is not paired with a zero tap, which would cost a full
//   pair's input rearrangement for half the products: its four words pair
//   with the input of that tap split by SXTB16 into (x[c0], x[c2]) and
//   (x[c1], x[c3]), so they hold the weight in one lane and zero in the other:
//     [w[c0] 0] [w[c1] 0] [0 w[c2]] [0 w[c3]]
//   Blocks follow one another (block 0's tap groups, then block 1's). The one
//   to three channels past the last full block follow as plain int8
//   [taps][tail channels]: their loop is scalar.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_PACKING_H
#define INGOT_RUNTIME_KERNELS_DSP_PACKING_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/fold_input_offset.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::dsp {

/// `depth` rounded up to the next multiple of four: the depth the GEMM
/// kernels loop over.
INGOT_KERNEL constexpr int32_t gemm_padded_depth(int32_t depth) {
  return (depth + 3) & ~int32_t{3};
}

/// Bytes of the packed GEMM filter of `rows` output channels over `depth`.
INGOT_KERNEL constexpr int32_t gemm_packed_filter_bytes(int32_t rows,
                                                        int32_t depth) {
  return rows * gemm_padded_depth(depth);
}

/// Writes `filter` ([rows][depth] int8) in the GEMM layout described at the
/// top of this file: gemm_packed_filter_bytes(rows, depth) bytes.
INGOT_KERNEL void pack_gemm_filter(const int8_t *filter, int32_t rows,
                                   int32_t depth, int8_t *packed) {
  const int32_t depth4 = gemm_padded_depth(depth);
  auto weight = [&](int32_t row, int32_t d) -> int8_t {
    return d < depth ? filter[row * depth + d] : int8_t{0};
  };
  int32_t row = 0;
  for (; row + 1 < rows; row += 2) {
    for (int32_t block = 0; block < depth4; block += 4) {
      for (int32_t r = 0; r < 2; ++r)
        for (int32_t i = 0; i < 4; ++i)
          *packed++ = weight(row + r, block + i);
    }
  }
  if (row < rows) {
    for (int32_t d = 0; d < depth4; ++d)
      *packed++ = weight(row, d);
  }
}

/// Bytes of the packed depthwise filter of `taps` (filter_h * filter_w) taps
/// over `channels` channels.
INGOT_KERNEL constexpr int32_t depthwise_packed_filter_bytes(int32_t taps,
                                                             int32_t channels) {
  return (channels / 4) * 16 * ((taps + 1) / 2) + (channels % 4) * taps;
}

/// Writes `filter` ([taps][channels] int8, i.e. TFLite's [1][h][w][c]) in the
/// depthwise layout described at the top of this file.
INGOT_KERNEL void pack_depthwise_filter(const int8_t *filter, int32_t taps,
                                        int32_t channels, int8_t *packed) {
  auto put16 = [&](int32_t value) {
    const uint32_t bits = static_cast<uint32_t>(value);
    *packed++ = static_cast<int8_t>(bits & 0xFF);
    *packed++ = static_cast<int8_t>((bits >> 8) & 0xFF);
  };
  auto weight = [&](int32_t tap, int32_t channel) -> int32_t {
    return filter[tap * channels + channel];
  };
  const int32_t full = channels - channels % 4;
  for (int32_t block = 0; block < full; block += 4) {
    int32_t tap = 0;
    for (; tap + 1 < taps; tap += 2) {
      for (int32_t c = block; c < block + 4; ++c) {
        put16(weight(tap, c));
        put16(weight(tap + 1, c));
      }
    }
    if (tap < taps) {
      put16(weight(tap, block));
      put16(0);
      put16(weight(tap, block + 1));
      put16(0);
      put16(0);
      put16(weight(tap, block + 2));
      put16(0);
      put16(weight(tap, block + 3));
    }
  }
  for (int32_t tap = 0; tap < taps; ++tap)
    for (int32_t c = full; c < channels; ++c)
      *packed++ = static_cast<int8_t>(weight(tap, c));
}

// fold_input_offset_gemm and fold_input_offset_depthwise: the same for
// every kernel family (kernels/fold_input_offset.h).
using ingot::fold_input_offset_depthwise;
using ingot::fold_input_offset_gemm;

/// int32 words of the per-channel requantization records (ChannelRescale in
/// rescale.h) of a kernel over `channels` output channels: four a channel.
INGOT_KERNEL constexpr int32_t rescale_records_words(int32_t channels) {
  return 4 * channels;
}

/// Writes one channel's record, the four words the kernels read. For a layer
/// that is single_rounding_exact, the constants of the five-instruction
/// rescale (rescale.h): {multiplier, 2^r + 2^(r+1) * output_offset,
/// 1 + max(shift, 0), r + 1} with r = max(-shift, 0) (clamped to 30, a shift
/// the fast path never takes, to keep the arithmetic defined); otherwise
/// {multiplier, shift, 0, 0} for the general arithmetic.
INGOT_KERNEL constexpr void
pack_rescale_record(int32_t multiplier, int32_t shift, int32_t output_offset,
                    bool single_rounding_exact, int32_t *record) {
  if (!single_rounding_exact) {
    record[0] = multiplier;
    record[1] = shift;
    record[2] = 0;
    record[3] = 0;
    return;
  }
  const int32_t right = shift < 0 ? (shift < -30 ? 30 : -shift) : 0;
  const uint32_t offset = (uint32_t{1} << right) +
                          (static_cast<uint32_t>(output_offset) << (right + 1));
  record[0] = multiplier;
  record[1] = static_cast<int32_t>(offset);
  record[2] = 1 + (shift > 0 ? shift : 0);
  record[3] = right + 1;
}

/// Writes the requantization records of `channels` channels
/// (rescale_records_words(channels) words) from their multipliers and
/// shifts: what the DSP convolutions read in place of the two arrays. The
/// compiler emits them as a constant, so no kernel builds them at run time.
INGOT_KERNEL void pack_rescale_records(const int32_t *multiplier,
                                       const int32_t *shift, int32_t channels,
                                       int32_t output_offset,
                                       bool single_rounding_exact,
                                       int32_t *records) {
  for (int32_t c = 0; c < channels; ++c)
    pack_rescale_record(multiplier[c], shift[c], output_offset,
                        single_rounding_exact, records + 4 * c);
}

/// Rewrites a channel whose weights are all zero, so that its accumulator is
/// always its folded bias, into an equivalent the fast rescale handles: the
/// folded bias becomes the rescaled value (before the output zero point;
/// limited to +-256, beyond which every int8 output saturates the same way),
/// the multiplier and shift the identity (2^30, 1). Such channels are in
/// practice dead ones (a zero batch-norm scale): a huge bias and a tiny
/// scale, which fail single_rounding_exact and would cost their whole layer
/// the fast path. Call it before single_rounding_exact.
INGOT_KERNEL void fold_constant_channel(int32_t *folded_bias,
                                        int32_t *multiplier, int32_t *shift) {
  const int32_t value =
      multiply_by_quantized_multiplier(*folded_bias, *multiplier, *shift);
  *folded_bias = value < -256 ? -256 : (value > 256 ? 256 : value);
  *multiplier = int32_t{1} << 30;
  *shift = 1;
}

/// Scratch of ingot::dsp::conv2d_s8: the im2col buffer of two output
/// pixels, int16 (4 * depth4 bytes), 4 bytes of slack to align it to 8 for
/// LDRD, and, when input_c is not a multiple of four, a byte buffer of one
/// pixel's patch (depth4 bytes) to gather it first. The kernel also runs
/// without it (scratch nullptr), reading the input in place.
INGOT_KERNEL constexpr int32_t conv2d_s8_scratch_bytes(const Conv2DParams &p) {
  const int32_t depth4 = gemm_padded_depth(p.filter_h * p.filter_w * p.input_c);
  return 4 * depth4 + 4 + (p.input_c % 4 != 0 ? depth4 : 0);
}

/// Scratch of ingot::dsp::depthwise_conv2d_s8: one pointer per tap (8-byte
/// slots, so the size computed on a 64-bit host is enough on any target) for
/// the border pixels, one int32 offset per tap for the interior pixels of
/// the compact form, then a row of input_c zero-point bytes that padded taps
/// read, and 4 bytes of slack to align the slots to 8. The kernel also runs
/// without it (scratch nullptr).
INGOT_KERNEL constexpr int32_t
depthwise_conv2d_s8_scratch_bytes(const Conv2DParams &p) {
  return 4 + 12 * p.filter_h * p.filter_w + gemm_padded_depth(p.input_c);
}

/// Scratch of ingot::dsp::fully_connected_s8: one input row widened to
/// int16, and 4 bytes of slack to align it to 8 for LDRD. The kernel also
/// runs without it (scratch nullptr), widening the input as it reads it.
INGOT_KERNEL constexpr int32_t
fully_connected_s8_scratch_bytes(const FullyConnectedParams &p) {
  return 2 * gemm_padded_depth(p.input_depth) + 4;
}

/// Whether the kernels' five-instruction rescale (rescale.h) gives the
/// reference's bits for a channel whose accumulators never exceed
/// `max_abs_accumulator` in magnitude, with this shift and any int8 output
/// zero point: true when acc << (2 + max(shift, 0)) cannot overflow int32
/// (one bit more than the SMMULR identity needs, for the headroom of the
/// rounding step, which folds in the zero point) and the right shift is at
/// most 21. The compiler bounds the accumulator by |folded bias| + 128 *
/// sum |w| and requires this of every channel before it sets
/// Conv2DParams::single_rounding_exact.
INGOT_KERNEL constexpr bool single_rounding_exact(int64_t max_abs_accumulator,
                                                  int32_t shift) {
  const int32_t left = 2 + (shift > 0 ? shift : 0);
  return max_abs_accumulator >= 0 && shift >= -21 && left < 32 &&
         max_abs_accumulator <= (int64_t{INT32_MAX} >> left);
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_KERNELS_DSP_PACKING_H
