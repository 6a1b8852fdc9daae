//===- requantize_test.cpp - Integer-to-integer QUANTIZE kernels ----------===//
//
// Rescale factors are exact powers of two ((2^30, shift s) is 2^(s-1)), so
// expected values follow by hand: halving rounds ties upward (the doubling
// high multiply's rule) and results saturate to the output type.
//
//===----------------------------------------------------------------------===//
#include "RequantizeParams.h"
#include "ingot/runtime/kernels/ref/requantize_s16_s32.h"
#include "ingot/runtime/kernels/ref/requantize_s16_s8.h"
#include "ingot/runtime/kernels/ref/requantize_s8_s8.h"
#include "ingot/runtime/kernels/ref/requantize_s8_u8.h"
#include "ingot/runtime/kernels/ref/requantize_u8_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(RequantizeS16S8, HalvesRoundsAndSaturates) {
  const std::vector<int16_t> in = {0, 1, 3, -3, 100, 1000, -1000};
  std::vector<int8_t> out(in.size());
  // Scale ratio 0.5, output zero point -128.
  ingot::ref::requantize_s16_s8(in.data(), out.data(), 7, 0, -128, kHalf, 0);
  // 0.5, 1.5 and -1.5 round up to 1, 2 and -1; 500 and -500 saturate.
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -127, -126, -128, -78, 127, -128}));
}

TEST(RequantizeS16S8, ZeroPointsShiftBothSides) {
  const std::vector<int16_t> in = {10, 20, -118};
  std::vector<int8_t> out(in.size());
  // Identity scale; (x - 10) - 5.
  ingot::ref::requantize_s16_s8(in.data(), out.data(), 3, 10, -5, kHalf, 1);
  EXPECT_EQ(out, (std::vector<int8_t>{-5, 5, -128}));
}

TEST(RequantizeS8S8, DoublesAndSaturates) {
  const std::vector<int8_t> in = {-128, -64, -1, 0, 63, 64, 127};
  std::vector<int8_t> out(in.size());
  // Scale ratio 2, input zero point -1, output zero point 0.
  ingot::ref::requantize_s8_s8(in.data(), out.data(), 7, -1, 0, kHalf, 2);
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -126, 0, 2, 127, 127, 127}));
}

TEST(RequantizeU8S8, SameScaleShiftsBy128) {
  // The converter's uint8 input: same scale, zero point 128 higher, so the
  // whole uint8 range maps one to one onto int8.
  const std::vector<uint8_t> in = {0, 1, 127, 128, 200, 255};
  std::vector<int8_t> out(in.size());
  ingot::ref::requantize_u8_s8(in.data(), out.data(), 6, 133, 5, kHalf, 1);
  EXPECT_EQ(out, (std::vector<int8_t>{-128, -127, -1, 0, 72, 127}));
}

TEST(RequantizeS8U8, SameScaleShiftsBy128) {
  const std::vector<int8_t> in = {-128, -1, 0, 5, 127};
  std::vector<uint8_t> out(in.size());
  ingot::ref::requantize_s8_u8(in.data(), out.data(), 5, 5, 133, kHalf, 1);
  EXPECT_EQ(out, (std::vector<uint8_t>{0, 127, 128, 133, 255}));
}

TEST(RequantizeS8U8, HalvesAndSaturatesAtZero) {
  const std::vector<int8_t> in = {-128, -3, 0, 3, 127};
  std::vector<uint8_t> out(in.size());
  // Scale ratio 0.5, output zero point 10: -64 saturates to 0; -1.5 and 1.5
  // round up to -1 and 2.
  ingot::ref::requantize_s8_u8(in.data(), out.data(), 5, 0, 10, kHalf, 0);
  EXPECT_EQ(out, (std::vector<uint8_t>{0, 9, 10, 12, 74}));
}

TEST(RequantizeS16S32, FullRangeHalving) {
  // int16 with zero point -32768 mapped to half scale: [0, 65535] -> [0,
  // 32767.5], the top rounding up.
  const std::vector<int16_t> in = {-32768, -32767, 0, 32767};
  std::vector<int32_t> out(in.size());
  ingot::ref::requantize_s16_s32(in.data(), out.data(), 4, -32768, 0, kHalf, 0);
  EXPECT_EQ(out, (std::vector<int32_t>{0, 1, 16384, 32768}));
}

TEST(RequantizeS16S32, KeywordModelSoftmaxToOutput) {
  // keyword_scrambled_int8's last op: softmax probabilities (scale 1/65535,
  // zero point -32768) to scale 1/32767, zero point 0. Real ratio 32767/65535,
  // so probability 1 (65535 steps) is 32767 and 0 stays 0.
  const auto q = ingot::quant::requantizeMultiplier(1.0f / 65535, 1.0f / 32767);
  const std::vector<int16_t> in = {-32768, 32767, 0};
  std::vector<int32_t> out(in.size());
  ingot::ref::requantize_s16_s32(in.data(), out.data(), 3, -32768, 0,
                                 q.multiplier, q.shift);
  // 32768 * 32767 / 65535 = 16383.75 -> 16384.
  EXPECT_EQ(out, (std::vector<int32_t>{0, 32767, 16384}));
}

TEST(RequantizeS16S32, OutputZeroPointSumSaturates) {
  // 30000 * 2^15 + 2e9 exceeds int32: saturate rather than wrap.
  const std::vector<int16_t> in = {30000, -30000};
  std::vector<int32_t> out(in.size());
  ingot::ref::requantize_s16_s32(in.data(), out.data(), 2, 0, 2000000000, kHalf,
                                 16);
  EXPECT_EQ(out[0], INT32_MAX);
  EXPECT_EQ(out[1], 2000000000 - 30000 * 32768);
}

} // namespace
