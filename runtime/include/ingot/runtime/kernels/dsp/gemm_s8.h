//===- gemm_s8.h - SMLAD micro-kernels of the int8 GEMM kernels -*- C++ -*-===//
//
// This file implements the inner loops that ingot::dsp::conv2d_s8 and
// ingot::dsp::fully_connected_s8 share: dot products of int8 weights in the
// packed GEMM layout (packing.h) with inputs already widened to int16, two
// output channels by up to two input columns at a time.
//
// Input columns are int16 in SXTB16 order: per block of four depth steps,
// one word holds (x0, x2) and the next (x1, x3), as SXTB16 and SXTB16 ROR #8
// split a word of four int8 weights. Two columns are interleaved block by
// block, [col0 (x0,x2)][col0 (x1,x3)][col1 (x0,x2)][col1 (x1,x3)], so one
// pointer walks both; a single column uses the same 16-byte stride or a
// dense 8-byte one (`Stride` words per block). Columns are 8-byte aligned,
// and pass through after_stores (arm/dsp.h) once written: the assembly loops
// do not declare the memory they read.
//
// Per block the 2x2 loop issues one LDRD of weights, four SXTB16, two LDRD of
// inputs and eight SMLAD: 15 instructions, plus three per four blocks for
// the loop (unrolled four times), for 16 multiply-accumulates.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_DSP_GEMM_S8_H
#define INGOT_RUNTIME_KERNELS_DSP_GEMM_S8_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/config.h"

namespace ingot::dsp::detail {

/// Two words of packed weights at `p`, which is 8-byte aligned (so that the
/// two loads can be one LDRD).
INGOT_ALWAYS_INLINE void load_weight_pair(const int8_t *p, int32_t &first,
                                          int32_t &second) {
#if defined(__GNUC__) || defined(__clang__)
  p = static_cast<const int8_t *>(__builtin_assume_aligned(p, 8));
#endif
  std::memcpy(&first, p, 4);
  std::memcpy(&second, p + 4, 4);
}

/// One word of packed weights at `p`, 4-byte aligned.
INGOT_ALWAYS_INLINE int32_t load_weight(const int8_t *p) {
#if defined(__GNUC__) || defined(__clang__)
  p = static_cast<const int8_t *>(__builtin_assume_aligned(p, 4));
#endif
  int32_t word;
  std::memcpy(&word, p, 4);
  return word;
}

#if defined(__ARM_FEATURE_DSP)
// The two loops the convolutions spend their time in are written in assembly:
// with C, GCC keeps the live values of mac_2x2 in registers or not depending
// on the surrounding code (the shape-specialized form spilled half of them),
// and never uses post-increment addressing. Each loop body is unrolled four
// times; a count that is not a multiple of four enters at a later copy.

/// How a loop over `blocks` (in the register of operand x0), unrolled into
/// copies labelled 1 to 4, starts: entry 0, an unknown count, dispatches on
/// its two low bits (using operand x1); entries 1 to 4, a known count with
/// remainder entry - 1, branch straight to the copy that leaves a multiple
/// of four (or fall into the first).
#define INGOT_DSP_LOOP_ENTRY                                                   \
  ".if %c[entry] == 0\n\t"                                                     \
  "lsls %[x1], %[x0], #31\n\t" /* N: bit 0, C: bit 1 */                        \
  "bcc 5f\n\t"                                                                 \
  "bmi 2f\n\t"                                                                 \
  "b 3f\n"                                                                     \
  "5:\n\t"                                                                     \
  "bmi 4f\n\t"                                                                 \
  ".elseif %c[entry] == 2\n\t"                                                 \
  "b 4f\n\t"                                                                   \
  ".elseif %c[entry] == 3\n\t"                                                 \
  "b 3f\n\t"                                                                   \
  ".elseif %c[entry] == 4\n\t"                                                 \
  "b 2f\n\t"                                                                   \
  ".endif\n"

/// The four copies of a loop body and their labels.
#define INGOT_DSP_UNROLLED(body)                                               \
  "1:\n\t" body "2:\n\t" body "3:\n\t" body "4:\n\t" body

/// The entry code of INGOT_DSP_LOOP_ENTRY for `blocks`.
INGOT_ALWAYS_INLINE constexpr int32_t loop_entry(int32_t blocks) {
  return __builtin_constant_p(blocks) ? blocks % 4 + 1 : 0;
}

// One block of mac_2x2: weights of both channels, then column 0, column 1.
#define INGOT_DSP_MAC_2X2_BLOCK                                                \
  "ldrd %[w0], %[w1], [%[weights]], #8\n\t"                                    \
  "ldrd %[x0], %[x1], [%[columns]], #8\n\t"                                    \
  "sxtb16 %[e0], %[w0]\n\t"                                                    \
  "sxtb16 %[w0], %[w0], ror #8\n\t"                                            \
  "sxtb16 %[e1], %[w1]\n\t"                                                    \
  "sxtb16 %[w1], %[w1], ror #8\n\t"                                            \
  "smlad %[acc00], %[e0], %[x0], %[acc00]\n\t"                                 \
  "smlad %[acc00], %[w0], %[x1], %[acc00]\n\t"                                 \
  "smlad %[acc01], %[e1], %[x0], %[acc01]\n\t"                                 \
  "smlad %[acc01], %[w1], %[x1], %[acc01]\n\t"                                 \
  "ldrd %[x0], %[x1], [%[columns]], #8\n\t"                                    \
  "smlad %[acc10], %[e0], %[x0], %[acc10]\n\t"                                 \
  "smlad %[acc10], %[w0], %[x1], %[acc10]\n\t"                                 \
  "smlad %[acc11], %[e1], %[x0], %[acc11]\n\t"                                 \
  "smlad %[acc11], %[w1], %[x1], %[acc11]\n\t"

// One block of mac_1x2 over a column `stride` bytes per block.
#define INGOT_DSP_MAC_1X2_BLOCK                                                \
  "ldrd %[w0], %[w1], [%[weights]], #8\n\t"                                    \
  "ldrd %[x0], %[x1], [%[column]], %[stride]\n\t"                              \
  "sxtb16 %[even], %[w0]\n\t"                                                  \
  "sxtb16 %[w0], %[w0], ror #8\n\t"                                            \
  "smlad %[acc0], %[even], %[x0], %[acc0]\n\t"                                 \
  "smlad %[acc0], %[w0], %[x1], %[acc0]\n\t"                                   \
  "sxtb16 %[even], %[w1]\n\t"                                                  \
  "sxtb16 %[w1], %[w1], ror #8\n\t"                                            \
  "smlad %[acc1], %[even], %[x0], %[acc1]\n\t"                                 \
  "smlad %[acc1], %[w1], %[x1], %[acc1]\n\t"
#endif

/// Accumulates two channels (a channel pair of the packed filter at
/// `weights`, 8-byte aligned) against two interleaved columns (8-byte
/// aligned): acc[column][channel]. `blocks` is at least 1.
INGOT_ALWAYS_INLINE void mac_2x2(const int32_t *columns, const int8_t *weights,
                                 int32_t blocks, int32_t &acc00, int32_t &acc01,
                                 int32_t &acc10, int32_t &acc11) {
  // Twelve registers: the end of the loop is read from memory (an operand
  // on the stack) into a free temporary rather than kept in a thirteenth,
  // which a large caller into which this is inlined may not have. An
  // unoptimized build (frame pointer, no register reuse) takes the C loop.
#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
  const int32_t *const end = columns + 4 * blocks;
  int32_t w0, w1, e0, e1, x0 = blocks, x1;
  __asm__(INGOT_DSP_LOOP_ENTRY INGOT_DSP_UNROLLED(
              INGOT_DSP_MAC_2X2_BLOCK) "ldr %[x0], %[end]\n\t"
                                       "cmp %[columns], %[x0]\n\t"
                                       "bne 1b\n\t"
          : [acc00] "+r"(acc00), [acc01] "+r"(acc01), [acc10] "+r"(acc10),
            [acc11] "+r"(acc11), [columns] "+r"(columns),
            [weights] "+r"(weights), [x0] "+&r"(x0), [x1] "=&r"(x1),
            [w0] "=&r"(w0), [w1] "=&r"(w1), [e0] "=&r"(e0), [e1] "=&r"(e1)
          : [end] "m"(end), [entry] "n"(loop_entry(blocks))
          : "cc");
#else
  for (int32_t block = 0; block < blocks; ++block) {
    int32_t w0, w1;
    load_weight_pair(weights, w0, w1);
    weights += 8;
    const int32_t w0_even = sxtb16(w0), w0_odd = sxtb16_ror8(w0);
    const int32_t w1_even = sxtb16(w1), w1_odd = sxtb16_ror8(w1);
    acc00 = smlad(w0_odd, columns[1], smlad(w0_even, columns[0], acc00));
    acc01 = smlad(w1_odd, columns[1], smlad(w1_even, columns[0], acc01));
    acc10 = smlad(w0_odd, columns[3], smlad(w0_even, columns[2], acc10));
    acc11 = smlad(w1_odd, columns[3], smlad(w1_even, columns[2], acc11));
    columns += 4;
  }
#endif
}

/// Accumulates a channel pair against one column (8-byte aligned) whose
/// blocks are `Stride` words apart (4 interleaved, 2 dense). `blocks` is at
/// least 1.
template <int32_t Stride>
INGOT_ALWAYS_INLINE void mac_1x2(const int32_t *column, const int8_t *weights,
                                 int32_t blocks, int32_t &acc0, int32_t &acc1) {
  // Unoptimized builds take the C loop, as for mac_2x2.
#if defined(__ARM_FEATURE_DSP) && defined(__OPTIMIZE__)
  const int32_t *end = column + Stride * blocks;
  int32_t w0, w1, even, x0 = blocks, x1;
  __asm__(INGOT_DSP_LOOP_ENTRY INGOT_DSP_UNROLLED(
              INGOT_DSP_MAC_1X2_BLOCK) "cmp %[column], %[end]\n\t"
                                       "bne 1b\n\t"
          : [acc0] "+r"(acc0), [acc1] "+r"(acc1), [column] "+r"(column),
            [weights] "+r"(weights), [x0] "+&r"(x0), [x1] "=&r"(x1),
            [w0] "=&r"(w0), [w1] "=&r"(w1), [even] "=&r"(even)
          : [end] "r"(end), [stride] "n"(4 * Stride),
            [entry] "n"(loop_entry(blocks))
          : "cc");
#else
  for (int32_t block = 0; block < blocks; ++block) {
    int32_t w0, w1;
    load_weight_pair(weights, w0, w1);
    weights += 8;
    acc0 =
        smlad(sxtb16_ror8(w0), column[1], smlad(sxtb16(w0), column[0], acc0));
    acc1 =
        smlad(sxtb16_ror8(w1), column[1], smlad(sxtb16(w1), column[0], acc1));
    column += Stride;
  }
#endif
}

#if defined(__ARM_FEATURE_DSP)
#undef INGOT_DSP_LOOP_ENTRY
#undef INGOT_DSP_UNROLLED
#undef INGOT_DSP_MAC_2X2_BLOCK
#undef INGOT_DSP_MAC_1X2_BLOCK
#endif

/// Accumulates the single last row of the packed filter against two
/// interleaved columns.
INGOT_ALWAYS_INLINE void mac_2x1(const int32_t *columns, const int8_t *weights,
                                 int32_t blocks, int32_t &acc0, int32_t &acc1) {
  for (int32_t block = 0; block < blocks; ++block) {
    const int32_t w = load_weight(weights);
    weights += 4;
    const int32_t w_even = sxtb16(w), w_odd = sxtb16_ror8(w);
    acc0 = smlad(w_even, columns[0], acc0);
    acc0 = smlad(w_odd, columns[1], acc0);
    acc1 = smlad(w_even, columns[2], acc1);
    acc1 = smlad(w_odd, columns[3], acc1);
    columns += 4;
  }
}

/// Accumulates the single last row against one column.
template <int32_t Stride>
INGOT_ALWAYS_INLINE void mac_1x1(const int32_t *column, const int8_t *weights,
                                 int32_t blocks, int32_t &acc) {
  for (int32_t block = 0; block < blocks; ++block) {
    const int32_t w = load_weight(weights);
    weights += 4;
    acc = smlad(sxtb16(w), column[0], acc);
    acc = smlad(sxtb16_ror8(w), column[1], acc);
    column += Stride;
  }
}

/// Widens four int8 values (one word, any alignment) into the two SXTB16
/// order words of a column block.
INGOT_ALWAYS_INLINE void widen_block(const int8_t *source, int32_t *block) {
  const int32_t word = load_s8x4(source);
  block[0] = sxtb16(word);
  block[1] = sxtb16_ror8(word);
}

} // namespace ingot::dsp::detail

#endif // INGOT_RUNTIME_KERNELS_DSP_GEMM_S8_H
