//===- packing.h - Compile-time data layouts of the MVE kernels -*- C++ -*-===//
//
// This file implements the transforms the compiler applies to constant
// weights before it emits them for the `ingot::mve` kernels, and the sizes of
// the scratch buffers those kernels need. It is the one definition of the
// packed layouts: the compiler (host C++) includes it and calls these
// functions, the kernels read what they write. Everything here is plain
// portable C++ with no intrinsics.
//
// GEMM filter (CONV_2D and FULLY_CONNECTED), from [rows][depth] int8:
//   The inner loop multiplies one 16-byte block of an input row by the same
//   block of four output channels, one VMLADAVA each. Rows are taken in
//   groups of four and, for each 16-byte depth block, the group stores the
//   four rows' blocks one after the other, so one pointer walks the group
//   with offsets 0, 16, 32, 48 and a step of 64:
//     group g: [r0 d0..15][r1 d0..15][r2 d0..15][r3 d0..15][r0 d16..31] ...
//   Depth is padded to a multiple of 16 and the rows to a multiple of four,
//   both with zero weights: the loop has no depth tail to predicate on the
//   weights' side, and the inputs multiplied by a padding weight (whatever
//   they are) add nothing.
//
// Depthwise filter (DEPTHWISE_CONV_2D, depth multiplier 1), from
// [taps][channels] int8:
//   The kernel computes 16 channels per vector, tap after tap, so for each
//   block of 16 channels the taps' 16 weights follow one another:
//     block b: [tap 0 c16b..c16b+15][tap 1 ...] ... [tap taps-1 ...]
//   Channels are padded to a multiple of 16 with zero weights.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_PACKING_H
#define INGOT_RUNTIME_KERNELS_MVE_PACKING_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/fold_input_offset.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::mve {

/// `depth` rounded up to the next multiple of 16: the depth of a packed GEMM
/// row, one vector per block.
INGOT_KERNEL constexpr int32_t padded_depth(int32_t depth) {
  return (depth + 15) & ~int32_t{15};
}

/// `rows` rounded up to the next multiple of four.
INGOT_KERNEL constexpr int32_t padded_rows(int32_t rows) {
  return (rows + 3) & ~int32_t{3};
}

/// Bytes of the packed GEMM filter of `rows` output channels over `depth`.
INGOT_KERNEL constexpr int32_t gemm_packed_filter_bytes(int32_t rows,
                                                        int32_t depth) {
  return padded_rows(rows) * padded_depth(depth);
}

/// Writes `filter` ([rows][depth] int8) in the GEMM layout described at the
/// top of this file: gemm_packed_filter_bytes(rows, depth) bytes.
INGOT_KERNEL void pack_gemm_filter(const int8_t *filter, int32_t rows,
                                   int32_t depth, int8_t *packed) {
  const int32_t depth16 = padded_depth(depth);
  for (int32_t group = 0; group < padded_rows(rows); group += 4) {
    for (int32_t block = 0; block < depth16; block += 16) {
      for (int32_t row = group; row < group + 4; ++row) {
        for (int32_t d = block; d < block + 16; ++d) {
          *packed++ =
              row < rows && d < depth ? filter[row * depth + d] : int8_t{0};
        }
      }
    }
  }
}

/// Bytes of the packed depthwise filter of `taps` (filter_h * filter_w) taps
/// over `channels` channels.
INGOT_KERNEL constexpr int32_t depthwise_packed_filter_bytes(int32_t taps,
                                                             int32_t channels) {
  return taps * padded_depth(channels);
}

/// Writes `filter` ([taps][channels] int8, i.e. TFLite's [1][h][w][c]) in the
/// depthwise layout described at the top of this file.
INGOT_KERNEL void pack_depthwise_filter(const int8_t *filter, int32_t taps,
                                        int32_t channels, int8_t *packed) {
  for (int32_t block = 0; block < padded_depth(channels); block += 16) {
    for (int32_t tap = 0; tap < taps; ++tap) {
      for (int32_t c = block; c < block + 16; ++c)
        *packed++ = c < channels ? filter[tap * channels + c] : int8_t{0};
    }
  }
}

// fold_input_offset_gemm and fold_input_offset_depthwise: the same for
// every kernel family (kernels/fold_input_offset.h).
using ingot::fold_input_offset_depthwise;
using ingot::fold_input_offset_gemm;

/// Whether ingot::mve::conv2d_s8 multiplies input rows in place: a 1x1
/// filter without padding reads each output pixel's input pixel directly,
/// every other shape gathers an im2col row into the scratch first.
INGOT_KERNEL constexpr bool conv2d_reads_input_rows(const Conv2DParams &p) {
  return p.filter_h == 1 && p.filter_w == 1 && p.pad_top == 0 &&
         p.pad_left == 0;
}

/// Scratch of ingot::mve::conv2d_s8: none when it reads input rows in place
/// (conv2d_reads_input_rows), otherwise the im2col rows of two pixels, each
/// of the padded depth and 16 bytes of slack, which the row's vector stores
/// may overrun. The scratch is optional: given nullptr, the kernel puts the
/// rows in the end of its output, not yet written (see conv2d_s8.h).
INGOT_KERNEL constexpr int32_t conv2d_s8_scratch_bytes(const Conv2DParams &p) {
  return conv2d_reads_input_rows(p)
             ? 0
             : 2 * (padded_depth(p.filter_h * p.filter_w * p.input_c) + 16);
}

/// Input columns an output row of ingot::mve::depthwise_conv2d_s8's column
/// path reads, padding included.
INGOT_KERNEL constexpr int32_t depthwise_band_width(const Conv2DParams &p) {
  return (p.output_w - 1) * p.stride_w + p.filter_w;
}

/// Whether ingot::mve::depthwise_conv2d_s8 takes its column path (see
/// depthwise_columns.h): an output's taps must be adjacent columns
/// (dilation_w 1) and fit one vector (at most 16 taps), the band's channel
/// offsets 16 bits, and rows at least 8 outputs wide (a channel's fixed
/// cost per row outweighs the gain on fewer). Other shapes compute 16
/// channels per vector.
INGOT_KERNEL constexpr bool depthwise_uses_columns(const Conv2DParams &p) {
  return p.output_w >= 8 && p.dilation_w == 1 &&
         p.filter_h * p.filter_w <= 16 &&
         15 * depthwise_band_width(p) * p.filter_h < 65536;
}

/// Bytes of the column path's band: 16 channels of depthwise_band_width(p)
/// columns of filter_h bytes, and the slack that the loads of the last,
/// up to three, padding outputs of a row may read.
INGOT_KERNEL constexpr int32_t depthwise_band_bytes(const Conv2DParams &p) {
  return 16 * depthwise_band_width(p) * p.filter_h +
         3 * p.stride_w * p.filter_h + 16;
}

/// Scratch of ingot::mve::depthwise_conv2d_s8: the column path's band when
/// it takes that path, none otherwise. The scratch is optional: given
/// nullptr, the kernel computes 16 channels per vector instead.
INGOT_KERNEL constexpr int32_t
depthwise_conv2d_s8_scratch_bytes(const Conv2DParams &p) {
  return depthwise_uses_columns(p) ? depthwise_band_bytes(p) : 0;
}

/// Scratch of ingot::mve::fully_connected_s8: none, it multiplies the input
/// rows in place.
INGOT_KERNEL constexpr int32_t
fully_connected_s8_scratch_bytes(const FullyConnectedParams &) {
  return 0;
}

/// Whether the one-multiply rescale gives the reference's bits for a channel
/// whose accumulators never exceed `max_abs_accumulator` in magnitude: true
/// when the accumulator shifted left by 1 + max(shift, 0) cannot overflow
/// int32. The same condition as ingot::dsp::single_rounding_exact, so that
/// the compiler sets Conv2DParams::single_rounding_exact alike for both
/// families. (The MVE kernels rescale with VQRDMULH, which is the
/// reference's doubling high multiply bit for bit, saturation included, so
/// they take the same path whatever the flag says.)
INGOT_KERNEL constexpr bool single_rounding_exact(int64_t max_abs_accumulator,
                                                  int32_t shift) {
  const int32_t left = 1 + (shift > 0 ? shift : 0);
  return max_abs_accumulator >= 0 && left < 32 &&
         max_abs_accumulator <= (int64_t{INT32_MAX} >> left);
}

} // namespace ingot::mve

#endif // INGOT_RUNTIME_KERNELS_MVE_PACKING_H
