//===- rescale.h - Requantization of the MVE kernels ------------*- C++ -*-===//
//
// This file implements the rescale of int32 accumulators to the output
// scale, four lanes at a time, that the `ingot::mve` kernels share: the
// reference's multiply_by_quantized_multiplier, bit for bit.
//
// The reference computes v = SRDHM(x << left, m) and then divides v by
// 2^right rounding half away from zero (left = max(shift, 0), right =
// max(-shift, 0)). VSHL by a register shifts left modulo 2^32 as the
// reference's uint32 shift does. VQRDMULH is SRDHM exactly: both are
// floor((2 * a * m + 2^31) / 2^32), saturated for the one product that
// overflows (the reference's sign-dependent nudge followed by a division
// that truncates toward zero gives that same floor on both sides of zero).
// VRSHL by -right rounds ties toward +infinity, floor((v + 2^(right-1)) /
// 2^right); rounding ties away from zero instead is the same as first
// subtracting 1 from a negative v when right > 0 (for v < 0 the reference
// rounds up only when the remainder exceeds half, and v - 1 moves every
// remainder down by one). The subtraction saturates, so INT32_MIN stays
// INT32_MIN, whose remainder is zero anyway.
//
// When every shift of a layer is negative (multipliers below one half, the
// common case) the left shift and the right > 0 test drop out: four
// instructions per four lanes instead of eight. The kernels test that once
// per call with right_shifts_only.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_RESCALE_H
#define INGOT_RUNTIME_KERNELS_MVE_RESCALE_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"

namespace ingot::mve::detail {

/// Whether all `count` shifts are negative (only right shifts).
INGOT_ALWAYS_INLINE bool right_shifts_only(const int32_t *shift,
                                           int32_t count) {
  int32_t any = 0;
  for (int32_t i = 0; i < count; ++i)
    any |= ~shift[i];
  // The sign bit of ~shift is set exactly when shift >= 0.
  return any >= 0;
}

/// multiply_by_quantized_multiplier on four lanes, bit for bit. With
/// `right_only`, every lane's shift must be negative.
INGOT_ALWAYS_INLINE s32x4 rescale(s32x4 acc, s32x4 multiplier, s32x4 shift,
                                  bool right_only) {
  if (right_only) {
    const s32x4 high = qrdmulh_s32(acc, multiplier);
    return rshr_s32(qadd_s32(high, sign_s32(high)), shift);
  }
  const s32x4 zero = dup_s32(0);
  const s32x4 left = max_s32(shift, zero);
  const s32x4 right = min_s32(shift, zero);
  const s32x4 high = qrdmulh_s32(shl_s32(acc, left), multiplier);
  // The sign bit of high & right is set when high < 0 and right < 0.
  return rshr_s32(qadd_s32(high, sign_s32(and_s32(high, right))), right);
}

/// The output values of four lanes, each in the low byte of its lane:
/// rescaled, offset by the output zero point (modulo 2^32, as the
/// reference's int32 addition) and clamped to [low, high].
INGOT_ALWAYS_INLINE s32x4 requantize(s32x4 acc, s32x4 multiplier, s32x4 shift,
                                     bool right_only, int32_t output_offset,
                                     s32x4 low, s32x4 high) {
  const s32x4 value =
      add_n_s32(rescale(acc, multiplier, shift, right_only), output_offset);
  return min_s32(max_s32(value, low), high);
}

/// Sixteen output bytes from four vectors of values (already offset) whose
/// lane k holds channel 4k + i of vector i, clamped to [low, high], which
/// lie within int8. The narrowing saturates, to int16 and then to int8; a
/// clamp to a range inside int8 after saturation equals the clamp of the
/// exact value.
INGOT_ALWAYS_INLINE s8x16 narrow_clamp(s32x4 v0, s32x4 v1, s32x4 v2, s32x4 v3,
                                       s8x16 low, s8x16 high) {
  // Even channels: 0, 4, 8, 12 in the even lanes, 2, 6, 10, 14 in the odd.
  // (The bottom and top moves write every lane: what `into` held is lost.)
  const s16x8 even = qmovn_top_s32(qmovn_bottom_s32(as_s16x8(v0), v0), v2);
  const s16x8 odd = qmovn_top_s32(qmovn_bottom_s32(as_s16x8(v1), v1), v3);
  const s8x16 bytes =
      qmovn_top_s16(qmovn_bottom_s16(as_s8x16(even), even), odd);
  return min_s8(max_s8(bytes, low), high);
}

/// Sixteen output bytes from four vectors of accumulators whose lane k
/// holds channel 4k + i of vector i, with the channels' multipliers and
/// shifts at `multiplier` and `shift` (16 each, loaded with VLD4 into the
/// same order): rescaled, offset, clamped to [low, high] and put back in
/// channel order. In the right-shift-only case the multipliers are used up
/// before the shifts are loaded, so the eight MVE registers suffice.
INGOT_ALWAYS_INLINE s8x16 requantize16(s32x4 acc0, s32x4 acc1, s32x4 acc2,
                                       s32x4 acc3, const int32_t *multiplier,
                                       const int32_t *shift, bool right_only,
                                       int32_t output_offset, int32_t low,
                                       int32_t high) {
  if (right_only) {
    const s32x4x4 m = load4_s32(multiplier);
    acc0 = qrdmulh_s32(acc0, m.val[0]);
    acc1 = qrdmulh_s32(acc1, m.val[1]);
    acc2 = qrdmulh_s32(acc2, m.val[2]);
    acc3 = qrdmulh_s32(acc3, m.val[3]);
    acc0 = qadd_s32(acc0, sign_s32(acc0));
    acc1 = qadd_s32(acc1, sign_s32(acc1));
    acc2 = qadd_s32(acc2, sign_s32(acc2));
    acc3 = qadd_s32(acc3, sign_s32(acc3));
    const s32x4x4 s = load4_s32(shift);
    acc0 = rshr_s32(acc0, s.val[0]);
    acc1 = rshr_s32(acc1, s.val[1]);
    acc2 = rshr_s32(acc2, s.val[2]);
    acc3 = rshr_s32(acc3, s.val[3]);
  } else {
    const s32x4x4 m = load4_s32(multiplier);
    const s32x4x4 s = load4_s32(shift);
    acc0 = rescale(acc0, m.val[0], s.val[0], false);
    acc1 = rescale(acc1, m.val[1], s.val[1], false);
    acc2 = rescale(acc2, m.val[2], s.val[2], false);
    acc3 = rescale(acc3, m.val[3], s.val[3], false);
  }
  return narrow_clamp(
      add_n_s32(acc0, output_offset), add_n_s32(acc1, output_offset),
      add_n_s32(acc2, output_offset), add_n_s32(acc3, output_offset),
      dup_s8(static_cast<int8_t>(low)), dup_s8(static_cast<int8_t>(high)));
}

/// Eight output values, one per int16 lane in channel order, from two
/// vectors of accumulators holding the even (`even`, lane k = channel 2k)
/// and odd channels, with the channels' multipliers and shifts at
/// `multiplier` and `shift` (8 each, loaded with VLD2 into the same order):
/// rescaled, offset and clamped to [low, high] within int8.
INGOT_ALWAYS_INLINE s16x8 requantize8(s32x4 even, s32x4 odd,
                                      const int32_t *multiplier,
                                      const int32_t *shift, bool right_only,
                                      int32_t output_offset, int32_t low,
                                      int32_t high) {
  const s32x4x2 m = load2_s32(multiplier);
  const s32x4x2 s = load2_s32(shift);
  even =
      add_n_s32(rescale(even, m.val[0], s.val[0], right_only), output_offset);
  odd = add_n_s32(rescale(odd, m.val[1], s.val[1], right_only), output_offset);
  const s16x8 values =
      qmovn_top_s32(qmovn_bottom_s32(as_s16x8(even), even), odd);
  return min_s16(max_s16(values, dup_s16(static_cast<int16_t>(low))),
                 dup_s16(static_cast<int16_t>(high)));
}

} // namespace ingot::mve::detail

#endif // INGOT_RUNTIME_KERNELS_MVE_RESCALE_H
