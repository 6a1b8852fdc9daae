//===- mve_kernels_check.h - MVE kernels against the reference --*- C++ -*-===//
//
// This file implements the checks of the ingot::mve kernels that run both on
// the host (mve_kernels_test.cpp, gtest, the portable definitions of
// arm/mve.h) and on a Cortex-M55 under QEMU (mve_kernels_qemu.cpp, the real
// MVE instructions): the vector rescale against
// multiply_by_quantized_multiplier on random and edge values, the packed
// layouts, and each kernel, in both forms, against its reference kernel byte
// for byte on randomized shapes chosen to hit every path (channel and depth
// tails, odd widths, padding on each side, strides 1 and 2, dilation, batches,
// per-channel multipliers with shifts of both signs, clamps), and the ADD.
// Like its helpers (mve_check_support.h) it uses no heap and no library
// beyond <cstdint> and <cstring>, so that it links into a bare-metal image.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_TEST_UNIT_KERNELS_MVE_KERNELS_CHECK_H
#define INGOT_TEST_UNIT_KERNELS_MVE_KERNELS_CHECK_H

#include "ingot/runtime/arm/mve.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/mve/add_s8.h"
#include "ingot/runtime/kernels/mve/conv2d_s8.h"
#include "ingot/runtime/kernels/mve/depthwise_conv2d_s8.h"
#include "ingot/runtime/kernels/mve/fully_connected_s8.h"
#include "ingot/runtime/kernels/mve/packing.h"
#include "ingot/runtime/kernels/mve/rescale.h"
#include "ingot/runtime/kernels/ref/add_s8.h"
#include "ingot/runtime/kernels/ref/conv2d_s8.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s8.h"
#include "ingot/runtime/kernels/ref/fully_connected_s8.h"
#include "mve_check_support.h"

#include <cstdint>
#include <cstring>

namespace mve_check {

using ingot::Conv2DParams;
using ingot::FullyConnectedParams;

//===----------------------------------------------------------------------===//
// The rescale
//===----------------------------------------------------------------------===//

/// detail::rescale and detail::requantize16 against the reference
/// arithmetic, lane by lane, on `rounds` random quadruples plus edge values
/// (the extreme accumulators, exact halves, multipliers of 0, 2^30 and
/// 2^31 - 1, shifts from -31 to 30).
inline Outcome check_rescale(Rng &rng, int32_t rounds) {
  using namespace ingot::mve;
  Outcome outcome;
  const int32_t edges[] = {
      INT32_MIN, INT32_MIN + 1, -65536,   -3, -2, -1, 0, 1, 2,
      3,         65535,         INT32_MAX};
  const int32_t multipliers[] = {0, 1 << 30, INT32_MAX, 1518500250};
  for (int32_t round = 0; round < rounds; ++round) {
    int32_t acc[16], multiplier[16], shift[16];
    const bool right_only = round % 2 == 0;
    for (int32_t i = 0; i < 16; ++i) {
      switch (rng.uniform(0, 3)) {
      case 0:
        acc[i] = edges[rng.uniform(0, 11)];
        break;
      case 1:
        acc[i] = rng.uniform(-300, 300);
        break;
      default:
        acc[i] = static_cast<int32_t>(rng.next());
        break;
      }
      multiplier[i] =
          rng.uniform(0, 3) == 0
              ? multipliers[rng.uniform(0, 3)]
              : static_cast<int32_t>((uint32_t{1} << 30) |
                                     (rng.next() & ((1u << 30) - 1)));
      shift[i] = right_only               ? rng.uniform(-31, -1)
                 : rng.uniform(0, 2) == 0 ? rng.uniform(-31, 30)
                                          : rng.uniform(-8, 2);
    }
    const int32_t offset = rng.uniform(-128, 127);
    int32_t low = -128, high = 127;
    random_activation(rng, offset, low, high);
    int32_t values[16];
    for (int32_t k = 0; k < 4; ++k) {
      const s32x4 lanes = detail::rescale(
          load_s32x4(acc + 4 * k), load_s32x4(multiplier + 4 * k),
          load_s32x4(shift + 4 * k), right_only);
      std::memcpy(values + 4 * k, &lanes, sizeof(int32_t) * 4);
    }
    // requantize16 takes lane k of vector i as channel 4k + i, as VLD4
    // loads them.
    const s32x4x4 accs = load4_s32(acc);
    int8_t bytes[16];
    store_s8x16(bytes, detail::requantize16(
                           accs.val[0], accs.val[1], accs.val[2], accs.val[3],
                           multiplier, shift, right_only, offset, low, high));
    for (int32_t i = 0; i < 16; ++i) {
      ++outcome.cases;
      const int32_t expected = ingot::multiply_by_quantized_multiplier(
          acc[i], multiplier[i], shift[i]);
      const int32_t expected_byte = ingot::clamp_i32(
          static_cast<int32_t>(static_cast<uint32_t>(expected) +
                               static_cast<uint32_t>(offset)),
          low, high);
      if (values[i] != expected || bytes[i] != expected_byte) {
        if (Message *m = outcome.fail())
          *m << "rescale(" << acc[i] << ", " << multiplier[i] << ", "
             << shift[i] << (right_only ? ", right only" : "")
             << ") = " << values[i] << ", expected " << expected << "; byte "
             << int32_t{bytes[i]} << ", expected " << expected_byte;
      }
    }
  }
  return outcome;
}

//===----------------------------------------------------------------------===//
// Packing
//===----------------------------------------------------------------------===//

/// The packed layouts and the folded bias against their definitions.
inline Outcome check_packing(Rng &rng) {
  using namespace ingot::mve;
  Buffers &b = buffers();
  Outcome outcome;
  for (int32_t round = 0; round < 40; ++round) {
    const int32_t rows = rng.uniform(1, 13), depth = rng.uniform(1, 70);
    fill_random(rng, b.filter, rows * depth);
    const int32_t bytes = gemm_packed_filter_bytes(rows, depth);
    std::memset(b.packed, static_cast<int>(kGuardByte), bytes + kGuard);
    pack_gemm_filter(b.filter, rows, depth, b.packed);
    ++outcome.cases;
    bool ok = guard_intact(b.packed + bytes);
    const int32_t blocks = padded_depth(depth) / 16;
    for (int32_t r = 0; r < padded_rows(rows); ++r)
      for (int32_t d = 0; d < 16 * blocks; ++d) {
        const int8_t want =
            r < rows && d < depth ? b.filter[r * depth + d] : int8_t{0};
        const int32_t at =
            ((r / 4) * blocks + d / 16) * 64 + (r % 4) * 16 + d % 16;
        ok = ok && b.packed[at] == want;
      }
    for (int32_t r = 0; r < rows; ++r)
      b.bias[r] = rng.uniform(-100000, 100000);
    const int32_t offset = rng.uniform(-127, 128);
    const bool with_bias = round % 3 != 0;
    fold_input_offset_gemm(b.filter, rows, depth, with_bias ? b.bias : nullptr,
                           offset, b.folded);
    for (int32_t r = 0; r < rows; ++r) {
      int32_t sum = 0;
      for (int32_t d = 0; d < depth; ++d)
        sum += b.filter[r * depth + d];
      ok = ok && b.folded[r] == (with_bias ? b.bias[r] : 0) + offset * sum;
    }
    const int32_t taps = rng.uniform(1, 12), channels = rng.uniform(1, 40);
    fill_random(rng, b.filter, taps * channels);
    const int32_t dw_bytes = depthwise_packed_filter_bytes(taps, channels);
    std::memset(b.packed, static_cast<int>(kGuardByte), dw_bytes + kGuard);
    pack_depthwise_filter(b.filter, taps, channels, b.packed);
    ok = ok && guard_intact(b.packed + dw_bytes);
    for (int32_t c = 0; c < padded_depth(channels); ++c)
      for (int32_t t = 0; t < taps; ++t) {
        const int8_t want =
            c < channels ? b.filter[t * channels + c] : int8_t{0};
        ok = ok && b.packed[((c / 16) * taps + t) * 16 + c % 16] == want;
      }
    fold_input_offset_depthwise(b.filter, taps, channels,
                                with_bias ? b.bias : nullptr, offset, b.folded);
    for (int32_t c = 0; c < channels; ++c) {
      int32_t sum = 0;
      for (int32_t t = 0; t < taps; ++t)
        sum += b.filter[t * channels + c];
      ok = ok && b.folded[c] == (with_bias ? b.bias[c] : 0) + offset * sum;
    }
    if (!ok)
      if (Message *m = outcome.fail())
        *m << "packing: rows " << rows << " depth " << depth << " taps " << taps
           << " channels " << channels;
  }
  // The one-multiply bound: |acc| << (1 + max(shift, 0)) within int32.
  const bool bounds_ok = single_rounding_exact(int64_t{1} << 29, 0) &&
                         !single_rounding_exact(int64_t{1} << 30, 0) &&
                         single_rounding_exact((int64_t{1} << 27) - 1, 3) &&
                         !single_rounding_exact(int64_t{1} << 27, 3) &&
                         single_rounding_exact(0, 30) &&
                         !single_rounding_exact(0, 31) &&
                         !single_rounding_exact(-1, 0);
  ++outcome.cases;
  if (!bounds_ok)
    if (Message *m = outcome.fail())
      *m << "single_rounding_exact bounds";
  return outcome;
}

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

/// A kernel under test: one of the two forms of an ingot::mve convolution.
using ConvKernel = void (*)(const Conv2DParams &, const int8_t *,
                            const int8_t *, const int32_t *, int8_t *,
                            const int32_t *, const int32_t *, void *);
using FullyConnectedKernel = void (*)(const FullyConnectedParams &,
                                      const int8_t *, const int8_t *,
                                      const int32_t *, int8_t *, void *);

inline void conv_compact(const Conv2DParams &p, const int8_t *input,
                         const int8_t *filter, const int32_t *bias,
                         int8_t *output, const int32_t *multipliers,
                         const int32_t *shifts, void *scratch) {
  ingot::mve::conv2d_s8(p, input, filter, bias, output, multipliers, shifts,
                        scratch);
}

template <const Conv2DParams &P>
void conv_specialized(const Conv2DParams &, const int8_t *input,
                      const int8_t *filter, const int32_t *bias, int8_t *output,
                      const int32_t *multipliers, const int32_t *shifts,
                      void *scratch) {
  ingot::mve::conv2d_s8<P>(input, filter, bias, output, multipliers, shifts,
                           scratch);
}

inline void depthwise_compact(const Conv2DParams &p, const int8_t *input,
                              const int8_t *filter, const int32_t *bias,
                              int8_t *output, const int32_t *multipliers,
                              const int32_t *shifts, void *scratch) {
  ingot::mve::depthwise_conv2d_s8(p, input, filter, bias, output, multipliers,
                                  shifts, scratch);
}

template <const Conv2DParams &P>
void depthwise_specialized(const Conv2DParams &, const int8_t *input,
                           const int8_t *filter, const int32_t *bias,
                           int8_t *output, const int32_t *multipliers,
                           const int32_t *shifts, void *scratch) {
  ingot::mve::depthwise_conv2d_s8<P>(input, filter, bias, output, multipliers,
                                     shifts, scratch);
}

inline void fully_connected_compact(const FullyConnectedParams &p,
                                    const int8_t *input, const int8_t *filter,
                                    const int32_t *bias, int8_t *output,
                                    void *scratch) {
  ingot::mve::fully_connected_s8(p, input, filter, bias, output, scratch);
}

template <const FullyConnectedParams &P>
void fully_connected_specialized(const FullyConnectedParams &,
                                 const int8_t *input, const int8_t *filter,
                                 const int32_t *bias, int8_t *output,
                                 void *scratch) {
  ingot::mve::fully_connected_s8<P>(input, filter, bias, output, scratch);
}

/// The scratch, 4 bytes past a 16-byte boundary (the kernels may assume 4),
/// with a guard after `bytes`.
inline uint8_t *prepare_scratch(int32_t bytes) {
  uint8_t *scratch = buffers().scratch + 4;
  std::memset(scratch, 0x3C, static_cast<size_t>(bytes));
  std::memset(scratch + bytes, kGuardByte, kGuard);
  return scratch;
}

/// Runs `kernels` (count of them) on the convolution `p` with random data
/// and compares each with the reference. `depthwise` selects the depthwise
/// layouts. Returns false if the shape does not fit the buffers.
inline bool run_conv(Rng &rng, const Conv2DParams &p, bool depthwise,
                     const ConvKernel *kernels, int32_t count,
                     Outcome &outcome) {
  using namespace ingot::mve;
  Buffers &b = buffers();
  const int32_t taps = p.filter_h * p.filter_w;
  const int32_t input_bytes = p.batches * p.input_h * p.input_w * p.input_c;
  const int32_t output_bytes = p.batches * p.output_h * p.output_w * p.output_c;
  const int32_t depth = depthwise ? taps : taps * p.input_c;
  const int32_t filter_bytes = depth * p.output_c;
  const int32_t packed_bytes =
      depthwise ? depthwise_packed_filter_bytes(taps, p.output_c)
                : gemm_packed_filter_bytes(p.output_c, depth);
  const int32_t scratch_bytes = depthwise ? depthwise_conv2d_s8_scratch_bytes(p)
                                          : conv2d_s8_scratch_bytes(p);
  if (input_bytes > kBytes || output_bytes > kBytes || filter_bytes > kBytes ||
      packed_bytes > kBytes || p.output_c > kChannels ||
      scratch_bytes > kScratchBytes)
    return false;
  fill_random(rng, b.input, input_bytes);
  fill_random(rng, b.filter, filter_bytes);
  const bool with_bias = rng.uniform(0, 4) != 0;
  for (int32_t c = 0; c < p.output_c; ++c)
    b.bias[c] = rng.uniform(-30000, 30000);
  int32_t typical = 1;
  while (typical * typical < depth)
    ++typical;
  random_requantization(rng, p.output_c, int64_t{128} * 74 * typical,
                        rng.uniform(0, 2), b.multipliers, b.shifts);
  const int32_t *bias = with_bias ? b.bias : nullptr;
  if (depthwise) {
    ingot::ref::depthwise_conv2d_s8(
        b.input, b.filter, bias, b.expected, b.multipliers, b.shifts, p.batches,
        p.input_h, p.input_w, p.input_c, p.filter_h, p.filter_w, p.output_h,
        p.output_w, p.output_c, 1, p.stride_h, p.stride_w, p.dilation_h,
        p.dilation_w, p.pad_top, p.pad_left, p.input_offset, p.output_offset,
        p.activation_min, p.activation_max);
    pack_depthwise_filter(b.filter, taps, p.output_c, b.packed);
    fold_input_offset_depthwise(b.filter, taps, p.output_c, bias,
                                p.input_offset, b.folded);
  } else {
    ingot::ref::conv2d_s8(b.input, b.filter, bias, b.expected, b.multipliers,
                          b.shifts, p.batches, p.input_h, p.input_w, p.input_c,
                          p.filter_h, p.filter_w, p.output_h, p.output_w,
                          p.output_c, p.stride_h, p.stride_w, p.dilation_h,
                          p.dilation_w, p.pad_top, p.pad_left, p.input_offset,
                          p.output_offset, p.activation_min, p.activation_max);
    pack_gemm_filter(b.filter, p.output_c, depth, b.packed);
    fold_input_offset_gemm(b.filter, p.output_c, depth, bias, p.input_offset,
                           b.folded);
  }
  // Each kernel runs twice: with its scratch (the depthwise column path, the
  // convolution's im2col rows) and without (the scratch is optional: the
  // depthwise kernel takes its other path, the convolution puts its rows at
  // the end of the output and computes the last pixels from the stack).
  for (int32_t run = 0; run < 2 * count; ++run) {
    const int32_t k = run % count;
    const bool no_scratch = run >= count;
    ++outcome.cases;
    std::memset(b.actual, 0x5A, static_cast<size_t>(output_bytes));
    std::memset(b.actual + output_bytes, kGuardByte, kGuard);
    uint8_t *scratch = prepare_scratch(scratch_bytes);
    kernels[k](p, b.input, b.packed, b.folded, b.actual, b.multipliers,
               b.shifts, no_scratch ? nullptr : scratch);
    const char *what =
        depthwise
            ? (k == 0 ? (no_scratch ? "depthwise_conv2d_s8 (no scratch)"
                                    : "depthwise_conv2d_s8")
                      : (no_scratch ? "depthwise_conv2d_s8<P> (no scratch)"
                                    : "depthwise_conv2d_s8<P>"))
            : (k == 0 ? (no_scratch ? "conv2d_s8 (no scratch)" : "conv2d_s8")
                      : (no_scratch ? "conv2d_s8<P> (no scratch)"
                                    : "conv2d_s8<P>"));
    if (same_bytes(b.expected, b.actual, output_bytes, outcome, what, &p,
                   nullptr) &&
        !guard_intact(scratch + scratch_bytes))
      if (Message *m = outcome.fail())
        describe(*m << what << ": wrote past the scratch: ", p);
  }
  return true;
}

/// A random convolution shape. Channel counts come from lists that cover
/// the tails of the 16-byte blocks and of the four-channel groups.
inline Conv2DParams random_conv_shape(Rng &rng, bool depthwise) {
  static const int32_t kInputChannels[] = {1,  2,  3,  4,  7,  8,  15,
                                           16, 17, 24, 31, 32, 33, 40};
  static const int32_t kOutputChannels[] = {1, 2, 3, 4, 5, 7, 8, 13, 16, 20};
  static const int32_t kFilters[][2] = {{1, 1}, {1, 1}, {3, 3}, {3, 3},
                                        {2, 3}, {1, 3}, {5, 5}, {3, 1},
                                        {2, 2}, {4, 10}};
  Conv2DParams p{};
  p.batches = rng.uniform(1, 4) == 4 ? 2 : 1;
  p.input_c = rng.pick(kInputChannels, 14);
  p.output_c = depthwise ? p.input_c : rng.pick(kOutputChannels, 10);
  p.depth_multiplier = 1;
  const int32_t *filter = kFilters[rng.uniform(0, 9)];
  p.filter_h = filter[0];
  p.filter_w = filter[1];
  p.stride_h = rng.uniform(1, 2);
  p.stride_w = rng.uniform(1, 2);
  p.dilation_h = rng.uniform(1, 4) == 4 ? 2 : 1;
  p.dilation_w = rng.uniform(1, 4) == 4 ? 2 : 1;
  const int32_t extent_h = (p.filter_h - 1) * p.dilation_h + 1;
  const int32_t extent_w = (p.filter_w - 1) * p.dilation_w + 1;
  p.input_h = rng.uniform(extent_h > 1 ? extent_h - 1 : 1, extent_h + 6);
  p.input_w = rng.uniform(extent_w > 1 ? extent_w - 1 : 1, extent_w + 7);
  // Any padding up to the filter's extent less one, on each side, as long as
  // there is at least one output.
  do {
    p.pad_top = rng.uniform(0, extent_h - 1);
    p.pad_left = rng.uniform(0, extent_w - 1);
    const int32_t pad_bottom = rng.uniform(0, extent_h - 1);
    const int32_t pad_right = rng.uniform(0, extent_w - 1);
    p.output_h = output_size(p.input_h, p.filter_h, p.stride_h, p.dilation_h,
                             p.pad_top, pad_bottom);
    p.output_w = output_size(p.input_w, p.filter_w, p.stride_w, p.dilation_w,
                             p.pad_left, pad_right);
  } while (p.output_h < 1 || p.output_w < 1);
  p.input_offset = rng.uniform(-127, 128);
  p.output_offset = rng.uniform(-128, 127);
  random_activation(rng, p.output_offset, p.activation_min, p.activation_max);
  p.single_rounding_exact = rng.uniform(0, 1) == 1;
  return p;
}

/// The compact conv2d_s8 against the reference on `rounds` random shapes.
inline Outcome check_conv_random(Rng &rng, int32_t rounds, bool depthwise) {
  Outcome outcome;
  const ConvKernel kernel = depthwise ? depthwise_compact : conv_compact;
  for (int32_t round = 0; round < rounds;) {
    const Conv2DParams p = random_conv_shape(rng, depthwise);
    if (run_conv(rng, p, depthwise, &kernel, 1, outcome))
      ++round;
  }
  return outcome;
}

/// Runs `kernels` on the fully connected layer `p` with random data and
/// compares each with the reference.
inline void run_fully_connected(Rng &rng, const FullyConnectedParams &p,
                                const FullyConnectedKernel *kernels,
                                int32_t count, Outcome &outcome) {
  using namespace ingot::mve;
  Buffers &b = buffers();
  const int32_t input_bytes = p.batches * p.input_depth;
  const int32_t output_bytes = p.batches * p.output_depth;
  fill_random(rng, b.input, input_bytes);
  fill_random(rng, b.filter, p.output_depth * p.input_depth);
  const bool with_bias = rng.uniform(0, 3) != 0;
  for (int32_t c = 0; c < p.output_depth; ++c)
    b.bias[c] = rng.uniform(-30000, 30000);
  const int32_t *bias = with_bias ? b.bias : nullptr;
  ingot::ref::fully_connected_s8(
      b.input, b.filter, bias, b.expected, p.batches, p.input_depth,
      p.output_depth, p.input_offset, 0, p.output_offset, p.output_multiplier,
      p.output_shift, p.activation_min, p.activation_max);
  pack_gemm_filter(b.filter, p.output_depth, p.input_depth, b.packed);
  fold_input_offset_gemm(b.filter, p.output_depth, p.input_depth, bias,
                         p.input_offset, b.folded);
  for (int32_t k = 0; k < count; ++k) {
    ++outcome.cases;
    std::memset(b.actual, 0x5A, static_cast<size_t>(output_bytes));
    std::memset(b.actual + output_bytes, kGuardByte, kGuard);
    uint8_t *scratch = prepare_scratch(fully_connected_s8_scratch_bytes(p));
    kernels[k](p, b.input, b.packed, b.folded, b.actual, scratch);
    same_bytes(b.expected, b.actual, output_bytes, outcome,
               k == 0 ? "fully_connected_s8" : "fully_connected_s8<P>", nullptr,
               &p);
  }
}

/// The compact fully_connected_s8 against the reference on `rounds` random
/// shapes.
inline Outcome check_fully_connected_random(Rng &rng, int32_t rounds) {
  Outcome outcome;
  const FullyConnectedKernel kernel = fully_connected_compact;
  for (int32_t round = 0; round < rounds; ++round) {
    FullyConnectedParams p{};
    p.batches = rng.uniform(1, 3);
    p.input_depth =
        rng.uniform(1, 3) == 1 ? rng.uniform(1, 20) : rng.uniform(1, 300);
    p.output_depth = rng.uniform(1, 22);
    p.input_offset = rng.uniform(-127, 128);
    p.output_offset = rng.uniform(-128, 127);
    int32_t typical = 1;
    while (typical * typical < p.input_depth)
      ++typical;
    random_requantization(rng, 1, int64_t{128} * 74 * typical,
                          rng.uniform(0, 2), &p.output_multiplier,
                          &p.output_shift);
    random_activation(rng, p.output_offset, p.activation_min, p.activation_max);
    p.single_rounding_exact = rng.uniform(0, 1) == 1;
    run_fully_connected(rng, p, &kernel, 1, outcome);
  }
  return outcome;
}

//===----------------------------------------------------------------------===//
// Addition
//===----------------------------------------------------------------------===//

/// The parameters of an int8 ADD as TFLite derives them: both inputs scaled
/// to twice the larger input scale with 20 bits of headroom, then back.
struct AddCase {
  int32_t size, input1_offset, input1_multiplier, input1_shift;
  int32_t input2_offset, input2_multiplier, input2_shift, left_shift;
  int32_t output_offset, output_multiplier, output_shift;
  int32_t activation_min, activation_max;
};

inline AddCase random_add(Rng &rng, int32_t size) {
  AddCase a{};
  a.size = size;
  a.input1_offset = rng.uniform(-127, 128);
  a.input2_offset = rng.uniform(-127, 128);
  a.output_offset = rng.uniform(-128, 127);
  auto multiplier = [&rng]() {
    return static_cast<int32_t>((uint32_t{1} << 30) |
                                (rng.next() & ((uint32_t{1} << 30) - 1)));
  };
  a.input1_multiplier = multiplier();
  a.input2_multiplier = multiplier();
  a.output_multiplier = multiplier();
  // Input multipliers are at most one half (a shift of 0 at most);
  // sometimes the output's shift is positive, to cover the left shifts.
  a.input1_shift = rng.uniform(-4, 0);
  a.input2_shift = rng.uniform(-4, 0);
  a.left_shift = 20;
  a.output_shift =
      rng.uniform(0, 4) == 0 ? rng.uniform(-2, 2) : rng.uniform(-22, -14);
  random_activation(rng, a.output_offset, a.activation_min, a.activation_max);
  return a;
}

/// ingot::mve::add_s8 against the reference on `rounds` random cases
/// (sizes with every tail of the four-element loop), and on the edges.
inline Outcome check_add(Rng &rng, int32_t rounds) {
  Buffers &b = buffers();
  Outcome outcome;
  for (int32_t round = 0; round < rounds; ++round) {
    const int32_t size =
        round % 4 == 0 ? rng.uniform(1, 9) : rng.uniform(1, 700);
    const AddCase a = random_add(rng, size);
    fill_random(rng, b.input, size);
    fill_random(rng, b.filter, size);
    if (round % 8 == 1) {
      // The extremes of both inputs.
      for (int32_t i = 0; i < size; ++i) {
        b.input[i] = static_cast<int8_t>(i % 2 == 0 ? -128 : 127);
        b.filter[i] = static_cast<int8_t>(i % 3 == 0 ? 127 : -128);
      }
    }
    ingot::ref::add_s8(b.input, b.filter, b.expected, size, a.input1_offset,
                       a.input1_multiplier, a.input1_shift, a.input2_offset,
                       a.input2_multiplier, a.input2_shift, a.left_shift,
                       a.output_offset, a.output_multiplier, a.output_shift,
                       a.activation_min, a.activation_max);
    std::memset(b.actual, 0x5A, static_cast<size_t>(size));
    std::memset(b.actual + size, kGuardByte, kGuard);
    ingot::mve::add_s8(b.input, b.filter, b.actual, size, a.input1_offset,
                       a.input1_multiplier, a.input1_shift, a.input2_offset,
                       a.input2_multiplier, a.input2_shift, a.left_shift,
                       a.output_offset, a.output_multiplier, a.output_shift,
                       a.activation_min, a.activation_max);
    ++outcome.cases;
    int32_t first = -1;
    for (int32_t i = 0; i < size && first < 0; ++i)
      if (b.expected[i] != b.actual[i])
        first = i;
    if (first >= 0 || !guard_intact(b.actual + size))
      if (Message *m = outcome.fail()) {
        *m << "add_s8: size " << size << " shifts " << a.input1_shift << ","
           << a.input2_shift << "," << a.output_shift;
        if (first >= 0)
          *m << ": first difference at " << first << " ("
             << int32_t{b.expected[first]} << " expected, "
             << int32_t{b.actual[first]} << ")";
        else
          *m << ": wrote past the output";
      }
  }
  return outcome;
}

//===----------------------------------------------------------------------===//
// The shape-specialized forms
//===----------------------------------------------------------------------===//

// Fields: batches, input h w c, filter h w, output h w c, stride h w,
// dilation h w, pad top left, depth multiplier, input and output offset,
// activation min max, single_rounding_exact.

// im2col with padding on every side, three input channels (a first layer).
constexpr Conv2DParams kConvFirstLayer{1, 9, 9, 3, 3, 3,  5, 5,    7,   2,   2,
                                       1, 1, 1, 1, 1, -3, 5, -128, 127, true};
// In place, two batches, a depth and a channel tail.
constexpr Conv2DParams kConvPointwise{2, 3, 5, 24, 1, 1,  3,  5,   10,  1,    1,
                                      1, 1, 0, 0,  1, 17, -9, -20, 100, false};
// In place with stride 2 (a residual projection).
constexpr Conv2DParams kConvPointwiseStrided{
    1, 7, 6, 32, 1, 1,   4,    3,    16,  2,    2,
    1, 1, 0, 0,  1, 128, -128, -128, 127, false};
// Dilated, asymmetric padding.
constexpr Conv2DParams kConvDilated{1, 8, 7, 8, 3, 3,    4, 5,    5,   1,    1,
                                    2, 2, 0, 2, 1, -100, 3, -128, 127, false};
// KWS's first layer: a 10x4 filter over one channel, stride 2.
constexpr Conv2DParams kConvTall{1, 13, 10, 1, 10, 4,  7,    5,    8,   2,    2,
                                 1, 1,  4,  1, 1,  83, -128, -128, 127, false};
// Depthwise 3x3 with a partial block (12 channels).
constexpr Conv2DParams kDepthwise3x3{1, 7, 6, 12, 3, 3,   7,  6,    12,  1,   1,
                                     1, 1, 1, 1,  1, 128, -2, -128, 127, true};
// Depthwise, stride 2, two whole blocks and a partial one.
constexpr Conv2DParams kDepthwiseStrided{
    2, 9, 8, 40, 3, 3, 4, 4, 40, 2, 2, 1, 1, 0, 0, 1, -7, 11, -50, 90, false};
// Depthwise, dilated 5x2 filter, one whole block.
constexpr Conv2DParams kDepthwiseDilated{1, 9,  6,  16,   5,    2,   5,
                                         6, 16, 1,  1,    2,    3,   2,
                                         1, 1,  64, -100, -100, 127, false};
// Depthwise rows of 8 outputs or more take the column path: two batches,
// a block and a tail of 8, 19 outputs a row (a partial last group of 4).
constexpr Conv2DParams kDepthwiseColumns{
    2, 6, 19, 24, 3, 3, 6, 19, 24, 1, 1, 1, 1, 1, 1, 1, 5, 9, -128, 127, false};
// Column path, stride 2, 13 channels (a tail of more than 8), 11 outputs.
constexpr Conv2DParams kDepthwiseColumnsStrided{
    1, 9, 21, 13, 3, 3, 4, 11, 13, 2, 2, 1, 1, 0, 1, 1, -20, 0, -40, 127, true};
// Column path with dilation_h 2 (the band is rebuilt, not a ring).
constexpr Conv2DParams kDepthwiseColumnsDilated{
    1, 10, 12, 16, 3, 3,   10, 12,   16,  1,    1,
    2, 1,  2,  1,  1, 128, -5, -128, 100, false};
// Column path, a 4x4 filter (16 taps, one whole vector), 5 channels.
constexpr Conv2DParams kDepthwiseColumns4x4{
    1, 8, 12, 5, 4, 4, 8, 12, 5, 1, 1, 1, 1, 1, 2, 1, 3, 7, -128, 127, false};
constexpr FullyConnectedParams kFullyConnected{
    2, 37, 11, -9, 6, 1589125478, -9, -128, 127, false};
constexpr FullyConnectedParams kFullyConnectedWide{
    1, 256, 12, 128, -20, 1317034426, -7, -20, 127, true};

/// Both forms of every kernel on the constant shapes above, `rounds` times
/// each with new random data.
inline Outcome check_specialized(Rng &rng, int32_t rounds) {
  Outcome outcome;
  struct ConvShape {
    const Conv2DParams &p;
    bool depthwise;
    ConvKernel specialized;
  };
  const ConvShape shapes[] = {
      {kConvFirstLayer, false, conv_specialized<kConvFirstLayer>},
      {kConvPointwise, false, conv_specialized<kConvPointwise>},
      {kConvPointwiseStrided, false, conv_specialized<kConvPointwiseStrided>},
      {kConvDilated, false, conv_specialized<kConvDilated>},
      {kConvTall, false, conv_specialized<kConvTall>},
      {kDepthwise3x3, true, depthwise_specialized<kDepthwise3x3>},
      {kDepthwiseStrided, true, depthwise_specialized<kDepthwiseStrided>},
      {kDepthwiseDilated, true, depthwise_specialized<kDepthwiseDilated>},
      {kDepthwiseColumns, true, depthwise_specialized<kDepthwiseColumns>},
      {kDepthwiseColumnsStrided, true,
       depthwise_specialized<kDepthwiseColumnsStrided>},
      {kDepthwiseColumnsDilated, true,
       depthwise_specialized<kDepthwiseColumnsDilated>},
      {kDepthwiseColumns4x4, true, depthwise_specialized<kDepthwiseColumns4x4>},
  };
  for (int32_t round = 0; round < rounds; ++round) {
    for (const ConvShape &shape : shapes) {
      const ConvKernel kernels[] = {shape.depthwise ? depthwise_compact
                                                    : conv_compact,
                                    shape.specialized};
      run_conv(rng, shape.p, shape.depthwise, kernels, 2, outcome);
    }
    const FullyConnectedKernel fc[] = {
        fully_connected_compact, fully_connected_specialized<kFullyConnected>};
    run_fully_connected(rng, kFullyConnected, fc, 2, outcome);
    const FullyConnectedKernel wide[] = {
        fully_connected_compact,
        fully_connected_specialized<kFullyConnectedWide>};
    run_fully_connected(rng, kFullyConnectedWide, wide, 2, outcome);
  }
  return outcome;
}

} // namespace mve_check

#endif // INGOT_TEST_UNIT_KERNELS_MVE_KERNELS_CHECK_H
