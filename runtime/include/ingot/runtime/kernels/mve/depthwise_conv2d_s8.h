//===- depthwise_conv2d_s8.h - MVE int8 depthwise convolution ---*- C++ -*-===//
//
// This file implements the int8 depthwise convolution with depth multiplier 1
// for cores with MVE (Helium), bit-exact with ingot::ref::depthwise_conv2d_s8.
// (The compiler keeps the reference kernel for larger multipliers.)
//
// The loop runs over blocks of 16 channels and, inside, over the output
// pixels. MVE has no vector-by-vector multiply-accumulate into wider lanes,
// and VMLADAV sums across lanes, which a depthwise convolution cannot use
// with channels in the lanes. So per tap one load brings the 16 channels'
// inputs and one the packed weights, VMULLB.S8 / VMULLT.S8 form the exact
// int16 products of the even and odd channels, and VMOVLB / VMOVLT widen
// each to two int32 vectors that are added to four accumulators: vector i
// holds channels i, i + 4, i + 8, i + 12. That is the order in which VLD4
// loads the folded bias, multipliers and shifts, and rescale.h's
// requantize16 puts the channels back in order. Per tap and 16 channels: 2
// loads, 2 multiplies, 4 widenings, 4 additions. A last block of eight
// channels or fewer (a layer of 8 channels, say) runs on int16 lanes
// instead: per tap one widening load of each, VMULLB.S16 / VMULLT.S16 into
// two accumulators (even and odd channels, VLD2's order) and two
// additions, so no lane is wasted.
//
// The compiler folds the input offset of every tap into the bias
// (fold_input_offset_depthwise), so the loop multiplies raw inputs and a
// padded tap must multiply the zero point (-input_offset). Interior pixels,
// whose window lies inside the input, read every tap (the shape-specialized
// form unrolls their taps into constant offsets); border pixels work out
// which taps fall inside and multiply the others by a vector of the zero
// point. Channels past the last multiple of 16 (or 8) are loaded and
// stored predicated; their bias, multipliers and shifts are copied, padded,
// into the scratch, where VLD4 and VLD2 (not predicable) can read them
// whole: depthwise_conv2d_s8_scratch_bytes(p) bytes, 4-byte aligned.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_CONV2D_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/depthwise_columns.h"
#include "ingot/runtime/kernels/mve/packing.h"
#include "ingot/runtime/kernels/mve/rescale.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::mve {

namespace detail {

/// How a block of channels is computed: 16 channels, fewer than 16 (loaded
/// predicated), or at most 8 on int16 lanes.
enum class DepthwiseBlock { Full, Partial, Narrow };

/// The four (Full, Partial) or two (Narrow) accumulators of a pixel's block.
struct DepthwiseAcc {
  s32x4 v0, v1, v2, v3;
};

#if INGOT_MVE_ASM
// The multiply-accumulate of one tap is written in assembly, its loads
// included: its eight live vectors are all of the MVE registers, and GCC,
// left to itself, schedules the loads of several taps first and spills.
#define INGOT_MVE_DEPTHWISE_MAC16                                              \
  "vldrb.8 %q[w], [%[weights]], #16\n\t"                                       \
  "vmullb.s8 %q[even], %q[x], %q[w]\n\t"                                       \
  "vmullt.s8 %q[odd], %q[x], %q[w]\n\t"                                        \
  "vmovlb.s16 %q[x], %q[even]\n\t"                                             \
  "vadd.i32 %q[acc0], %q[acc0], %q[x]\n\t"                                     \
  "vmovlt.s16 %q[x], %q[even]\n\t"                                             \
  "vadd.i32 %q[acc2], %q[acc2], %q[x]\n\t"                                     \
  "vmovlb.s16 %q[x], %q[odd]\n\t"                                              \
  "vadd.i32 %q[acc1], %q[acc1], %q[x]\n\t"                                     \
  "vmovlt.s16 %q[x], %q[odd]\n\t"                                              \
  "vadd.i32 %q[acc3], %q[acc3], %q[x]"
#define INGOT_MVE_DEPTHWISE_MAC8                                               \
  "vldrb.s16 %q[w], [%[weights]], #16\n\t"                                     \
  "vmullb.s16 %q[even], %q[x], %q[w]\n\t"                                      \
  "vadd.i32 %q[acc0], %q[acc0], %q[even]\n\t"                                  \
  "vmullt.s16 %q[even], %q[x], %q[w]\n\t"                                      \
  "vadd.i32 %q[acc1], %q[acc1], %q[even]"
#define INGOT_MVE_DEPTHWISE_OPERANDS16                                         \
  [acc0] "+w"(acc.v0), [acc1] "+w"(acc.v1), [acc2] "+w"(acc.v2),               \
      [acc3] "+w"(acc.v3), [weights] "+r"(weights), [w] "=&w"(w),              \
      [even] "=&w"(even), [odd] "=&w"(odd)
#define INGOT_MVE_DEPTHWISE_OPERANDS8                                          \
  [acc0] "+w"(acc.v0), [acc1] "+w"(acc.v1), [weights] "+r"(weights),           \
      [w] "=&w"(w), [even] "=&w"(even)
#endif

/// Adds the products of one tap's channels at `input` with the tap's weights
/// at `weights`, which it advances by 16. Only the `lanes` channels of a
/// Partial or Narrow block are loaded, the others are zero.
template <DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE void depthwise_tap(DepthwiseAcc &acc, const int8_t *input,
                                       pred16 lanes, const int8_t *&weights) {
#if INGOT_MVE_ASM
  if constexpr (Kind == DepthwiseBlock::Full) {
    s8x16 x, w;
    s16x8 even, odd;
    __asm__("vldrb.8 %q[x], [%[input]]\n\t" INGOT_MVE_DEPTHWISE_MAC16
            : INGOT_MVE_DEPTHWISE_OPERANDS16, [x] "=&w"(x)
            : [input] "r"(input)
            : "memory");
  } else if constexpr (Kind == DepthwiseBlock::Partial) {
    s8x16 x = load_s8x16_z(input, lanes), w;
    s16x8 even, odd;
    __asm__(INGOT_MVE_DEPTHWISE_MAC16
            : INGOT_MVE_DEPTHWISE_OPERANDS16, [x] "+&w"(x)
            :
            : "memory");
  } else {
    s16x8 x = load_s8x8_s16_z(input, lanes), w;
    s32x4 even;
    __asm__(INGOT_MVE_DEPTHWISE_MAC8
            : INGOT_MVE_DEPTHWISE_OPERANDS8
            : [x] "w"(x)
            : "memory");
  }
#else
  const s8x16 w = load_s8x16(weights);
  weights += 16;
  if constexpr (Kind == DepthwiseBlock::Narrow) {
    const s16x8 x = load_s8x8_s16_z(input, lanes);
    const s16x8 w16 = load_s8x8_s16(weights - 16);
    acc.v0 = add_s32(acc.v0, mull_bottom_s16(x, w16));
    acc.v1 = add_s32(acc.v1, mull_top_s16(x, w16));
    (void)w;
  } else {
    const s8x16 x = Kind == DepthwiseBlock::Full ? load_s8x16(input)
                                                 : load_s8x16_z(input, lanes);
    const s16x8 even = mull_bottom_s8(x, w);
    acc.v0 = add_s32(acc.v0, widen_bottom_s16(even));
    acc.v2 = add_s32(acc.v2, widen_top_s16(even));
    const s16x8 odd = mull_top_s8(x, w);
    acc.v1 = add_s32(acc.v1, widen_bottom_s16(odd));
    acc.v3 = add_s32(acc.v3, widen_top_s16(odd));
  }
#endif
}

/// depthwise_tap for a padded tap: the input is the zero point on every lane.
template <DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE void depthwise_padded_tap(DepthwiseAcc &acc,
                                              int32_t zero_point,
                                              const int8_t *&weights) {
#if INGOT_MVE_ASM
  if constexpr (Kind == DepthwiseBlock::Narrow) {
    s16x8 x, w;
    s32x4 even;
    __asm__("vdup.16 %q[x], %[zero_point]\n\t" INGOT_MVE_DEPTHWISE_MAC8
            : INGOT_MVE_DEPTHWISE_OPERANDS8, [x] "=&w"(x)
            : [zero_point] "r"(zero_point)
            : "memory");
  } else {
    s8x16 x, w;
    s16x8 even, odd;
    __asm__("vdup.8 %q[x], %[zero_point]\n\t" INGOT_MVE_DEPTHWISE_MAC16
            : INGOT_MVE_DEPTHWISE_OPERANDS16, [x] "=&w"(x)
            : [zero_point] "r"(zero_point)
            : "memory");
  }
#else
  int8_t row[16];
  for (int8_t &byte : row)
    byte = static_cast<int8_t>(zero_point);
  depthwise_tap<Kind>(acc, row, tail_pred8(16), weights);
#endif
}

#if INGOT_MVE_ASM
#undef INGOT_MVE_DEPTHWISE_MAC16
#undef INGOT_MVE_DEPTHWISE_MAC8
#undef INGOT_MVE_DEPTHWISE_OPERANDS16
#undef INGOT_MVE_DEPTHWISE_OPERANDS8
#endif

/// The taps along one axis whose input lies inside [0, size):
/// [first, last) of the `filter` taps `dilation` apart from `origin`.
INGOT_ALWAYS_INLINE void depthwise_inside(int32_t origin, int32_t size,
                                          int32_t filter, int32_t dilation,
                                          int32_t &first, int32_t &last) {
  first = 0;
  while (first < filter && origin + first * dilation < 0)
    ++first;
  last = filter;
  while (last > first && origin + (last - 1) * dilation >= size)
    --last;
}

/// Accumulates the taps of an interior output pixel, whose window lies
/// inside the input and starts at `tap_row` (at the block's first channel).
/// With `Unroll` (the shape-specialized form) the tap loops unroll into
/// constant offsets.
template <bool Unroll, DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE void
depthwise_interior(const Conv2DParams &p, const int8_t *tap_row,
                   const int8_t *weights, pred16 lanes, DepthwiseAcc &acc) {
  const int32_t tap_step = p.dilation_w * p.input_c;
  const int32_t tap_row_step = p.dilation_h * p.input_w * p.input_c;
  if constexpr (Unroll) {
#pragma GCC unroll 16
    for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
#pragma GCC unroll 16
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x)
        depthwise_tap<Kind>(acc, tap_row + filter_x * tap_step, lanes, weights);
      tap_row += tap_row_step;
    }
  } else {
    for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
      const int8_t *tap = tap_row;
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
        depthwise_tap<Kind>(acc, tap, lanes, weights);
        tap += tap_step;
      }
      tap_row += tap_row_step;
    }
  }
}

/// Accumulates the taps of a border output pixel, whose window starts at
/// input (in_y_origin, in_x_origin) of `image` (at the block's first
/// channel): rows and columns of taps outside the input multiply the zero
/// point. (Pointers are formed only for taps inside.)
template <DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE void
depthwise_border(const Conv2DParams &p, const int8_t *image,
                 int32_t in_y_origin, int32_t in_x_origin,
                 const int8_t *weights, pred16 lanes, int32_t zero_point,
                 DepthwiseAcc &acc) {
  int32_t first_y, last_y, first_x, last_x;
  depthwise_inside(in_y_origin, p.input_h, p.filter_h, p.dilation_h, first_y,
                   last_y);
  depthwise_inside(in_x_origin, p.input_w, p.filter_w, p.dilation_w, first_x,
                   last_x);
  for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
    if (filter_y < first_y || filter_y >= last_y) {
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x)
        depthwise_padded_tap<Kind>(acc, zero_point, weights);
      continue;
    }
    const int8_t *row =
        image + (in_y_origin + filter_y * p.dilation_h) * p.input_w * p.input_c;
    int32_t filter_x = 0;
    for (; filter_x < first_x; ++filter_x)
      depthwise_padded_tap<Kind>(acc, zero_point, weights);
    for (; filter_x < last_x; ++filter_x)
      depthwise_tap<Kind>(
          acc, row + (in_x_origin + filter_x * p.dilation_w) * p.input_c, lanes,
          weights);
    for (; filter_x < p.filter_w; ++filter_x)
      depthwise_padded_tap<Kind>(acc, zero_point, weights);
  }
}

/// The accumulators of a pixel, set to the block's folded bias.
template <DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE DepthwiseAcc depthwise_start(const int32_t *bias) {
  DepthwiseAcc acc;
  if constexpr (Kind == DepthwiseBlock::Narrow) {
    const s32x4x2 bias2 = load2_s32(bias);
    acc.v0 = bias2.val[0];
    acc.v1 = bias2.val[1];
  } else {
    const s32x4x4 bias4 = load4_s32(bias);
    acc = {bias4.val[0], bias4.val[1], bias4.val[2], bias4.val[3]};
  }
  return acc;
}

/// Requantizes a pixel's accumulators and stores its block of outputs.
template <DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE void
depthwise_finish(const Conv2DParams &p, const DepthwiseAcc &acc,
                 const int32_t *multiplier, const int32_t *shift,
                 bool right_only, pred16 lanes, int8_t *output) {
  if constexpr (Kind == DepthwiseBlock::Narrow) {
    store_s16x8_s8_p(output,
                     requantize8(acc.v0, acc.v1, multiplier, shift, right_only,
                                 p.output_offset, p.activation_min,
                                 p.activation_max),
                     lanes);
  } else {
    const s8x16 bytes = requantize16(acc.v0, acc.v1, acc.v2, acc.v3, multiplier,
                                     shift, right_only, p.output_offset,
                                     p.activation_min, p.activation_max);
    if constexpr (Kind == DepthwiseBlock::Full)
      store_s8x16(output, bytes);
    else
      store_s8x16_p(output, bytes, lanes);
  }
}

/// One block of channels over every output pixel. `bias`, `multiplier` and
/// `shift` hold the block's 16 (Narrow: 8) values, readable whole. Each
/// output row runs its border pixels (left and right, or all of them when
/// the window overhangs the top or bottom) and then its interior run, so
/// the interior loop tests nothing.
template <bool Unroll, DepthwiseBlock Kind>
INGOT_ALWAYS_INLINE void
depthwise_block(const Conv2DParams &p, const int8_t *input,
                const int8_t *weights, const int32_t *bias,
                const int32_t *multiplier, const int32_t *shift,
                bool right_only, int32_t channels_left, int8_t *output) {
  const int32_t zero_point = -p.input_offset;
  const pred16 lanes = Kind == DepthwiseBlock::Narrow
                           ? tail_pred16(channels_left)
                           : tail_pred8(channels_left);
  const int32_t row_bytes = p.input_w * p.input_c;
  const int32_t image_bytes = p.input_h * row_bytes;
  // Output columns [first_inside, end_inside) have their window inside the
  // input horizontally.
  int32_t first_inside = 0;
  while (first_inside < p.output_w &&
         first_inside * p.stride_w - p.pad_left < 0)
    ++first_inside;
  int32_t end_inside = first_inside;
  while (end_inside < p.output_w && end_inside * p.stride_w - p.pad_left +
                                            (p.filter_w - 1) * p.dilation_w <
                                        p.input_w)
    ++end_inside;
  for (int32_t batch = 0; batch < p.batches; ++batch) {
    const int8_t *image = input + batch * image_bytes;
    for (int32_t out_y = 0; out_y < p.output_h; ++out_y) {
      const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
      const bool rows_inside =
          in_y_origin >= 0 &&
          in_y_origin + (p.filter_h - 1) * p.dilation_h < p.input_h;
      const int32_t run_begin = rows_inside ? first_inside : p.output_w;
      const int32_t run_end = rows_inside ? end_inside : p.output_w;
      // The border pixels: [0, run_begin) and [run_end, output_w).
      for (int32_t part = 0; part < 2; ++part) {
        const int32_t begin = part == 0 ? 0 : run_end;
        const int32_t end = part == 0 ? run_begin : p.output_w;
        for (int32_t out_x = begin; out_x < end; ++out_x) {
          DepthwiseAcc acc = depthwise_start<Kind>(bias);
          depthwise_border<Kind>(p, image, in_y_origin,
                                 out_x * p.stride_w - p.pad_left, weights,
                                 lanes, zero_point, acc);
          depthwise_finish<Kind>(p, acc, multiplier, shift, right_only, lanes,
                                 output + out_x * p.output_c);
        }
      }
      // The interior run.
      const int8_t *window = image + in_y_origin * row_bytes +
                             (run_begin * p.stride_w - p.pad_left) * p.input_c;
      int8_t *out = output + run_begin * p.output_c;
      for (int32_t out_x = run_begin; out_x < run_end; ++out_x) {
        DepthwiseAcc acc = depthwise_start<Kind>(bias);
        depthwise_interior<Unroll, Kind>(p, window, weights, lanes, acc);
        depthwise_finish<Kind>(p, acc, multiplier, shift, right_only, lanes,
                               out);
        window += p.stride_w * p.input_c;
        out += p.output_c;
      }
      output += p.output_w * p.output_c;
    }
  }
}

/// The shared body of both depthwise_conv2d_s8 forms.
template <bool Unroll>
INGOT_ALWAYS_INLINE void
depthwise_conv2d_s8_impl(const Conv2DParams &p, const int8_t *input,
                         const int8_t *packed_filter,
                         const int32_t *folded_bias, int8_t *output,
                         const int32_t *output_multiplier,
                         const int32_t *output_shift, void *scratch) {
  const int32_t channels = p.input_c;
  const int32_t taps = p.filter_h * p.filter_w;
  const int32_t full = channels - channels % 16;
  const bool right_only = right_shifts_only(output_shift, channels);
  if (scratch != nullptr && depthwise_uses_columns(p)) {
    depthwise_columns(p, input, packed_filter, folded_bias, output,
                      output_multiplier, output_shift,
                      static_cast<int8_t *>(scratch));
    return;
  }
  // The last block's parameters, padded to 16 for VLD4 and VLD2.
  int32_t params[48];
  if (full < channels) {
    for (int32_t i = 0; i < 16; ++i) {
      const bool real = full + i < channels;
      params[i] = real ? folded_bias[full + i] : 0;
      params[16 + i] = real ? output_multiplier[full + i] : 0;
      params[32 + i] = real ? output_shift[full + i] : -1;
    }
  }
  if constexpr (!Unroll) {
    // Compact code: one loop, every block loaded predicated.
    for (int32_t c = 0; c < channels; c += 16) {
      const bool last = c == full;
      depthwise_block<false, DepthwiseBlock::Partial>(
          p, input + c, packed_filter + c * taps,
          last ? params : folded_bias + c,
          last ? params + 16 : output_multiplier + c,
          last ? params + 32 : output_shift + c, right_only, channels - c,
          output + c);
    }
    return;
  }
  for (int32_t c = 0; c < full; c += 16)
    depthwise_block<Unroll, DepthwiseBlock::Full>(
        p, input + c, packed_filter + c * taps, folded_bias + c,
        output_multiplier + c, output_shift + c, right_only, 16, output + c);
  if (full == channels)
    return;
  if (channels - full <= 8)
    depthwise_block<Unroll, DepthwiseBlock::Narrow>(
        p, input + full, packed_filter + full * taps, params, params + 16,
        params + 32, right_only, channels - full, output + full);
  else
    depthwise_block<Unroll, DepthwiseBlock::Partial>(
        p, input + full, packed_filter + full * taps, params, params + 16,
        params + 32, right_only, channels - full, output + full);
}

} // namespace detail

/// Depthwise 2-D convolution (depth multiplier 1) of an int8 NHWC tensor
/// with the shape read at run time. `packed_filter` is
/// pack_depthwise_filter's output, `folded_bias`
/// fold_input_offset_depthwise's. Channel c is rescaled by
/// output_multiplier[c] * 2^(output_shift[c] - 31).
INGOT_KERNEL void
depthwise_conv2d_s8(const Conv2DParams &p, const int8_t *input,
                    const int8_t *packed_filter, const int32_t *folded_bias,
                    int8_t *output, const int32_t *output_multiplier,
                    const int32_t *output_shift, void *scratch) {
  detail::depthwise_conv2d_s8_impl<false>(p, input, packed_filter, folded_bias,
                                          output, output_multiplier,
                                          output_shift, scratch);
}

/// The same convolution specialized for the shape `P`.
template <const Conv2DParams &P>
INGOT_KERNEL void
depthwise_conv2d_s8(const int8_t *input, const int8_t *packed_filter,
                    const int32_t *folded_bias, int8_t *output,
                    const int32_t *output_multiplier,
                    const int32_t *output_shift, void *scratch) {
  detail::depthwise_conv2d_s8_impl<true>(P, input, packed_filter, folded_bias,
                                         output, output_multiplier,
                                         output_shift, scratch);
}

} // namespace ingot::mve

#endif // INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_CONV2D_S8_H
