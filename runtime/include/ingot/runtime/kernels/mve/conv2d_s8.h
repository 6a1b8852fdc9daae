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
  int8_t *im2col0 = static_cast<int8_t *>(scratch);
  int8_t *im2col1 = im2col0 + padded_depth(depth) + 16;
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  PixelCursor at;
  for (int32_t pixel = 0; pixel < pixels; pixel += 2) {
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
}

} // namespace detail

/// 2-D convolution of an int8 NHWC tensor with the shape read at run time.
/// `packed_filter` is pack_gemm_filter's output for the [output_c][filter_h *
/// filter_w * input_c] filter, `folded_bias` fold_input_offset_gemm's.
/// Channel c is rescaled by output_multiplier[c] * 2^(output_shift[c] - 31).
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
