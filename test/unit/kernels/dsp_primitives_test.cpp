//===- dsp_primitives_test.cpp - Pieces of the Armv7E-M DSP kernels -------===//
//
// The instructions of arm/dsp.h (on the host, their portable definitions)
// against naive definitions, the identities behind the DSP kernels' fast
// rescale against fixed_point.h, and the packed layouts and folded biases
// of packing.h on small hand-checked examples.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/arm/dsp.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/dsp/packing.h"
#include "ingot/runtime/kernels/dsp/rescale.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <random>
#include <vector>

namespace {

std::mt19937 &rng() {
  static std::mt19937 engine(20240611);
  return engine;
}

int32_t uniform(int32_t low, int32_t high) {
  return std::uniform_int_distribution<int32_t>(low, high)(rng());
}

int32_t randomWord() {
  return static_cast<int32_t>(std::uniform_int_distribution<uint32_t>()(rng()));
}

//===----------------------------------------------------------------------===//
// The instructions
//===----------------------------------------------------------------------===//

int32_t byteOf(int32_t x, int i) {
  return static_cast<int8_t>((static_cast<uint32_t>(x) >> (8 * i)) & 0xFF);
}

int32_t halfOf(int32_t x, int i) {
  return static_cast<int16_t>((static_cast<uint32_t>(x) >> (16 * i)) & 0xFFFF);
}

TEST(DspInstructions, MatchTheirDefinitions) {
  std::vector<int32_t> values = {0,
                                 -1,
                                 1,
                                 INT32_MIN,
                                 INT32_MAX,
                                 0x7F7F7F7F,
                                 static_cast<int32_t>(0x80808080u),
                                 0x00FF00FF,
                                 0x12345678};
  for (int i = 0; i < 2000; ++i)
    values.push_back(randomWord());
  for (size_t i = 0; i < values.size(); ++i) {
    const int32_t a = values[i], b = values[(i * 7 + 3) % values.size()];
    const int32_t c = values[(i * 13 + 5) % values.size()];
    EXPECT_EQ(ingot::dsp::sxtb16(a),
              (byteOf(a, 0) & 0xFFFF) | (byteOf(a, 2) * 65536));
    EXPECT_EQ(ingot::dsp::sxtb16_ror8(a),
              (byteOf(a, 1) & 0xFFFF) | (byteOf(a, 3) * 65536));
    const int64_t sum = int64_t{c} + int64_t{halfOf(a, 0)} * halfOf(b, 0) +
                        int64_t{halfOf(a, 1)} * halfOf(b, 1);
    EXPECT_EQ(ingot::dsp::smlad(a, b, c),
              static_cast<int32_t>(static_cast<uint32_t>(sum)));
    EXPECT_EQ(halfOf(ingot::dsp::pkhbt_lsl16(a, b), 0), halfOf(a, 0));
    EXPECT_EQ(halfOf(ingot::dsp::pkhbt_lsl16(a, b), 1), halfOf(b, 0));
    EXPECT_EQ(halfOf(ingot::dsp::pkhtb_asr16(a, b), 0), halfOf(a, 1));
    EXPECT_EQ(halfOf(ingot::dsp::pkhtb_asr16(a, b), 1), halfOf(b, 1));
    // floor((a * b + 2^31) / 2^32), by long division in int64 halves.
    const int64_t product = int64_t{a} * b + (int64_t{1} << 31);
    const int64_t floored =
        product >= 0
            ? product / (int64_t{1} << 32)
            : -((-product + (int64_t{1} << 32) - 1) / (int64_t{1} << 32));
    EXPECT_EQ(ingot::dsp::smmulr(a, b), floored);
  }
}

//===----------------------------------------------------------------------===//
// The one-multiply rescale
//===----------------------------------------------------------------------===//

TEST(DspRescale, SmmulrOfTheDoubledValueIsTheDoublingHighMultiply) {
  for (int i = 0; i < 200000; ++i) {
    const int32_t a = randomWord() >> uniform(0, 31);
    if (a > INT32_MAX / 2 || a < INT32_MIN / 2)
      continue;
    const int32_t m = i % 2 ? randomWord() : uniform(1 << 30, INT32_MAX);
    ASSERT_EQ(ingot::dsp::smmulr(2 * a, m),
              ingot::saturating_rounding_doubling_high_mul(a, m))
        << a << " " << m;
  }
}

TEST(DspRescale, DoubledRoundingShiftIsRoundingDivideByPotPlusZeroPoint) {
  // (2v + 2^r + 2^(r+1) z - (v < 0)) >> (r + 1), for |v| <= 2^29, r <= 21.
  auto formula = [](int32_t v, int32_t r, int32_t z) {
    const int32_t offset = (int32_t{1} << r) + z * (int32_t{1} << (r + 1));
    return (offset + 2 * v + (v >> 31)) >> (r + 1);
  };
  for (int i = 0; i < 300000; ++i) {
    const int32_t v = randomWord() >> uniform(2, 31);
    const int32_t r = uniform(0, 21), z = uniform(-128, 127);
    ASSERT_EQ(formula(v, r, z), ingot::rounding_divide_by_pot(v, r) + z)
        << v << " " << r << " " << z;
  }
  // Every tie near zero, and the extremes.
  for (int32_t r = 0; r < 8; ++r)
    for (int32_t v = -1000; v <= 1000; ++v)
      ASSERT_EQ(formula(v, r, -128), ingot::rounding_divide_by_pot(v, r) - 128);
  for (int32_t v : {(1 << 29), -(1 << 29)})
    for (int32_t z : {-128, 127})
      ASSERT_EQ(formula(v, 21, z), ingot::rounding_divide_by_pot(v, 21) + z);
}

TEST(DspRescale, BothPathsMatchTheReference) {
  for (int i = 0; i < 300000; ++i) {
    const int32_t shift = i % 5 == 0 ? uniform(-21, 29) : uniform(-14, 4);
    const int32_t multiplier =
        i % 97 == 0 ? 0
                    : (i % 13 == 0 ? INT32_MAX : uniform(1 << 30, INT32_MAX));
    const int32_t zero_point = uniform(-128, 127);
    const int32_t bound = INT32_MAX >> (2 + std::max(shift, 0));
    const int32_t acc = i % 11 == 0  ? (i % 2 ? bound : -bound)
                        : i % 3 == 0 ? uniform(-bound, bound)
                                     : uniform(-bound, bound) >> uniform(0, 30);
    ASSERT_TRUE(
        ingot::dsp::single_rounding_exact(std::abs(int64_t{acc}), shift));
    const int32_t expected =
        ingot::multiply_by_quantized_multiplier(acc, multiplier, shift) +
        zero_point;
    const ingot::dsp::ChannelRescale record =
        ingot::dsp::channel_rescale(multiplier, shift, zero_point);
    ASSERT_EQ(ingot::dsp::rescale_fast(acc, record), expected)
        << acc << " " << multiplier << " " << shift << " " << zero_point;
    // The general path, also where the left shift overflows.
    const int32_t any = randomWord();
    const int32_t anyShift = uniform(-31, 30);
    ASSERT_EQ(
        ingot::dsp::rescale_general(any, multiplier, anyShift, zero_point),
        ingot::multiply_by_quantized_multiplier(any, multiplier, anyShift) +
            zero_point);
  }
}

TEST(DspRescale, SingleRoundingExactIsTheOverflowBound) {
  using ingot::dsp::single_rounding_exact;
  EXPECT_TRUE(single_rounding_exact(0, 0));
  EXPECT_TRUE(single_rounding_exact((int64_t{1} << 29) - 1, -5));
  EXPECT_FALSE(single_rounding_exact(int64_t{1} << 29, -5));
  EXPECT_TRUE(single_rounding_exact((int64_t{1} << 29) - 1, 0));
  EXPECT_TRUE(single_rounding_exact((int64_t{1} << 26) - 1, 3));
  EXPECT_FALSE(single_rounding_exact(int64_t{1} << 26, 3));
  EXPECT_TRUE(single_rounding_exact(1, 28));
  EXPECT_FALSE(single_rounding_exact(1, 29));
  EXPECT_TRUE(single_rounding_exact(1000, -21));
  EXPECT_FALSE(single_rounding_exact(1000, -22));
  EXPECT_FALSE(single_rounding_exact(-1, 0));
}

//===----------------------------------------------------------------------===//
// Packing
//===----------------------------------------------------------------------===//

TEST(DspPacking, GemmPairsRowsBlockByBlockAndPadsDepth) {
  // Three rows of depth 5: two pairs' worth of blocks for rows 0 and 1, then
  // row 2 alone; depth padded to 8.
  std::vector<int8_t> filter(15);
  for (int i = 0; i < 15; ++i)
    filter[i] = static_cast<int8_t>(i + 1);
  ASSERT_EQ(ingot::dsp::gemm_packed_filter_bytes(3, 5), 24);
  std::vector<int8_t> packed(24, 99);
  ingot::dsp::pack_gemm_filter(filter.data(), 3, 5, packed.data());
  const std::vector<int8_t> expected = {1,  2,  3,  4,  6,  7, 8, 9, //
                                        5,  0,  0,  0,  10, 0, 0, 0, //
                                        11, 12, 13, 14, 15, 0, 0, 0};
  EXPECT_EQ(packed, expected);
}

TEST(DspPacking, DepthwisePairsTapsPerChannelAndKeepsAnOddTapAlone) {
  // Three taps, five channels: one block of four, then one tail channel.
  const int32_t taps = 3, channels = 5;
  std::vector<int8_t> filter(taps * channels);
  for (int t = 0; t < taps; ++t)
    for (int c = 0; c < channels; ++c)
      filter[t * channels + c] = static_cast<int8_t>(-(10 * t + c + 1));
  ASSERT_EQ(ingot::dsp::depthwise_packed_filter_bytes(taps, channels),
            2 * 16 + 3);
  std::vector<int8_t> packed(35, 99);
  ingot::dsp::pack_depthwise_filter(filter.data(), taps, channels,
                                    packed.data());
  auto word = [&](int index) {
    return std::vector<int32_t>{
        static_cast<int16_t>((packed[4 * index] & 0xFF) |
                             (packed[4 * index + 1] << 8)),
        static_cast<int16_t>((packed[4 * index + 2] & 0xFF) |
                             (packed[4 * index + 3] << 8))};
  };
  auto w = [&](int t, int c) { return int32_t{filter[t * channels + c]}; };
  for (int c = 0; c < 4; ++c)
    EXPECT_EQ(word(c), (std::vector<int32_t>{w(0, c), w(1, c)}));
  EXPECT_EQ(word(4), (std::vector<int32_t>{w(2, 0), 0}));
  EXPECT_EQ(word(5), (std::vector<int32_t>{w(2, 1), 0}));
  EXPECT_EQ(word(6), (std::vector<int32_t>{0, w(2, 2)}));
  EXPECT_EQ(word(7), (std::vector<int32_t>{0, w(2, 3)}));
  EXPECT_EQ(std::vector<int8_t>(packed.begin() + 32, packed.end()),
            (std::vector<int8_t>{filter[4], filter[9], filter[14]}));
}

TEST(DspPacking, ConstantChannelsBecomeFastWithTheSameOutputs) {
  for (int i = 0; i < 100000; ++i) {
    // Dead channels look like this: a huge bias, a tiny scale. Any other
    // constant channel must come out the same too.
    int32_t bias = i % 2 ? (i % 4 == 1 ? (1 << 30) : -(1 << 30))
                         : randomWord() >> uniform(0, 31);
    int32_t multiplier = uniform(1 << 30, INT32_MAX);
    int32_t shift = i % 3 ? uniform(-31, -18) : uniform(-31, 30);
    const int32_t zeroPoint = uniform(-128, 127);
    const int32_t low = uniform(-128, 0), high = uniform(low, 127);
    auto output = [&](int32_t acc, int32_t m, int32_t s) {
      return ingot::clamp_i32(
          ingot::multiply_by_quantized_multiplier(acc, m, s) + zeroPoint, low,
          high);
    };
    const int32_t expected = output(bias, multiplier, shift);
    ingot::dsp::fold_constant_channel(&bias, &multiplier, &shift);
    ASSERT_EQ(output(bias, multiplier, shift), expected);
    ASSERT_TRUE(ingot::dsp::single_rounding_exact(std::abs(bias), shift));
    const ingot::dsp::ChannelRescale record =
        ingot::dsp::channel_rescale(multiplier, shift, zeroPoint);
    ASSERT_EQ(
        ingot::clamp_i32(ingot::dsp::rescale_fast(bias, record), low, high),
        expected);
  }
}

TEST(DspPacking, FoldingAddsTheOffsetTimesTheWeightSum) {
  const std::vector<int8_t> filter = {1, -2, 3, 4, 5, -6};
  const int32_t bias[] = {100, -100};
  int32_t folded[2];
  ingot::dsp::fold_input_offset_gemm(filter.data(), 2, 3, bias, 7, folded);
  EXPECT_EQ(folded[0], 100 + 7 * 2);
  EXPECT_EQ(folded[1], -100 + 7 * 3);
  ingot::dsp::fold_input_offset_gemm(filter.data(), 2, 3, nullptr, -3, folded);
  EXPECT_EQ(folded[0], -6);
  // Depthwise, [taps = 3][channels = 2].
  ingot::dsp::fold_input_offset_depthwise(filter.data(), 3, 2, bias, 2, folded);
  EXPECT_EQ(folded[0], 100 + 2 * (1 + 3 + 5));
  EXPECT_EQ(folded[1], -100 + 2 * (-2 + 4 - 6));
}

} // namespace
