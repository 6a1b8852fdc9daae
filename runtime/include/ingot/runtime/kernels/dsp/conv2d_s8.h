//===- conv2d_s8.h - Armv7E-M DSP int8 2-D convolution ----------*- C++ -*-===//
//
// This file implements the int8 convolution for cores with the DSP
// extension, bit-exact with ingot::ref::conv2d_s8. The convolution runs as a
// GEMM over output pixels taken two at a time: each pixel's receptive field
// (its im2col column, filter_h * filter_w * input_c values) is gathered into
// the scratch buffer widened to int16, with the input zero point written
// where the reference skips a padded tap, and the micro-kernels of gemm_s8.h
// multiply the two columns by two output channels per pass.
//
// The compiler has moved the input offset into the bias (folded_bias =
// bias + input_offset * sum of the channel's weights, fold_input_offset_gemm
// in packing.h), so the columns hold raw inputs: for a real tap the sum of
// weight * raw plus the folded term is the reference's sum of
// weight * (raw + input_offset); a padded tap, which holds the zero point
// -input_offset, contributes weight * (-input_offset) and cancels its folded
// term, as the reference's skip does. The weights are in the packed GEMM
// layout (pack_gemm_filter), the per-channel requantization records are a
// constant (pack_rescale_records), and the scratch is
// conv2d_s8_scratch_bytes(p) bytes, 4-byte aligned: the two columns and a
// byte patch for input_c % 4 != 0. Each pass's four outputs are rescaled
// from the records, clamped as one packed word and stored as two halfwords.
//
// Without scratch (nullptr, where the memory planner found no free bytes
// for it) the columns go in the part of the output that is not written yet:
// its last bytes, while the pixels being computed end before them. The few
// pixels that would overwrite them are computed one output at a time from
// the input in place (conv2d_pixel_direct), as are whole layers whose output
// is too small to hold the columns.
//
// Two forms share one implementation: conv2d_s8(p, ...) reads the shape at
// run time (compact code), conv2d_s8<P>(...) takes it as a template argument
// so every loop bound and the requantization path are constants.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_DSP_CONV2D_S8_H

#include <cstdint>

#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/dsp/gemm_s8.h"
#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/dsp/rescale.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::dsp {

namespace detail {

/// Widens `blocks` blocks of four int8 values from `source` into a column
/// (four words per block, this column's two first).
INGOT_ALWAYS_INLINE int32_t *widen_run(const int8_t *source, int32_t blocks,
                                       int32_t *column) {
  for (int32_t block = 0; block < blocks; ++block) {
    widen_block(source, column);
    source += 4;
    column += 4;
  }
  return column;
}

/// Copies `count` bytes, a word at a time while it can (any alignment).
INGOT_ALWAYS_INLINE int8_t *copy_run(const int8_t *source, int32_t count,
                                     int8_t *destination) {
  int32_t i = 0;
  for (; i + 4 <= count; i += 4)
    store_s8x4(destination + i, load_s8x4(source + i));
  for (; i < count; ++i)
    destination[i] = source[i];
  return destination + count;
}

/// Gathers the patch of the pixel whose window starts at (in_y_origin,
/// in_x_origin) of `image` into `patch` as bytes, the zero point at padded
/// taps and zeros in the depth padding (whose weights are zero too):
/// gemm_padded_depth(depth) bytes.
INGOT_ALWAYS_INLINE void
conv2d_im2col_bytes(const Conv2DParams &p, const int8_t *image,
                    int32_t in_y_origin, int32_t in_x_origin, int8_t *patch) {
  const int32_t zero_point = -p.input_offset;
  const bool runs = p.dilation_w == 1 && in_x_origin >= 0 &&
                    in_x_origin + p.filter_w <= p.input_w;
  const int32_t run_bytes = p.filter_w * p.input_c;
  int8_t *byte = patch;
  for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
    const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
    const bool row_inside = in_y >= 0 && in_y < p.input_h;
    if (row_inside && runs) {
      byte = copy_run(image + (in_y * p.input_w + in_x_origin) * p.input_c,
                      run_bytes, byte);
      continue;
    }
    for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
      const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
      if (row_inside && in_x >= 0 && in_x < p.input_w) {
        const int8_t *source = image + (in_y * p.input_w + in_x) * p.input_c;
        for (int32_t c = 0; c < p.input_c; ++c)
          *byte++ = source[c];
      } else {
        for (int32_t c = 0; c < p.input_c; ++c)
          *byte++ = static_cast<int8_t>(zero_point);
      }
    }
  }
  const int32_t depth = p.filter_h * p.filter_w * p.input_c;
  const int32_t depth4 = gemm_padded_depth(depth);
  for (int32_t d = depth; d < depth4; ++d)
    *byte++ = 0;
}

/// Writes the im2col column of output pixel (batch, out_y, out_x) into
/// `column`, in the interleaved layout of gemm_s8.h (four words per block,
/// this column's two first). `patch` is depth4 bytes for input_c not a
/// multiple of four, where a block can straddle two taps.
INGOT_ALWAYS_INLINE void conv2d_im2col(const Conv2DParams &p,
                                       const int8_t *input, int32_t batch,
                                       int32_t out_y, int32_t out_x,
                                       int32_t *column, int8_t *patch) {
  const int32_t zero_point = -p.input_offset;
  const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
  const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
  const int8_t *image = input + batch * p.input_h * p.input_w * p.input_c;
  // A window inside the input along x, without dilation, is one contiguous
  // run of filter_w * input_c bytes per filter row.
  const bool runs = p.dilation_w == 1 && in_x_origin >= 0 &&
                    in_x_origin + p.filter_w <= p.input_w;
  const int32_t run_bytes = p.filter_w * p.input_c;
  if (p.input_c % 4 == 0) {
    // Every tap starts a block: widen straight from the input.
    const int32_t zero_pair = pack16(zero_point, zero_point);
    for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
      const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
      const bool row_inside = in_y >= 0 && in_y < p.input_h;
      if (row_inside && runs) {
        column = widen_run(image + (in_y * p.input_w + in_x_origin) * p.input_c,
                           run_bytes / 4, column);
        continue;
      }
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
        const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
        if (row_inside && in_x >= 0 && in_x < p.input_w) {
          column = widen_run(image + (in_y * p.input_w + in_x) * p.input_c,
                             p.input_c / 4, column);
        } else {
          for (int32_t c = 0; c < p.input_c; c += 4) {
            column[0] = zero_pair;
            column[1] = zero_pair;
            column += 4;
          }
        }
      }
    }
    return;
  }
  // Gather the bytes, then widen whole blocks.
  conv2d_im2col_bytes(p, image, in_y_origin, in_x_origin, patch);
  widen_run(patch, gemm_padded_depth(p.filter_h * p.filter_w * p.input_c) / 4,
            column);
}

/// The largest patch (padded depth, bytes) that conv2d_pixel_direct gathers
/// on the stack.
constexpr int32_t kDirectPatchBytes = 128;

/// Adds one block of four inputs (`word`, int8 lanes) times the block's
/// weights at `weights` to a channel pair (`Pair`: two words, 8-byte
/// aligned) or the odd last row (one word), and steps past them.
template <bool Pair>
INGOT_ALWAYS_INLINE void direct_block(int32_t word, const int8_t *&weights,
                                      int32_t &acc0, int32_t &acc1) {
  const int32_t even = sxtb16(word), odd = sxtb16_ror8(word);
  if constexpr (Pair) {
    int32_t w0, w1;
    load_weight_pair(weights, w0, w1);
    weights += 8;
    acc0 = smlad(sxtb16_ror8(w0), odd, smlad(sxtb16(w0), even, acc0));
    acc1 = smlad(sxtb16_ror8(w1), odd, smlad(sxtb16(w1), even, acc1));
  } else {
    const int32_t w = load_weight(weights);
    weights += 4;
    acc0 = smlad(sxtb16_ror8(w), odd, smlad(sxtb16(w), even, acc0));
  }
}

/// Accumulates the patch of output pixel (batch, out_y, out_x) times a
/// channel pair (or the odd last row) of the packed filter at `weights`,
/// reading the input in place: whole words where input_c is a multiple of
/// four, else byte by byte into words; padded taps read the zero point.
template <bool Pair>
INGOT_ALWAYS_INLINE void
direct_patch(const Conv2DParams &p, const int8_t *image, int32_t in_y_origin,
             int32_t in_x_origin, const int8_t *weights, int32_t &acc0,
             int32_t &acc1) {
  const int32_t zero_point = -p.input_offset;
  const int32_t zero_word = replicate_s8x4(zero_point);
  uint32_t word = 0;
  int32_t lane = 0;
  for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
    const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
    const bool row_inside = in_y >= 0 && in_y < p.input_h;
    for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
      const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
      const bool inside = row_inside && in_x >= 0 && in_x < p.input_w;
      const int8_t *source =
          inside ? image + (in_y * p.input_w + in_x) * p.input_c : nullptr;
      if (p.input_c % 4 == 0) {
        for (int32_t c = 0; c < p.input_c; c += 4)
          direct_block<Pair>(inside ? load_s8x4(source + c) : zero_word,
                             weights, acc0, acc1);
        continue;
      }
      for (int32_t c = 0; c < p.input_c; ++c) {
        const int32_t value = inside ? source[c] : zero_point;
        word |= (static_cast<uint32_t>(value) & 0xFFu) << (8 * lane);
        if (++lane == 4) {
          direct_block<Pair>(static_cast<int32_t>(word), weights, acc0, acc1);
          word = 0;
          lane = 0;
        }
      }
    }
  }
  // The depth padding: zero inputs (and zero weights).
  if (lane != 0)
    direct_block<Pair>(static_cast<int32_t>(word), weights, acc0, acc1);
}

/// Computes every channel of output pixel (batch, out_y, out_x) reading the
/// input in place: the path of the few pixels a call without scratch has
/// no room to gather (about 1.5 instructions per multiply-accumulate where
/// input_c is a multiple of four).
INGOT_DSP_COLD void
conv2d_pixel_direct(const Conv2DParams &p, const int8_t *input,
                    const int8_t *packed_filter, const int32_t *folded_bias,
                    OutputStage stage, int32_t batch, int32_t out_y,
                    int32_t out_x, int8_t *out) {
  const int32_t depth4 = gemm_padded_depth(p.filter_h * p.filter_w * p.input_c);
  const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
  const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
  const int8_t *image = input + batch * p.input_h * p.input_w * p.input_c;
  int32_t channel = 0;
  if (p.input_c % 4 != 0 && depth4 <= kDirectPatchBytes) {
    // A small patch whose blocks straddle taps (the first layers, one to
    // three input channels): gathered once on the stack rather than byte by
    // byte for every channel pair.
    alignas(8) int8_t patch[kDirectPatchBytes];
    conv2d_im2col_bytes(p, image, in_y_origin, in_x_origin, patch);
    for (; channel + 1 < p.output_c; channel += 2) {
      int32_t acc0 = folded_bias[channel], acc1 = folded_bias[channel + 1];
      const int8_t *weights = packed_filter + channel * depth4;
      for (int32_t d = 0; d < depth4; d += 4)
        direct_block<true>(load_s8x4(patch + d), weights, acc0, acc1);
      out[channel] = stage.output(acc0, channel);
      out[channel + 1] = stage.output(acc1, channel + 1);
    }
    if (channel < p.output_c) {
      int32_t acc0 = folded_bias[channel], unused = 0;
      const int8_t *weights = packed_filter + channel * depth4;
      for (int32_t d = 0; d < depth4; d += 4)
        direct_block<false>(load_s8x4(patch + d), weights, acc0, unused);
      out[channel] = stage.output(acc0, channel);
    }
    return;
  }
  for (; channel + 1 < p.output_c; channel += 2) {
    int32_t acc0 = folded_bias[channel], acc1 = folded_bias[channel + 1];
    direct_patch<true>(p, image, in_y_origin, in_x_origin,
                       packed_filter + channel * depth4, acc0, acc1);
    out[channel] = stage.output(acc0, channel);
    out[channel + 1] = stage.output(acc1, channel + 1);
  }
  if (channel < p.output_c) {
    int32_t acc0 = folded_bias[channel], unused = 0;
    direct_patch<false>(p, image, in_y_origin, in_x_origin,
                        packed_filter + channel * depth4, acc0, unused);
    out[channel] = stage.output(acc0, channel);
  }
}

/// Steps the cursor (batch, out_y, out_x) to the next output pixel.
INGOT_ALWAYS_INLINE void next_pixel(const Conv2DParams &p, int32_t &batch,
                                    int32_t &out_y, int32_t &out_x) {
  if (++out_x == p.output_w) {
    out_x = 0;
    if (++out_y == p.output_h) {
      out_y = 0;
      ++batch;
    }
  }
}

/// Writes channels `channel` and `channel + 1` of two pixels from their
/// accumulators acc[pixel][channel]: four rescales, then one packed clamp
/// and two halfword stores.
INGOT_ALWAYS_INLINE void conv2d_store_2x2(const OutputStage &stage,
                                          int8_t *out0, int8_t *out1,
                                          int32_t channel, int32_t acc00,
                                          int32_t acc01, int32_t acc10,
                                          int32_t acc11) {
  stage.rescale2(acc00, acc10, channel);
  stage.rescale2(acc01, acc11, channel + 1);
  const int32_t word = stage.clamp4(pack_s8x4(acc00, acc01, acc10, acc11));
  store_s8x2(out0 + channel, word);
  store_s8x2(out1 + channel, word >> 16);
}

/// The shared body of both conv2d_s8 forms.
INGOT_ALWAYS_INLINE void
conv2d_s8_impl(const Conv2DParams &params, const int8_t *input,
               const int8_t *packed_filter, const int32_t *folded_bias,
               int8_t *output, const int32_t *rescale_records, void *scratch) {
  // A copy of the parameters: the assembly blocks clobber memory, which
  // would make the compiler reload every field of `params` after each one.
  const Conv2DParams p = params;
  const int32_t depth4 = gemm_padded_depth(p.filter_h * p.filter_w * p.input_c);
  const int32_t blocks = depth4 / 4;
  const int32_t output_c = p.output_c;
  const int32_t pixels = p.batches * p.output_h * p.output_w;
  // The two columns (read with LDRD, so aligned to 8), then the patch: in
  // the scratch, or else at the end of the output, below which pixels may
  // be written while they end at or before `limit`.
  const int32_t column_bytes = 4 * depth4 + (p.input_c % 4 != 0 ? depth4 : 0);
  uintptr_t base, limit;
  if (scratch != nullptr) {
    base = (reinterpret_cast<uintptr_t>(scratch) + 7) & ~uintptr_t{7};
    limit = UINTPTR_MAX;
  } else {
    const uintptr_t end =
        reinterpret_cast<uintptr_t>(output + pixels * output_c);
    base = (end - static_cast<uintptr_t>(column_bytes)) & ~uintptr_t{7};
    limit = base;
    if (end - reinterpret_cast<uintptr_t>(output) <
        static_cast<uintptr_t>(column_bytes) + 8)
      limit = 0;
  }
  int32_t *columns = reinterpret_cast<int32_t *>(base);
  int8_t *patch = reinterpret_cast<int8_t *>(columns + depth4);
  const OutputStage stage =
      make_output_stage(rescale_records, p.output_offset, p.activation_min,
                        p.activation_max, p.single_rounding_exact);
  int32_t batch = 0, out_y = 0, out_x = 0;
  int8_t *out0 = output;
  int32_t pixel = 0;
  for (; pixel + 1 < pixels; pixel += 2) {
    if (reinterpret_cast<uintptr_t>(out0 + 2 * output_c) > limit)
      break;
    conv2d_im2col(p, input, batch, out_y, out_x, columns, patch);
    next_pixel(p, batch, out_y, out_x);
    conv2d_im2col(p, input, batch, out_y, out_x, columns + 2, patch);
    next_pixel(p, batch, out_y, out_x);
    const int32_t *ready = after_stores(columns);
    int8_t *out1 = out0 + output_c;
    const int8_t *weights = packed_filter;
    int32_t channel = 0;
    for (; channel + 1 < output_c; channel += 2) {
      int32_t acc00 = folded_bias[channel], acc01 = folded_bias[channel + 1];
      int32_t acc10 = acc00, acc11 = acc01;
      mac_2x2(ready, weights, blocks, acc00, acc01, acc10, acc11);
      weights += 2 * depth4;
      conv2d_store_2x2(stage, out0, out1, channel, acc00, acc01, acc10, acc11);
    }
    if (channel < output_c) {
      int32_t acc0 = folded_bias[channel], acc1 = acc0;
      mac_2x1(ready, weights, blocks, acc0, acc1);
      out0[channel] = stage.output(acc0, channel);
      out1[channel] = stage.output(acc1, channel);
    }
    out0 += 2 * output_c;
  }
  if (pixel + 1 == pixels &&
      reinterpret_cast<uintptr_t>(out0 + output_c) <= limit) {
    conv2d_im2col(p, input, batch, out_y, out_x, columns, patch);
    const int32_t *ready = after_stores(columns);
    const int8_t *weights = packed_filter;
    int32_t channel = 0;
    for (; channel + 1 < output_c; channel += 2) {
      int32_t acc0 = folded_bias[channel], acc1 = folded_bias[channel + 1];
      mac_1x2<4>(ready, weights, blocks, acc0, acc1);
      weights += 2 * depth4;
      out0[channel] = stage.output(acc0, channel);
      out0[channel + 1] = stage.output(acc1, channel + 1);
    }
    if (channel < output_c) {
      int32_t acc = folded_bias[channel];
      mac_1x1<4>(ready, weights, blocks, acc);
      out0[channel] = stage.output(acc, channel);
    }
    return;
  }
  // Without scratch, the pixels whose outputs the columns occupy.
  for (; pixel < pixels; ++pixel, out0 += output_c) {
    // `params`, not the copy: taking the copy's address would make its
    // fields unknown after the call.
    conv2d_pixel_direct(params, input, packed_filter, folded_bias, stage, batch,
                        out_y, out_x, out0);
    next_pixel(p, batch, out_y, out_x);
  }
}

} // namespace detail

/// 2-D convolution of an int8 NHWC tensor with the shape read at run time.
/// `packed_filter` is pack_gemm_filter's output for the [output_c][filter_h *
/// filter_w * input_c] filter, `folded_bias` fold_input_offset_gemm's,
/// `rescale_records` pack_rescale_records' for the layer's per-channel
/// multipliers and shifts. `scratch` is conv2d_s8_scratch_bytes(p) bytes,
/// 4-byte aligned, or nullptr (the kernel then borrows the end of `output`).
INGOT_KERNEL void conv2d_s8(const Conv2DParams &p, const int8_t *input,
                            const int8_t *packed_filter,
                            const int32_t *folded_bias, int8_t *output,
                            const int32_t *rescale_records, void *scratch) {
  detail::conv2d_s8_impl(p, input, packed_filter, folded_bias, output,
                         rescale_records, scratch);
}

/// The same convolution specialized for the shape `P` (a static constexpr
/// object of the generated code).
template <const Conv2DParams &P>
INGOT_KERNEL void conv2d_s8(const int8_t *input, const int8_t *packed_filter,
                            const int32_t *folded_bias, int8_t *output,
                            const int32_t *rescale_records, void *scratch) {
  detail::conv2d_s8_impl(P, input, packed_filter, folded_bias, output,
                         rescale_records, scratch);
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_KERNELS_DSP_CONV2D_S8_H
