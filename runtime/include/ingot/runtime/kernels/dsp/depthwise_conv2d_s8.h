//===- depthwise_conv2d_s8.h - Armv7E-M DSP int8 depthwise conv -*- C++ -*-===//
//
// This file implements the int8 depthwise convolution with depth multiplier 1
// for cores with the DSP extension, bit-exact with
// ingot::ref::depthwise_conv2d_s8. (The compiler keeps the reference kernel
// for larger multipliers.)
//
// Each output pixel is computed four channels at a time. One word load brings
// four channels of one tap; for taps t and t+1, PKHBT and PKHTB regroup the
// two words by channel pairs and SXTB16 widens them into (x_t[c], x_t+1[c])
// pairs, so one SMLAD adds both taps' products of a channel. The weights
// are stored already paired and widened (pack_depthwise_filter in
// packing.h). Per tap pair and four channels: two input loads, two packs,
// four SXTB16, two LDRD of weights and four SMLAD, 14 instructions for 8
// multiply-accumulates. An odd last tap takes nine. The four outputs are
// rescaled from per-channel records (rescale.h; a constant the compiler
// makes, pack_rescale_records), clamped as one packed word and stored with
// one STR. Channels past the last multiple of four run a scalar loop.
//
// The compiler folds the input offset of every tap into the bias
// (fold_input_offset_depthwise), so the loop multiplies raw inputs and a
// padded tap must read the zero point (-input_offset): pixels whose window
// lies inside the input read it directly, border pixels read through a
// per-tap pointer table that points padded taps at a row of zero-point
// bytes. The table, the interior offsets of the compact form and the row
// are in the scratch, depthwise_conv2d_s8_scratch_bytes(p) bytes, 4-byte
// aligned; without scratch (nullptr) they go in the last bytes of the
// output, which are written last, and the few pixels that would overwrite
// them are computed one output at a time (depthwise_pixel_direct).
//
// Two forms share one implementation: depthwise_conv2d_s8<P>(...) takes the
// shape as a template argument, unrolls the tap pairs and gives interior
// pixels' taps constant offsets; depthwise_conv2d_s8(p, ...) reads the shape
// at run time (compact code), reads interior pixels' tap offsets from a
// table made once per call, and runs the tap pairs as one assembly loop, 19
// instructions a pair.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_DEPTHWISE_CONV2D_S8_H
#define INGOT_RUNTIME_KERNELS_DSP_DEPTHWISE_CONV2D_S8_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/dsp/gemm_s8.h"
#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/dsp/rescale.h"
#include "ingot/runtime/kernels/params.h"

namespace ingot::dsp {

namespace detail {

/// The first output index (along one axis) whose window starts inside the
/// input, and one past the last whose window ends inside it: [begin, end).
INGOT_ALWAYS_INLINE void interior_range(int32_t output_size, int32_t input_size,
                                        int32_t filter_size, int32_t stride,
                                        int32_t dilation, int32_t pad,
                                        int32_t &begin, int32_t &end) {
  // out * stride - pad >= 0.
  begin = pad > 0 ? (pad + stride - 1) / stride : 0;
  // out * stride - pad + (filter_size - 1) * dilation <= input_size - 1.
  const int32_t last_start =
      input_size - 1 - (filter_size - 1) * dilation + pad;
  end = last_start < 0 ? 0 : last_start / stride + 1;
  if (end > output_size)
    end = output_size;
  if (begin > end)
    begin = end;
}

/// Adds taps `tap` and `tap + 1` of channels c..c+3 (tap pointers already
/// offset by c) with their 16 bytes of packed weights at `weights` (8-byte
/// aligned), which it steps past.
INGOT_ALWAYS_INLINE void depthwise_tap_pair(const int8_t *first_tap,
                                            const int8_t *second_tap,
                                            const int8_t *&weights,
                                            int32_t &acc0, int32_t &acc1,
                                            int32_t &acc2, int32_t &acc3) {
#if defined(__ARM_FEATURE_DSP)
  // In assembly so that the compiler cannot hoist the loads of every tap
  // pair of an unrolled window ahead of their use, which spilled half of
  // them. The input words are memory operands, so constant tap offsets
  // become the loads' immediates.
  int32_t first, second, low, w0, w1;
  __asm__(
      "ldr %[first], %[first_tap]\n\t"
      "ldr %[second], %[second_tap]\n\t"
      "ldrd %[w0], %[w1], [%[weights]], #8\n\t"
      "pkhbt %[low], %[first], %[second], lsl #16\n\t"
      "pkhtb %[first], %[second], %[first], asr #16\n\t"
      "sxtb16 %[second], %[low]\n\t"
      "smlad %[acc0], %[second], %[w0], %[acc0]\n\t"
      "sxtb16 %[low], %[low], ror #8\n\t"
      "smlad %[acc1], %[low], %[w1], %[acc1]\n\t"
      "ldrd %[w0], %[w1], [%[weights]], #8\n\t"
      "sxtb16 %[second], %[first]\n\t"
      "smlad %[acc2], %[second], %[w0], %[acc2]\n\t"
      "sxtb16 %[first], %[first], ror #8\n\t"
      "smlad %[acc3], %[first], %[w1], %[acc3]"
      : [acc0] "+r"(acc0), [acc1] "+r"(acc1), [acc2] "+r"(acc2),
        [acc3] "+r"(acc3), [weights] "+r"(weights), [first] "=&r"(first),
        [second] "=&r"(second), [low] "=&r"(low), [w0] "=&r"(w0), [w1] "=&r"(w1)
      : [first_tap] "m"(*reinterpret_cast<const int32_t *>(first_tap)),
        [second_tap] "m"(*reinterpret_cast<const int32_t *>(second_tap)));
#else
  const int32_t first = load_s8x4(first_tap);
  const int32_t second = load_s8x4(second_tap);
  // [x_t[c0] x_t[c1] x_t+1[c0] x_t+1[c1]] and the same for c2, c3.
  const int32_t low = pkhbt_lsl16(first, second);
  const int32_t high = pkhtb_asr16(first, second);
  int32_t w0, w1, w2, w3;
  load_weight_pair(weights, w0, w1);
  load_weight_pair(weights + 8, w2, w3);
  weights += 16;
  acc0 = smlad(sxtb16(low), w0, acc0);
  acc1 = smlad(sxtb16_ror8(low), w1, acc1);
  acc2 = smlad(sxtb16(high), w2, acc2);
  acc3 = smlad(sxtb16_ror8(high), w3, acc3);
#endif
}

/// Adds an odd last tap of channels c..c+3, and steps past its 16 bytes of
/// weights.
INGOT_ALWAYS_INLINE void depthwise_single_tap(const int8_t *tap,
                                              const int8_t *&weights,
                                              int32_t &acc0, int32_t &acc1,
                                              int32_t &acc2, int32_t &acc3) {
#if defined(__ARM_FEATURE_DSP)
  int32_t even, odd, w0, w1;
  __asm__("ldr %[odd], %[tap]\n\t"
          "ldrd %[w0], %[w1], [%[weights]], #8\n\t"
          "sxtb16 %[even], %[odd]\n\t"
          "sxtb16 %[odd], %[odd], ror #8\n\t"
          "smlad %[acc0], %[even], %[w0], %[acc0]\n\t"
          "smlad %[acc1], %[odd], %[w1], %[acc1]\n\t"
          "ldrd %[w0], %[w1], [%[weights]], #8\n\t"
          "smlad %[acc2], %[even], %[w0], %[acc2]\n\t"
          "smlad %[acc3], %[odd], %[w1], %[acc3]"
          : [acc0] "+r"(acc0), [acc1] "+r"(acc1), [acc2] "+r"(acc2),
            [acc3] "+r"(acc3), [weights] "+r"(weights), [even] "=&r"(even),
            [odd] "=&r"(odd), [w0] "=&r"(w0), [w1] "=&r"(w1)
          : [tap] "m"(*reinterpret_cast<const int32_t *>(tap)));
#else
  const int32_t word = load_s8x4(tap);
  const int32_t even = sxtb16(word), odd = sxtb16_ror8(word);
  int32_t w0, w1, w2, w3;
  load_weight_pair(weights, w0, w1);
  load_weight_pair(weights + 8, w2, w3);
  weights += 16;
  acc0 = smlad(even, w0, acc0);
  acc1 = smlad(odd, w1, acc1);
  acc2 = smlad(even, w2, acc2);
  acc3 = smlad(odd, w3, acc3);
#endif
}

/// Adds the tap pairs of channels c..c+3 whose tap addresses come from a
/// table: tap t's word is at table[t] + base, table entries `Stride` bytes
/// apart. Interior pixels of the compact form use offsets (Stride 4, base
/// the window origin plus c), border pixels pointers (Stride 8, base c).
template <int32_t Stride>
INGOT_ALWAYS_INLINE void
depthwise_indirect_pairs(const unsigned char *table, int32_t pairs,
                         uintptr_t base, const int8_t *&weights, int32_t &acc0,
                         int32_t &acc1, int32_t &acc2, int32_t &acc3) {
  if (pairs <= 0)
    return;
#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
  // A loop of its own in assembly, 19 instructions a pair: in C the
  // compiler spills the loop counter first. As in mac_2x2, the end is read
  // from memory to keep to twelve registers.
  const unsigned char *const end = table + 2 * Stride * pairs;
  int32_t first, second, low, w0, w1;
  __asm__("1:\n\t"
          "ldr %[first], [%[table]], %[stride]\n\t"
          "ldr %[second], [%[table]], %[stride]\n\t"
          "ldr %[first], [%[first], %[base]]\n\t"
          "ldr %[second], [%[second], %[base]]\n\t"
          "ldrd %[w0], %[w1], [%[weights]], #8\n\t"
          "pkhbt %[low], %[first], %[second], lsl #16\n\t"
          "pkhtb %[first], %[second], %[first], asr #16\n\t"
          "sxtb16 %[second], %[low]\n\t"
          "smlad %[acc0], %[second], %[w0], %[acc0]\n\t"
          "sxtb16 %[low], %[low], ror #8\n\t"
          "smlad %[acc1], %[low], %[w1], %[acc1]\n\t"
          "ldrd %[w0], %[w1], [%[weights]], #8\n\t"
          "sxtb16 %[second], %[first]\n\t"
          "smlad %[acc2], %[second], %[w0], %[acc2]\n\t"
          "sxtb16 %[first], %[first], ror #8\n\t"
          "smlad %[acc3], %[first], %[w1], %[acc3]\n\t"
          "ldr %[low], %[end]\n\t"
          "cmp %[table], %[low]\n\t"
          "bne 1b"
          : [acc0] "+r"(acc0), [acc1] "+r"(acc1), [acc2] "+r"(acc2),
            [acc3] "+r"(acc3), [weights] "+r"(weights), [table] "+r"(table),
            [first] "=&r"(first), [second] "=&r"(second), [low] "=&r"(low),
            [w0] "=&r"(w0), [w1] "=&r"(w1)
          : [end] "m"(end), [base] "r"(base), [stride] "n"(Stride)
          : "cc");
#else
  for (int32_t pair = 0; pair < pairs; ++pair, table += 2 * Stride) {
    uintptr_t first, second;
    if constexpr (Stride == 4) {
      int32_t offset;
      std::memcpy(&offset, table, 4);
      first = base + static_cast<uintptr_t>(offset);
      std::memcpy(&offset, table + 4, 4);
      second = base + static_cast<uintptr_t>(offset);
    } else {
      const int8_t *pointer;
      std::memcpy(&pointer, table, sizeof(pointer));
      first = reinterpret_cast<uintptr_t>(pointer) + base;
      std::memcpy(&pointer, table + 8, sizeof(pointer));
      second = reinterpret_cast<uintptr_t>(pointer) + base;
    }
    depthwise_tap_pair(reinterpret_cast<const int8_t *>(first),
                       reinterpret_cast<const int8_t *>(second), weights, acc0,
                       acc1, acc2, acc3);
  }
#endif
}

/// Where tap `tap` (filter_y * filter_w + filter_x) of a window lies
/// relative to the window's first tap, in bytes.
INGOT_ALWAYS_INLINE int32_t tap_offset(const Conv2DParams &p, int32_t tap) {
  const int32_t filter_y = tap / p.filter_w, filter_x = tap % p.filter_w;
  return (filter_y * p.dilation_h * p.input_w + filter_x * p.dilation_w) *
         p.input_c;
}

/// The taps of a window, as depthwise_pixel reads them: `tap(t)` is tap t's
/// first channel, `add_pairs` accumulates every tap pair of channels
/// c..c+3.

/// Taps of an interior pixel: tap t reads origin + tap_offset(t). With a
/// constant shape the pair loop is unrolled and the offsets are constants of
/// the load instructions.
struct InteriorTaps {
  const Conv2DParams &p;
  const int8_t *origin;
  INGOT_ALWAYS_INLINE const int8_t *operator()(int32_t tap) const {
    return origin + tap_offset(p, tap);
  }
  INGOT_ALWAYS_INLINE void add_pairs(int32_t c, int32_t pairs,
                                     const int8_t *&weights, int32_t &acc0,
                                     int32_t &acc1, int32_t &acc2,
                                     int32_t &acc3) const {
    INGOT_UNROLL_FULLY
    for (int32_t pair = 0; pair < pairs; ++pair)
      depthwise_tap_pair((*this)(2 * pair) + c, (*this)(2 * pair + 1) + c,
                         weights, acc0, acc1, acc2, acc3);
  }
};

/// Taps of an interior pixel when the shape is read at run time: the same
/// offsets, from a table in the scratch.
struct OffsetTaps {
  const int8_t *origin;
  const int32_t *offsets;
  INGOT_ALWAYS_INLINE const int8_t *operator()(int32_t tap) const {
    return origin + offsets[tap];
  }
  INGOT_ALWAYS_INLINE void add_pairs(int32_t c, int32_t pairs,
                                     const int8_t *&weights, int32_t &acc0,
                                     int32_t &acc1, int32_t &acc2,
                                     int32_t &acc3) const {
    depthwise_indirect_pairs<4>(
        reinterpret_cast<const unsigned char *>(offsets), pairs,
        reinterpret_cast<uintptr_t>(origin + c), weights, acc0, acc1, acc2,
        acc3);
  }
};

/// Taps of a border pixel: pointers in the scratch (8-byte slots), padded
/// taps pointing at the zero-point row. `Unroll` (a constant shape) unrolls
/// the pair loop, otherwise it is one loop in assembly.
template <bool Unroll> struct TableTaps {
  const unsigned char *table;
  INGOT_ALWAYS_INLINE const int8_t *operator()(int32_t tap) const {
    const int8_t *pointer;
    std::memcpy(&pointer, table + 8 * tap, sizeof(pointer));
    return pointer;
  }
  INGOT_ALWAYS_INLINE void add_pairs(int32_t c, int32_t pairs,
                                     const int8_t *&weights, int32_t &acc0,
                                     int32_t &acc1, int32_t &acc2,
                                     int32_t &acc3) const {
    if constexpr (Unroll) {
      INGOT_UNROLL_FULLY
      for (int32_t pair = 0; pair < pairs; ++pair)
        depthwise_tap_pair((*this)(2 * pair) + c, (*this)(2 * pair + 1) + c,
                           weights, acc0, acc1, acc2, acc3);
    } else {
      // The base is the channel offset here, added to each pointer.
      depthwise_indirect_pairs<8>(table, pairs, static_cast<uintptr_t>(c),
                                  weights, acc0, acc1, acc2, acc3);
    }
  }
};

/// Writes channels c..c+3 of a pixel from their accumulators: four
/// rescales, one packed clamp, one word store.
INGOT_ALWAYS_INLINE void depthwise_store_4(const OutputStage &stage,
                                           int8_t *out, int32_t c, int32_t acc0,
                                           int32_t acc1, int32_t acc2,
                                           int32_t acc3) {
  store_s8x4(out + c, stage.clamp4(pack_s8x4(stage.rescale(acc0, c),
                                             stage.rescale(acc1, c + 1),
                                             stage.rescale(acc2, c + 2),
                                             stage.rescale(acc3, c + 3))));
}

/// Computes every channel of one output pixel, reading tap t's channels at
/// taps(t).
template <typename Taps>
INGOT_ALWAYS_INLINE void
depthwise_pixel(const Conv2DParams &p, const Taps &taps,
                const int8_t *packed_filter, const int32_t *folded_bias,
                const OutputStage &stage, int8_t *out) {
  const int32_t channels = p.input_c;
  const int32_t tap_count = p.filter_h * p.filter_w;
  const int32_t pairs = tap_count / 2;
  const int32_t full = channels - channels % 4;
  const int8_t *weights = packed_filter;
  for (int32_t c = 0; c < full; c += 4) {
    int32_t acc0 = folded_bias[c], acc1 = folded_bias[c + 1];
    int32_t acc2 = folded_bias[c + 2], acc3 = folded_bias[c + 3];
    taps.add_pairs(c, pairs, weights, acc0, acc1, acc2, acc3);
    if (tap_count % 2 != 0)
      depthwise_single_tap(taps(tap_count - 1) + c, weights, acc0, acc1, acc2,
                           acc3);
    depthwise_store_4(stage, out, c, acc0, acc1, acc2, acc3);
  }
  // The last one to three channels: plain int8 weights, [tap][channel].
  const int32_t tail = channels - full;
  for (int32_t c = full; c < channels; ++c) {
    int32_t acc = folded_bias[c];
    for (int32_t tap = 0; tap < tap_count; ++tap)
      acc +=
          static_cast<int32_t>(weights[tap * tail + (c - full)]) * taps(tap)[c];
    out[c] = stage.output(acc, c);
  }
}

/// Weight of tap `tap`, channel `c` in the packed depthwise layout of `taps`
/// taps over `channels` channels (pack_depthwise_filter).
INGOT_ALWAYS_INLINE int32_t packed_depthwise_weight(const int8_t *packed,
                                                    int32_t taps,
                                                    int32_t channels,
                                                    int32_t tap, int32_t c) {
  const int32_t full = channels - channels % 4;
  const int32_t groups = (taps + 1) / 2;
  if (c >= full)
    return packed[(full / 4) * 16 * groups + tap * (channels - full) +
                  (c - full)];
  const int32_t lane = c % 4;
  // int16 index within the tap group's eight.
  static constexpr int8_t kSingle[4] = {0, 2, 5, 7};
  const int32_t index =
      tap + 1 == taps && taps % 2 != 0 ? kSingle[lane] : 2 * lane + tap % 2;
  const int8_t *group = packed + (c / 4) * 16 * groups + (tap / 2) * 16;
  // Little-endian int16 whose value is an int8: its low byte.
  return group[2 * index];
}

/// Computes every channel of output pixel (out_y, out_x) of `image`
/// reading the input in place, one multiply-accumulate at a time: the path
/// of the few pixels a call without scratch has no room for.
INGOT_DSP_COLD void depthwise_pixel_direct(const Conv2DParams &p,
                                           const int8_t *image,
                                           const int8_t *packed_filter,
                                           const int32_t *folded_bias,
                                           OutputStage stage, int32_t out_y,
                                           int32_t out_x, int8_t *out) {
  const int32_t taps = p.filter_h * p.filter_w;
  const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
  const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
  for (int32_t c = 0; c < p.input_c; ++c) {
    // Modulo 2^32, like the folded bias.
    uint32_t acc = static_cast<uint32_t>(folded_bias[c]);
    for (int32_t tap = 0; tap < taps; ++tap) {
      const int32_t in_y = in_y_origin + (tap / p.filter_w) * p.dilation_h;
      const int32_t in_x = in_x_origin + (tap % p.filter_w) * p.dilation_w;
      const int32_t x =
          in_y >= 0 && in_y < p.input_h && in_x >= 0 && in_x < p.input_w
              ? image[(in_y * p.input_w + in_x) * p.input_c + c]
              : -p.input_offset;
      acc += static_cast<uint32_t>(
          packed_depthwise_weight(packed_filter, taps, p.input_c, tap, c) * x);
    }
    out[c] = stage.output(static_cast<int32_t>(acc), c);
  }
}

/// The shared body of both depthwise_conv2d_s8 forms. `ConstantShape`
/// (the specialized form) computes the interior pixels' tap offsets as
/// constants and unrolls their loop; otherwise they come from a table.
template <bool ConstantShape>
INGOT_ALWAYS_INLINE void
depthwise_conv2d_s8_impl(const Conv2DParams &params, const int8_t *input,
                         const int8_t *packed_filter,
                         const int32_t *folded_bias, int8_t *output,
                         const int32_t *rescale_records, void *scratch) {
  // A copy of the parameters: the assembly blocks clobber memory, which
  // would make the compiler reload every field of `params` after each one.
  const Conv2DParams p = params;
  const int32_t channels = p.input_c;
  const int32_t tap_count = p.filter_h * p.filter_w;
  // The border pixels' tap pointers (8-byte slots, aligned to 8), the
  // interior pixels' tap offsets, the zero-point row: in the scratch, or
  // else at the end of the output, below which pixels may be written while
  // they end at or before `limit`.
  const int32_t table_bytes = 12 * tap_count + channels;
  uintptr_t base, limit;
  if (scratch != nullptr) {
    base = (reinterpret_cast<uintptr_t>(scratch) + 7) & ~uintptr_t{7};
    limit = UINTPTR_MAX;
  } else {
    const uintptr_t end = reinterpret_cast<uintptr_t>(
        output + p.batches * p.output_h * p.output_w * channels);
    base = (end - static_cast<uintptr_t>(table_bytes)) & ~uintptr_t{7};
    limit = base;
    if (end - reinterpret_cast<uintptr_t>(output) <
        static_cast<uintptr_t>(table_bytes) + 8)
      limit = 0;
  }
  unsigned char *table = reinterpret_cast<unsigned char *>(base);
  int32_t *offsets = reinterpret_cast<int32_t *>(table + 8 * tap_count);
  int8_t *zero_row = reinterpret_cast<int8_t *>(offsets + tap_count);
  if (limit != 0) {
    if (!ConstantShape) {
      for (int32_t tap = 0; tap < tap_count; ++tap)
        offsets[tap] = tap_offset(p, tap);
    }
    for (int32_t c = 0; c < channels; ++c)
      zero_row[c] = static_cast<int8_t>(-p.input_offset);
    // Assembly reads the offsets, and the zero-point row through the
    // pointer tables, without declaring it.
    offsets = after_stores(offsets);
    zero_row = after_stores(zero_row);
  }
  const OutputStage stage =
      make_output_stage(rescale_records, p.output_offset, p.activation_min,
                        p.activation_max, p.single_rounding_exact);
  int32_t y_begin, y_end, x_begin, x_end;
  interior_range(p.output_h, p.input_h, p.filter_h, p.stride_h, p.dilation_h,
                 p.pad_top, y_begin, y_end);
  interior_range(p.output_w, p.input_w, p.filter_w, p.stride_w, p.dilation_w,
                 p.pad_left, x_begin, x_end);
  int8_t *out = output;
  for (int32_t batch = 0; batch < p.batches; ++batch) {
    const int8_t *image = input + batch * p.input_h * p.input_w * channels;
    for (int32_t out_y = 0; out_y < p.output_h; ++out_y) {
      const int32_t in_y_origin = out_y * p.stride_h - p.pad_top;
      const bool row_interior = out_y >= y_begin && out_y < y_end;
      for (int32_t out_x = 0; out_x < p.output_w; ++out_x, out += channels) {
        if (reinterpret_cast<uintptr_t>(out + channels) > limit) {
          // `params`, not the copy: taking the copy's address would make
          // its fields unknown after the call.
          depthwise_pixel_direct(params, image, packed_filter, folded_bias,
                                 stage, out_y, out_x, out);
          continue;
        }
        const int32_t in_x_origin = out_x * p.stride_w - p.pad_left;
        if (row_interior && out_x >= x_begin && out_x < x_end) {
          const int8_t *origin =
              image + (in_y_origin * p.input_w + in_x_origin) * channels;
          if constexpr (ConstantShape)
            depthwise_pixel(p, InteriorTaps{p, origin}, packed_filter,
                            folded_bias, stage, out);
          else
            depthwise_pixel(p, OffsetTaps{origin, offsets}, packed_filter,
                            folded_bias, stage, out);
          continue;
        }
        unsigned char *slot = table;
        for (int32_t filter_y = 0; filter_y < p.filter_h; ++filter_y) {
          const int32_t in_y = in_y_origin + filter_y * p.dilation_h;
          const bool row_inside = in_y >= 0 && in_y < p.input_h;
          for (int32_t filter_x = 0; filter_x < p.filter_w; ++filter_x) {
            const int32_t in_x = in_x_origin + filter_x * p.dilation_w;
            const int8_t *pointer =
                row_inside && in_x >= 0 && in_x < p.input_w
                    ? image + (in_y * p.input_w + in_x) * channels
                    : zero_row;
            std::memcpy(slot, &pointer, sizeof(pointer));
            slot += 8;
          }
        }
        depthwise_pixel(p, TableTaps<ConstantShape>{after_stores(table)},
                        packed_filter, folded_bias, stage, out);
      }
    }
  }
}

} // namespace detail

/// Depthwise 2-D convolution (depth multiplier 1) of an int8 NHWC tensor with
/// the shape read at run time. `packed_filter` is pack_depthwise_filter's
/// output, `folded_bias` fold_input_offset_depthwise's, `rescale_records`
/// pack_rescale_records' for the layer's per-channel multipliers and
/// shifts. `scratch` is depthwise_conv2d_s8_scratch_bytes(p) bytes, 4-byte
/// aligned, or nullptr (the kernel then borrows the end of `output`).
INGOT_KERNEL void
depthwise_conv2d_s8(const Conv2DParams &p, const int8_t *input,
                    const int8_t *packed_filter, const int32_t *folded_bias,
                    int8_t *output, const int32_t *rescale_records,
                    void *scratch) {
  detail::depthwise_conv2d_s8_impl<false>(p, input, packed_filter, folded_bias,
                                          output, rescale_records, scratch);
}

/// The same convolution specialized for the shape `P`.
template <const Conv2DParams &P>
INGOT_KERNEL void
depthwise_conv2d_s8(const int8_t *input, const int8_t *packed_filter,
                    const int32_t *folded_bias, int8_t *output,
                    const int32_t *rescale_records, void *scratch) {
  detail::depthwise_conv2d_s8_impl<true>(P, input, packed_filter, folded_bias,
                                         output, rescale_records, scratch);
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_KERNELS_DSP_DEPTHWISE_CONV2D_S8_H
