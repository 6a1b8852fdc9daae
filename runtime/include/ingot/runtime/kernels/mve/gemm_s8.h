//===- gemm_s8.h - VMLADAVA GEMM rows of the int8 MVE kernels ---*- C++ -*-===//
//
// This file implements what ingot::mve::conv2d_s8 and
// ingot::mve::fully_connected_s8 share: two rows of int8 inputs (im2col rows,
// input pixels or batch rows) multiplied by every output channel of a filter
// in the packed GEMM layout (packing.h), then requantized to int8.
//
// The micro-kernel takes four output channels by two rows. Per 16-byte block
// of depth it loads the two rows' blocks and the four channels' blocks and
// issues eight VMLADAVA.S8 (16 multiply-accumulates each, into a scalar
// int32): 14 instructions and two for the loop, for 128 multiply-accumulates.
// The eight accumulators must be even-numbered general registers, which are
// exactly r0, r2, ..., r12 and lr, so the loop is written in assembly with
// those registers named (GCC would otherwise keep four at most and spill),
// and counts with SUBS/BNE since LR holds an accumulator. The first block
// uses VMLADAV, which needs no zeroed accumulators; a last partial block of
// an input read in place is loaded predicated. The accumulators leave as two
// vectors, one per row, which get the folded bias and are requantized four
// lanes at a time.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_MVE_GEMM_S8_H
#define INGOT_RUNTIME_KERNELS_MVE_GEMM_S8_H

#include <cstdint>

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/mve/rescale.h"

namespace ingot::mve::detail {

#if INGOT_MVE_ASM
// One block of both rows against the four channels: `op` is vmladav.s8 for
// the first block, vmladava.s8 after. Row 0 accumulates in r0, r2, r4, r6,
// row 1 in r8, r10, r12, lr.
#define INGOT_MVE_GEMM_LOADS                                                   \
  "vldrb.8 %q[x0], [%[row0]], #16\n\t"                                         \
  "vldrb.8 %q[x1], [%[row1]], #16\n\t"
#define INGOT_MVE_GEMM_LOADS_TAIL                                              \
  "vpstt\n\t"                                                                  \
  "vldrbt.8 %q[x0], [%[row0]]\n\t"                                             \
  "vldrbt.8 %q[x1], [%[row1]]\n\t"
#define INGOT_MVE_GEMM_MACS(op)                                                \
  "vldrb.8 %q[wa], [%[weights]], #16\n\t"                                      \
  "vldrb.8 %q[wb], [%[weights]], #16\n\t" op " r0, %q[x0], %q[wa]\n\t" op      \
  " r8, %q[x1], %q[wa]\n\t"                                                    \
  "vldrb.8 %q[wa], [%[weights]], #16\n\t" op " r2, %q[x0], %q[wb]\n\t" op      \
  " r10, %q[x1], %q[wb]\n\t"                                                   \
  "vldrb.8 %q[wb], [%[weights]], #16\n\t" op " r4, %q[x0], %q[wa]\n\t" op      \
  " r12, %q[x1], %q[wa]\n\t" op " r6, %q[x0], %q[wb]\n\t" op                   \
  " lr, %q[x1], %q[wb]\n\t"
// The remaining whole blocks, `blocks` of them (the register holds the
// count of whole blocks including the first, already done).
#define INGOT_MVE_GEMM_LOOP                                                    \
  "subs %[blocks], %[blocks], #1\n\t"                                          \
  "beq 2f\n"                                                                   \
  "1:\n\t" INGOT_MVE_GEMM_LOADS INGOT_MVE_GEMM_MACS(                           \
      "vmladava.s8") "subs %[blocks], %[blocks], #1\n\t"                       \
                     "bne 1b\n"                                                \
                     "2:\n\t"
// The accumulators into the two output vectors, lane i holding channel i.
#define INGOT_MVE_GEMM_PACK                                                    \
  "vmov %q[out0][2], %q[out0][0], r0, r4\n\t"                                  \
  "vmov %q[out0][3], %q[out0][1], r2, r6\n\t"                                  \
  "vmov %q[out1][2], %q[out1][0], r8, r12\n\t"                                 \
  "vmov %q[out1][3], %q[out1][1], r10, lr"
#define INGOT_MVE_GEMM_OPERANDS                                                \
  [row0] "+r"(row0), [row1] "+r"(row1), [weights] "+r"(weights),               \
      [blocks] "+r"(blocks), [x0] "=&w"(x0), [x1] "=&w"(x1), [wa] "=&w"(wa),   \
      [wb] "=&w"(wb), [out0] "=&w"(out0), [out1] "=&w"(out1)
#define INGOT_MVE_GEMM_CLOBBERS                                                \
  "r0", "r2", "r4", "r6", "r8", "r10", "r12", "lr", "cc", "memory"
#endif

/// The dot products of two rows with the four channels of the packed group
/// at `weights`, which it advances past the group: out<r> lane i is row r's
/// product with channel i. Each row has `full_blocks` whole 16-byte blocks
/// and then `tail` (0 to 15) bytes more, loaded predicated so that nothing
/// past them is read. With constant block counts (the shape-specialized
/// forms) only the matching one of three loops is emitted; `Compact` code
/// has a single loop that tests the counts at run time.
template <bool Compact>
INGOT_ALWAYS_INLINE void dot_4x2(const int8_t *row0, const int8_t *row1,
                                 const int8_t *&weights, int32_t full_blocks,
                                 int32_t tail, s32x4 &out0, s32x4 &out1) {
#if INGOT_MVE_ASM
  s8x16 x0, x1, wa, wb;
  int32_t blocks = full_blocks;
  if constexpr (Compact) {
    // After the loop the count register is free: it reloads `tail`, so that
    // the assembly needs no fifth general register.
    __asm__("cmp %[blocks], #0\n\t"
            "beq 3f\n\t" INGOT_MVE_GEMM_LOADS INGOT_MVE_GEMM_MACS("vmladav.s8")
                INGOT_MVE_GEMM_LOOP
            "ldr %[blocks], %[tail]\n\t"
            "cmp %[blocks], #0\n\t"
            "beq 5f\n\t"
            "b 4f\n"
            "3:\n\t"
            "movs r0, #0\n\t"
            "movs r2, #0\n\t"
            "movs r4, #0\n\t"
            "movs r6, #0\n\t"
            "mov r8, r0\n\t"
            "mov r10, r0\n\t"
            "mov r12, r0\n\t"
            "mov lr, r0\n"
            "4:\n\t" INGOT_MVE_GEMM_LOADS_TAIL INGOT_MVE_GEMM_MACS(
                "vmladava.s8") "5:\n\t" INGOT_MVE_GEMM_PACK
            : INGOT_MVE_GEMM_OPERANDS
            : [lanes] "Up"(tail_pred8(tail)), [tail] "m"(tail)
            : INGOT_MVE_GEMM_CLOBBERS);
  } else if (tail == 0) {
    __asm__(INGOT_MVE_GEMM_LOADS INGOT_MVE_GEMM_MACS("vmladav.s8")
                INGOT_MVE_GEMM_LOOP INGOT_MVE_GEMM_PACK
            : INGOT_MVE_GEMM_OPERANDS
            :
            : INGOT_MVE_GEMM_CLOBBERS);
  } else if (full_blocks > 0) {
    __asm__(INGOT_MVE_GEMM_LOADS INGOT_MVE_GEMM_MACS("vmladav.s8")
                INGOT_MVE_GEMM_LOOP INGOT_MVE_GEMM_LOADS_TAIL
                    INGOT_MVE_GEMM_MACS("vmladava.s8") INGOT_MVE_GEMM_PACK
            : INGOT_MVE_GEMM_OPERANDS
            : [lanes] "Up"(tail_pred8(tail))
            : INGOT_MVE_GEMM_CLOBBERS);
  } else {
    __asm__(INGOT_MVE_GEMM_LOADS_TAIL INGOT_MVE_GEMM_MACS("vmladav.s8")
                INGOT_MVE_GEMM_PACK
            : INGOT_MVE_GEMM_OPERANDS
            : [lanes] "Up"(tail_pred8(tail))
            : INGOT_MVE_GEMM_CLOBBERS);
  }
#else
  int32_t acc[2][4] = {};
  const int32_t blocks = full_blocks + (tail != 0 ? 1 : 0);
  for (int32_t block = 0; block < blocks; ++block) {
    const pred16 lanes =
        block < full_blocks ? tail_pred8(16) : tail_pred8(tail);
    const s8x16 x[2] = {load_s8x16_z(row0 + 16 * block, lanes),
                        load_s8x16_z(row1 + 16 * block, lanes)};
    for (int32_t r = 0; r < 2; ++r)
      for (int32_t c = 0; c < 4; ++c)
        acc[r][c] = dot_acc_s8(acc[r][c], x[r], load_s8x16(weights + 16 * c));
    weights += 64;
  }
  out0 = make_s32x4(acc[0][0], acc[0][1], acc[0][2], acc[0][3]);
  out1 = make_s32x4(acc[1][0], acc[1][1], acc[1][2], acc[1][3]);
#endif
}

#if INGOT_MVE_ASM
#undef INGOT_MVE_GEMM_LOADS
#undef INGOT_MVE_GEMM_LOADS_TAIL
#undef INGOT_MVE_GEMM_MACS
#undef INGOT_MVE_GEMM_LOOP
#undef INGOT_MVE_GEMM_PACK
#undef INGOT_MVE_GEMM_OPERANDS
#undef INGOT_MVE_GEMM_CLOBBERS
#endif

/// The requantization of a GEMM's outputs: per-channel multipliers and
/// shifts read from arrays (`PerChannel`), or one pair for every channel.
struct GemmRescale {
  const int32_t *multipliers;
  const int32_t *shifts;
  int32_t multiplier, shift;
  bool right_only;
  int32_t output_offset;
  int32_t activation_min, activation_max;
};

/// Writes the four outputs of one row at `out` (the active `lanes` only,
/// when `Predicated`) from its dot products `acc`.
template <bool Predicated>
INGOT_ALWAYS_INLINE void
gemm_store(int8_t *out, s32x4 acc, s32x4 bias, s32x4 multiplier, s32x4 shift,
           const GemmRescale &r, s32x4 low, s32x4 high, pred16 lanes) {
  const s32x4 values = requantize(add_s32(acc, bias), multiplier, shift,
                                  r.right_only, r.output_offset, low, high);
  if constexpr (Predicated)
    store_s32x4_s8_p(out, values, lanes);
  else
    store_s32x4_s8(out, values);
}

/// Computes the `channels` outputs of two rows into out0 and out1 (for an
/// odd last row, pass it twice, with out1 = out0: the same bytes are
/// written twice). Each row has `full_blocks` whole 16-byte blocks and then
/// `tail` (0 to 15) bytes, which the packed filter's full_blocks + (tail !=
/// 0) blocks per channel group match. `Compact` code runs every channel
/// group, the last one included, through one predicated loop.
template <bool PerChannel, bool Compact>
INGOT_ALWAYS_INLINE void
gemm_rows(const int8_t *row0, const int8_t *row1, int32_t full_blocks,
          int32_t tail, const int8_t *weights, int32_t channels,
          const int32_t *folded_bias, const GemmRescale &r, int8_t *out0,
          int8_t *out1) {
  const s32x4 low = dup_s32(r.activation_min);
  const s32x4 high = dup_s32(r.activation_max);
  int32_t channel = 0;
  if constexpr (!Compact) {
    for (; channel + 4 <= channels; channel += 4) {
      s32x4 acc0, acc1;
      dot_4x2<false>(row0, row1, weights, full_blocks, tail, acc0, acc1);
      const s32x4 bias = load_s32x4(folded_bias + channel);
      const s32x4 multiplier = PerChannel ? load_s32x4(r.multipliers + channel)
                                          : dup_s32(r.multiplier);
      const s32x4 shift =
          PerChannel ? load_s32x4(r.shifts + channel) : dup_s32(r.shift);
      gemm_store<false>(out0 + channel, acc0, bias, multiplier, shift, r, low,
                        high, 0);
      gemm_store<false>(out1 + channel, acc1, bias, multiplier, shift, r, low,
                        high, 0);
    }
  }
  // The remaining groups (Compact: all of them; otherwise the last one to
  // three channels): the loads and the stores must not reach past the
  // arrays.
  for (; channel < channels; channel += 4) {
    s32x4 acc0, acc1;
    dot_4x2<Compact>(row0, row1, weights, full_blocks, tail, acc0, acc1);
    const pred16 lanes = tail_pred32(channels - channel);
    const s32x4 bias = load_s32x4_z(folded_bias + channel, lanes);
    const s32x4 multiplier = PerChannel
                                 ? load_s32x4_z(r.multipliers + channel, lanes)
                                 : dup_s32(r.multiplier);
    const s32x4 shift =
        PerChannel ? load_s32x4_z(r.shifts + channel, lanes) : dup_s32(r.shift);
    gemm_store<true>(out0 + channel, acc0, bias, multiplier, shift, r, low,
                     high, lanes);
    gemm_store<true>(out1 + channel, acc1, bias, multiplier, shift, r, low,
                     high, lanes);
  }
}

} // namespace ingot::mve::detail

#endif // INGOT_RUNTIME_KERNELS_MVE_GEMM_S8_H
