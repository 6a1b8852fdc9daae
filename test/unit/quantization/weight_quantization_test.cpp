//===- weight_quantization_test.cpp - Symmetric weight quantization -------===//
//
// Expected values are worked out by hand: max|w| maps to +-127 and every other
// value to round(w * 127 / max|w|), halves away from zero.
//
//===----------------------------------------------------------------------===//
#include "WeightQuantization.h"

#include <gtest/gtest.h>

namespace {

using ingot::quant::quantizeWeightsPerChannel;
using ingot::quant::quantizeWeightsPerTensor;

TEST(WeightQuantization, LargestMagnitudeMapsTo127) {
  auto q = quantizeWeightsPerTensor({-2.54f, 1.27f, 0.0f, 0.005f});
  ASSERT_EQ(q.scales.size(), 1u);
  EXPECT_FLOAT_EQ(q.scales[0], 2.54f / 127.0f);
  EXPECT_EQ(q.values, (std::vector<int8_t>{-127, 64, 0, 0}));
}

TEST(WeightQuantization, HalvesRoundAwayFromZero) {
  // 127 / 254 = 0.5 exactly: 1 -> 0.5 -> 1 and -3 -> -1.5 -> -2.
  auto q = quantizeWeightsPerTensor({254.0f, 1.0f, -3.0f});
  EXPECT_EQ(q.values, (std::vector<int8_t>{127, 1, -2}));
}

TEST(WeightQuantization, AllZeroGetsScaleOne) {
  auto q = quantizeWeightsPerTensor({0.0f, 0.0f});
  EXPECT_FLOAT_EQ(q.scales[0], 1.0f);
  EXPECT_EQ(q.values, (std::vector<int8_t>{0, 0}));
}

TEST(WeightQuantization, PerChannelScalesAreIndependent) {
  // Channel 0 spans 1.27, channel 1 spans 12.7: a shared scale would crush
  // channel 0 to +-13.
  auto q = quantizeWeightsPerChannel({1.27f, -0.635f, 12.7f, 6.35f}, 2);
  ASSERT_EQ(q.scales.size(), 2u);
  EXPECT_FLOAT_EQ(q.scales[0], 0.01f);
  EXPECT_FLOAT_EQ(q.scales[1], 0.1f);
  EXPECT_EQ(q.values, (std::vector<int8_t>{127, -64, 127, 64}));
}

TEST(WeightQuantization, LastAxisChannelsAreInterleaved) {
  // Layout [rows=2][channels=2]: channel 0 is {1.27, 0.635}, channel 1 is
  // {-12.7, 6.35}.
  auto q = ingot::quant::quantizeWeightsPerLastAxis(
      {1.27f, -12.7f, 0.635f, 6.35f}, 2);
  ASSERT_EQ(q.scales.size(), 2u);
  EXPECT_FLOAT_EQ(q.scales[0], 0.01f);
  EXPECT_FLOAT_EQ(q.scales[1], 0.1f);
  EXPECT_EQ(q.values, (std::vector<int8_t>{127, -127, 64, 64}));
}

} // namespace
