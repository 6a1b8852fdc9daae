//===- depthwise_columns.h - MVE depthwise conv by columns ------*- C++ -*-===//
//
// This file implements the column path of ingot::mve::depthwise_conv2d_s8:
// a depthwise convolution as one VMLADAV per output, 16 taps of a channel
// against its 16 (zero-padded) weights.
//
// For that, a channel's taps for one output must be consecutive bytes. Per
// output row and block of 16 channels the kernel gathers a band into the
// scratch: for each channel, each input column the row's filter_h taps
// read, the filter_h input bytes of that column (rows apart by dilation_h),
// the zero point where they fall in the padding:
//   band[channel][column][filter_y]
// With a dilation_w of 1 the window of output x is then the
// filter_w * filter_h bytes from column x * stride_w: one 16-byte load. The
// channel's weights are gathered once per row into the same [filter_x]
// [filter_y] order (VLDRB gather from the packed layout of packing.h, the
// lanes past the taps predicated to zero), so the extra bytes the load
// reads, the next columns', meet zero weights.
//
// The band is written with byte scatters: per input column one widening
// load brings eight channels of a tap row and VSTRB.16 stores them a
// channel apart. The outputs of a channel come four at a time, one VMLADAV
// each, requantized with the channel's scalar multiplier and shift (no
// per-lane parameters) and stored with a VSTRB.32 scatter one pixel apart.
// Per four outputs of a 3x3 filter: 4 loads, 4 VMLADAV, 2 moves, 9 to
// requantize and store: about 0.6 instructions per MAC where the channel
// lanes of depthwise_conv2d_s8.h take about 1.4, plus the band, about 0.1.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_COLUMNS_H
#define INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_COLUMNS_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/packing.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::mve::detail {

/// Writes input row `in_y` (the zero point where it is outside the input)
/// of the `count` (1 to 16; 16 when `Full`) channels of `image` (one batch,
/// at the block's first channel) into row `slot` of every column of the
/// band. `low8` and `high8` hold the band offsets of channels 0 to 7 and 8
/// to 15.
template <bool Full>
INGOT_ALWAYS_INLINE void
depthwise_band_row(const Conv2DParams &p, const int8_t *image, int32_t in_y,
                   int32_t count, u16x8 low8, u16x8 high8, int32_t slot,
                   int8_t *band) {
  const int32_t width = depthwise_band_width(p);
  const s16x8 zero_point = dup_s16(static_cast<int16_t>(-p.input_offset));
  const bool two = Full || count > 8;
  // Band columns [first, end) are inside the input.
  const bool inside = in_y >= 0 && in_y < p.input_h;
  const int32_t first = !inside              ? width
                        : p.pad_left < width ? p.pad_left
                                             : width;
  const int32_t end = !inside                          ? width
                      : p.pad_left + p.input_w < width ? p.pad_left + p.input_w
                                                       : width;
  int8_t *column = band + slot;
  int32_t x = 0;
  for (; x < first; ++x, column += p.filter_h) {
    scatter_s16x8_s8(column, low8, zero_point);
    if (two)
      scatter_s16x8_s8(column, high8, zero_point);
  }
  if (x < end) {
    const int8_t *source =
        image + (in_y * p.input_w + (x - p.pad_left)) * p.input_c;
    const pred16 low = tail_pred16(count);
    const pred16 high = tail_pred16(count - 8);
    for (; x < end; ++x, column += p.filter_h, source += p.input_c) {
      if constexpr (Full) {
        scatter_s16x8_s8(column, low8, load_s8x8_s16(source));
        scatter_s16x8_s8(column, high8, load_s8x8_s16(source + 8));
      } else {
        scatter_s16x8_s8(column, low8, load_s8x8_s16_z(source, low));
        if (two)
          scatter_s16x8_s8(column, high8, load_s8x8_s16_z(source + 8, high));
      }
    }
  }
  for (; x < width; ++x, column += p.filter_h) {
    scatter_s16x8_s8(column, low8, zero_point);
    if (two)
      scatter_s16x8_s8(column, high8, zero_point);
  }
}

/// The outputs of one channel along an output row: `window` is the
/// channel's band, `weights` its 16 weights in band order, `out` its first
/// output and `pixels4` holds k * output_c in lane k. `RightShift` when the
/// channel's shift is negative.
template <bool RightShift>
INGOT_ALWAYS_INLINE void
depthwise_column_outputs(const Conv2DParams &p, const int8_t *window,
                         s8x16 weights, int32_t bias, int32_t multiplier,
                         int32_t shift, s32x4 low, s32x4 high, u32x4 pixels4,
                         int8_t *out) {
  const int32_t step = p.stride_w * p.filter_h;
  int32_t out_x = 0;
#if INGOT_MVE_ASM
  // With the shape constant (the specialized form), four outputs in 21
  // instructions: the window loads take the column steps as immediate
  // offsets, and two registers carry the four dot products to the vector.
  // (volatile: the stores are the point, no output is used after.)
  if (__builtin_constant_p(step) && step <= 31 && p.output_w >= 4) {
    const int32_t groups = p.output_w / 4;
    const s32x4 bias4 = dup_s32(bias);
    int32_t dot0, dot1;
    s8x16 x;
    s32x4 value, sign;
    if constexpr (RightShift) {
      __asm__ volatile(
          "dls lr, %[groups]\n"
          "1:\n\t"
          "vldrb.8 %q[x], [%[window], #%c[step2]]\n\t"
          "vmladav.s8 %[dot1], %q[x], %q[weights]\n\t"
          "vldrb.8 %q[x], [%[window]], #%c[step4]\n\t"
          "vmladav.s8 %[dot0], %q[x], %q[weights]\n\t"
          "vmov %q[value][2], %q[value][0], %[dot0], %[dot1]\n\t"
          "vldrb.8 %q[x], [%[window], #-%c[step3]]\n\t"
          "vmladav.s8 %[dot0], %q[x], %q[weights]\n\t"
          "vldrb.8 %q[x], [%[window], #-%c[step1]]\n\t"
          "vmladav.s8 %[dot1], %q[x], %q[weights]\n\t"
          "vmov %q[value][3], %q[value][1], %[dot0], %[dot1]\n\t"
          "vadd.i32 %q[value], %q[value], %q[bias]\n\t"
          "vqrdmulh.s32 %q[value], %q[value], %[multiplier]\n\t"
          "vshr.s32 %q[sign], %q[value], #31\n\t"
          "vqadd.s32 %q[value], %q[value], %q[sign]\n\t"
          "vrshl.s32 %q[value], %[shift]\n\t"
          "vadd.i32 %q[value], %q[value], %[offset]\n\t"
          "vmax.s32 %q[value], %q[value], %q[low]\n\t"
          "vmin.s32 %q[value], %q[value], %q[high]\n\t"
          "vstrb.32 %q[value], [%[out], %q[pixels4]]\n\t"
          "add %[out], %[out], %[out_step]\n\t"
          "le lr, 1b"
          : [window] "+r"(window), [out] "+r"(out), [dot0] "=&Te"(dot0),
            [dot1] "=&Te"(dot1), [x] "=&w"(x), [value] "=&w"(value),
            [sign] "=&w"(sign)
          : [groups] "r"(groups), [weights] "w"(weights), [bias] "w"(bias4),
            [multiplier] "r"(multiplier), [shift] "r"(shift),
            [offset] "r"(p.output_offset), [low] "w"(low), [high] "w"(high),
            [pixels4] "w"(pixels4), [out_step] "r"(4 * p.output_c),
            [step1] "n"(step), [step2] "n"(2 * step), [step3] "n"(3 * step),
            [step4] "n"(4 * step)
          : "lr", "memory");
    } else {
      __asm__ volatile(
          "dls lr, %[groups]\n"
          "1:\n\t"
          "vldrb.8 %q[x], [%[window], #%c[step2]]\n\t"
          "vmladav.s8 %[dot1], %q[x], %q[weights]\n\t"
          "vldrb.8 %q[x], [%[window]], #%c[step4]\n\t"
          "vmladav.s8 %[dot0], %q[x], %q[weights]\n\t"
          "vmov %q[value][2], %q[value][0], %[dot0], %[dot1]\n\t"
          "vldrb.8 %q[x], [%[window], #-%c[step3]]\n\t"
          "vmladav.s8 %[dot0], %q[x], %q[weights]\n\t"
          "vldrb.8 %q[x], [%[window], #-%c[step1]]\n\t"
          "vmladav.s8 %[dot1], %q[x], %q[weights]\n\t"
          "vmov %q[value][3], %q[value][1], %[dot0], %[dot1]\n\t"
          "vadd.i32 %q[value], %q[value], %q[bias]\n\t"
          "vshl.s32 %q[value], %[shift]\n\t"
          "vqrdmulh.s32 %q[value], %q[value], %[multiplier]\n\t"
          "vadd.i32 %q[value], %q[value], %[offset]\n\t"
          "vmax.s32 %q[value], %q[value], %q[low]\n\t"
          "vmin.s32 %q[value], %q[value], %q[high]\n\t"
          "vstrb.32 %q[value], [%[out], %q[pixels4]]\n\t"
          "add %[out], %[out], %[out_step]\n\t"
          "le lr, 1b"
          : [window] "+r"(window), [out] "+r"(out), [dot0] "=&Te"(dot0),
            [dot1] "=&Te"(dot1), [x] "=&w"(x), [value] "=&w"(value),
            [sign] "=&w"(sign)
          : [groups] "r"(groups), [weights] "w"(weights), [bias] "w"(bias4),
            [multiplier] "r"(multiplier), [shift] "r"(shift),
            [offset] "r"(p.output_offset), [low] "w"(low), [high] "w"(high),
            [pixels4] "w"(pixels4), [out_step] "r"(4 * p.output_c),
            [step1] "n"(step), [step2] "n"(2 * step), [step3] "n"(3 * step),
            [step4] "n"(4 * step)
          : "lr", "memory");
    }
    out_x = 4 * groups;
  }
#endif
  for (; out_x < p.output_w; out_x += 4) {
    const int32_t acc0 = dot_s8(load_s8x16(window), weights);
    const int32_t acc1 = dot_s8(load_s8x16(window + step), weights);
    const int32_t acc2 = dot_s8(load_s8x16(window + 2 * step), weights);
    const int32_t acc3 = dot_s8(load_s8x16(window + 3 * step), weights);
    window += 4 * step;
    s32x4 value = add_n_s32(make_s32x4(acc0, acc1, acc2, acc3), bias);
    if constexpr (RightShift) {
      value = qrdmulh_n_s32(value, multiplier);
      value = rshr_n_s32(qadd_s32(value, sign_s32(value)), shift);
    } else {
      value = qrdmulh_n_s32(shl_n_s32(value, shift), multiplier);
    }
    value = min_s32(max_s32(add_n_s32(value, p.output_offset), low), high);
    if (out_x + 4 <= p.output_w)
      scatter_s32x4_s8(out, pixels4, value);
    else
      scatter_s32x4_s8_p(out, pixels4, value, tail_pred32(p.output_w - out_x));
    out += 4 * p.output_c;
  }
}

/// The column path of depthwise_conv2d_s8 (depthwise_uses_columns(p)):
/// `band` is depthwise_band_bytes(p) bytes of scratch. The loop runs over
/// blocks of 16 channels, then output rows. With a dilation_h of 1 the
/// band's rows are a ring: input row y stays in row y % filter_h of the
/// band for as long as the window needs it, so each output row writes only
/// the input rows it adds (stride_h of them), and the weights are gathered
/// in the ring's current order.
INGOT_ALWAYS_INLINE void
depthwise_columns(const Conv2DParams &p, const int8_t *input,
                  const int8_t *packed_filter, const int32_t *folded_bias,
                  int8_t *output, const int32_t *output_multiplier,
                  const int32_t *output_shift, int8_t *band) {
  const int32_t channels = p.input_c;
  const int32_t taps = p.filter_h * p.filter_w;
  const int32_t channel_bytes = depthwise_band_width(p) * p.filter_h;
  const bool ring = p.dilation_h == 1;
  uint16_t channel_lanes[16];
  uint32_t pixel_lanes[4];
  for (int32_t k = 0; k < 16; ++k)
    channel_lanes[k] = static_cast<uint16_t>(k * channel_bytes);
  for (int32_t k = 0; k < 4; ++k)
    pixel_lanes[k] = static_cast<uint32_t>(k * p.output_c);
  const u16x8 low8 = load_u16x8(channel_lanes);
  const u16x8 high8 = load_u16x8(channel_lanes + 8);
  const u32x4 pixels4 = load_u32x4(pixel_lanes);
  const pred16 tap_lanes = tail_pred8(taps);
  const s32x4 low = dup_s32(p.activation_min);
  const s32x4 high = dup_s32(p.activation_max);
  const int32_t image_bytes = p.input_h * p.input_w * channels;
  const int32_t pixel_rows = p.output_w * p.output_c;
  for (int32_t c = 0; c < channels; c += 16) {
    const int32_t count = channels - c < 16 ? channels - c : 16;
    const int8_t *block = packed_filter + c * taps;
    for (int32_t batch = 0; batch < p.batches; ++batch) {
      const int8_t *image = input + batch * image_bytes + c;
      int8_t *out_row = output + batch * p.output_h * pixel_rows + c;
      // The input row each band row holds (none yet).
      int32_t held[16];
      for (int32_t slot = 0; slot < p.filter_h; ++slot)
        held[slot] = INT32_MIN;
      for (int32_t out_y = 0; out_y < p.output_h; ++out_y) {
        const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
        // Band row of tap row filter_y: (in_y_origin + filter_y) mod
        // filter_h in a ring, filter_y otherwise.
        const int32_t rotation =
            ring ? ((in_y_origin % p.filter_h) + p.filter_h) % p.filter_h : 0;
        for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
          int32_t slot = filter_y + rotation;
          if (slot >= p.filter_h)
            slot -= p.filter_h;
          const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
          if (ring && held[slot] == in_y)
            continue;
          held[slot] = in_y;
          if (count == 16)
            depthwise_band_row<true>(p, image, in_y, count, low8, high8, slot,
                                     band);
          else
            depthwise_band_row<false>(p, image, in_y, count, low8, high8, slot,
                                      band);
        }
        // Lane j of a window is band row j % filter_h of column j /
        // filter_h: the weight of tap (filter_y, j / filter_h), which the
        // packed filter holds 16 * (filter_y * filter_w + x) bytes into the
        // block.
        uint8_t order[16];
        for (int32_t j = 0; j < 16; ++j) {
          int32_t filter_y = j % p.filter_h - rotation;
          if (filter_y < 0)
            filter_y += p.filter_h;
          order[j] = static_cast<uint8_t>(
              j < taps ? 16 * (filter_y * p.filter_w + j / p.filter_h) : 0);
        }
        const u8x16 tap_order = load_u8x16(order);
        for (int32_t g = 0; g < count; ++g) {
          const s8x16 weights = gather_s8x16_z(
              block, add_n_u8(tap_order, static_cast<uint8_t>(g)), tap_lanes);
          const int32_t shift = output_shift[c + g];
          if (shift < 0)
            depthwise_column_outputs<true>(p, band + g * channel_bytes, weights,
                                           folded_bias[c + g],
                                           output_multiplier[c + g], shift, low,
                                           high, pixels4, out_row + g);
          else
            depthwise_column_outputs<false>(p, band + g * channel_bytes,
                                            weights, folded_bias[c + g],
                                            output_multiplier[c + g], shift,
                                            low, high, pixels4, out_row + g);
        }
        out_row += pixel_rows;
      }
    }
  }
}

} // namespace ingot::mve::detail

#endif // INGOT_RUNTIME_KERNELS_MVE_DEPTHWISE_COLUMNS_H
