//===- depthwise_conv2d_s16_test.cpp - Reference int16x8 depthwise conv ---===//
//
// Expected values are worked out by hand. Rescales are powers of two, written
// as (2^30, shift) = 2^(shift - 1), so the only rounding is the single
// rounding of multiply_by_quantized_multiplier_s64 (ties toward +infinity).
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/depthwise_conv2d_s16.h"

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
  int32_t activationMin = -32768, activationMax = 32767;
};

/// Runs the kernel with multiplier 2^30 on every channel and the given
/// per-channel shifts.
std::vector<int16_t> runDepthwise(const DepthwiseCase &c,
                                  const std::vector<int16_t> &input,
                                  const std::vector<int8_t> &filter,
                                  const int64_t *bias,
                                  const std::vector<int32_t> &shifts) {
  const int32_t outputC = c.inputC * c.depthMultiplier;
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.inputC));
  EXPECT_EQ(filter.size(),
            static_cast<size_t>(c.filterH * c.filterW * outputC));
  EXPECT_EQ(shifts.size(), static_cast<size_t>(outputC));
  const std::vector<int32_t> multipliers(shifts.size(), kHalf);
  std::vector<int16_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * outputC), 99);
  ingot::ref::depthwise_conv2d_s16(
      input.data(), filter.data(), bias, output.data(), multipliers.data(),
      shifts.data(), c.batches, c.inputH, c.inputW, c.inputC, c.filterH,
      c.filterW, c.outputH, c.outputW, outputC, c.depthMultiplier, c.strideH,
      c.strideW, c.dilationH, c.dilationW, c.padTop, c.padLeft, c.activationMin,
      c.activationMax);
  return output;
}

TEST(DepthwiseConv2dS16, DepthMultiplierPerChannelShiftsAndBias) {
  // Input channels (300, -301), depth multiplier 2: output channel 2*ic + m
  // reads input channel ic. Filter (1, 2, -3, 1), bias (0, 1, 0, -2):
  //   ch0:  300 * 1      =  300, times 1   (shift  1) ->  300
  //   ch1:  300 * 2 + 1  =  601, times 1/2 (shift  0) ->  300.5 -> 301
  //   ch2: -301 * -3     =  903, times 1/4 (shift -1) ->  225.75 -> 226
  //   ch3: -301 * 1 - 2  = -303, times 1/2 (shift  0) -> -151.5 -> -151
  DepthwiseCase c;
  c.inputC = 2;
  c.depthMultiplier = 2;
  const std::vector<int64_t> bias = {0, 1, 0, -2};
  EXPECT_EQ(
      runDepthwise(c, {300, -301}, {1, 2, -3, 1}, bias.data(), {1, 0, -1, 0}),
      (std::vector<int16_t>{300, 301, 226, -151}));
}

TEST(DepthwiseConv2dS16, PaddedBorderWindows) {
  // 3x3 input 1..9, 2x2 filter of ones, one row and column of leading
  // padding, rescale 1: output (y, x) sums input rows y-1..y, columns x-1..x
  // that lie inside. Padded taps contribute nothing.
  DepthwiseCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 2;
  c.outputH = c.outputW = 3;
  c.padTop = c.padLeft = 1;
  EXPECT_EQ(
      runDepthwise(c, {1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 1, 1, 1}, nullptr, {1}),
      (std::vector<int16_t>{1, 3, 5, 5, 12, 16, 11, 24, 28}));
}

TEST(DepthwiseConv2dS16, StrideDilationAndBatches) {
  // Rows [1 2 3 4 5] and [-5 -4 -3 -2 -1] as two batches; taps [1 10] two
  // apart (dilation 2), stride 2:
  //   batch 0:  1 + 10 * 3 = 31,  3 + 10 * 5 = 53
  //   batch 1: -5 - 10 * 3 = -35, -3 - 10 * 1 = -13
  DepthwiseCase c;
  c.batches = 2;
  c.inputW = 5;
  c.filterW = 2;
  c.outputW = 2;
  c.strideW = 2;
  c.dilationW = 2;
  EXPECT_EQ(runDepthwise(c, {1, 2, 3, 4, 5, -5, -4, -3, -2, -1}, {1, 10},
                         nullptr, {1}),
            (std::vector<int16_t>{31, 53, -35, -13}));
}

TEST(DepthwiseConv2dS16, AccumulatesBeyondInt32) {
  // A 23x23 window of 32767 under weights 127: 529 * 127 * 32767 =
  // 2201385361 > 2^31. Rescaled by 2^-20 (2^30, -19): 2099.40 -> 2099.
  // With -32768 instead: -2201452544 * 2^-20 = -2099.47 -> -2099.
  DepthwiseCase c;
  c.inputH = c.inputW = c.filterH = c.filterW = 23;
  const std::vector<int8_t> filter(529, 127);
  EXPECT_EQ(
      runDepthwise(c, std::vector<int16_t>(529, 32767), filter, nullptr, {-19}),
      std::vector<int16_t>{2099});
  EXPECT_EQ(runDepthwise(c, std::vector<int16_t>(529, -32768), filter, nullptr,
                         {-19}),
            std::vector<int16_t>{-2099});
}

TEST(DepthwiseConv2dS16, SaturatesToInt16) {
  // Two channels of two taps each, rescale 1: 2 * 32767 and -2 * -32768 do
  // not fit int16 and saturate; -32768 * 1 + -32768 * 1 saturates low.
  DepthwiseCase c;
  c.inputW = 2;
  c.inputC = 2;
  c.filterW = 2;
  EXPECT_EQ(runDepthwise(c, {32767, -32768, 32767, -32768}, {1, -1, 1, -1},
                         nullptr, {1, 1}),
            (std::vector<int16_t>{32767, 32767}));
  EXPECT_EQ(
      runDepthwise(c, {-32768, 5, -32768, 6}, {1, 1, 1, 1}, nullptr, {1, 1}),
      (std::vector<int16_t>{-32768, 11}));
}

TEST(DepthwiseConv2dS16, Int64BiasAndActivationClamp) {
  // A zero input leaves only the bias: 2^33 * 2^-20 = 8192 and
  // -(2^33) -> -8192, which the activation range [-100, 20000] clamps.
  DepthwiseCase c;
  c.depthMultiplier = 2;
  c.activationMin = -100;
  c.activationMax = 20000;
  const std::vector<int64_t> bias = {int64_t{1} << 33, -(int64_t{1} << 33)};
  EXPECT_EQ(runDepthwise(c, {0}, {5, 5}, bias.data(), {-19, -19}),
            (std::vector<int16_t>{8192, -100}));
}

} // namespace
