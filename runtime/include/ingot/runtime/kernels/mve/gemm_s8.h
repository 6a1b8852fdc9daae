//===- gemm_s8.h - VMLADAVA GEMM row of the int8 MVE kernels ----*- C++ -*-===//
//
// This file implements what ingot::mve::conv2d_s8 and
// ingot::mve::fully_connected_s8 share: one row of int8 inputs (an im2col
// row, an input pixel or a batch row) multiplied by every output channel of
// a filter in the packed GEMM layout (packing.h), then requantized to int8.
//
// Channels are taken four at a time. Per 16-byte block of depth the loop
// loads the input block and the four channels' blocks and issues four
// VMLADAVA.S8 (16 multiply-accumulates each, into a scalar int32): ten
// instructions with the loop end, for 64 multiply-accumulates. The four
// accumulators then become one vector, get the folded bias, and are
// requantized and stored four lanes at a time.
//
// The 4x1 shape is what the registers allow: VMLADAVA accumulates into an
// even-numbered general register, and with the loop counter in LR there are
// seven of those, too few for two pixels by four channels. GCC moves
// accumulators through odd registers and spills above four, so the loop is
// written in assembly.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_GEMM_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_GEMM_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/rescale.h"

namespace ingot::mve::detail {

/// Adds to acc0..acc3 the dot products of `blocks` 16-byte blocks of `row`
/// with the four channels of the packed group at `weights`. Advances both
/// pointers past the blocks.
INGOT_ALWAYS_INLINE void dot_4x1(const int8_t *&row, const int8_t *&weights,
                                 int32_t blocks, int32_t &acc0, int32_t &acc1,
                                 int32_t &acc2, int32_t &acc3) {
#if defined(__ARM_FEATURE_MVE)
  s8x16 x, w0, w1, w2;
  __asm__("wls lr, %[blocks], 2f\n"
          "1:\n\t"
          "vldrb.8 %q[x], [%[row]], #16\n\t"
          "vldrb.8 %q[w0], [%[weights], #16]\n\t"
          "vldrb.8 %q[w1], [%[weights], #32]\n\t"
          "vldrb.8 %q[w2], [%[weights], #48]\n\t"
          "vmladava.s8 %[acc1], %q[x], %q[w0]\n\t"
          "vldrb.8 %q[w0], [%[weights]], #64\n\t"
          "vmladava.s8 %[acc2], %q[x], %q[w1]\n\t"
          "vmladava.s8 %[acc3], %q[x], %q[w2]\n\t"
          "vmladava.s8 %[acc0], %q[x], %q[w0]\n\t"
          "le lr, 1b\n"
          "2:"
          : [row] "+r"(row), [weights] "+r"(weights), [acc0] "+Te"(acc0),
            [acc1] "+Te"(acc1), [acc2] "+Te"(acc2), [acc3] "+Te"(acc3),
            [x] "=&w"(x), [w0] "=&w"(w0), [w1] "=&w"(w1), [w2] "=&w"(w2)
          : [blocks] "r"(blocks)
          : "lr", "memory");
#else
  for (int32_t block = 0; block < blocks; ++block) {
    const s8x16 x = load_s8x16(row);
    acc0 = dot_acc_s8(acc0, x, load_s8x16(weights));
    acc1 = dot_acc_s8(acc1, x, load_s8x16(weights + 16));
    acc2 = dot_acc_s8(acc2, x, load_s8x16(weights + 32));
    acc3 = dot_acc_s8(acc3, x, load_s8x16(weights + 48));
    row += 16;
    weights += 64;
  }
#endif
}

/// The requantization of a GEMM's outputs: per-channel multipliers and
/// shifts read from arrays, or one pair for every channel.
struct GemmRescale {
  const int32_t *multipliers; // nullptr: per tensor
  const int32_t *shifts;
  int32_t multiplier, shift;
  bool right_only;
  int32_t output_offset;
  int32_t activation_min, activation_max;
};

/// Computes the `channels` outputs of one row: `row` holds depth bytes,
/// `full_blocks` whole 16-byte blocks and then `tail` (0 to 15) more, read
/// with a predicated load so nothing past the row is touched. The packed
/// filter has full_blocks + (tail != 0) blocks per channel group.
INGOT_ALWAYS_INLINE void gemm_row(const int8_t *row, int32_t full_blocks,
                                  int32_t tail, const int8_t *weights,
                                  int32_t channels, const int32_t *folded_bias,
                                  const GemmRescale &r, int8_t *out) {
  const s32x4 low = dup_s32(r.activation_min);
  const s32x4 high = dup_s32(r.activation_max);
  const s32x4 tensor_multiplier = dup_s32(r.multiplier);
  const s32x4 tensor_shift = dup_s32(r.shift);
  const pred16 tail_lanes = tail_pred8(tail);
  for (int32_t channel = 0; channel < channels; channel += 4) {
    const int8_t *x = row;
    int32_t acc0 = 0, acc1 = 0, acc2 = 0, acc3 = 0;
    dot_4x1(x, weights, full_blocks, acc0, acc1, acc2, acc3);
    if (tail != 0) {
      const s8x16 last = load_s8x16_z(x, tail_lanes);
      acc0 = dot_acc_s8(acc0, last, load_s8x16(weights));
      acc1 = dot_acc_s8(acc1, last, load_s8x16(weights + 16));
      acc2 = dot_acc_s8(acc2, last, load_s8x16(weights + 32));
      acc3 = dot_acc_s8(acc3, last, load_s8x16(weights + 48));
      weights += 64;
    }
    s32x4 acc = make_s32x4(acc0, acc1, acc2, acc3);
    s32x4 multiplier = tensor_multiplier, shift = tensor_shift;
    const int32_t left = channels - channel;
    if (left >= 4) {
      acc = add_s32(acc, load_s32x4(folded_bias + channel));
      if (r.multipliers != nullptr) {
        multiplier = load_s32x4(r.multipliers + channel);
        shift = load_s32x4(r.shifts + channel);
      }
      store_s32x4_s8(out + channel,
                     requantize(acc, multiplier, shift, r.right_only,
                                r.output_offset, low, high));
    } else {
      // The last one to three channels: the loads and the store must not
      // reach past the arrays.
      const pred16 lanes = tail_pred32(left);
      acc = add_s32(acc, load_s32x4_z(folded_bias + channel, lanes));
      if (r.multipliers != nullptr) {
        multiplier = load_s32x4_z(r.multipliers + channel, lanes);
        shift = load_s32x4_z(r.shifts + channel, lanes);
      }
      store_s32x4_s8_p(out + channel,
                       requantize(acc, multiplier, shift, r.right_only,
                                  r.output_offset, low, high),
                       lanes);
    }
  }
}

} // namespace ingot::mve::detail

#endif // INGOT_RUNTIME_KERNELS_MVE_GEMM_S8_H
