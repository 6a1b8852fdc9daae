//===- depthwise_conv2d_hybrid_f32_s8_test.cpp - Hybrid depthwise ---------===//
//
// Inputs whose largest magnitude is 127 make the on-the-fly input scale
// exactly 1, so expectations are integer window sums times the filter scale,
// worked out by hand.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/depthwise_conv2d_hybrid_f32_s8.h"

#include <gtest/gtest.h>

#include <array>
#include <cfloat>

namespace {

TEST(DepthwiseConv2DHybrid, EachChannelUsesItsOwnFilter) {
  // 1x2x1x2 input (two pixels, two channels), 1x2x1x2 filter, VALID.
  const std::array<float, 4> input = {127.0f, 2.0f, 1.0f, -3.0f};
  const std::array<int8_t, 4> filter = {1, 10, 2, -1};
  const std::array<float, 1> scales = {0.5f};
  std::array<int8_t, 4> scratch{};
  std::array<float, 2> output{};
  ingot::ref::depthwise_conv2d_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), 1, nullptr, output.data(),
      scratch.data(), 1, 2, 1, 2, 2, 1, 1, 1, 2, 1, 1, 1, 1, 1, 0, 0, -FLT_MAX,
      FLT_MAX);
  // channel 0: 127*1 + 1*2 = 129 -> 64.5; channel 1: 2*10 + (-3)*(-1) = 23
  // -> 11.5.
  EXPECT_FLOAT_EQ(output[0], 64.5f);
  EXPECT_FLOAT_EQ(output[1], 11.5f);
}

TEST(DepthwiseConv2DHybrid, DepthMultiplierAndBias) {
  // One pixel, one input channel, depth multiplier 2.
  const std::array<float, 1> input = {127.0f};
  const std::array<int8_t, 2> filter = {1, -2};
  const std::array<float, 1> scales = {1.0f};
  const std::array<float, 2> bias = {0.5f, 1.0f};
  std::array<int8_t, 1> scratch{};
  std::array<float, 2> output{};
  ingot::ref::depthwise_conv2d_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), 1, bias.data(), output.data(),
      scratch.data(), 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 0, 0, -FLT_MAX,
      FLT_MAX);
  EXPECT_FLOAT_EQ(output[0], 127.5f);
  EXPECT_FLOAT_EQ(output[1], -253.0f);
}

TEST(DepthwiseConv2DHybrid, PaddingSkipsOutsideTapsAndReluClamps) {
  // 1x1x2x1 input, 1x1x3x1 filter, one output with padding 1 on the left.
  const std::array<float, 2> input = {127.0f, -127.0f};
  const std::array<int8_t, 3> filter = {100, 1, 2};
  const std::array<float, 1> scales = {1.0f};
  std::array<int8_t, 2> scratch{};
  std::array<float, 2> output{};
  ingot::ref::depthwise_conv2d_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), 1, nullptr, output.data(),
      scratch.data(), 1, 1, 2, 1, 1, 3, 1, 2, 1, 1, 1, 1, 1, 1, 0, 1, 0.0f,
      FLT_MAX);
  // x=0: taps -1 (skipped), 0, 1: 127*1 + (-127)*2 = -127 -> ReLU 0.
  // x=1: taps 0, 1, 2 (skipped): 127*100 + (-127)*1 = 12573.
  EXPECT_FLOAT_EQ(output[0], 0.0f);
  EXPECT_FLOAT_EQ(output[1], 12573.0f);
}

} // namespace
