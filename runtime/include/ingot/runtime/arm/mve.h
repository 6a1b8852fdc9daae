//===- mve.h - Armv8.1-M MVE instructions, portable fallbacks ---*- C++ -*-===//
//
// This file implements the MVE (Helium) instructions the `ingot::mve` kernels
// are built from, one function each. Where the target has MVE
// (`__ARM_FEATURE_MVE`: Cortex-M55, M85) each is one instruction, through
// <arm_mve.h> where ACLE has it and inline assembly where GCC's code for the
// intrinsic is worse; on any other target mve_portable.h defines each in
// plain C++ with the same bits, so the same kernels build and are tested
// bit-exact on the host.
//
// Vectors are 128 bits: s8x16 (16 int8 lanes), s16x8, s32x4. A predicate
// (pred16) holds one bit per byte lane, as the VPR's P0 field does: lane i of
// an 8-bit vector is active when bit i is set, lane k of a 32-bit vector when
// bit 4k is. Predicated loads do not touch the memory of inactive lanes and
// write zero there; predicated stores leave it alone.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_ARM_MVE_H
#define INGOT_RUNTIME_ARM_MVE_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

#if defined(__ARM_FEATURE_MVE)
#include <arm_mve.h>
#else
#include "ingot/runtime/arm/mve_portable.h"
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "ingot's MVE kernels read int8 lanes in little-endian order"
#endif

/// 1 when the kernels use their hand-scheduled MVE assembly: by default
/// with MVE and the optimizer on. (Without optimization GCC cannot find
/// registers for operands that take most of the register file.) With 0 the
/// kernels build the same loops from the functions below, through
/// <arm_mve.h> on MVE targets: the same results, more instructions.
#ifndef INGOT_MVE_ASM
#if defined(__ARM_FEATURE_MVE) && defined(__OPTIMIZE__)
#define INGOT_MVE_ASM 1
#else
#define INGOT_MVE_ASM 0
#endif
#endif

/// Keeps a kernel's less frequent path (the pixels a convolution without
/// scratch computes from a stack buffer) out of line, so that it neither
/// grows nor constrains the main loop. Not `cold`: it still runs often
/// enough to want the optimizer's speed.
#if defined(__GNUC__) || defined(__clang__)
#define INGOT_MVE_NOINLINE __attribute__((noinline)) inline
#else
#define INGOT_MVE_NOINLINE inline
#endif

namespace ingot::mve {

#if defined(__ARM_FEATURE_MVE)

using s8x16 = int8x16_t;
using s16x8 = int16x8_t;
using s32x4 = int32x4_t;
using u8x16 = uint8x16_t;
using u16x8 = uint16x8_t;
using u32x4 = uint32x4_t;
using s32x4x2 = int32x4x2_t;
using s32x4x4 = int32x4x4_t;
using pred16 = mve_pred16_t;

/// VLDRB.8: 16 bytes from any address.
INGOT_ALWAYS_INLINE s8x16 load_s8x16(const int8_t *p) { return vldrbq_s8(p); }

/// VPST + VLDRBT.8: the active lanes' bytes, zero elsewhere.
INGOT_ALWAYS_INLINE s8x16 load_s8x16_z(const int8_t *p, pred16 pred) {
  return vldrbq_z_s8(p, pred);
}

/// VSTRB.8: 16 bytes to any address.
INGOT_ALWAYS_INLINE void store_s8x16(int8_t *p, s8x16 v) { vstrbq_s8(p, v); }

/// VPST + VSTRBT.8: the active lanes only.
INGOT_ALWAYS_INLINE void store_s8x16_p(int8_t *p, s8x16 v, pred16 pred) {
  vstrbq_p_s8(p, v, pred);
}

/// VLDRW.32: four words from a 4-byte aligned address.
INGOT_ALWAYS_INLINE s32x4 load_s32x4(const int32_t *p) { return vldrwq_s32(p); }

/// VPST + VLDRWT.32: the active lanes' words, zero elsewhere.
INGOT_ALWAYS_INLINE s32x4 load_s32x4_z(const int32_t *p, pred16 pred) {
  return vldrwq_z_s32(p, pred);
}

/// VLD40-VLD43.32: sixteen words de-interleaved by four, result k holding
/// p[k], p[k + 4], p[k + 8], p[k + 12].
INGOT_ALWAYS_INLINE s32x4x4 load4_s32(const int32_t *p) { return vld4q_s32(p); }

/// VLD20-VLD21.32: eight words de-interleaved by two, result k holding
/// p[k], p[k + 2], p[k + 4], p[k + 6].
INGOT_ALWAYS_INLINE s32x4x2 load2_s32(const int32_t *p) { return vld2q_s32(p); }

/// VLDRB.S16: eight bytes sign-extended to int16 lanes.
INGOT_ALWAYS_INLINE s16x8 load_s8x8_s16(const int8_t *p) {
  return vldrbq_s16(p);
}

/// VPST + VLDRBT.S16: the active lanes' bytes, sign-extended; zero elsewhere.
INGOT_ALWAYS_INLINE s16x8 load_s8x8_s16_z(const int8_t *p, pred16 pred) {
  return vldrbq_z_s16(p, pred);
}

/// VLDRB.S32: four bytes sign-extended to int32 lanes.
INGOT_ALWAYS_INLINE s32x4 load_s8x4_s32(const int8_t *p) {
  return vldrbq_s32(p);
}

/// VPST + VLDRBT.S32: the active lanes' bytes, sign-extended; zero elsewhere.
INGOT_ALWAYS_INLINE s32x4 load_s8x4_s32_z(const int8_t *p, pred16 pred) {
  return vldrbq_z_s32(p, pred);
}

/// VSTRB.16: the low byte of each int16 lane, to eight consecutive bytes.
INGOT_ALWAYS_INLINE void store_s16x8_s8(int8_t *p, s16x8 v) {
  vstrbq_s16(p, v);
}

/// VPST + VSTRBT.16: the low bytes of the active lanes.
INGOT_ALWAYS_INLINE void store_s16x8_s8_p(int8_t *p, s16x8 v, pred16 pred) {
  vstrbq_p_s16(p, v, pred);
}

/// VLDRB.U8, VLDRH.U16, VLDRW.U32: offset vectors for gathers and scatters.
INGOT_ALWAYS_INLINE u8x16 load_u8x16(const uint8_t *p) { return vldrbq_u8(p); }
INGOT_ALWAYS_INLINE u16x8 load_u16x8(const uint16_t *p) {
  return vldrhq_u16(p);
}
INGOT_ALWAYS_INLINE u32x4 load_u32x4(const uint32_t *p) {
  return vldrwq_u32(p);
}

/// VADD.I8 of a scalar, modulo 2^8.
INGOT_ALWAYS_INLINE u8x16 add_n_u8(u8x16 a, uint8_t b) {
  return vaddq_n_u8(a, b);
}

/// VPST + VLDRBT.U8 (gather): byte lane i from base + offsets[i] in the
/// active lanes, zero elsewhere.
INGOT_ALWAYS_INLINE s8x16 gather_s8x16_z(const int8_t *base, u8x16 offsets,
                                         pred16 pred) {
  return vldrbq_gather_offset_z_s8(base, offsets, pred);
}

/// VSTRB.16 (scatter): the low byte of int16 lane i to base + offsets[i].
INGOT_ALWAYS_INLINE void scatter_s16x8_s8(int8_t *base, u16x8 offsets,
                                          s16x8 v) {
  vstrbq_scatter_offset_s16(base, offsets, v);
}

/// VPST + VSTRBT.16 (scatter): the active lanes only.
INGOT_ALWAYS_INLINE void scatter_s16x8_s8_p(int8_t *base, u16x8 offsets,
                                            s16x8 v, pred16 pred) {
  vstrbq_scatter_offset_p_s16(base, offsets, v, pred);
}

/// VSTRB.32 (scatter): the low byte of int32 lane i to base + offsets[i].
INGOT_ALWAYS_INLINE void scatter_s32x4_s8(int8_t *base, u32x4 offsets,
                                          s32x4 v) {
  vstrbq_scatter_offset_s32(base, offsets, v);
}

/// VPST + VSTRBT.32 (scatter): the active lanes only.
INGOT_ALWAYS_INLINE void scatter_s32x4_s8_p(int8_t *base, u32x4 offsets,
                                            s32x4 v, pred16 pred) {
  vstrbq_scatter_offset_p_s32(base, offsets, v, pred);
}

/// VSTRB.32: the low byte of each lane, to four consecutive bytes.
INGOT_ALWAYS_INLINE void store_s32x4_s8(int8_t *p, s32x4 v) {
  vstrbq_s32(p, v);
}

/// VPST + VSTRBT.32: the low bytes of the active lanes.
INGOT_ALWAYS_INLINE void store_s32x4_s8_p(int8_t *p, s32x4 v, pred16 pred) {
  vstrbq_p_s32(p, v, pred);
}

/// VCTP.8: byte lanes below `n` active (all of them for n >= 16).
INGOT_ALWAYS_INLINE pred16 tail_pred8(int32_t n) {
  return vctp8q(static_cast<uint32_t>(n));
}

/// VCTP.32: word lanes below `n` active (all of them for n >= 4).
INGOT_ALWAYS_INLINE pred16 tail_pred32(int32_t n) {
  return vctp32q(static_cast<uint32_t>(n));
}

/// VCTP.16: halfword lanes below `n` active (all of them for n >= 8).
INGOT_ALWAYS_INLINE pred16 tail_pred16(int32_t n) {
  return vctp16q(static_cast<uint32_t>(n));
}

/// VDUP.8.
INGOT_ALWAYS_INLINE s8x16 dup_s8(int8_t x) { return vdupq_n_s8(x); }

/// VDUP.16.
INGOT_ALWAYS_INLINE s16x8 dup_s16(int16_t x) { return vdupq_n_s16(x); }

/// VDUP.32.
INGOT_ALWAYS_INLINE s32x4 dup_s32(int32_t x) { return vdupq_n_s32(x); }

/// Two VMOVs of two general registers each: the vector {a, b, c, d}. (GCC
/// builds it through the stack or with three single-lane moves.)
INGOT_ALWAYS_INLINE s32x4 make_s32x4(int32_t a, int32_t b, int32_t c,
                                     int32_t d) {
  s32x4 v;
  __asm__("vmov %q0[2], %q0[0], %1, %3\n\t"
          "vmov %q0[3], %q0[1], %2, %4"
          : "=w"(v)
          : "r"(a), "r"(b), "r"(c), "r"(d));
  return v;
}

/// VMLADAV.S8: the sum of the 16 products a[i] * b[i], modulo 2^32.
INGOT_ALWAYS_INLINE int32_t dot_s8(s8x16 a, s8x16 b) {
  return vmladavq_s8(a, b);
}

/// VMLADAVA.S8: acc + the sum of the 16 products a[i] * b[i], modulo 2^32.
INGOT_ALWAYS_INLINE int32_t dot_acc_s8(int32_t acc, s8x16 a, s8x16 b) {
  return vmladavaq_s8(acc, a, b);
}

/// VMULLB.S8: the products of the even byte lanes, as int16 lanes.
INGOT_ALWAYS_INLINE s16x8 mull_bottom_s8(s8x16 a, s8x16 b) {
  return vmullbq_int_s8(a, b);
}

/// VMULLT.S8: the products of the odd byte lanes, as int16 lanes.
INGOT_ALWAYS_INLINE s16x8 mull_top_s8(s8x16 a, s8x16 b) {
  return vmulltq_int_s8(a, b);
}

/// VMULLB.S16: the products of the even int16 lanes, as int32 lanes.
INGOT_ALWAYS_INLINE s32x4 mull_bottom_s16(s16x8 a, s16x8 b) {
  return vmullbq_int_s16(a, b);
}

/// VMULLT.S16: the products of the odd int16 lanes, as int32 lanes.
INGOT_ALWAYS_INLINE s32x4 mull_top_s16(s16x8 a, s16x8 b) {
  return vmulltq_int_s16(a, b);
}

/// VMOVLB.S16: the even int16 lanes, sign-extended to int32.
INGOT_ALWAYS_INLINE s32x4 widen_bottom_s16(s16x8 a) { return vmovlbq_s16(a); }

/// VMOVLT.S16: the odd int16 lanes, sign-extended to int32.
INGOT_ALWAYS_INLINE s32x4 widen_top_s16(s16x8 a) { return vmovltq_s16(a); }

/// VADD.I32, modulo 2^32.
INGOT_ALWAYS_INLINE s32x4 add_s32(s32x4 a, s32x4 b) { return vaddq_s32(a, b); }

/// VADD.I32 of a scalar, modulo 2^32.
INGOT_ALWAYS_INLINE s32x4 add_n_s32(s32x4 a, int32_t b) {
  return vaddq_n_s32(a, b);
}

/// VQADD.S32: saturating add.
INGOT_ALWAYS_INLINE s32x4 qadd_s32(s32x4 a, s32x4 b) {
  return vqaddq_s32(a, b);
}

/// VAND.
INGOT_ALWAYS_INLINE s32x4 and_s32(s32x4 a, s32x4 b) { return vandq_s32(a, b); }

/// VSHR.S32 #31: -1 in the negative lanes, 0 elsewhere.
INGOT_ALWAYS_INLINE s32x4 sign_s32(s32x4 a) { return vshrq_n_s32(a, 31); }

/// VSHL.S32 (register): each lane shifted left by the lane of `shift`, which
/// is in [0, 31]; the bits shifted out are lost (modulo 2^32).
INGOT_ALWAYS_INLINE s32x4 shl_s32(s32x4 a, s32x4 shift) {
  return vshlq_s32(a, shift);
}

/// VRSHL.S32 (register) with each lane of `shift` in [-31, 0]: a right shift
/// by -shift rounding to nearest with ties toward +infinity,
/// floor((a + 2^(-shift - 1)) / 2^-shift) computed without overflow.
INGOT_ALWAYS_INLINE s32x4 rshr_s32(s32x4 a, s32x4 shift) {
  return vrshlq_s32(a, shift);
}

/// VQRDMULH.S32: the high word of 2 * a * b rounded to nearest (ties toward
/// +infinity), saturated: gemmlowp's SaturatingRoundingDoublingHighMul.
INGOT_ALWAYS_INLINE s32x4 qrdmulh_s32(s32x4 a, s32x4 b) {
  return vqrdmulhq_s32(a, b);
}

/// VQRDMULH.S32 by a scalar.
INGOT_ALWAYS_INLINE s32x4 qrdmulh_n_s32(s32x4 a, int32_t b) {
  return vqrdmulhq_n_s32(a, b);
}

/// VSHL.S32 by a scalar in [0, 31], modulo 2^32.
INGOT_ALWAYS_INLINE s32x4 shl_n_s32(s32x4 a, int32_t shift) {
  return vshlq_r_s32(a, shift);
}

/// VRSHL.S32 by a scalar in [-31, 0]: as rshr_s32 with every lane's shift.
INGOT_ALWAYS_INLINE s32x4 rshr_n_s32(s32x4 a, int32_t shift) {
  return vrshlq_n_s32(a, shift);
}

/// VMAX.S32, VMIN.S32.
INGOT_ALWAYS_INLINE s32x4 max_s32(s32x4 a, s32x4 b) { return vmaxq_s32(a, b); }
INGOT_ALWAYS_INLINE s32x4 min_s32(s32x4 a, s32x4 b) { return vminq_s32(a, b); }

/// VMAX.S16, VMIN.S16.
INGOT_ALWAYS_INLINE s16x8 max_s16(s16x8 a, s16x8 b) { return vmaxq_s16(a, b); }
INGOT_ALWAYS_INLINE s16x8 min_s16(s16x8 a, s16x8 b) { return vminq_s16(a, b); }

/// VMAX.S8, VMIN.S8.
INGOT_ALWAYS_INLINE s8x16 max_s8(s8x16 a, s8x16 b) { return vmaxq_s8(a, b); }
INGOT_ALWAYS_INLINE s8x16 min_s8(s8x16 a, s8x16 b) { return vminq_s8(a, b); }

/// VQMOVNB.S32: `a` saturated to int16 into the even int16 lanes of `into`.
INGOT_ALWAYS_INLINE s16x8 qmovn_bottom_s32(s16x8 into, s32x4 a) {
  return vqmovnbq_s32(into, a);
}

/// VQMOVNT.S32: `a` saturated to int16 into the odd int16 lanes of `into`.
INGOT_ALWAYS_INLINE s16x8 qmovn_top_s32(s16x8 into, s32x4 a) {
  return vqmovntq_s32(into, a);
}

/// VQMOVNB.S16: `a` saturated to int8 into the even byte lanes of `into`.
INGOT_ALWAYS_INLINE s8x16 qmovn_bottom_s16(s8x16 into, s16x8 a) {
  return vqmovnbq_s16(into, a);
}

/// VQMOVNT.S16: `a` saturated to int8 into the odd byte lanes of `into`.
INGOT_ALWAYS_INLINE s8x16 qmovn_top_s16(s8x16 into, s16x8 a) {
  return vqmovntq_s16(into, a);
}

/// The same 128 bits seen as other lanes: no instruction.
INGOT_ALWAYS_INLINE s16x8 as_s16x8(s32x4 a) { return vreinterpretq_s16_s32(a); }
INGOT_ALWAYS_INLINE s8x16 as_s8x16(s16x8 a) { return vreinterpretq_s8_s16(a); }

#endif // __ARM_FEATURE_MVE

} // namespace ingot::mve

#endif // INGOT_RUNTIME_ARM_MVE_H
