//===- add_s8.h - Armv7E-M DSP int8 elementwise addition --------*- C++ -*-===//
//
// This file implements the int8 addition of two tensors of the same shape
// for cores with the DSP extension (Cortex-M4, M7), bit-exact with
// ingot::ref::add_s8 and with its signature. Each of the reference's three
// rescales (two roundings each) becomes one multiply instruction where that
// is provably the same, and each call checks the bounds that make it so;
// a call outside them runs the reference loop.
//
// Input rescale. The reference computes s = rdbp(SRDHM(x << L, m), r) with
// x = value + offset, L = left_shift + max(shift, 0), r = max(-shift, 0).
// When x << L does not wrap, SRDHM(x << L, m) = floor((x m + 2^(30-L)) /
// 2^(31-L)), and for r >= 1 rdbp(v, r) = floor((v + 2^(r-1) - [v < 0]) /
// 2^r). With m > 0, v has the sign of x or is 0, and for v = 0 both
// choices of [v < 0] give 0, so [x < 0] may replace it. Nested floors of
// divisions by integers compose, so both roundings are one:
//   s = floor((X m + 2^31 + 2^(31-r) - [x < 0] 2^(32-r)) / 2^32)
// with X = x 2^(L+1-r) (and for r = 0 the term is 2^31 alone). That is the
// high word of SMLAL with low word 2^31 + 2^(31-r) + (X & -2^(32-r)): the
// mask keeps X's top r bits, which are its sign bits while |x| 2^L < 2^30.
// The high word SMLAL adds to is the other input's term, so the sum costs
// nothing. X itself is one MLA: value * 2^(L+1-r) + offset * 2^(L+1-r).
//
// The larger input of a TFLite ADD has multiplier 2^30 and shift 0 (its
// real multiplier is exactly 0.5): then s = x 2^(L-1-r) exactly, one MLA.
// The inputs are swapped when only the second one is such, so that the
// loop handles it first.
//
// Output rescale. For m in [2^30, 2^31) the doubling high multiply is
// SMMLAR(sum, 2m - 2^32, sum): the wrapped multiplier subtracts sum * 2^32,
// which the accumulator adds back. Adding 2^(r-1) + z 2^r - [sum < 0] to
// that accumulator (z the output zero point; the sign of sum stands for
// that of the product, as above) leaves the rounding division by 2^r plus
// the zero point to one arithmetic shift; SSAT and, for an activation
// narrower than int8, SSUB8/SEL on four packed outputs clamp.
//
// The loop of the common case (one input of the 0.5 form) is in assembly,
// four elements per iteration: in C the compiler spills constants and
// reloads them per element. On QEMU's Cortex-M4 (benchmarks/cortex-m/
// kernels) that is 16.9 instructions per element, 18.8 with an activation
// narrower than int8 (a second pass clamps four outputs at a time); with
// no 0.5 input the C loop takes 31; the reference 106.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_ADD_S8_H
#define INGOT_RUNTIME_KERNELS_DSP_ADD_S8_H

#include <cstdint>

#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/add_s8.h"

namespace ingot::dsp {

namespace detail {

/// One input's rescale as the fast loop applies it.
struct AddS8Input {
  /// X = x * scale = value * scale + offset.
  int32_t scale, offset;
  /// When `half`, s = value * half_scale + half_offset.
  int32_t half_scale, half_offset;
  /// SMLAL's multiplier and its low word, round + (X & mask).
  int32_t multiplier, mask;
  uint32_t round;
  /// Multiplier 2^30 with no rounding: s = x * scale exactly.
  bool half;
  /// A bound on |s|.
  int64_t bound;
};

/// add_s8's per-call constants: both inputs, then the output's.
struct AddS8 {
  AddS8Input in1, in2;
  /// 2 * output multiplier - 2^32, as SMMLAR reads it.
  int32_t multiplier;
  /// 2^(r-1) + z * 2^r; r and then the assembly loop's output distance
  /// (adjacent: one LDRD).
  int32_t offset, shift, distance;
  /// in1's half_scale and half_offset (adjacent: one LDRD).
  int32_t half_scale, half_offset;
  /// The activation range, and in four int8 lanes.
  int32_t low, high, low4, high4;
};

/// The constants of one input, or false when the fast rescale is not
/// provably the reference's.
inline bool add_s8_input(int32_t offset, int32_t multiplier, int32_t shift,
                         int32_t left_shift, AddS8Input &input) {
  if (left_shift < 0 || left_shift > 31 || shift < -31 || shift > 30 ||
      multiplier < (int32_t{1} << 30) || offset < -65536 || offset > 65536)
    return false;
  const int32_t left = left_shift + (shift > 0 ? shift : 0);
  const int32_t right = shift < 0 ? -shift : 0;
  // The largest |value + offset|: at least 128, so it bounds |value| too.
  const int64_t low = int64_t{offset} - 128, high = int64_t{offset} + 127;
  const int64_t x_max = -low > high ? -low : high;
  // |x| 2^L < 2^30: no shift wraps, and X's top r bits are sign bits.
  if (left > 29 || (x_max << left) >= (int64_t{1} << 30) || right > left + 1)
    return false;
  input.multiplier = multiplier;
  // |offset| <= x_max, so offset * scale fits as x * scale does.
  input.scale = int32_t{1} << (left + 1 - right);
  input.offset = static_cast<int32_t>(int64_t{offset} << (left + 1 - right));
  input.half = multiplier == (int32_t{1} << 30) && right + 1 <= left;
  input.half_scale = input.half ? int32_t{1} << (left - 1 - right) : 0;
  input.half_offset =
      input.half ? static_cast<int32_t>(int64_t{offset} << (left - 1 - right))
                 : 0;
  input.mask = right == 0 ? 0
                          : static_cast<int32_t>(static_cast<uint32_t>(
                                -(int64_t{1} << (32 - right))));
  input.round = (uint32_t{1} << 31) + (right == 0 ? 0u : 1u << (31 - right));
  // |s| <= |x| m 2^(L-31-r) + 1 (x_max 2^L m < 2^61).
  input.bound = ((x_max << left) * multiplier >> (31 + right)) + 1;
  return true;
}

/// Fills `a`, or returns false when a fast rescale is not provably exact
/// (the caller then runs the reference).
inline bool add_s8_constants(int32_t input1_offset, int32_t input1_multiplier,
                             int32_t input1_shift, int32_t input2_offset,
                             int32_t input2_multiplier, int32_t input2_shift,
                             int32_t left_shift, int32_t output_offset,
                             int32_t output_multiplier, int32_t output_shift,
                             int32_t activation_min, int32_t activation_max,
                             AddS8 &a) {
  if (!add_s8_input(input1_offset, input1_multiplier, input1_shift, left_shift,
                    a.in1) ||
      !add_s8_input(input2_offset, input2_multiplier, input2_shift, left_shift,
                    a.in2))
    return false;
  // Outputs saturate to int8 before the activation clamp: the range must be
  // inside int8, and not empty (the reference then returns `low`).
  if (activation_min < -128 || activation_max > 127 ||
      activation_min > activation_max)
    return false;
  if (output_multiplier < (int32_t{1} << 30) || output_shift > -1 ||
      output_shift < -30 || output_offset < -65536 || output_offset > 65536)
    return false;
  const int32_t right = -output_shift;
  const int64_t offset =
      (int64_t{1} << (right - 1)) + (int64_t{output_offset} << right);
  // SMMLAR's result, SRDHM(sum) + offset - [sum < 0], must not wrap (its
  // accumulator may: the arithmetic is modulo 2^32). This fails only for an
  // output scale many times the inputs' with a zero point far from 0.
  const int64_t sum = a.in1.bound + a.in2.bound;
  const int64_t product = (sum * output_multiplier >> 31) + 1;
  if (product + (offset < 0 ? -offset : offset) + 1 >= (int64_t{1} << 31))
    return false;
  a.multiplier =
      static_cast<int32_t>(static_cast<uint32_t>(output_multiplier) * 2u);
  a.offset = static_cast<int32_t>(offset);
  a.shift = right;
  a.low = activation_min;
  a.high = activation_max;
  a.low4 = replicate_s8x4(activation_min);
  a.high4 = replicate_s8x4(activation_max);
  return true;
}

/// x * scale + offset with wrap-around semantics (one MLA; the operands are
/// bounded so that it does not wrap).
INGOT_ALWAYS_INLINE int32_t add_s8_mla(int32_t value, int32_t scale,
                                       int32_t offset) {
  return static_cast<int32_t>(static_cast<uint32_t>(value) *
                                  static_cast<uint32_t>(scale) +
                              static_cast<uint32_t>(offset));
}

/// `high` plus one input's rescaled value (the general form).
INGOT_ALWAYS_INLINE int32_t add_s8_rescale(const AddS8Input &in, int32_t value,
                                           int32_t high) {
  const int32_t x = add_s8_mla(value, in.scale, in.offset);
  return smlal_high(high, in.round + static_cast<uint32_t>(x & in.mask), x,
                    in.multiplier);
}

/// One output element, saturated to int8 (not yet clamped to the
/// activation range). `Half1`: the first input has the exact 0.5 form.
template <bool Half1>
INGOT_ALWAYS_INLINE int32_t add_s8_element(const AddS8 &a, int32_t value1,
                                           int32_t value2) {
  int32_t sum;
  if constexpr (Half1)
    sum = add_s8_mla(value1, a.in1.half_scale, a.in1.half_offset);
  else
    sum = add_s8_rescale(a.in1, value1, 0);
  sum = add_s8_rescale(a.in2, value2, sum);
  const int32_t acc = static_cast<int32_t>(static_cast<uint32_t>(sum) +
                                           static_cast<uint32_t>(sum >> 31) +
                                           static_cast<uint32_t>(a.offset));
  return ssat8(smmlar(sum, a.multiplier, acc) >> a.shift);
}

#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
/// A doubleword that may alias two int32 fields: LDRD's memory operand.
typedef int64_t __attribute__((may_alias)) add_s8_pair;

// One element of add_s8_element<true>: 16 instructions, three of them loads
// of the five values that do not fit the eleven registers (the output is
// written at input2 plus a distance, which saves its pointer's register).
#define INGOT_DSP_ADD_S8_ELEMENT                                               \
  "ldrsb %[value], [%[input1]], #1\n\t"                                        \
  "ldrd %[t], %[x], %[half]\n\t"                                               \
  "mla %[value], %[value], %[t], %[x]\n\t"                                     \
  "ldrsb %[x], [%[input2]], #1\n\t"                                            \
  "mla %[x], %[x], %[scale], %[offset2]\n\t"                                   \
  "and %[t], %[x], %[mask]\n\t"                                                \
  "add %[t], %[t], %[round]\n\t"                                               \
  "smlal %[t], %[value], %[x], %[multiplier2]\n\t"                             \
  "ldr %[t], %[offset]\n\t"                                                    \
  "add %[t], %[t], %[value]\n\t"                                               \
  "add %[t], %[t], %[value], asr #31\n\t"                                      \
  "smmlar %[t], %[value], %[multiplier], %[t]\n\t"                             \
  "ldrd %[x], %[value], %[shift]\n\t"                                          \
  "asr %[t], %[t], %[x]\n\t"                                                   \
  "ssat %[t], #8, %[t]\n\t"                                                    \
  "strb %[t], [%[input2], %[value]]\n\t"

/// The four-element loop of add_s8_loop<true, ...> in assembly, up to
/// `end` (in C the compiler reloads three constants per element and keeps
/// more in memory).
INGOT_ALWAYS_INLINE void add_s8_half_asm(AddS8 &a, const int8_t *&input1,
                                         const int8_t *&input2, int8_t *output,
                                         const int8_t *end) {
  // After input2's post-increment, the output byte is at input2 + distance.
  a.distance = static_cast<int32_t>(output - (input2 + 1));
  int32_t value, x, t;
  __asm__ volatile(
      "1:\n\t" INGOT_DSP_ADD_S8_ELEMENT INGOT_DSP_ADD_S8_ELEMENT
          INGOT_DSP_ADD_S8_ELEMENT INGOT_DSP_ADD_S8_ELEMENT
      "ldr %[t], %[end]\n\t"
      "cmp %[input1], %[t]\n\t"
      "bne 1b"
      : [input1] "+r"(input1), [input2] "+r"(input2), [value] "=&r"(value),
        [x] "=&r"(x), [t] "=&r"(t)
      : [scale] "r"(a.in2.scale), [offset2] "r"(a.in2.offset),
        [mask] "r"(a.in2.mask), [round] "r"(a.in2.round),
        [multiplier2] "r"(a.in2.multiplier), [multiplier] "r"(a.multiplier),
        [half] "m"(*reinterpret_cast<const add_s8_pair *>(&a.half_scale)),
        [offset] "m"(a.offset),
        [shift] "m"(*reinterpret_cast<const add_s8_pair *>(&a.shift)),
        [end] "m"(end)
      : "cc", "memory");
}
#undef INGOT_DSP_ADD_S8_ELEMENT
#endif

/// The loop: four elements per iteration, then the last one to three.
template <bool Half1, bool Clamp>
INGOT_ALWAYS_INLINE void add_s8_loop(AddS8 &a, const int8_t *input1,
                                     const int8_t *input2, int8_t *output,
                                     int32_t size) {
  const int8_t *const end4 = input1 + (size & ~int32_t{3});
#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
  if constexpr (Half1) {
    if (input1 != end4) {
      int8_t *const first = output;
      const int8_t *const first_input = input1;
      add_s8_half_asm(a, input1, input2, output, end4);
      output += end4 - first_input;
      if constexpr (Clamp)
        for (int8_t *p = first; p != output; p += 4)
          store_s8x4(p, clamp_s8x4(load_s8x4(p), a.low4, a.high4));
    }
  }
#endif
  while (input1 != end4) {
    const int32_t o0 = add_s8_element<Half1>(a, input1[0], input2[0]);
    const int32_t o1 = add_s8_element<Half1>(a, input1[1], input2[1]);
    const int32_t o2 = add_s8_element<Half1>(a, input1[2], input2[2]);
    const int32_t o3 = add_s8_element<Half1>(a, input1[3], input2[3]);
    int32_t word = pack_s8x4(o0, o1, o2, o3);
    if constexpr (Clamp)
      word = clamp_s8x4(word, a.low4, a.high4);
    store_s8x4(output, word);
    input1 += 4;
    input2 += 4;
    output += 4;
  }
  for (int32_t i = 0; i < (size & 3); ++i) {
    const int32_t o = add_s8_element<Half1>(a, input1[i], input2[i]);
    output[i] = static_cast<int8_t>(Clamp ? clamp_i32(o, a.low, a.high) : o);
  }
}

} // namespace detail

/// output = clamp(rescale(rescale(input1 + input1_offset) +
/// rescale(input2 + input2_offset)) + output_offset) for `size` elements,
/// exactly as ingot::ref::add_s8 (the same arguments).
INGOT_KERNEL void
add_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t size,
       int32_t input1_offset, int32_t input1_multiplier, int32_t input1_shift,
       int32_t input2_offset, int32_t input2_multiplier, int32_t input2_shift,
       int32_t left_shift, int32_t output_offset, int32_t output_multiplier,
       int32_t output_shift, int32_t activation_min, int32_t activation_max) {
  detail::AddS8 a;
  if (!detail::add_s8_constants(
          input1_offset, input1_multiplier, input1_shift, input2_offset,
          input2_multiplier, input2_shift, left_shift, output_offset,
          output_multiplier, output_shift, activation_min, activation_max, a)) {
    ref::add_s8(input1, input2, output, size, input1_offset, input1_multiplier,
                input1_shift, input2_offset, input2_multiplier, input2_shift,
                left_shift, output_offset, output_multiplier, output_shift,
                activation_min, activation_max);
    return;
  }
  if (size <= 0)
    return;
  // The sum is symmetric: put an input of the exact 0.5 form first.
  if (!a.in1.half && a.in2.half) {
    const detail::AddS8Input in = a.in1;
    a.in1 = a.in2;
    a.in2 = in;
    const int8_t *const input = input1;
    input1 = input2;
    input2 = input;
  }
  a.half_scale = a.in1.half_scale;
  a.half_offset = a.in1.half_offset;
  const bool clamp = activation_min > -128 || activation_max < 127;
  if (a.in1.half) {
    if (clamp)
      detail::add_s8_loop<true, true>(a, input1, input2, output, size);
    else
      detail::add_s8_loop<true, false>(a, input1, input2, output, size);
  } else {
    if (clamp)
      detail::add_s8_loop<false, true>(a, input1, input2, output, size);
    else
      detail::add_s8_loop<false, false>(a, input1, input2, output, size);
  }
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_KERNELS_DSP_ADD_S8_H
