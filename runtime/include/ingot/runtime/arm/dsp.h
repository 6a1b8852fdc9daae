//===- dsp.h - Armv7E-M DSP instructions, with portable fallbacks -*- C++
//-*-===//
//
// This file implements the few Armv7E-M DSP (SIMD32) instructions the
// `ingot::dsp` kernels are built from, one function each. Where the target has
// them (`__ARM_FEATURE_DSP`: Cortex-M4, M7, M33, M55) each is one instruction,
// through ACLE where ACLE has it and inline assembly where it does not; on any
// other target each is a plain C++ definition of the same bits, so the same
// kernels build and are tested bit-exact on the host.
//
// Values hold two int16 lanes (bits 0-15 low, 16-31 high) or four int8 lanes
// in an int32_t, as ACLE's int16x2_t and int8x4_t do. The fallbacks compute in
// uint32_t, so the wrap-around of SMLAD's 32-bit accumulator is defined
// behaviour there too.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_ARM_DSP_H
#define INGOT_RUNTIME_ARM_DSP_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

#if defined(__ARM_FEATURE_DSP)
#include <arm_acle.h>
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ingot's DSP kernels read int8 lanes in little-endian order"
#endif

/// Asks for the loop that follows to be unrolled completely (up to 64
/// iterations): for loops whose trip count is a constant of the
/// shape-specialized kernels, so that indices become constants.
#if defined(__clang__)
#define INGOT_UNROLL_FULLY _Pragma("clang loop unroll(full)")
#elif defined(__GNUC__)
#define INGOT_UNROLL_FULLY _Pragma("GCC unroll 64")
#else
#define INGOT_UNROLL_FULLY
#endif

/// Marks a kernel's rarely taken path (the pixels of a call without scratch
/// computed one output at a time): kept out of line, and small.
#if defined(__GNUC__) || defined(__clang__)
#define INGOT_DSP_COLD __attribute__((noinline, cold)) inline
#else
#define INGOT_DSP_COLD inline
#endif

namespace ingot::dsp {

namespace detail {

/// The int16 lane `lane` (0 low, 1 high) of `x`, sign-extended.
constexpr int32_t lane16(int32_t x, int lane) {
  return static_cast<int16_t>(static_cast<uint32_t>(x) >> (16 * lane));
}

/// The int8 lane `lane` (0 lowest) of `x`, sign-extended.
constexpr int32_t lane8(int32_t x, int lane) {
  return static_cast<int8_t>(static_cast<uint32_t>(x) >> (8 * lane));
}

/// Two int16 lanes (low, high) packed into one word.
constexpr int32_t pack16(int32_t low, int32_t high) {
  return static_cast<int32_t>((static_cast<uint32_t>(low) & 0xFFFFu) |
                              (static_cast<uint32_t>(high) << 16));
}

} // namespace detail

/// SXTB16: int8 lanes 0 and 2 of `x`, sign-extended to two int16 lanes.
INGOT_ALWAYS_INLINE int32_t sxtb16(int32_t x) {
#if defined(__ARM_FEATURE_DSP)
  return __sxtb16(x);
#else
  return detail::pack16(detail::lane8(x, 0), detail::lane8(x, 2));
#endif
}

/// SXTB16 with ROR #8: int8 lanes 1 and 3 of `x`, sign-extended to two int16
/// lanes. One instruction, where a shift and an SXTB16 would be two.
INGOT_ALWAYS_INLINE int32_t sxtb16_ror8(int32_t x) {
#if defined(__ARM_FEATURE_DSP)
  int32_t result;
  __asm__("sxtb16 %0, %1, ror #8" : "=r"(result) : "r"(x));
  return result;
#else
  return detail::pack16(detail::lane8(x, 1), detail::lane8(x, 3));
#endif
}

/// SMLAD: acc + low(a) * low(b) + high(a) * high(b), wrapping modulo 2^32.
/// (The instruction sets the Q flag on overflow; nothing here reads it.)
INGOT_ALWAYS_INLINE int32_t smlad(int32_t a, int32_t b, int32_t acc) {
#if defined(__ARM_FEATURE_DSP)
  return __smlad(a, b, acc);
#else
  const uint32_t low =
      static_cast<uint32_t>(detail::lane16(a, 0) * detail::lane16(b, 0));
  const uint32_t high =
      static_cast<uint32_t>(detail::lane16(a, 1) * detail::lane16(b, 1));
  return static_cast<int32_t>(static_cast<uint32_t>(acc) + low + high);
#endif
}

/// PKHBT with LSL #16: the low int16 lane of `low`, then the low int16 lane of
/// `high` as the high lane.
INGOT_ALWAYS_INLINE int32_t pkhbt_lsl16(int32_t low, int32_t high) {
#if defined(__ARM_FEATURE_DSP)
  int32_t result;
  __asm__("pkhbt %0, %1, %2, lsl #16" : "=r"(result) : "r"(low), "r"(high));
  return result;
#else
  return detail::pack16(low, high);
#endif
}

/// PKHTB with ASR #16: the high int16 lane of `low` as the low lane, then the
/// high int16 lane of `high`. (The operands of the instruction itself are the
/// other way round: `pkhtb rd, high, low, asr #16`.)
INGOT_ALWAYS_INLINE int32_t pkhtb_asr16(int32_t low, int32_t high) {
#if defined(__ARM_FEATURE_DSP)
  int32_t result;
  __asm__("pkhtb %0, %1, %2, asr #16" : "=r"(result) : "r"(high), "r"(low));
  return result;
#else
  return detail::pack16(detail::lane16(low, 1), detail::lane16(high, 1));
#endif
}

/// SMMULR: the high word of the 64-bit product a * b, rounded to nearest with
/// ties toward +infinity: floor((a * b + 2^31) / 2^32).
INGOT_ALWAYS_INLINE int32_t smmulr(int32_t a, int32_t b) {
#if defined(__ARM_FEATURE_DSP)
  int32_t result;
  __asm__("smmulr %0, %1, %2" : "=r"(result) : "r"(a), "r"(b));
  return result;
#else
  const int64_t product = static_cast<int64_t>(a) * static_cast<int64_t>(b);
  // The sum stays below 2^62 + 2^31 in magnitude: no overflow. Shifting a
  // negative int64 right floors, as the instruction does.
  return static_cast<int32_t>((product + (int64_t{1} << 31)) >> 32);
#endif
}

/// SMMLAR: `acc` plus the rounded high word of a * b, modulo 2^32:
/// acc + floor((a * b + 2^31) / 2^32).
INGOT_ALWAYS_INLINE int32_t smmlar(int32_t a, int32_t b, int32_t acc) {
#if defined(__ARM_FEATURE_DSP)
  int32_t result;
  __asm__("smmlar %0, %1, %2, %3" : "=r"(result) : "r"(a), "r"(b), "r"(acc));
  return result;
#else
  return static_cast<int32_t>(static_cast<uint32_t>(acc) +
                              static_cast<uint32_t>(smmulr(a, b)));
#endif
}

/// SMLAL, high word only: the high word of the 64-bit {high, low} plus
/// a * b, that is high + floor((a * b + low) / 2^32) modulo 2^32 (`low` is
/// the unsigned low word).
INGOT_ALWAYS_INLINE int32_t smlal_high(int32_t high, uint32_t low, int32_t a,
                                       int32_t b) {
#if defined(__ARM_FEATURE_DSP)
  __asm__("smlal %0, %1, %2, %3" : "+r"(low), "+r"(high) : "r"(a), "r"(b));
  return high;
#else
  // |a * b| <= 2^62 and low < 2^32: the sum fits, and shifting a negative
  // int64 right floors, as the instruction's high word does.
  const int64_t sum = static_cast<int64_t>(a) * static_cast<int64_t>(b) +
                      static_cast<int64_t>(low);
  return static_cast<int32_t>(static_cast<uint32_t>(high) +
                              static_cast<uint32_t>(sum >> 32));
#endif
}

/// SSAT #8: `x` saturated to [-128, 127].
INGOT_ALWAYS_INLINE int32_t ssat8(int32_t x) {
#if defined(__ARM_FEATURE_DSP)
  return __ssat(x, 8);
#else
  return x < -128 ? -128 : (x > 127 ? 127 : x);
#endif
}

/// Four values in [-128, 127] packed into the int8 lanes of one word, `b0`
/// lowest (three BFI).
INGOT_ALWAYS_INLINE int32_t pack_s8x4(int32_t b0, int32_t b1, int32_t b2,
                                      int32_t b3) {
#if defined(__ARM_FEATURE_DSP)
  __asm__("bfi %[w], %[b1], #8, #8\n\t"
          "bfi %[w], %[b2], #16, #8\n\t"
          "bfi %[w], %[b3], #24, #8"
          : [w] "+&r"(b0)
          : [b1] "r"(b1), [b2] "r"(b2), [b3] "r"(b3));
  return b0;
#else
  return static_cast<int32_t>((static_cast<uint32_t>(b0) & 0xFFu) |
                              ((static_cast<uint32_t>(b1) & 0xFFu) << 8) |
                              ((static_cast<uint32_t>(b2) & 0xFFu) << 16) |
                              (static_cast<uint32_t>(b3) << 24));
#endif
}

/// The int8 lanes of `x` clamped to those of `low` and `high` (SSUB8 and SEL
/// twice: the lanewise max, then the lanewise min).
INGOT_ALWAYS_INLINE int32_t clamp_s8x4(int32_t x, int32_t low, int32_t high) {
#if defined(__ARM_FEATURE_DSP)
  int32_t difference;
  __asm__("ssub8 %[d], %[x], %[low]\n\t"
          "sel %[x], %[x], %[low]\n\t"
          "ssub8 %[d], %[high], %[x]\n\t"
          "sel %[x], %[x], %[high]"
          : [x] "+&r"(x), [d] "=&r"(difference)
          : [low] "r"(low), [high] "r"(high));
  return x;
#else
  uint32_t result = 0;
  for (int lane = 0; lane < 4; ++lane) {
    int32_t value = detail::lane8(x, lane);
    const int32_t lo = detail::lane8(low, lane), hi = detail::lane8(high, lane);
    value = value < lo ? lo : (value > hi ? hi : value);
    result |= (static_cast<uint32_t>(value) & 0xFFu) << (8 * lane);
  }
  return static_cast<int32_t>(result);
#endif
}

/// `value` (in [-128, 127]) in all four int8 lanes.
INGOT_ALWAYS_INLINE constexpr int32_t replicate_s8x4(int32_t value) {
  return static_cast<int32_t>((static_cast<uint32_t>(value) & 0xFFu) *
                              0x01010101u);
}

/// Stores the int8 lanes of `word` at `p`, any alignment (one STR).
INGOT_ALWAYS_INLINE void store_s8x4(int8_t *p, int32_t word) {
  std::memcpy(p, &word, sizeof(word));
}

/// Stores the two low int8 lanes of `word` at `p`, any alignment (one STRH).
INGOT_ALWAYS_INLINE void store_s8x2(int8_t *p, int32_t word) {
  const int16_t half = static_cast<int16_t>(word);
  std::memcpy(p, &half, sizeof(half));
}

/// Returns `pointer` unchanged, but only after every store to the memory it
/// points at (an empty assembly statement that reads that memory and
/// "changes" the pointer). The kernels' assembly loops declare neither
/// memory operands nor a memory clobber: the operands would cost registers
/// the loops do not have, and a clobber would make the compiler reload
/// (and stop constant-folding) everything it keeps in memory after each
/// loop. Reading through a pointer that passed here is what orders such a
/// loop after the C code that filled its buffer.
template <typename T> INGOT_ALWAYS_INLINE T *after_stores(T *pointer) {
#if defined(__clang__)
  // Clang rejects a memory operand of unknown size: a memory clobber orders
  // the stores instead, at the price of reloads after it.
  __asm__("" : "+r"(pointer) : : "memory");
#elif defined(__GNUC__)
  __asm__(""
          : "+r"(pointer)
          : "m"(*reinterpret_cast<const unsigned char (*)[]>(pointer)));
#endif
  return pointer;
}

/// Four int8 values at `p` as one word (byte 0 lowest), from any alignment:
/// Armv7-M's LDR accepts unaligned addresses, and memcpy is how C++ says so.
INGOT_ALWAYS_INLINE int32_t load_s8x4(const int8_t *p) {
  int32_t word;
  std::memcpy(&word, p, sizeof(word));
  return word;
}

} // namespace ingot::dsp

#endif // INGOT_RUNTIME_ARM_DSP_H
