//===- rescale.h - Requantization of the DSP kernels ------------*- C++ -*-===//
//
// This file implements the rescale of an int32 accumulator to the output
// scale that the `ingot::dsp` kernels share: the reference's
// multiply_by_quantized_multiplier plus the output zero point, in five
// instructions where that is provably the same.
//
// The reference computes v = SRDHM(a, m) with a = acc << max(shift, 0), the
// rounding doubling high multiply, then divides v by 2^r (r = max(-shift, 0))
// rounding half away from zero. SRDHM rounds a * m / 2^31 to nearest with
// ties toward +infinity whatever the sign, i.e. it is
// floor((2a * m + 2^31) / 2^32): exactly SMMULR(2a, m) whenever 2a fits in
// int32. The rounding division plus the zero point z is then
//   floor((2v + 2^r + 2^(r+1) z - (v < 0 ? 1 : 0)) / 2^(r+1)),
// which holds for r = 0 as well (that is why it divides 2v rather than v), so
// one sequence serves every channel: LSL, SMMULR, an ADD of 2v to the
// channel's constant 2^r + 2^(r+1) z, an ADD of v >> 31, an ASR. No step
// overflows when |a| < 2^30 and r <= 21, which single_rounding_exact
// (packing.h) checks for the compiler.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_RESCALE_H
#define INGOT_RUNTIME_KERNELS_DSP_RESCALE_H

#include <cstdint>

#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/dsp/packing.h"

namespace ingot::dsp {

/// One channel's rescale as the fast sequence applies it: the four words
/// pack_rescale_record (packing.h) writes, which the compiler emits as a
/// constant array. In a layer that is not single_rounding_exact the record
/// is {multiplier, shift, 0, 0} instead (general_shift reads it).
struct ChannelRescale {
  int32_t multiplier;
  /// 2^r + 2^(r+1) * output zero point.
  int32_t offset;
  /// 1 + max(shift, 0): the accumulator's left shift, doubling included.
  int32_t left;
  /// 1 + max(-shift, 0).
  int32_t right;
};

/// The shift of a record written for the general arithmetic.
INGOT_ALWAYS_INLINE int32_t general_shift(const ChannelRescale &record) {
  return record.offset;
}

/// The fast-path constants of a channel with this multiplier, shift and
/// output zero point.
INGOT_ALWAYS_INLINE ChannelRescale channel_rescale(int32_t multiplier,
                                                   int32_t shift,
                                                   int32_t output_offset) {
  int32_t words[4] = {0, 0, 0, 0};
  pack_rescale_record(multiplier, shift, output_offset, true, words);
  return {words[0], words[1], words[2], words[3]};
}

/// rescale(acc) + output zero point, unclamped, by the fast sequence: exact
/// when the layer is single_rounding_exact.
INGOT_ALWAYS_INLINE int32_t rescale_fast(int32_t acc,
                                         const ChannelRescale &channel) {
  const int32_t value =
      smmulr(static_cast<int32_t>(static_cast<uint32_t>(acc) << channel.left),
             channel.multiplier);
  return (channel.offset + 2 * value + (value >> 31)) >> channel.right;
}

#if defined(__ARM_FEATURE_DSP)
namespace detail {
/// A doubleword that may alias the record's int32 fields: the type of LDRD
/// memory operands.
typedef int64_t __attribute__((may_alias)) record_half;
} // namespace detail

// The record's two halves as memory operands of LDRD.
#define INGOT_DSP_RECORD_OPERANDS(record)                                      \
  [low] "m"(                                                                   \
      *reinterpret_cast<const detail::record_half *>(&(record)->multiplier)),  \
      [high] "m"(                                                              \
          *reinterpret_cast<const detail::record_half *>(&(record)->left))
#endif

/// ssat8(rescale_fast(acc, *record)): eight instructions with the record's
/// two LDRD. (In assembly, like rescale_s8x2: left to itself the compiler
/// keeps a pointer per record, and spills them.)
INGOT_ALWAYS_INLINE int32_t rescale_s8(int32_t acc,
                                       const ChannelRescale *record) {
#if defined(__ARM_FEATURE_DSP)
  int32_t multiplier, offset, left, right;
  __asm__("ldrd %[multiplier], %[offset], %[low]\n\t"
          "ldrd %[left], %[right], %[high]\n\t"
          "lsl %[acc], %[acc], %[left]\n\t"
          "smmulr %[acc], %[acc], %[multiplier]\n\t"
          "add %[offset], %[offset], %[acc], lsl #1\n\t"
          "add %[offset], %[offset], %[acc], asr #31\n\t"
          "asr %[acc], %[offset], %[right]\n\t"
          "ssat %[acc], #8, %[acc]"
          : [acc] "+r"(acc), [multiplier] "=&r"(multiplier),
            [offset] "=&r"(offset), [left] "=&r"(left), [right] "=&r"(right)
          : INGOT_DSP_RECORD_OPERANDS(record));
  return acc;
#else
  return ssat8(rescale_fast(acc, *record));
#endif
}

/// rescale_s8 of two accumulators of the same channel, loading its record
/// once.
INGOT_ALWAYS_INLINE void rescale_s8x2(int32_t &first, int32_t &second,
                                      const ChannelRescale *record) {
#if defined(__ARM_FEATURE_DSP)
  int32_t multiplier, offset, left, right, sum;
  __asm__("ldrd %[multiplier], %[offset], %[low]\n\t"
          "ldrd %[left], %[right], %[high]\n\t"
          "lsl %[first], %[first], %[left]\n\t"
          "lsl %[second], %[second], %[left]\n\t"
          "smmulr %[first], %[first], %[multiplier]\n\t"
          "smmulr %[second], %[second], %[multiplier]\n\t"
          "add %[sum], %[offset], %[first], lsl #1\n\t"
          "add %[sum], %[sum], %[first], asr #31\n\t"
          "asr %[first], %[sum], %[right]\n\t"
          "ssat %[first], #8, %[first]\n\t"
          "add %[sum], %[offset], %[second], lsl #1\n\t"
          "add %[sum], %[sum], %[second], asr #31\n\t"
          "asr %[second], %[sum], %[right]\n\t"
          "ssat %[second], #8, %[second]"
          : [first] "+r"(first), [second] "+r"(second),
            [multiplier] "=&r"(multiplier), [offset] "=&r"(offset),
            [left] "=&r"(left), [right] "=&r"(right), [sum] "=&r"(sum)
          : INGOT_DSP_RECORD_OPERANDS(record));
#else
  first = ssat8(rescale_fast(first, *record));
  second = ssat8(rescale_fast(second, *record));
#endif
}

#if defined(__ARM_FEATURE_DSP)
#undef INGOT_DSP_RECORD_OPERANDS
#endif

/// rescale(acc) + output zero point, unclamped, by the reference's general
/// arithmetic.
INGOT_ALWAYS_INLINE int32_t rescale_general(int32_t acc, int32_t multiplier,
                                            int32_t shift,
                                            int32_t output_offset) {
  return multiply_by_quantized_multiplier(acc, multiplier, shift) +
         output_offset;
}

/// The requantization of one kernel call, per-channel: which path, its
/// constants, the activation range. Built once per call, so that nothing in
/// it is recomputed (or reloaded) per output.
struct OutputStage {
  /// The channels' records (pack_rescale_records): the fast path's
  /// constants when `exact`, the multipliers and shifts otherwise.
  const ChannelRescale *records;
  int32_t output_offset, activation_min, activation_max;
  /// The activation range in four int8 lanes, for clamp_s8x4.
  int32_t low4, high4;
  /// Conv2DParams::single_rounding_exact.
  bool exact;
  /// Whether the activation range is narrower than int8.
  bool clamp;

  /// Channel `channel`'s accumulator rescaled, offset and saturated to int8
  /// (not yet clamped to the activation range).
  INGOT_ALWAYS_INLINE int32_t rescale(int32_t acc, int32_t channel) const {
    if (exact)
      return rescale_s8(acc, records + channel);
    const ChannelRescale &record = records[channel];
    return ssat8(rescale_general(acc, record.multiplier, general_shift(record),
                                 output_offset));
  }

  /// rescale() of two accumulators of the same channel.
  INGOT_ALWAYS_INLINE void rescale2(int32_t &first, int32_t &second,
                                    int32_t channel) const {
    if (exact) {
      rescale_s8x2(first, second, records + channel);
    } else {
      first = rescale(first, channel);
      second = rescale(second, channel);
    }
  }

  /// Four rescaled outputs packed in a word, clamped to the activation range.
  INGOT_ALWAYS_INLINE int32_t clamp4(int32_t word) const {
    return clamp ? clamp_s8x4(word, low4, high4) : word;
  }

  /// The output byte of one accumulator, for the kernels' tails.
  INGOT_ALWAYS_INLINE int8_t output(int32_t acc, int32_t channel) const {
    return static_cast<int8_t>(
        clamp_i32(rescale(acc, channel), activation_min, activation_max));
  }
};

/// The output stage of a call over the records `records`
/// (pack_rescale_records' output for this layer, 4-byte aligned).
INGOT_ALWAYS_INLINE OutputStage make_output_stage(const int32_t *records,
                                                  int32_t output_offset,
                                                  int32_t activation_min,
                                                  int32_t activation_max,
                                                  bool exact) {
  return {reinterpret_cast<const ChannelRescale *>(records),
          output_offset,
          activation_min,
          activation_max,
          replicate_s8x4(activation_min),
          replicate_s8x4(activation_max),
          exact,
          activation_min > -128 || activation_max < 127};
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_KERNELS_DSP_RESCALE_H
