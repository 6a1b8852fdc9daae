//===- depthwise_conv2d_s8_test.cpp - Reference int8 depthwise conv -------===//
//
// Every expected value is worked out by hand in the comment next to it. A
// multiplier of 2^30 is the real number 0.5 * 2^shift. The doubling high
// multiply rounds ties upward (-0.5 becomes 0), the final right shift rounds
// ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

struct DepthwiseCase {
  int32_t batches = 1, inputH = 1, inputW = 1, inputC = 1;
  int32_t filterH = 1, filterW = 1;
  int32_t outputH = 1, outputW = 1, depthMultiplier = 1;
  int32_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int32_t padTop = 0, padLeft = 0;
  int32_t inputOffset = 0, outputOffset = 0;
  int32_t activationMin = -128, activationMax = 127;
};

std::vector<int8_t> runDepthwise(const DepthwiseCase &c,
                                 const std::vector<int8_t> &input,
                                 const std::vector<int8_t> &filter,
                                 const int32_t *bias,
                                 const std::vector<int32_t> &multipliers,
                                 const std::vector<int32_t> &shifts) {
  const int32_t outputC = c.inputC * c.depthMultiplier;
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.inputC));
  EXPECT_EQ(filter.size(),
            static_cast<size_t>(c.filterH * c.filterW * outputC));
  std::vector<int8_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * outputC), 99);
  ingot::ref::depthwise_conv2d_s8(
      input.data(), filter.data(), bias, output.data(), multipliers.data(),
      shifts.data(), c.batches, c.inputH, c.inputW, c.inputC, c.filterH,
      c.filterW, c.outputH, c.outputW, outputC, c.depthMultiplier, c.strideH,
      c.strideW, c.dilationH, c.dilationW, c.padTop, c.padLeft, c.inputOffset,
      c.outputOffset, c.activationMin, c.activationMax);
  return output;
}

TEST(DepthwiseConv2dS8, DepthMultiplierTwoWithPerChannelMultipliers) {
  // Two input channels, depth multiplier 2: output channel 2*ic + m reads
  // input channel ic. Input zero point -2 turns (8, 18) into (10, 20).
  DepthwiseCase c;
  c.batches = 2;
  c.inputC = 2;
  c.depthMultiplier = 2;
  c.inputOffset = 2;
  c.outputOffset = -3;
  const std::vector<int8_t> input = {8, 18, -2, -2};
  const std::vector<int8_t> filter = {1, 2, 3, 4};
  const int32_t bias[] = {1, 0, 0, -1};
  // Batch 0: products 10, 20, 60, 80; with bias 11, 20, 60, 79.
  //   ch0 * 0.5 = 5.5 -> 6; ch1 * 1 = 20; ch2 * 0.25 = 60*0.5 = 30, /2 = 15;
  //   ch3 * 0.5 = 39.5 -> 40. Minus 3: 3, 17, 12, 37.
  // Batch 1: inputs are zero after the offset, so only the bias remains:
  //   1 * 0.5 -> 1 (tie up), 0, 0, -1 * 0.5 = -0.5 -> 0 (tie up). Minus 3.
  const std::vector<int8_t> output = runDepthwise(
      c, input, filter, bias, {kHalf, kHalf, kHalf, kHalf}, {0, 1, -1, 0});
  EXPECT_EQ(output, (std::vector<int8_t>{3, 17, 12, 37, -2, -3, -3, -3}));
}

TEST(DepthwiseConv2dS8, SamePaddingStrideTwoOnOddInputPerChannel) {
  const ingot::quant::PaddingValues padding =
      ingot::quant::computePadding(true, 5, 5, 3, 3, 2, 2, 1, 1);
  DepthwiseCase c;
  c.inputH = c.inputW = 5;
  c.inputC = 2;
  c.filterH = c.filterW = 3;
  c.outputH = padding.outputH;
  c.outputW = padding.outputW;
  c.strideH = c.strideW = 2;
  c.padTop = padding.top;
  c.padLeft = padding.left;
  // Stored zeros with zero point -1: each tap inside the input contributes
  // its weight; padded taps contribute nothing.
  c.inputOffset = 1;
  const std::vector<int8_t> input(50, 0);
  // Channel 0 weights are all 1, channel 1 weights all 2 ([1][3][3][2]).
  std::vector<int8_t> filter;
  for (int tap = 0; tap < 9; ++tap) {
    filter.push_back(1);
    filter.push_back(2);
  }
  // Taps inside the input per output: rows {0,1}, {1,2,3}, {3,4} times the
  // same columns: 4 6 4 / 6 9 6 / 4 6 4; channel 1 doubles them.
  const std::vector<int8_t> output =
      runDepthwise(c, input, filter, nullptr, {kHalf, kHalf}, {1, 1});
  const std::vector<int8_t> expected = {4,  8, 6,  12, 4, 8, 6,  12, 9,
                                        18, 6, 12, 4,  8, 6, 12, 4,  8};
  EXPECT_EQ(output, expected);
}

TEST(DepthwiseConv2dS8, DilationAndClampToActivationMax) {
  // 5x5 input holding 5*y + x, 2x2 filter (1, 2; 3, 4), dilation 2, VALID:
  // out(y, x) = 10 (5y + x) + 4 + 30 + 48 = 50y + 10x + 82, identity rescale,
  // clamped to at most 100.
  DepthwiseCase c;
  c.inputH = c.inputW = 5;
  c.filterH = c.filterW = 2;
  c.outputH = c.outputW = 3;
  c.dilationH = c.dilationW = 2;
  c.activationMax = 100;
  std::vector<int8_t> input;
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x)
      input.push_back(static_cast<int8_t>(5 * y + x));
  const std::vector<int8_t> filter = {1, 2, 3, 4};
  const std::vector<int8_t> output =
      runDepthwise(c, input, filter, nullptr, {kHalf}, {1});
  // Row 0: 82, 92, 102 -> 100. Rows 1 and 2 start at 132: all 100.
  EXPECT_EQ(output,
            (std::vector<int8_t>{82, 92, 100, 100, 100, 100, 100, 100, 100}));
}

TEST(DepthwiseConv2dS8, ClampsToActivationMin) {
  DepthwiseCase c;
  c.inputC = 2;
  c.activationMin = -50;
  const std::vector<int8_t> input = {100, -100};
  const std::vector<int8_t> filter = {-1, 1};
  const int32_t bias[] = {0, 10};
  // ch0: -100 clamps to -50; ch1: -100 + 10 = -90 clamps to -50.
  const std::vector<int8_t> output =
      runDepthwise(c, input, filter, bias, {kHalf, kHalf}, {1, 1});
  EXPECT_EQ(output, (std::vector<int8_t>{-50, -50}));
}

} // namespace
