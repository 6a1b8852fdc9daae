//===- conv2d_s8.h - Armv8.1-M MVE int8 2-D convolution ---------*- C++ -*-===//
//
// This file implements the int8 convolution for cores with MVE (Helium),
// bit-exact with ingot::ref::conv2d_s8. It runs as a GEMM over output pixels:
// each pixel's receptive field, filter_h * filter_w * input_c bytes in the
// filter's order, is one row that gemm_s8.h multiplies by four output
// channels per pass, 16 bytes per VMLADAVA. A 1x1 filter without padding
// reads the row in place in the input; every other shape first gathers it
// (im2col) into the scratch, with 16-byte vector copies, the input zero
// point where the reference skips a padded tap, and zeros up to the padded
// depth.
//
// The compiler has moved the input offset into the bias (folded_bias =
// bias + input_offset * sum of the channel's weights, fold_input_offset_gemm
// in packing.h), so the rows hold raw inputs: for a real tap the sum of
// weight * raw plus the folded term is the reference's sum of
// weight * (raw + input_offset); a padded tap, which holds the zero point
// -input_offset, contributes weight * (-input_offset) and cancels its folded
// term, as the reference's skip does. The weights are in the packed GEMM
// layout (pack_gemm_filter), the scratch is conv2d_s8_scratch_bytes(p) bytes.
//
// The scratch is optional. Without it (nullptr, where the memory planner
// found no free bytes for it) the two im2col rows go in the part of the
// output that is not written yet: its last bytes, 16-byte aligned, while
// the pixel pairs being computed end before them. The few pixels that
// would overwrite them are computed two at a time from rows gathered on the
// stack (conv2d_pair_direct, 288 bytes): whole when the padded depth is at
// most 128 bytes, else 128 bytes at a time for every group of four
// channels. A layer whose output is smaller than the rows runs entirely
// that way. (The output must not overlap the input, which the memory plan
// guarantees for every convolution.)
//
// Two forms share one implementation: conv2d_s8(p, ...) reads the shape at
// run time (compact code), conv2d_s8<P>(...) takes it as a template argument
// so every loop bound, the path and the depth tail are constants.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_CONV2D_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/gemm_s8.h"
#include "ingot/runtime/kernels/mve/packing.h"
#include "ingot/runtime/kernels/mve/rescale.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::mve {

namespace detail {

/// Copies `count` (at least 1) bytes from `source` to `dest` in vectors.
/// Reads nothing past source + count; may write up to 15 bytes past
/// dest + count.
INGOT_ALWAYS_INLINE void copy_bytes(int8_t *dest, const int8_t *source,
                                    int32_t count) {
  for (; count > 16; count -= 16) {
    store_s8x16(dest, load_s8x16(source));
    dest += 16;
    source += 16;
  }
  store_s8x16(dest, load_s8x16_z(source, tail_pred8(count)));
}

/// Writes `count` copies of the bytes of `value`; may write up to 15 bytes
/// past dest + count.
INGOT_ALWAYS_INLINE void fill_bytes(int8_t *dest, s8x16 value, int32_t count) {
  for (int32_t i = 0; i < count; i += 16)
    store_s8x16(dest + i, value);
}

/// Writes the im2col row of output pixel (out_y, out_x) of `image` (one
/// batch of the input) into `row`, followed by 16 zero bytes, which cover
/// the depth padding. `row` has padded_depth(depth) + 16 bytes.
INGOT_ALWAYS_INLINE void conv2d_im2col(const Conv2DParams &p,
                                       const int8_t *image, int32_t out_y,
                                       int32_t out_x, s8x16 zero_point,
                                       int8_t *row) {
  const int32_t channels = p.input_c;
  const int32_t tap_row_bytes = p.filter_w * channels;
  const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
  const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
  // A window row inside the input is one contiguous run when the taps are
  // adjacent and none is padding.
  const bool one_run = p.dilation_w == 1 && in_x_origin >= 0 &&
                       in_x_origin + p.filter_w <= p.input_w;
  for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
    const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
    if (in_y < 0 || in_y >= p.input_h) {
      fill_bytes(row, zero_point, tap_row_bytes);
    } else if (one_run) {
      copy_bytes(row, image + (in_y * p.input_w + in_x_origin) * channels,
                 tap_row_bytes);
    } else {
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
        const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
        int8_t *tap = row + filter_x * channels;
        if (in_x < 0 || in_x >= p.input_w)
          fill_bytes(tap, zero_point, channels);
        else
          copy_bytes(tap, image + (in_y * p.input_w + in_x) * channels,
                     channels);
      }
    }
    row += tap_row_bytes;
  }
  store_s8x16(row, dup_s8(0));
}

/// An output pixel position that steps through the output in order.
struct PixelCursor {
  int32_t batch = 0, out_y = 0, out_x = 0;
  INGOT_ALWAYS_INLINE void next(const Conv2DParams &p) {
    if (++out_x == p.output_w) {
      out_x = 0;
      if (++out_y == p.output_h) {
        out_y = 0;
        ++batch;
      }
    }
  }
};

/// The row of the pixel at `at`: its input pixel when the convolution reads
/// rows in place, else its im2col row written into `im2col`.
INGOT_ALWAYS_INLINE const int8_t *conv2d_row(const Conv2DParams &p,
                                             const int8_t *input,
                                             const PixelCursor &at,
                                             s8x16 zero_point, int8_t *im2col) {
  const int8_t *image = input + at.batch * p.input_h * p.input_w * p.input_c;
  if (conv2d_reads_input_rows(p))
    return image + (at.out_y * p.stride_h * p.input_w + at.out_x * p.stride_w) *
                       p.input_c;
  conv2d_im2col(p, image, at.out_y, at.out_x, zero_point, im2col);
  return im2col;
}

/// Writes bytes [begin, begin + count) of the im2col row of output pixel
/// (out_y, out_x) of `image` into `dest`: the input, the zero point at
/// padded taps, zeros past the depth. May write up to 15 bytes past
/// dest + count.
INGOT_ALWAYS_INLINE void conv2d_im2col_range(const Conv2DParams &p,
                                             const int8_t *image, int32_t out_y,
                                             int32_t out_x, s8x16 zero_point,
                                             int32_t begin, int32_t count,
                                             int8_t *dest) {
  const int32_t channels = p.input_c;
  const int32_t tap_row_bytes = p.filter_w * channels;
  const int32_t depth = p.filter_h * tap_row_bytes;
  const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
  const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
  const bool one_run = p.dilation_w == 1 && in_x_origin >= 0 &&
                       in_x_origin + p.filter_w <= p.input_w;
  const int32_t end = begin + count < depth ? begin + count : depth;
  int32_t d = begin;
  while (d < end) {
    const int32_t filter_y = d / tap_row_bytes;
    const int32_t row_start = filter_y * tap_row_bytes;
    const int32_t row_end =
        row_start + tap_row_bytes < end ? row_start + tap_row_bytes : end;
    const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
    if (in_y < 0 || in_y >= p.input_h) {
      fill_bytes(dest, zero_point, row_end - d);
    } else if (one_run) {
      copy_bytes(dest,
                 image + (in_y * p.input_w + in_x_origin) * channels +
                     (d - row_start),
                 row_end - d);
    } else {
      // Tap by tap: the part of each tap in [d, row_end).
      for (int32_t at = d; at < row_end;) {
        const int32_t filter_x = (at - row_start) / channels;
        const int32_t tap_start = row_start + filter_x * channels;
        const int32_t tap_end =
            tap_start + channels < row_end ? tap_start + channels : row_end;
        const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
        if (in_x < 0 || in_x >= p.input_w)
          fill_bytes(dest + (at - d), zero_point, tap_end - at);
        else
          copy_bytes(dest + (at - d),
                     image + (in_y * p.input_w + in_x) * channels +
                         (at - tap_start),
                     tap_end - at);
        at = tap_end;
      }
    }
    dest += row_end - d;
    d = row_end;
  }
  fill_bytes(dest, dup_s8(0), begin + count - d);
}

/// The largest part of an im2col row that conv2d_pair_direct gathers on the
/// stack at a time (a multiple of 16).
constexpr int32_t kDirectChunkBytes = 128;

/// Computes the output pixel at `at` and, when `two`, the next one into
/// out0 and out0 + output_c, from im2col rows gathered on the stack rather
/// than in the scratch: the path of the pixels that a call without scratch
/// has no room for. A padded depth of up to kDirectChunkBytes is gathered
/// once per pixel; a deeper one in chunks of that size, again for every
/// group of four channels.
INGOT_MVE_NOINLINE void
conv2d_pair_direct(const Conv2DParams &p, const int8_t *input,
                   const int8_t *packed_filter, const int32_t *folded_bias,
                   const GemmRescale &rescale, PixelCursor at, bool two,
                   int8_t *out0) {
  alignas(16) int8_t rows[2][kDirectChunkBytes + 16];
  const int32_t depth16 = padded_depth(p.filter_h * p.filter_w * p.input_c);
  const s8x16 zero_point = dup_s8(static_cast<int8_t>(-p.input_offset));
  const int32_t image_bytes = p.input_h * p.input_w * p.input_c;
  const int8_t *image0 = input + at.batch * image_bytes;
  PixelCursor at1 = at;
  if (two)
    at1.next(p);
  const int8_t *image1 = input + at1.batch * image_bytes;
  int8_t *out1 = two ? out0 + p.output_c : out0;
  const int8_t *row1 = two ? rows[1] : rows[0];
  const bool one_chunk = depth16 <= kDirectChunkBytes;
  if (one_chunk) {
    conv2d_im2col_range(p, image0, at.out_y, at.out_x, zero_point, 0, depth16,
                        rows[0]);
    if (two)
      conv2d_im2col_range(p, image1, at1.out_y, at1.out_x, zero_point, 0,
                          depth16, rows[1]);
  }
  const s32x4 low = dup_s32(rescale.activation_min);
  const s32x4 high = dup_s32(rescale.activation_max);
  const int8_t *weights = packed_filter;
  for (int32_t channel = 0; channel < p.output_c; channel += 4) {
    s32x4 acc0 = dup_s32(0), acc1 = dup_s32(0);
    for (int32_t begin = 0; begin < depth16; begin += kDirectChunkBytes) {
      const int32_t count = depth16 - begin < kDirectChunkBytes
                                ? depth16 - begin
                                : kDirectChunkBytes;
      if (!one_chunk) {
        conv2d_im2col_range(p, image0, at.out_y, at.out_x, zero_point, begin,
                            count, rows[0]);
        if (two)
          conv2d_im2col_range(p, image1, at1.out_y, at1.out_x, zero_point,
                              begin, count, rows[1]);
      }
      s32x4 part0, part1;
      dot_4x2<false>(rows[0], row1, weights, count / 16, 0, part0, part1);
      acc0 = add_s32(acc0, part0);
      acc1 = add_s32(acc1, part1);
    }
    const pred16 lanes = tail_pred32(p.output_c - channel);
    const s32x4 bias = load_s32x4_z(folded_bias + channel, lanes);
    const s32x4 multiplier = load_s32x4_z(rescale.multipliers + channel, lanes);
    const s32x4 shift = load_s32x4_z(rescale.shifts + channel, lanes);
    gemm_store<true>(out0 + channel, acc0, bias, multiplier, shift, rescale,
                     low, high, lanes);
    gemm_store<true>(out1 + channel, acc1, bias, multiplier, shift, rescale,
                     low, high, lanes);
  }
}

/// The shared body of both conv2d_s8 forms: output pixels two at a time.
template <bool Compact>
INGOT_ALWAYS_INLINE void
conv2d_s8_impl(const Conv2DParams &p, const int8_t *input,
               const int8_t *packed_filter, const int32_t *folded_bias,
               int8_t *output, const int32_t *output_multiplier,
               const int32_t *output_shift, void *scratch) {
  const bool in_place = conv2d_reads_input_rows(p);
  const int32_t depth = p.filter_h * p.filter_w * p.input_c;
  // In place the row is the input pixel, whose last block is read
  // predicated; an im2col row is padded, so every block is whole.
  const int32_t full_blocks = in_place ? depth / 16 : padded_depth(depth) / 16;
  const int32_t tail = in_place ? depth % 16 : 0;
  const GemmRescale rescale = {output_multiplier,
                               output_shift,
                               0,
                               0,
                               right_shifts_only(output_shift, p.output_c),
                               p.output_offset,
                               p.activation_min,
                               p.activation_max};
  const s8x16 zero_point = dup_s8(static_cast<int8_t>(-p.input_offset));
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  const int32_t row_bytes = padded_depth(depth) + 16;
  // The two im2col rows: in the scratch, or else at the end of the output
  // (16-byte aligned), below which a pair of pixels may be written while it
  // ends at or before `limit`.
  int8_t *im2col0 = static_cast<int8_t *>(scratch);
  uintptr_t limit = UINTPTR_MAX;
  if (!in_place && scratch == nullptr) {
    const uintptr_t begin = reinterpret_cast<uintptr_t>(output);
    const uintptr_t end = begin + static_cast<uintptr_t>(pixels) *
                                      static_cast<uintptr_t>(p.output_c);
    const uintptr_t rows = 2 * static_cast<uintptr_t>(row_bytes);
    limit = end - begin >= rows + 15 ? (end - rows) & ~uintptr_t{15} : 0;
    im2col0 = reinterpret_cast<int8_t *>(limit);
  }
  int8_t *im2col1 = im2col0 + row_bytes;
  PixelCursor at;
  int32_t pixel = 0;
  for (; pixel < pixels; pixel += 2) {
    if (reinterpret_cast<uintptr_t>(output) +
            2 * static_cast<uintptr_t>(p.output_c) >
        limit)
      break;
    const int8_t *row0 = conv2d_row(p, input, at, zero_point, im2col0);
    const int8_t *row1 = row0;
    int8_t *out1 = output;
    at.next(p);
    if (pixel + 1 < pixels) {
      row1 = conv2d_row(p, input, at, zero_point, im2col1);
      out1 = output + p.output_c;
      at.next(p);
    }
    gemm_rows<true, Compact>(row0, row1, full_blocks, tail, packed_filter,
                             p.output_c, folded_bias, rescale, output, out1);
    output += 2 * p.output_c;
  }
  // Without scratch, the pixels whose outputs the rows occupy.
  for (; pixel < pixels; pixel += 2) {
    const bool two = pixel + 1 < pixels;
    conv2d_pair_direct(p, input, packed_filter, folded_bias, rescale, at, two,
                       output);
    at.next(p);
    if (two)
      at.next(p);
    output += 2 * p.output_c;
  }
}

} // namespace detail

/// 2-D convolution of an int8 NHWC tensor with the shape read at run time.
/// `packed_filter` is pack_gemm_filter's output for the [output_c][filter_h *
/// filter_w * input_c] filter, `folded_bias` fold_input_offset_gemm's.
/// Channel c is rescaled by output_multiplier[c] * 2^(output_shift[c] - 31).
/// `scratch` is conv2d_s8_scratch_bytes(p) bytes or nullptr (the kernel then
/// borrows the end of `output`).
INGOT_KERNEL void conv2d_s8(const Conv2DParams &p, const int8_t *input,
                            const int8_t *packed_filter,
                            const int32_t *folded_bias, int8_t *output,
                            const int32_t *output_multiplier,
                            const int32_t *output_shift, void *scratch) {
  detail::conv2d_s8_impl<true>(p, input, packed_filter, folded_bias, output,
                               output_multiplier, output_shift, scratch);
}

/// The same convolution specialized for the shape `P` (a static constexpr
/// object of the generated code).
template <const Conv2DParams &P>
INGOT_KERNEL void conv2d_s8(const int8_t *input, const int8_t *packed_filter,
                            const int32_t *folded_bias, int8_t *output,
                            const int32_t *output_multiplier,
                            const int32_t *output_shift, void *scratch) {
  detail::conv2d_s8_impl<false>(P, input, packed_filter, folded_bias, output,
                                output_multiplier, output_shift, scratch);
}

} // namespace ingot::mve

#endif // INGOT_RUNTIME_KERNELS_MVE_CONV2D_S8_H
