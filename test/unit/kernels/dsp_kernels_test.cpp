//===- dsp_kernels_test.cpp - Armv7E-M DSP int8 kernels -------------------===//
//
// The ingot::dsp kernels against the reference kernels, byte for byte, on
// randomized shapes chosen to hit every path: channel tails of one to three,
// odd widths and pixel counts, padding on each side, strides 1 and 2,
// dilation, batches, per-channel multipliers with positive and negative
// shifts, activation clamps, and both requantization paths. On the host the
// instructions of arm/dsp.h are their portable definitions
// (dsp_primitives_test.cpp tests them); the same checks run on a Cortex-M4
// under QEMU in benchmarks/cortex-m/kernels.
//
//===----------------------------------------------------------------------===//
#include "QuantizedMultiplier.h"
#include "ingot/runtime/kernels/dsp/conv2d_s8.h"
#include "ingot/runtime/kernels/dsp/depthwise_conv2d_s8.h"
#include "ingot/runtime/kernels/dsp/fully_connected_s8.h"
#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/ref/conv2d_s8.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s8.h"
#include "ingot/runtime/kernels/ref/fully_connected_s8.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

namespace {

using ingot::Conv2DParams;
using ingot::FullyConnectedParams;

std::mt19937 &rng() {
  static std::mt19937 engine(20240611);
  return engine;
}

int32_t uniform(int32_t low, int32_t high) {
  return std::uniform_int_distribution<int32_t>(low, high)(rng());
}

std::vector<int8_t> randomBytes(size_t count, int32_t low = -128,
                                int32_t high = 127) {
  std::vector<int8_t> bytes(count);
  for (int8_t &byte : bytes)
    byte = static_cast<int8_t>(uniform(low, high));
  return bytes;
}

//===----------------------------------------------------------------------===//
// Kernels against the reference
//===----------------------------------------------------------------------===//

/// Per-channel (multiplier, shift) for accumulators of typical magnitude
/// `typical`, so outputs span the int8 range, each channel jittered and a
/// few pushed to positive shifts.
void randomRequantization(int32_t channels, double typical,
                          std::vector<int32_t> &multipliers,
                          std::vector<int32_t> &shifts) {
  multipliers.resize(channels);
  shifts.resize(channels);
  for (int32_t c = 0; c < channels; ++c) {
    double scale = 60.0 / std::max(typical, 1.0) *
                   std::ldexp(1.0, uniform(-2, 2)) *
                   std::uniform_real_distribution<double>(0.5, 1.0)(rng());
    if (uniform(0, 7) == 0)
      scale = std::ldexp(1.0, uniform(0, 3)) * 1.3; // positive shift
    const ingot::quant::QuantizedMultiplier q =
        ingot::quant::quantizeMultiplier(scale);
    multipliers[c] = q.multiplier;
    shifts[c] = q.shift;
  }
}

/// A random activation range inside int8 (full, ReLU-like, or narrow).
void randomActivation(int32_t output_offset, int32_t &low, int32_t &high) {
  switch (uniform(0, 3)) {
  case 0:
    low = -128, high = 127;
    break;
  case 1:
    low = output_offset, high = 127;
    break;
  default:
    low = uniform(-128, 0), high = uniform(low, 127);
    break;
  }
}

/// Whether every channel may take the one-multiply rescale, by the bound the
/// compiler uses: |folded bias| + 128 * sum |w|.
bool allChannelsExact(const std::vector<int8_t> &filter, int32_t rows,
                      int32_t depth, bool channelInner,
                      const std::vector<int32_t> &folded,
                      const std::vector<int32_t> &shifts) {
  for (int32_t r = 0; r < rows; ++r) {
    int64_t sum = 0;
    for (int32_t d = 0; d < depth; ++d)
      sum += std::abs(filter[channelInner ? d * rows + r : r * depth + d]);
    if (!ingot::dsp::single_rounding_exact(
            std::abs(int64_t{folded[r]}) + 128 * sum, shifts[r]))
      return false;
  }
  return true;
}

/// A scratch buffer of `bytes` that starts 4 bytes past an 8-byte boundary
/// when `misaligned`: the kernels may only assume 4-byte alignment.
struct Scratch {
  std::vector<uint64_t> storage;
  unsigned char *data;
  Scratch(int32_t bytes, bool misaligned)
      : storage(static_cast<size_t>(bytes) / 8 + 2, 0xA5A5A5A5A5A5A5A5ull),
        data(reinterpret_cast<unsigned char *>(storage.data()) +
             (misaligned ? 4 : 0)) {}
  /// Mode 0 aligned to 8, 1 misaligned, 2 no scratch at all (nullptr).
  static Scratch forMode(int32_t bytes, int mode) {
    Scratch scratch(bytes, mode == 1);
    if (mode == 2)
      scratch.data = nullptr;
    return scratch;
  }
};

/// The requantization records the compiler emits for a layer.
std::vector<int32_t> rescaleRecords(const std::vector<int32_t> &multipliers,
                                    const std::vector<int32_t> &shifts,
                                    int32_t outputOffset, bool exact) {
  const int32_t channels = static_cast<int32_t>(multipliers.size());
  std::vector<int32_t> records(ingot::dsp::rescale_records_words(channels));
  ingot::dsp::pack_rescale_records(multipliers.data(), shifts.data(), channels,
                                   outputOffset, exact, records.data());
  return records;
}

struct ConvCase {
  Conv2DParams p;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias, multipliers, shifts;
  bool hasBias;
};

int32_t outputSize(int32_t input, int32_t filter, int32_t stride,
                   int32_t dilation, int32_t padBefore, int32_t padAfter) {
  return (input + padBefore + padAfter - ((filter - 1) * dilation + 1)) /
             stride +
         1;
}

/// A random convolution (depth multiplier 1) with channel counts drawn from
/// `inputChannels` and `outputChannels`.
ConvCase randomConv(const std::vector<int32_t> &inputChannels,
                    const std::vector<int32_t> &outputChannels,
                    bool depthwise) {
  ConvCase k;
  Conv2DParams &p = k.p;
  p.batches = uniform(1, 3) == 3 ? 2 : 1;
  p.input_c = inputChannels[uniform(0, inputChannels.size() - 1)];
  p.output_c = depthwise
                   ? p.input_c
                   : outputChannels[uniform(0, outputChannels.size() - 1)];
  p.depth_multiplier = 1;
  static const int32_t kFilters[][2] = {{1, 1}, {3, 3}, {3, 3}, {2, 3},
                                        {1, 3}, {5, 5}, {3, 1}, {2, 2}};
  const int32_t *filter = kFilters[uniform(0, 7)];
  p.filter_h = filter[0];
  p.filter_w = filter[1];
  p.stride_h = uniform(1, 2);
  p.stride_w = uniform(1, 2);
  p.dilation_h = uniform(1, 4) == 4 ? 2 : 1;
  p.dilation_w = uniform(1, 4) == 4 ? 2 : 1;
  const int32_t extentH = (p.filter_h - 1) * p.dilation_h + 1;
  const int32_t extentW = (p.filter_w - 1) * p.dilation_w + 1;
  p.input_h = uniform(extentH, extentH + 6);
  p.input_w = uniform(extentW, extentW + 7);
  // Any padding up to the filter's extent less one, each side on its own.
  p.pad_top = uniform(0, extentH - 1);
  p.pad_left = uniform(0, extentW - 1);
  const int32_t padBottom = uniform(0, extentH - 1);
  const int32_t padRight = uniform(0, extentW - 1);
  p.output_h = outputSize(p.input_h, p.filter_h, p.stride_h, p.dilation_h,
                          p.pad_top, padBottom);
  p.output_w = outputSize(p.input_w, p.filter_w, p.stride_w, p.dilation_w,
                          p.pad_left, padRight);
  p.input_offset = uniform(-127, 128);
  p.output_offset = uniform(-128, 127);
  randomActivation(p.output_offset, p.activation_min, p.activation_max);
  const int32_t taps = p.filter_h * p.filter_w;
  k.input = randomBytes(
      static_cast<size_t>(p.batches * p.input_h * p.input_w * p.input_c));
  k.filter = randomBytes(static_cast<size_t>(
      depthwise ? taps * p.output_c : p.output_c * taps * p.input_c));
  k.hasBias = uniform(0, 4) != 0;
  k.bias.resize(p.output_c);
  for (int32_t &b : k.bias)
    b = uniform(-20000, 20000);
  const int32_t depth = depthwise ? taps : taps * p.input_c;
  randomRequantization(p.output_c, 128.0 * 70.0 * std::sqrt(double(depth)),
                       k.multipliers, k.shifts);
  return k;
}

std::vector<int8_t> referenceConv(const ConvCase &k, bool depthwise) {
  const Conv2DParams &p = k.p;
  std::vector<int8_t> output(
      static_cast<size_t>(p.batches * p.output_h * p.output_w * p.output_c));
  const int32_t *bias = k.hasBias ? k.bias.data() : nullptr;
  if (depthwise) {
    ingot::ref::depthwise_conv2d_s8(
        k.input.data(), k.filter.data(), bias, output.data(),
        k.multipliers.data(), k.shifts.data(), p.batches, p.input_h, p.input_w,
        p.input_c, p.filter_h, p.filter_w, p.output_h, p.output_w, p.output_c,
        1, p.stride_h, p.stride_w, p.dilation_h, p.dilation_w, p.pad_top,
        p.pad_left, p.input_offset, p.output_offset, p.activation_min,
        p.activation_max);
  } else {
    ingot::ref::conv2d_s8(k.input.data(), k.filter.data(), bias, output.data(),
                          k.multipliers.data(), k.shifts.data(), p.batches,
                          p.input_h, p.input_w, p.input_c, p.filter_h,
                          p.filter_w, p.output_h, p.output_w, p.output_c,
                          p.stride_h, p.stride_w, p.dilation_h, p.dilation_w,
                          p.pad_top, p.pad_left, p.input_offset,
                          p.output_offset, p.activation_min, p.activation_max);
  }
  return output;
}

/// Packs and folds as the compiler does, then runs ingot::dsp::conv2d_s8.
/// `exact` -1 lets the bound decide, 0 forces the general rescale;
/// `scratchMode` as Scratch::forMode.
std::vector<int8_t> dspConv(ConvCase &k, int exact, int scratchMode) {
  Conv2DParams &p = k.p;
  const int32_t depth = p.filter_h * p.filter_w * p.input_c;
  std::vector<int8_t> packed(
      ingot::dsp::gemm_packed_filter_bytes(p.output_c, depth));
  ingot::dsp::pack_gemm_filter(k.filter.data(), p.output_c, depth,
                               packed.data());
  std::vector<int32_t> folded(p.output_c);
  ingot::dsp::fold_input_offset_gemm(k.filter.data(), p.output_c, depth,
                                     k.hasBias ? k.bias.data() : nullptr,
                                     p.input_offset, folded.data());
  p.single_rounding_exact =
      exact != 0 &&
      allChannelsExact(k.filter, p.output_c, depth, false, folded, k.shifts);
  Scratch scratch =
      Scratch::forMode(ingot::dsp::conv2d_s8_scratch_bytes(p), scratchMode);
  const std::vector<int32_t> records = rescaleRecords(
      k.multipliers, k.shifts, p.output_offset, p.single_rounding_exact);
  std::vector<int8_t> output(
      static_cast<size_t>(p.batches * p.output_h * p.output_w * p.output_c),
      99);
  ingot::dsp::conv2d_s8(p, k.input.data(), packed.data(), folded.data(),
                        output.data(), records.data(), scratch.data);
  return output;
}

std::vector<int8_t> dspDepthwise(ConvCase &k, int exact, int scratchMode) {
  Conv2DParams &p = k.p;
  const int32_t taps = p.filter_h * p.filter_w;
  std::vector<int8_t> packed(
      ingot::dsp::depthwise_packed_filter_bytes(taps, p.output_c));
  ingot::dsp::pack_depthwise_filter(k.filter.data(), taps, p.output_c,
                                    packed.data());
  std::vector<int32_t> folded(p.output_c);
  ingot::dsp::fold_input_offset_depthwise(k.filter.data(), taps, p.output_c,
                                          k.hasBias ? k.bias.data() : nullptr,
                                          p.input_offset, folded.data());
  p.single_rounding_exact =
      exact != 0 &&
      allChannelsExact(k.filter, p.output_c, taps, true, folded, k.shifts);
  Scratch scratch = Scratch::forMode(
      ingot::dsp::depthwise_conv2d_s8_scratch_bytes(p), scratchMode);
  const std::vector<int32_t> records = rescaleRecords(
      k.multipliers, k.shifts, p.output_offset, p.single_rounding_exact);
  std::vector<int8_t> output(
      static_cast<size_t>(p.batches * p.output_h * p.output_w * p.output_c),
      99);
  ingot::dsp::depthwise_conv2d_s8(p, k.input.data(), packed.data(),
                                  folded.data(), output.data(), records.data(),
                                  scratch.data);
  return output;
}

std::string describe(const Conv2DParams &p) {
  char text[400];
  std::snprintf(text, sizeof(text),
                "batches %d, input %dx%dx%d, filter %dx%d, output %dx%dx%d, "
                "stride %d,%d, dilation %d,%d, pad %d,%d, offsets %d,%d, "
                "activation [%d,%d], single rounding %d",
                int(p.batches), int(p.input_h), int(p.input_w), int(p.input_c),
                int(p.filter_h), int(p.filter_w), int(p.output_h),
                int(p.output_w), int(p.output_c), int(p.stride_h),
                int(p.stride_w), int(p.dilation_h), int(p.dilation_w),
                int(p.pad_top), int(p.pad_left), int(p.input_offset),
                int(p.output_offset), int(p.activation_min),
                int(p.activation_max), int(p.single_rounding_exact));
  return text;
}

TEST(DspConv2dS8, MatchesTheReferenceOnRandomShapes) {
  const std::vector<int32_t> inputChannels = {1, 2, 3, 4, 5, 7, 8, 12, 16, 32};
  const std::vector<int32_t> outputChannels = {1, 2, 3, 4, 5, 6, 7, 8, 16, 33};
  int exactRuns = 0;
  for (int i = 0; i < 600; ++i) {
    ConvCase k = randomConv(inputChannels, outputChannels, false);
    const std::vector<int8_t> expected = referenceConv(k, false);
    const int exact = i % 4 == 3 ? 0 : -1;
    // Scratch aligned, misaligned, or none.
    const std::vector<int8_t> actual = dspConv(k, exact, i % 3);
    exactRuns += k.p.single_rounding_exact;
    ASSERT_EQ(actual, expected) << "case " << i << ": " << describe(k.p);
  }
  // The bound holds for almost every realistic layer.
  EXPECT_GT(exactRuns, 300);
}

TEST(DspDepthwiseConv2dS8, MatchesTheReferenceOnRandomShapes) {
  const std::vector<int32_t> channels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 16, 19};
  int exactRuns = 0;
  for (int i = 0; i < 800; ++i) {
    ConvCase k = randomConv(channels, channels, true);
    const std::vector<int8_t> expected = referenceConv(k, true);
    const int exact = i % 4 == 3 ? 0 : -1;
    const std::vector<int8_t> actual = dspDepthwise(k, exact, i % 3);
    exactRuns += k.p.single_rounding_exact;
    ASSERT_EQ(actual, expected) << "case " << i << ": " << describe(k.p);
  }
  EXPECT_GT(exactRuns, 400);
}

struct FullyConnectedCase {
  FullyConnectedParams p;
  std::vector<int8_t> input, filter;
  std::vector<int32_t> bias;
  bool hasBias;
};

FullyConnectedCase randomFullyConnected() {
  static const int32_t kDepths[] = {1, 2, 3, 4, 5, 7, 8, 9, 16, 31, 64, 250};
  static const int32_t kOutputs[] = {1, 2, 3, 4, 5, 6, 7, 10, 12, 33};
  FullyConnectedCase k;
  FullyConnectedParams &p = k.p;
  p.batches = uniform(1, 3);
  p.input_depth = kDepths[uniform(0, 11)];
  p.output_depth = kOutputs[uniform(0, 9)];
  p.input_offset = uniform(-127, 128);
  p.output_offset = uniform(-128, 127);
  std::vector<int32_t> multipliers, shifts;
  randomRequantization(1, 128.0 * 70.0 * std::sqrt(double(p.input_depth)),
                       multipliers, shifts);
  p.output_multiplier = multipliers[0];
  p.output_shift = shifts[0];
  randomActivation(p.output_offset, p.activation_min, p.activation_max);
  k.input = randomBytes(static_cast<size_t>(p.batches * p.input_depth));
  k.filter = randomBytes(static_cast<size_t>(p.output_depth * p.input_depth));
  k.hasBias = uniform(0, 4) != 0;
  k.bias.resize(p.output_depth);
  for (int32_t &b : k.bias)
    b = uniform(-20000, 20000);
  return k;
}

TEST(DspFullyConnectedS8, MatchesTheReferenceOnRandomShapes) {
  int exactRuns = 0;
  for (int i = 0; i < 600; ++i) {
    FullyConnectedCase k = randomFullyConnected();
    FullyConnectedParams &p = k.p;
    const int32_t *bias = k.hasBias ? k.bias.data() : nullptr;
    std::vector<int8_t> expected(
        static_cast<size_t>(p.batches * p.output_depth));
    ingot::ref::fully_connected_s8(
        k.input.data(), k.filter.data(), bias, expected.data(), p.batches,
        p.input_depth, p.output_depth, p.input_offset, 0, p.output_offset,
        p.output_multiplier, p.output_shift, p.activation_min,
        p.activation_max);
    std::vector<int8_t> packed(
        ingot::dsp::gemm_packed_filter_bytes(p.output_depth, p.input_depth));
    ingot::dsp::pack_gemm_filter(k.filter.data(), p.output_depth, p.input_depth,
                                 packed.data());
    std::vector<int32_t> folded(p.output_depth);
    ingot::dsp::fold_input_offset_gemm(k.filter.data(), p.output_depth,
                                       p.input_depth, bias, p.input_offset,
                                       folded.data());
    const std::vector<int32_t> shifts(p.output_depth, p.output_shift);
    p.single_rounding_exact =
        i % 4 != 3 && allChannelsExact(k.filter, p.output_depth, p.input_depth,
                                       false, folded, shifts);
    exactRuns += p.single_rounding_exact;
    // Scratch aligned, misaligned, or none.
    Scratch scratch = Scratch::forMode(
        ingot::dsp::fully_connected_s8_scratch_bytes(p), i % 3);
    std::vector<int8_t> actual(expected.size(), 99);
    ingot::dsp::fully_connected_s8(p, k.input.data(), packed.data(),
                                   folded.data(), actual.data(), scratch.data);
    ASSERT_EQ(actual, expected)
        << "case " << i << ": batches " << p.batches << ", depth "
        << p.input_depth << ", outputs " << p.output_depth;
  }
  EXPECT_GT(exactRuns, 300);
}

//===----------------------------------------------------------------------===//
// The shape-specialized forms
//===----------------------------------------------------------------------===//

// Shapes as generated code would define them, each hitting a different mix of
// paths: channel tails, odd pixel counts, padding on every side, stride 2,
// dilation, batches, the gather path for input_c % 4 != 0, both rescales.
constexpr Conv2DParams kConvFirstLayer{1, 9, 9, 3, 3, 3,  5,  5,    7,   2,   2,
                                       1, 1, 1, 1, 1, 12, -5, -128, 127, true};
constexpr Conv2DParams kConvPointwise{2, 3, 5, 16, 1, 1,  3, 5,   10,  1,   1,
                                      1, 1, 0, 0,  1, -3, 4, -20, 127, true};
constexpr Conv2DParams kConvDilated{1, 8, 7, 8, 3, 3,   4, 5,    5,  1,    1,
                                    2, 1, 1, 0, 1, 128, 0, -128, 60, false};
constexpr Conv2DParams kDepthwise3x3{1, 7, 6, 12, 3, 3, 7,  6,    12,  1,   1,
                                     1, 1, 1, 1,  1, 5, -1, -128, 127, true};
constexpr Conv2DParams kDepthwiseStrided{
    2, 9, 8, 7, 3, 3, 5, 4, 7, 2, 2, 1, 1, 1, 0, 1, -127, 9, -100, 90, true};
constexpr Conv2DParams kDepthwiseWide{1, 6, 14, 8, 2, 5,  3, 4,    8,   2,    2,
                                      1, 2, 0,  1, 1, 77, 3, -128, 127, false};
constexpr FullyConnectedParams kFullyConnected{2,          37, 11,   9,   -6,
                                               1518500250, -7, -128, 100, true};

/// Runs both forms of conv2d_s8 (or the depthwise kernel) on random data
/// for the constexpr shape P and checks them against the reference.
template <const Conv2DParams &P, bool Depthwise> void checkSpecializedConv() {
  ConvCase k;
  k.p = P;
  const int32_t taps = P.filter_h * P.filter_w;
  k.input = randomBytes(
      static_cast<size_t>(P.batches * P.input_h * P.input_w * P.input_c));
  k.filter = randomBytes(static_cast<size_t>(
      Depthwise ? taps * P.output_c : P.output_c * taps * P.input_c));
  k.hasBias = true;
  k.bias.resize(P.output_c);
  for (int32_t &b : k.bias)
    b = uniform(-5000, 5000);
  const int32_t depth = Depthwise ? taps : taps * P.input_c;
  randomRequantization(P.output_c, 128.0 * 70.0 * std::sqrt(double(depth)),
                       k.multipliers, k.shifts);
  const std::vector<int8_t> expected = referenceConv(k, Depthwise);
  // Pack as the compiler would; the flag is the constexpr one, so check it
  // is allowed.
  std::vector<int8_t> packed;
  std::vector<int32_t> folded(P.output_c);
  if (Depthwise) {
    packed.resize(ingot::dsp::depthwise_packed_filter_bytes(taps, P.output_c));
    ingot::dsp::pack_depthwise_filter(k.filter.data(), taps, P.output_c,
                                      packed.data());
    ingot::dsp::fold_input_offset_depthwise(k.filter.data(), taps, P.output_c,
                                            k.bias.data(), P.input_offset,
                                            folded.data());
  } else {
    packed.resize(ingot::dsp::gemm_packed_filter_bytes(P.output_c, depth));
    ingot::dsp::pack_gemm_filter(k.filter.data(), P.output_c, depth,
                                 packed.data());
    ingot::dsp::fold_input_offset_gemm(k.filter.data(), P.output_c, depth,
                                       k.bias.data(), P.input_offset,
                                       folded.data());
  }
  if (P.single_rounding_exact)
    ASSERT_TRUE(allChannelsExact(k.filter, P.output_c, depth, Depthwise, folded,
                                 k.shifts));
  const int32_t scratchBytes =
      Depthwise ? ingot::dsp::depthwise_conv2d_s8_scratch_bytes(P)
                : ingot::dsp::conv2d_s8_scratch_bytes(P);
  const std::vector<int32_t> records = rescaleRecords(
      k.multipliers, k.shifts, P.output_offset, P.single_rounding_exact);
  // With scratch (misaligned), and without.
  for (int mode = 1; mode <= 2; ++mode) {
    Scratch scratch = Scratch::forMode(scratchBytes, mode);
    std::vector<int8_t> specialized(expected.size(), 99);
    std::vector<int8_t> compact(expected.size(), 99);
    if (Depthwise) {
      ingot::dsp::depthwise_conv2d_s8<P>(k.input.data(), packed.data(),
                                         folded.data(), specialized.data(),
                                         records.data(), scratch.data);
      ingot::dsp::depthwise_conv2d_s8(P, k.input.data(), packed.data(),
                                      folded.data(), compact.data(),
                                      records.data(), scratch.data);
    } else {
      ingot::dsp::conv2d_s8<P>(k.input.data(), packed.data(), folded.data(),
                               specialized.data(), records.data(),
                               scratch.data);
      ingot::dsp::conv2d_s8(P, k.input.data(), packed.data(), folded.data(),
                            compact.data(), records.data(), scratch.data);
    }
    EXPECT_EQ(specialized, expected) << describe(P) << ", scratch " << mode;
    EXPECT_EQ(compact, expected) << describe(P) << ", scratch " << mode;
  }
}

TEST(DspConv2dS8, SpecializedFormsMatchTheReference) {
  for (int i = 0; i < 5; ++i) {
    checkSpecializedConv<kConvFirstLayer, false>();
    checkSpecializedConv<kConvPointwise, false>();
    checkSpecializedConv<kConvDilated, false>();
  }
}

TEST(DspDepthwiseConv2dS8, SpecializedFormsMatchTheReference) {
  for (int i = 0; i < 5; ++i) {
    checkSpecializedConv<kDepthwise3x3, true>();
    checkSpecializedConv<kDepthwiseStrided, true>();
    checkSpecializedConv<kDepthwiseWide, true>();
  }
}

TEST(DspFullyConnectedS8, SpecializedFormMatchesTheReference) {
  constexpr const FullyConnectedParams &p = kFullyConnected;
  for (int i = 0; i < 5; ++i) {
    const std::vector<int8_t> input =
        randomBytes(static_cast<size_t>(p.batches * p.input_depth));
    const std::vector<int8_t> filter =
        randomBytes(static_cast<size_t>(p.output_depth * p.input_depth));
    std::vector<int32_t> bias(p.output_depth);
    for (int32_t &b : bias)
      b = uniform(-5000, 5000);
    std::vector<int8_t> expected(
        static_cast<size_t>(p.batches * p.output_depth));
    ingot::ref::fully_connected_s8(
        input.data(), filter.data(), bias.data(), expected.data(), p.batches,
        p.input_depth, p.output_depth, p.input_offset, 0, p.output_offset,
        p.output_multiplier, p.output_shift, p.activation_min,
        p.activation_max);
    std::vector<int8_t> packed(
        ingot::dsp::gemm_packed_filter_bytes(p.output_depth, p.input_depth));
    ingot::dsp::pack_gemm_filter(filter.data(), p.output_depth, p.input_depth,
                                 packed.data());
    std::vector<int32_t> folded(p.output_depth);
    ingot::dsp::fold_input_offset_gemm(filter.data(), p.output_depth,
                                       p.input_depth, bias.data(),
                                       p.input_offset, folded.data());
    for (int mode = 1; mode <= 2; ++mode) {
      Scratch scratch = Scratch::forMode(
          ingot::dsp::fully_connected_s8_scratch_bytes(p), mode);
      std::vector<int8_t> actual(expected.size(), 99);
      ingot::dsp::fully_connected_s8<kFullyConnected>(
          input.data(), packed.data(), folded.data(), actual.data(),
          scratch.data);
      EXPECT_EQ(actual, expected) << "scratch " << mode;
    }
  }
}

} // namespace
