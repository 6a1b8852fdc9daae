//===- depthwise_conv2d_s8.h - Armv8.1-M MVE int8 depthwise conv -*- C++
//-*-===//
//
// This file implements the int8 depthwise convolution with depth multiplier 1
// for cores with MVE (Helium), bit-exact with ingot::ref::depthwise_conv2d_s8.
// (The compiler keeps the reference kernel for larger multipliers.)
//
// Each output pixel is computed 16 channels at a time. MVE has no
// vector-by-vector multiply-accumulate into wider lanes, and VMLADAVA sums
// across lanes, which a depthwise convolution cannot use with channels in
// the lanes; so per tap one load brings the 16 channels' inputs and one the
// packed weights, VMULLB.S8 / VMULLT.S8 form the exact int16 products of the
// even and odd channels, and VMOVLB / VMOVLT widen each to two int32 vectors
// that are added to four accumulators: vector i holds channels i, i + 4,
// i + 8, i + 12. That order is what VLD4 gives when it loads the folded
// bias, multipliers and shifts, and what the narrowing moves of rescale.h's
// narrow_clamp put back in channel order. Per tap and 16 channels: 2 loads,
// 2 multiplies, 4 widenings, 4 additions.
//
// The compiler folds the input offset of every tap into the bias
// (fold_input_offset_depthwise), so the loop multiplies raw inputs and a
// padded tap must read the zero point (-input_offset): pixels whose window
// lies inside the input read it directly, border pixels point their padded
// taps at a row of zero-point bytes in the scratch. Channels past the last
// multiple of 16 are loaded and stored predicated; their bias, multipliers
// and shifts are copied, padded, into the scratch, which VLD4 (not
// predicable) can then read whole. The scratch is
// depthwise_conv2d_s8_scratch_bytes(p) bytes.
//
// Two forms share one implementation: depthwise_conv2d_s8(p, ...) reads the
// shape at run time (compact code); depthwise_conv2d_s8<P>(...) takes the
// shape as a template argument, so the tap loops of interior pixels unroll
// with constant offsets.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_CONV2D_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/packing.h"
#include "ingot/runtime/kernels/mve/rescale.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::mve {

namespace detail {

#if defined(__ARM_FEATURE_MVE)
// The multiply-accumulate of one tap is written in assembly, its loads
// included: its eight live vectors are all of the MVE registers, and GCC,
// left to itself, schedules the loads of all taps first and spills.
#define INGOT_MVE_DEPTHWISE_MAC                                                \
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
#define INGOT_MVE_DEPTHWISE_OPERANDS                                           \
  [acc0] "+w"(acc0), [acc1] "+w"(acc1), [acc2] "+w"(acc2), [acc3] "+w"(acc3),  \
      [weights] "+r"(weights), [w] "=&w"(w), [even] "=&w"(even),               \
      [odd] "=&w"(odd)
#endif

/// Adds the products of one tap's 16 channels at `input` with its weights at
/// `weights`, which it advances by 16; channel c goes to lane c / 4 of
/// acc<c % 4>. In a `partial` block only the `lanes` channels are loaded,
/// the others are zero.
INGOT_ALWAYS_INLINE void depthwise_tap(s32x4 &acc0, s32x4 &acc1, s32x4 &acc2,
                                       s32x4 &acc3, const int8_t *input,
                                       bool partial, pred16 lanes,
                                       const int8_t *&weights) {
#if defined(__ARM_FEATURE_MVE)
  s8x16 w;
  s16x8 even, odd;
  if (!partial) {
    s8x16 x;
    __asm__("vldrb.8 %q[x], [%[input]]\n\t" INGOT_MVE_DEPTHWISE_MAC
            : INGOT_MVE_DEPTHWISE_OPERANDS, [x] "=&w"(x)
            : [input] "r"(input)
            : "memory");
  } else {
    s8x16 x = load_s8x16_z(input, lanes);
    __asm__(INGOT_MVE_DEPTHWISE_MAC
            : INGOT_MVE_DEPTHWISE_OPERANDS, [x] "+&w"(x)
            :
            : "memory");
  }
#else
  const s8x16 x = partial ? load_s8x16_z(input, lanes) : load_s8x16(input);
  const s8x16 w = load_s8x16(weights);
  weights += 16;
  const s16x8 even = mull_bottom_s8(x, w);
  acc0 = add_s32(acc0, widen_bottom_s16(even));
  acc2 = add_s32(acc2, widen_top_s16(even));
  const s16x8 odd = mull_top_s8(x, w);
  acc1 = add_s32(acc1, widen_bottom_s16(odd));
  acc3 = add_s32(acc3, widen_top_s16(odd));
#endif
}

#if defined(__ARM_FEATURE_MVE)
#undef INGOT_MVE_DEPTHWISE_MAC
#undef INGOT_MVE_DEPTHWISE_OPERANDS
#endif

/// The taps of an interior pixel, whose window lies inside the input:
/// `tap_row` is its first tap's 16 channels. With `Unroll` (the
/// shape-specialized form) the loops unroll into constant offsets.
template <bool Unroll>
INGOT_ALWAYS_INLINE void
depthwise_interior(const Conv2DParams &p, const int8_t *tap_row,
                   const int8_t *weights, bool partial, pred16 lanes,
                   s32x4 &acc0, s32x4 &acc1, s32x4 &acc2, s32x4 &acc3) {
  const int32_t tap_step = p.dilation_w * p.input_c;
  const int32_t tap_row_step = p.dilation_h * p.input_w * p.input_c;
  if constexpr (Unroll) {
#pragma GCC unroll 16
    for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
#pragma GCC unroll 16
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
        depthwise_tap(acc0, acc1, acc2, acc3, tap_row + filter_x * tap_step,
                      partial, lanes, weights);
      }
      tap_row += tap_row_step;
    }
  } else {
    for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
      const int8_t *tap = tap_row;
      for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
        depthwise_tap(acc0, acc1, acc2, acc3, tap, partial, lanes, weights);
        tap += tap_step;
      }
      tap_row += tap_row_step;
    }
  }
}

/// The shared body of both depthwise_conv2d_s8 forms. The loop runs over
/// blocks of 16 channels and, inside, over the output pixels, so that each
/// block's pointers and tail predicate stay put.
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
  // The scratch: the border pixels' tap pointers, the zero-point row, and
  // the padded parameters of a partial last block.
  const int8_t **tap_table = reinterpret_cast<const int8_t **>(
      (reinterpret_cast<uintptr_t>(scratch) + alignof(const int8_t *) - 1) &
      ~uintptr_t{alignof(const int8_t *) - 1});
  int8_t *zero_row = static_cast<int8_t *>(scratch) + 4 + 8 * taps;
  for (int32_t c = 0; c < padded_depth(channels); c += 16)
    store_s8x16(zero_row + c, dup_s8(static_cast<int8_t>(-p.input_offset)));
  int32_t *tail_params = reinterpret_cast<int32_t *>(
      (reinterpret_cast<uintptr_t>(zero_row + padded_depth(channels)) + 3) &
      ~uintptr_t{3});
  if (full < channels) {
    for (int32_t i = 0; i < 16; ++i) {
      const bool real = full + i < channels;
      tail_params[i] = real ? folded_bias[full + i] : 0;
      tail_params[16 + i] = real ? output_multiplier[full + i] : 0;
      tail_params[32 + i] = real ? output_shift[full + i] : -1;
    }
  }
  const bool right_only = right_shifts_only(output_shift, channels);
  const int32_t row_bytes = p.input_w * channels;
  const int32_t image_bytes = p.input_h * row_bytes;
  for (int32_t c = 0; c < channels; c += 16) {
    const bool partial = c >= full;
    const pred16 lanes = tail_pred8(channels - c);
    const int32_t *bias = partial ? tail_params : folded_bias + c;
    const int32_t *multiplier =
        partial ? tail_params + 16 : output_multiplier + c;
    const int32_t *shift = partial ? tail_params + 32 : output_shift + c;
    const int8_t *weights = packed_filter + c * taps;
    int8_t *out = output + c;
    for (int32_t batch = 0; batch < p.batches; ++batch) {
      const int8_t *image = input + batch * image_bytes + c;
      for (int32_t out_y = 0; out_y < p.output_h; ++out_y) {
        const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
        const bool rows_inside =
            in_y_origin >= 0 &&
            in_y_origin + (p.filter_h - 1) * p.dilation_h < p.input_h;
        for (int32_t out_x = 0; out_x < p.output_w; ++out_x) {
          const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
          const s32x4x4 bias4 = load4_s32(bias);
          s32x4 acc0 = bias4.val[0], acc1 = bias4.val[1];
          s32x4 acc2 = bias4.val[2], acc3 = bias4.val[3];
          if (rows_inside && in_x_origin >= 0 &&
              in_x_origin + (p.filter_w - 1) * p.dilation_w < p.input_w) {
            depthwise_interior<Unroll>(
                p, image + in_y_origin * row_bytes + in_x_origin * channels,
                weights, partial, lanes, acc0, acc1, acc2, acc3);
          } else {
            // Point each tap at its input, or at the zero-point row when it
            // falls in the padding, then run through the table.
            const int8_t **entry = tap_table;
            for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
              const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
              const bool row_inside = in_y >= 0 && in_y < p.input_h;
              for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
                const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
                *entry++ = row_inside && in_x >= 0 && in_x < p.input_w
                               ? image + in_y * row_bytes + in_x * channels
                               : zero_row + c;
              }
            }
            const int8_t *tap_weights = weights;
            for (int32_t tap = 0; tap < taps; ++tap)
              depthwise_tap(acc0, acc1, acc2, acc3, tap_table[tap], partial,
                            lanes, tap_weights);
          }
          const s8x16 bytes = requantize16(acc0, acc1, acc2, acc3, multiplier,
                                           shift, right_only, p.output_offset,
                                           p.activation_min, p.activation_max);
          if (partial)
            store_s8x16_p(out, bytes, lanes);
          else
            store_s8x16(out, bytes);
          out += channels;
        }
      }
    }
  }
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
