//===- softmax_params_test.cpp - Softmax input scaling --------------------===//
//
// beta * scale * 2^26 is decomposed as multiplier * 2^(shift - 31), and
// diff_min = -floor(31 * 2^26 / 2^shift). With power-of-two scales both are
// exact by hand; 0.1f is worked through bit by bit below.
//
//===----------------------------------------------------------------------===//
#include "SoftmaxParams.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {

using ingot::quant::computeSoftmaxParams;
using ingot::quant::SoftmaxParams;

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(SoftmaxParams, PowerOfTwoScales) {
  // 2^-4 * 2^26 = 2^22 = 0.5 * 2^23; diff_min = -floor(31 * 2^3) = -248.
  SoftmaxParams p = computeSoftmaxParams(1.0f / 16, 1.0f);
  EXPECT_EQ(p.inputMultiplier, kHalf);
  EXPECT_EQ(p.inputLeftShift, 23);
  EXPECT_EQ(p.diffMin, -248);

  // Scale 1: 2^26 = 0.5 * 2^27; diff_min = -floor(31 / 2) = -15.
  p = computeSoftmaxParams(1.0f, 1.0f);
  EXPECT_EQ(p.inputMultiplier, kHalf);
  EXPECT_EQ(p.inputLeftShift, 27);
  EXPECT_EQ(p.diffMin, -15);
}

TEST(SoftmaxParams, BetaMultipliesTheScale) {
  // beta 2 at 2^-4 equals scale 2^-3: shift 24, diff_min -floor(31 * 4).
  SoftmaxParams p = computeSoftmaxParams(1.0f / 16, 2.0f);
  EXPECT_EQ(p.inputMultiplier, kHalf);
  EXPECT_EQ(p.inputLeftShift, 24);
  EXPECT_EQ(p.diffMin, -124);
  // beta 1/2: shift 22, diff_min -floor(31 * 16).
  p = computeSoftmaxParams(1.0f / 16, 0.5f);
  EXPECT_EQ(p.inputLeftShift, 22);
  EXPECT_EQ(p.diffMin, -496);
}

TEST(SoftmaxParams, NonPowerOfTwoScale) {
  // 0.1f is 13421773 * 2^-27, so 0.1f * 2^26 = 6710886.5 = 0.80000001... *
  // 2^23, whose Q31 mantissa 6710886.5 * 2^8 = 1717986944 is exact.
  const SoftmaxParams p = computeSoftmaxParams(0.1f, 1.0f);
  EXPECT_EQ(p.inputMultiplier, 1717986944);
  EXPECT_EQ(p.inputLeftShift, 23);
  EXPECT_EQ(p.diffMin, -248);
}

TEST(SoftmaxParams, HugeScaleIsCappedBelowTwoTo31) {
  // 64 * 2^26 = 2^32 is capped at 2^31 - 1 = (1 - 2^-31) * 2^31: the
  // multiplier is 2^31 - 1 with shift 31, and only a zero difference (the
  // row maximum itself) survives: diff_min = -floor(31 * 2^26 / 2^31) = 0.
  const SoftmaxParams p = computeSoftmaxParams(64.0f, 1.0f);
  EXPECT_EQ(p.inputMultiplier, INT32_MAX);
  EXPECT_EQ(p.inputLeftShift, 31);
  EXPECT_EQ(p.diffMin, 0);
}

TEST(SoftmaxParams, RejectsMultipliersNotAboveOne) {
  // 2^-27 * 2^26 = 0.5: TFLite Micro refuses
  // (QuantizeMultiplierGreaterThanOne).
  SoftmaxParams p;
  p.inputMultiplier = 42;
  EXPECT_FALSE(computeSoftmaxParams(1.0f / (1 << 27), 1.0f, p));
  EXPECT_EQ(p.inputMultiplier, 42);
  EXPECT_TRUE(computeSoftmaxParams(1.0f / 16, 1.0f, p));
}

TEST(SoftmaxParams, OutputQuantizationRequirements) {
  using ingot::quant::isValidSoftmaxOutputS16;
  using ingot::quant::isValidSoftmaxOutputS8;
  EXPECT_TRUE(isValidSoftmaxOutputS8(1.0f / 256, -128));
  EXPECT_FALSE(isValidSoftmaxOutputS8(1.0f / 256, -127));
  EXPECT_FALSE(isValidSoftmaxOutputS8(0.0039f, -128)); // must be exact
  EXPECT_TRUE(isValidSoftmaxOutputS16(1.0f / 65536, -32768));
  // 1/65535 (keyword_scrambled_int8) is within the 0.1% tolerance.
  EXPECT_TRUE(isValidSoftmaxOutputS16(1.0f / 65535, -32768));
  EXPECT_FALSE(isValidSoftmaxOutputS16(1.0f / 32768, -32768));
  EXPECT_FALSE(isValidSoftmaxOutputS16(1.0f / 65536, 0));
}

} // namespace

namespace {

TEST(SoftmaxParamsS16, RescaleMapsMinusTenToMinus65535) {
  // input_scale * beta / (10 / 65535): a scale of 10/65535 is exactly one.
  ingot::quant::SoftmaxParams params;
  ASSERT_TRUE(
      ingot::quant::computeSoftmaxParamsS16(10.0f / 65535, 1.0f, params));
  // 1.0 = 2^30 * 2^(1 - 31).
  EXPECT_EQ(params.inputMultiplier, 1 << 30);
  EXPECT_EQ(params.inputLeftShift, 1);
  // 0.25 = 2^30 * 2^(-1 - 31).
  ASSERT_TRUE(
      ingot::quant::computeSoftmaxParamsS16(10.0f / 65535, 0.25f, params));
  EXPECT_EQ(params.inputMultiplier, 1 << 30);
  EXPECT_EQ(params.inputLeftShift, -1);
  EXPECT_FALSE(ingot::quant::computeSoftmaxParamsS16(0.0f, 1.0f, params));
}

TEST(SoftmaxParamsS16, RejectsRescalesThatOverflowTheShift) {
  // Differences reach -65535 < 2^16 and are shifted left by the exponent,
  // so it must stay at 15 or below: input scale x beta under
  // 2^15 x 10 / 65535 = 5.00008.
  ingot::quant::SoftmaxParams params;
  ASSERT_TRUE(ingot::quant::computeSoftmaxParamsS16(4.99f, 1.0f, params));
  EXPECT_EQ(params.inputLeftShift, 15);
  EXPECT_FALSE(ingot::quant::computeSoftmaxParamsS16(5.01f, 1.0f, params));
  EXPECT_FALSE(ingot::quant::computeSoftmaxParamsS16(0.5f, 20.0f, params));
}

TEST(SoftmaxParamsS16, ExpTableSamplesExpOnMinusTenToZero) {
  // Entry i stands for x = -10 + 10 i / 512, in Q0.15 (32768 = 1); the
  // midpoint nudge moves an entry by at most one step.
  ingot::quant::SoftmaxS16Lut table = ingot::quant::softmaxS16ExpLut();
  for (int i = 0; i < 512; ++i) {
    double x = -10.0 + 10.0 * i / 512;
    EXPECT_NEAR(table[i], std::exp(x) * 32768, 1.5) << i;
  }
  // exp(0) = 1 saturates to the largest int16.
  EXPECT_EQ(table[512], 32767);
  EXPECT_TRUE(std::is_sorted(table.begin(), table.end()));
}

TEST(SoftmaxParamsS16, ReciprocalTableSamplesOneOverOnePlusX) {
  // Entry i stands for x = i / 512 in [0, 1].
  ingot::quant::SoftmaxS16Lut table = ingot::quant::softmaxS16ReciprocalLut();
  for (int i = 0; i < 512; ++i) {
    double x = i / 512.0;
    EXPECT_NEAR(table[i], std::min(32767.0, 32768 / (1 + x)), 1.5) << i;
  }
  EXPECT_EQ(table[512], 16384);
  EXPECT_TRUE(std::is_sorted(table.rbegin(), table.rend()));
}

TEST(SoftmaxParamsS16, OutputQuantizationRequirements) {
  EXPECT_TRUE(ingot::quant::isValidSoftmaxOutputS16FromS16(1.0f / 32768, 0));
  EXPECT_TRUE(ingot::quant::isValidSoftmaxOutputS16FromS16(1.0f / 32767, 0));
  EXPECT_FALSE(ingot::quant::isValidSoftmaxOutputS16FromS16(1.0f / 32768, 1));
  EXPECT_FALSE(ingot::quant::isValidSoftmaxOutputS16FromS16(1.0f / 16384, 0));
}

} // namespace
