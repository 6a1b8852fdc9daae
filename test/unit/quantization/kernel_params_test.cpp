//===- kernel_params_test.cpp - Integer parameters of the ref kernels -----===//
//
// Expected multipliers come from exact powers of two worked out by hand
// (2^30 with shift s is the real number 2^(s - 1)), except where a test is
// about float-versus-double evaluation: there the expectation is TFLite's
// formula written out in the test with explicit casts, and the test first
// checks that the other evaluation really gives a different answer, so it
// can tell the two apart.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using ingot::quant::ActivationRange;
using ingot::quant::FusedActivation;
using ingot::quant::PaddingValues;
using ingot::quant::QuantizedMultiplier;
using ingot::quant::quantizeMultiplier;

constexpr int32_t kHalf = int32_t{1} << 30;

// Scales for which rounding the product input * filter to float changes the
// quantized multiplier.
constexpr float kInputScale = 0.0422851741f;
constexpr float kFilterScale = 0.00997212995f;
constexpr float kOutputScale = 0.0723121315f;

bool sameMultiplier(QuantizedMultiplier a, QuantizedMultiplier b) {
  return a.multiplier == b.multiplier && a.shift == b.shift;
}

QuantizedMultiplier viaDoubleProduct(float input, float filter, float output) {
  return quantizeMultiplier(static_cast<double>(input) *
                            static_cast<double>(filter) /
                            static_cast<double>(output));
}

QuantizedMultiplier viaFloatProduct(float input, float filter, float output) {
  const float product = input * filter;
  return quantizeMultiplier(static_cast<double>(product) /
                            static_cast<double>(output));
}

TEST(ConvPerChannelMultipliers, EachChannelHasItsOwnScale) {
  // 0.5 * 0.5 / 0.125 = 2 = 0.5 * 2^2; 0.5 * 0.25 / 0.125 = 1 = 0.5 * 2^1;
  // 0.5 * 0.0625 / 0.125 = 0.25 = 0.5 * 2^-1.
  const std::vector<QuantizedMultiplier> m =
      ingot::quant::convPerChannelMultipliers(0.5f, {0.5f, 0.25f, 0.0625f},
                                              0.125f, 3);
  ASSERT_EQ(m.size(), 3u);
  EXPECT_EQ(m[0].multiplier, kHalf);
  EXPECT_EQ(m[0].shift, 2);
  EXPECT_EQ(m[1].multiplier, kHalf);
  EXPECT_EQ(m[1].shift, 1);
  EXPECT_EQ(m[2].multiplier, kHalf);
  EXPECT_EQ(m[2].shift, -1);
}

TEST(ConvPerChannelMultipliers, SingleScaleIsBroadcast) {
  // 0.25 * 0.5 / 1 = 0.125 = 0.5 * 2^-2 for all four channels.
  const std::vector<QuantizedMultiplier> m =
      ingot::quant::convPerChannelMultipliers(0.25f, {0.5f}, 1.0f, 4);
  ASSERT_EQ(m.size(), 4u);
  for (const QuantizedMultiplier &channel : m) {
    EXPECT_EQ(channel.multiplier, kHalf);
    EXPECT_EQ(channel.shift, -2);
  }
}

TEST(ConvPerChannelMultipliers, MismatchedScaleCountGivesNothing) {
  EXPECT_TRUE(
      ingot::quant::convPerChannelMultipliers(0.5f, {0.5f, 0.25f}, 0.125f, 3)
          .empty());
  EXPECT_TRUE(
      ingot::quant::convPerChannelMultipliers(0.5f, {}, 0.125f, 3).empty());
}

TEST(ConvPerChannelMultipliers, ProductIsEvaluatedInDouble) {
  const QuantizedMultiplier expected =
      viaDoubleProduct(kInputScale, kFilterScale, kOutputScale);
  ASSERT_FALSE(sameMultiplier(
      expected, viaFloatProduct(kInputScale, kFilterScale, kOutputScale)));
  const std::vector<QuantizedMultiplier> m =
      ingot::quant::convPerChannelMultipliers(kInputScale, {0.5f, kFilterScale},
                                              kOutputScale, 2);
  ASSERT_EQ(m.size(), 2u);
  EXPECT_TRUE(sameMultiplier(m[1], expected));
}

TEST(FullyConnectedMultiplier, PowersOfTwo) {
  // 0.5 * 0.5 / 0.125 = 2 = 0.5 * 2^2; 0.25 * 0.25 / 4 = 2^-6 = 0.5 * 2^-5.
  const QuantizedMultiplier up =
      ingot::quant::fullyConnectedMultiplier(0.5f, 0.5f, 0.125f);
  EXPECT_EQ(up.multiplier, kHalf);
  EXPECT_EQ(up.shift, 2);
  const QuantizedMultiplier down =
      ingot::quant::fullyConnectedMultiplier(0.25f, 0.25f, 4.0f);
  EXPECT_EQ(down.multiplier, kHalf);
  EXPECT_EQ(down.shift, -5);
}

TEST(FullyConnectedMultiplier, ProductIsRoundedToFloat) {
  const QuantizedMultiplier expected =
      viaFloatProduct(kInputScale, kFilterScale, kOutputScale);
  ASSERT_FALSE(sameMultiplier(
      expected, viaDoubleProduct(kInputScale, kFilterScale, kOutputScale)));
  EXPECT_TRUE(sameMultiplier(ingot::quant::fullyConnectedMultiplier(
                                 kInputScale, kFilterScale, kOutputScale),
                             expected));
}

TEST(ComputeAddParams, DifferentInputScales) {
  // Scales 0.5 and 0.25, output 1: twice the larger input scale is 1, so the
  // input multipliers are 0.5 = (2^30, 0) and 0.25 = (2^30, -1), and the
  // output multiplier is 1 / (2^20 * 1) = 2^-20 = (2^30, -19).
  const ingot::quant::AddParams p =
      ingot::quant::computeAddParams(0.5f, -5, 0.25f, 3, 1.0f, 7);
  EXPECT_EQ(p.input1Offset, 5);
  EXPECT_EQ(p.input1Multiplier, kHalf);
  EXPECT_EQ(p.input1Shift, 0);
  EXPECT_EQ(p.input2Offset, -3);
  EXPECT_EQ(p.input2Multiplier, kHalf);
  EXPECT_EQ(p.input2Shift, -1);
  EXPECT_EQ(p.leftShift, 20);
  EXPECT_EQ(p.outputOffset, 7);
  EXPECT_EQ(p.outputMultiplier, kHalf);
  EXPECT_EQ(p.outputShift, -19);
}

TEST(ComputeAddParams, LargerSecondInputSetsTheCommonScale) {
  // Scales 0.125 and 0.5, output 0.25: twice the larger is 1, so input1 gets
  // 0.125 = (2^30, -2) and input2 0.5 = (2^30, 0); output 1 / (2^20 / 4) =
  // 2^-18 = (2^30, -17).
  const ingot::quant::AddParams p =
      ingot::quant::computeAddParams(0.125f, 0, 0.5f, 0, 0.25f, 0);
  EXPECT_EQ(p.input1Multiplier, kHalf);
  EXPECT_EQ(p.input1Shift, -2);
  EXPECT_EQ(p.input2Multiplier, kHalf);
  EXPECT_EQ(p.input2Shift, 0);
  EXPECT_EQ(p.outputMultiplier, kHalf);
  EXPECT_EQ(p.outputShift, -17);
}

TEST(ComputeAddParams, NonPowerOfTwoScalesMatchTheDoubleFormula) {
  // 0.75 / (2 * 1) = 0.375 = 0.75 * 2^-1: mantissa 0.75 * 2^31.
  // 0.3 / 2 in double from the float 0.3f, and 2 / (2^20 * 0.01f).
  const ingot::quant::AddParams p =
      ingot::quant::computeAddParams(0.3f, 0, 1.0f, 0, 0.01f, 0);
  const int32_t threeQuarters = 3 * (int32_t{1} << 29);
  EXPECT_TRUE(sameMultiplier({p.input2Multiplier, p.input2Shift}, {kHalf, 0}));
  EXPECT_TRUE(
      sameMultiplier({p.input1Multiplier, p.input1Shift},
                     quantizeMultiplier(static_cast<double>(0.3f) / 2.0)));
  EXPECT_TRUE(sameMultiplier(
      {p.outputMultiplier, p.outputShift},
      quantizeMultiplier(2.0 / (1048576.0 * static_cast<double>(0.01f)))));
  const ingot::quant::AddParams q =
      ingot::quant::computeAddParams(0.75f, 0, 1.0f, 0, 1.0f, 0);
  EXPECT_EQ(q.input1Multiplier, threeQuarters);
  EXPECT_EQ(q.input1Shift, -1);
}

TEST(QuantizedActivationRange, NoneKeepsTheStorageRange) {
  const ActivationRange r = ingot::quant::quantizedActivationRange(
      FusedActivation::None, 0.1f, 5, -128, 127);
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, 127);
}

TEST(QuantizedActivationRange, ReluStartsAtTheZeroPoint) {
  const ActivationRange r = ingot::quant::quantizedActivationRange(
      FusedActivation::Relu, 0.1f, -10, -128, 127);
  EXPECT_EQ(r.min, -10);
  EXPECT_EQ(r.max, 127);
}

TEST(QuantizedActivationRange, Relu6RoundsHalfAwayFromZero) {
  // 6 / 12 = 0.5 rounds to 1 (round-half-even would give 0): [3, 4].
  const ActivationRange r = ingot::quant::quantizedActivationRange(
      FusedActivation::Relu6, 12.0f, 3, -128, 127);
  EXPECT_EQ(r.min, 3);
  EXPECT_EQ(r.max, 4);
}

TEST(QuantizedActivationRange, Relu6IsClampedToTheStorageRange) {
  // 6 / 0.01 = 600 is beyond 127.
  const ActivationRange r = ingot::quant::quantizedActivationRange(
      FusedActivation::Relu6, 0.01f, 0, -128, 127);
  EXPECT_EQ(r.min, 0);
  EXPECT_EQ(r.max, 127);
}

TEST(QuantizedActivationRange, Relu6DividesInFloat) {
  // 6 / s is 118.499997 exactly, but the float quotient is 118.5, which
  // rounds away to 119: the upper bound is -128 + 119 = -9, where dividing in
  // double would give -10.
  const float scale = 0.0506329127f;
  ASSERT_EQ(6.0f / scale, 118.5f);
  ASSERT_LT(6.0 / static_cast<double>(scale), 118.5);
  const ActivationRange r = ingot::quant::quantizedActivationRange(
      FusedActivation::Relu6, scale, -128, -128, 127);
  EXPECT_EQ(r.min, -128);
  EXPECT_EQ(r.max, -9);
}

TEST(QuantizedActivationRange, ReluN1To1RoundsHalvesAwayFromZero) {
  // -1 / 2 = -0.5 -> -1 and 1 / 2 = 0.5 -> 1.
  const ActivationRange r = ingot::quant::quantizedActivationRange(
      FusedActivation::ReluN1To1, 2.0f, 0, -128, 127);
  EXPECT_EQ(r.min, -1);
  EXPECT_EQ(r.max, 1);
  // With scale 0.05 and zero point 20: -1 / 0.05 = -20 -> 0, 1 / 0.05 = 20
  // -> 40.
  const ActivationRange s = ingot::quant::quantizedActivationRange(
      FusedActivation::ReluN1To1, 0.05f, 20, -128, 127);
  EXPECT_EQ(s.min, 0);
  EXPECT_EQ(s.max, 40);
}

void expectPadding(const PaddingValues &actual, int32_t top, int32_t left,
                   int32_t outputH, int32_t outputW) {
  EXPECT_EQ(actual.top, top);
  EXPECT_EQ(actual.left, left);
  EXPECT_EQ(actual.outputH, outputH);
  EXPECT_EQ(actual.outputW, outputW);
}

TEST(ComputePadding, SameStrideTwoOnOddInput) {
  // ceil(5 / 2) = 3 outputs; total padding (3 - 1) * 2 + 3 - 5 = 2, 1 first.
  expectPadding(ingot::quant::computePadding(true, 5, 5, 3, 3, 2, 2, 1, 1), 1,
                1, 3, 3);
}

TEST(ComputePadding, SameStrideTwoOnEvenInputPadsAtTheEnd) {
  // ceil(4 / 2) = 2 outputs; total padding 2 + 3 - 4 = 1, all of it at the
  // bottom/right, so the leading pad is 0.
  expectPadding(ingot::quant::computePadding(true, 4, 4, 3, 3, 2, 2, 1, 1), 0,
                0, 2, 2);
}

TEST(ComputePadding, SameWithDifferentAxes) {
  // Height 7, filter 5, stride 1: 7 outputs, total 4, pad 2. Width 6,
  // filter 2, stride 3: 2 outputs, total 3 + 2 - 6 < 0, pad 0.
  expectPadding(ingot::quant::computePadding(true, 7, 6, 5, 2, 1, 3, 1, 1), 2,
                0, 7, 2);
}

TEST(ComputePadding, Valid) {
  // (5 + 2 - 3) / 2 = 2 outputs, no padding.
  expectPadding(ingot::quant::computePadding(false, 5, 5, 3, 3, 2, 2, 1, 1), 0,
                0, 2, 2);
}

TEST(ComputePadding, DilationWidensTheWindow) {
  // Filter 3 with dilation 2 spans 5. SAME: 7 outputs, total 6 + 5 - 7 = 4,
  // pad 2. VALID: (7 + 1 - 5) / 1 = 3 outputs.
  expectPadding(ingot::quant::computePadding(true, 7, 7, 3, 3, 1, 1, 2, 2), 2,
                2, 7, 7);
  expectPadding(ingot::quant::computePadding(false, 7, 7, 3, 3, 1, 1, 2, 2), 0,
                0, 3, 3);
}

TEST(ComputePadding, InvalidArgumentsGiveZeros) {
  // VALID window wider than the input: (2 + 1 - 5) / 1 < 0.
  expectPadding(ingot::quant::computePadding(false, 2, 2, 5, 5, 1, 1, 1, 1), 0,
                0, 0, 0);
  // Zero stride.
  expectPadding(ingot::quant::computePadding(true, 5, 5, 3, 3, 0, 1, 1, 1), 0,
                0, 0, 0);
}

} // namespace
