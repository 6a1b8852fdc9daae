//===- svdf_params_test.cpp - SVDF rescale multipliers --------------------===//
//
// Power-of-two scales give multipliers that follow by hand. For ordinary
// scales the defining fact is that TFLite Micro forms each effective scale in
// float: its Q31 mantissa then carries only float's 24 significant bits, so
// the low 7 bits of the multiplier are zero.
//
//===----------------------------------------------------------------------===//
#include "SvdfParams.h"

#include <gtest/gtest.h>

namespace {

using ingot::quant::computeSvdfParams;
using ingot::quant::quantizeMultiplier;
using ingot::quant::SvdfParams;

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(SvdfParams, PowerOfTwoScales) {
  // Feature: 2^-3 * 2^-7 / 2^-4 = 2^-6 = 0.5 * 2^-5.
  // Output: 2^-4 * 2^-6 / 2^-2 = 2^-8 = 0.5 * 2^-7.
  const SvdfParams p =
      computeSvdfParams(0.125f, 1.0f / 128, 1.0f / 16, 1.0f / 64, 0.25f);
  EXPECT_EQ(p.feature.multiplier, kHalf);
  EXPECT_EQ(p.feature.shift, -5);
  EXPECT_EQ(p.output.multiplier, kHalf);
  EXPECT_EQ(p.output.shift, -7);
  // TFLite Micro's int8 SVDF saturates to int8 only.
  EXPECT_EQ(p.activationMin, -128);
  EXPECT_EQ(p.activationMax, 127);
}

TEST(SvdfParams, EffectiveScalesAreFormedInFloat) {
  // Scales of keyword_scrambled_int8's first SVDF layer.
  const float input = 0.0592083335f, weightsFeature = 0.00917120650f;
  const float state = 0.807311416f, weightsTime = 0.0149387335f;
  const float output = 0.236183375f;
  const SvdfParams p =
      computeSvdfParams(input, weightsFeature, state, weightsTime, output);
  EXPECT_EQ(p.feature.multiplier % 128, 0);
  EXPECT_EQ(p.output.multiplier % 128, 0);
  const float scale1 = input * weightsFeature / state;
  const float scale2 = state * weightsTime / output;
  EXPECT_EQ(p.feature.multiplier, quantizeMultiplier(scale1).multiplier);
  EXPECT_EQ(p.feature.shift, quantizeMultiplier(scale1).shift);
  EXPECT_EQ(p.output.multiplier, quantizeMultiplier(scale2).multiplier);
  EXPECT_EQ(p.output.shift, quantizeMultiplier(scale2).shift);
  // The same quotients in double would differ in the low bits.
  const double exact1 = static_cast<double>(input) * weightsFeature / state;
  EXPECT_NE(p.feature.multiplier, quantizeMultiplier(exact1).multiplier);
}

TEST(SvdfParams, BiasScaleMustMatchStateTimesTimeWeights) {
  using ingot::quant::isValidSvdfBiasScale;
  EXPECT_TRUE(isValidSvdfBiasScale(0.012060210f, 0.807311416f, 0.0149387335f));
  EXPECT_FALSE(isValidSvdfBiasScale(0.013f, 0.807311416f, 0.0149387335f));
}

} // namespace
