//===- depthwise_conv2d_f32_test.cpp - Reference float32 depthwise conv ---===//
//
// Every expected value is worked out by hand in the comment next to it, with
// exactly representable inputs, weights and sums so that the comparisons are
// exact. The accumulation-order case relies on 2^24 + 1 rounding back to 2^24
// (ties to even) in single precision.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/depthwise_conv2d_f32.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <vector>

namespace {

constexpr float kTwo24 = 16777216.0f;

/// The depthwise convolution's geometry, with defaults for one batch, one
/// channel, depth multiplier 1, no stride, dilation, padding or activation.
struct DepthwiseCase {
  int32_t batches = 1, inputH = 1, inputW = 1, inputC = 1;
  int32_t filterH = 1, filterW = 1;
  int32_t outputH = 1, outputW = 1, outputC = 1, depthMultiplier = 1;
  int32_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int32_t padTop = 0, padLeft = 0;
  float activationMin = -FLT_MAX, activationMax = FLT_MAX;
};

std::vector<float> runDepthwise(const DepthwiseCase &c,
                                const std::vector<float> &input,
                                const std::vector<float> &filter,
                                const float *bias) {
  EXPECT_EQ(c.outputC, c.inputC * c.depthMultiplier);
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.inputC));
  EXPECT_EQ(filter.size(),
            static_cast<size_t>(c.filterH * c.filterW * c.outputC));
  // Pre-fill with a value no test expects, so unwritten outputs show up.
  std::vector<float> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.outputC),
      99.0f);
  ingot::ref::depthwise_conv2d_f32(
      input.data(), filter.data(), bias, output.data(), c.batches, c.inputH,
      c.inputW, c.inputC, c.filterH, c.filterW, c.outputH, c.outputW, c.outputC,
      c.depthMultiplier, c.strideH, c.strideW, c.dilationH, c.dilationW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

TEST(DepthwiseConv2dF32, DepthMultiplierTwoFeedsConsecutiveOutputs) {
  // One pixel, input channels (3, -2), depth multiplier 2: output channels
  // 0 and 1 read input channel 0, outputs 2 and 3 read input channel 1.
  DepthwiseCase c;
  c.inputC = 2;
  c.depthMultiplier = 2;
  c.outputC = 4;
  const std::vector<float> input = {3.0f, -2.0f};
  const std::vector<float> filter = {1.0f, 0.5f, 2.0f, -1.5f};
  const float bias[] = {0.25f, 0.0f, -1.0f, 0.5f};
  // 3 + 0.25, 1.5 + 0, -4 - 1, 3 + 0.5.
  EXPECT_EQ(runDepthwise(c, input, filter, bias),
            (std::vector<float>{3.25f, 1.5f, -5.0f, 3.5f}));
}

TEST(DepthwiseConv2dF32, FilterIsChannelInnermostAndChannelsStaySeparate) {
  // 2x2 input with two channels, 2x2 filter [fy][fx][oc]:
  // channel 0 inputs (1, 2, 3, 4) weights (1, 2, 3, 4) -> 1 + 4 + 9 + 16 = 30;
  // channel 1 inputs (10, 20, 30, 40) weights (0.5, 0.25, 0, -1)
  //   -> 5 + 5 + 0 - 40 = -30.
  DepthwiseCase c;
  c.inputH = c.inputW = 2;
  c.inputC = c.outputC = 2;
  c.filterH = c.filterW = 2;
  const std::vector<float> input = {1, 10, 2, 20, 3, 30, 4, 40};
  const std::vector<float> filter = {1, 0.5f, 2, 0.25f, 3, 0, 4, -1};
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{30, -30}));
}

TEST(DepthwiseConv2dF32, SamePaddingCountsOnlyInputTaps) {
  // 3x3 input of ones, 3x3 filter of ones, stride 1, SAME (padding 1): each
  // output counts the taps inside the input.
  DepthwiseCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 3;
  c.padTop = c.padLeft = 1;
  const std::vector<float> input(9, 1.0f);
  const std::vector<float> filter(9, 1.0f);
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{4, 6, 4, 6, 9, 6, 4, 6, 4}));
}

TEST(DepthwiseConv2dF32, StrideTwoWithPaddingShiftsTheWindow) {
  // 4x4 input holding 4y + x + 1, 3x3 filter keeping only its centre tap,
  // stride 2, SAME (padding 0 top/left, 1 bottom/right): output (oy, ox)
  // reads input (2oy + 1, 2ox + 1), i.e. (1,1)=6, (1,3)=8, (3,1)=14,
  // (3,3)=16.
  DepthwiseCase c;
  c.inputH = c.inputW = 4;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 2;
  c.strideH = c.strideW = 2;
  std::vector<float> input(16);
  for (int i = 0; i < 16; ++i)
    input[i] = static_cast<float>(i + 1);
  std::vector<float> filter(9, 0.0f);
  filter[4] = 1.0f;
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{6, 8, 14, 16}));
  // With one row and column of padding in front instead, the centre tap
  // reads (2oy, 2ox): 1, 3, 9, 11.
  c.padTop = c.padLeft = 1;
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{1, 3, 9, 11}));
}

TEST(DepthwiseConv2dF32, DilationWithDepthMultiplier) {
  // 3x3 input, one channel of powers of two, 2x2 filter with dilation 2 and
  // depth multiplier 2: both outputs read the corners 1, 4, 64, 256.
  // Filter [fy][fx][oc]: oc0 weights (1, 1, 1, 1), oc1 weights (1, 2, 3, 4).
  DepthwiseCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 2;
  c.dilationH = c.dilationW = 2;
  c.depthMultiplier = 2;
  c.outputC = 2;
  const std::vector<float> input = {1, 2, 4, 8, 16, 32, 64, 128, 256};
  const std::vector<float> filter = {1, 1, 1, 2, 1, 3, 1, 4};
  // oc0: 1 + 4 + 64 + 256 = 325; oc1: 1 + 8 + 192 + 1024 = 1225.
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{325, 1225}));
}

TEST(DepthwiseConv2dF32, BatchesAreIndependent) {
  // 1x2 input, 1x2 filter (2, -1), two batches, bias 0.5.
  DepthwiseCase c;
  c.batches = 2;
  c.inputW = 2;
  c.filterW = 2;
  const std::vector<float> input = {3, 1, -1, 4};
  const std::vector<float> filter = {2, -1};
  const float bias[] = {0.5f};
  // Batch 0: 6 - 1 + 0.5; batch 1: -2 - 4 + 0.5.
  EXPECT_EQ(runDepthwise(c, input, filter, bias),
            (std::vector<float>{5.5f, -5.5f}));
}

TEST(DepthwiseConv2dF32, FusedActivationClamps) {
  // One pixel with three channels of value 1 and weights -3.5, 2.5, 7.
  DepthwiseCase c;
  c.inputC = c.outputC = 3;
  const std::vector<float> input = {1, 1, 1};
  const std::vector<float> filter = {-3.5f, 2.5f, 7.0f};
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{-3.5f, 2.5f, 7.0f}));
  c.activationMin = 0.0f; // RELU
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{0.0f, 2.5f, 7.0f}));
  c.activationMax = 6.0f; // RELU6
  EXPECT_EQ(runDepthwise(c, input, filter, nullptr),
            (std::vector<float>{0.0f, 2.5f, 6.0f}));
}

TEST(DepthwiseConv2dF32, SumsInFilterOrderAndAddsTheBiasLast) {
  // A 1x3 window over (2^24, 1, -2^24) with weights of one and bias 1. In
  // filter order: 2^24 + 1 = 2^24 (rounded), - 2^24 = 0, + bias = 1. Summing
  // backwards would give -2^24 + 1 + 2^24 + 1 = 2; starting from the bias,
  // 1 + 2^24 = 2^24 and the result 0.
  DepthwiseCase c;
  c.inputW = 3;
  c.filterW = 3;
  const std::vector<float> input = {kTwo24, 1.0f, -kTwo24};
  const std::vector<float> filter = {1, 1, 1};
  const float bias[] = {1.0f};
  EXPECT_EQ(runDepthwise(c, input, filter, bias), (std::vector<float>{1.0f}));
}

} // namespace
