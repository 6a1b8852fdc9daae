//===- add_s8.h - Armv8.1-M MVE int8 elementwise addition -------*- C++ -*-===//
//
// This file implements the int8 addition of two tensors of the same shape
// for cores with MVE (Helium), bit-exact with ingot::ref::add_s8 and with
// its signature. Four elements per iteration: VLDRB.S32 widens each input,
// which gets its offset and the left shift, is rescaled to the common scale
// (rescale.h's arithmetic with the tensor's scalar multiplier and shift),
// and the sum is rescaled to the output, offset, clamped and stored with
// VSTRB.32. The last one to three elements are loaded and stored
// predicated.
//
// The reference shifts each input left by `left_shift` and then, inside
// multiply_by_quantized_multiplier, by max(shift, 0) more; both shifts wrap
// modulo 2^32, so one shift by their sum (VSHL gives 0 for a sum of 32 or
// more, as the two shifts would) is the same.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_ADD_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_ADD_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"

namespace ingot::mve {

namespace detail {

/// multiply_by_quantized_multiplier(x << extra_left, multiplier, shift) on
/// four lanes with scalar parameters: `left` = extra_left + max(shift, 0),
/// `right` = min(shift, 0), `fix` = -1 when right < 0, else 0.
INGOT_ALWAYS_INLINE s32x4 rescale_scalar(s32x4 x, int32_t multiplier,
                                         int32_t left, int32_t right,
                                         s32x4 fix) {
  const s32x4 high = qrdmulh_n_s32(shl_n_s32(x, left), multiplier);
  return rshr_n_s32(qadd_s32(high, and_s32(sign_s32(high), fix)), right);
}

} // namespace detail

namespace detail {

/// add_s8's per-call values: the shifts split and the vectors built once.
struct AddS8 {
  int32_t offset1, multiplier1, left1, right1;
  int32_t offset2, multiplier2, left2, right2;
  int32_t output_offset, output_multiplier, left_out, right_out;
  s32x4 fix1, fix2, fix_out, low, high;
};

/// Four elements from `i` (the `lanes` of them when `Tail`).
template <bool Tail>
INGOT_ALWAYS_INLINE void add_s8_lanes(const AddS8 &a, const int8_t *input1,
                                      const int8_t *input2, int8_t *output,
                                      pred16 lanes) {
  const s32x4 raw1 =
      Tail ? load_s8x4_s32_z(input1, lanes) : load_s8x4_s32(input1);
  const s32x4 raw2 =
      Tail ? load_s8x4_s32_z(input2, lanes) : load_s8x4_s32(input2);
  const s32x4 sum =
      add_s32(rescale_scalar(add_n_s32(raw1, a.offset1), a.multiplier1, a.left1,
                             a.right1, a.fix1),
              rescale_scalar(add_n_s32(raw2, a.offset2), a.multiplier2, a.left2,
                             a.right2, a.fix2));
  const s32x4 result = min_s32(
      max_s32(add_n_s32(rescale_scalar(sum, a.output_multiplier, a.left_out,
                                       a.right_out, a.fix_out),
                        a.output_offset),
              a.low),
      a.high);
  if constexpr (Tail)
    store_s32x4_s8_p(output, result, lanes);
  else
    store_s32x4_s8(output, result);
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
  auto left = [](int32_t shift) { return shift > 0 ? shift : 0; };
  auto right = [](int32_t shift) { return shift < 0 ? shift : 0; };
  const detail::AddS8 a = {input1_offset,
                           input1_multiplier,
                           left_shift + left(input1_shift),
                           right(input1_shift),
                           input2_offset,
                           input2_multiplier,
                           left_shift + left(input2_shift),
                           right(input2_shift),
                           output_offset,
                           output_multiplier,
                           left(output_shift),
                           right(output_shift),
                           dup_s32(input1_shift < 0 ? -1 : 0),
                           dup_s32(input2_shift < 0 ? -1 : 0),
                           dup_s32(output_shift < 0 ? -1 : 0),
                           dup_s32(activation_min),
                           dup_s32(activation_max)};
  int32_t i = 0;
  for (; i + 4 <= size; i += 4)
    detail::add_s8_lanes<false>(a, input1 + i, input2 + i, output + i, 0);
  if (i < size)
    detail::add_s8_lanes<true>(a, input1 + i, input2 + i, output + i,
                               tail_pred32(size - i));
}

} // namespace ingot::mve

#endif // INGOT_RUNTIME_KERNELS_MVE_ADD_S8_H
