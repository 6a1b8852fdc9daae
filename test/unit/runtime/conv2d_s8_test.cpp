//===- conv2d_s8_test.cpp - Reference int8 convolution --------------------===//
//
// Every expected value is worked out by hand in the comment next to it. A
// multiplier of 2^30 is the real number 0.5 * 2^shift, so (2^30, 0) halves,
// (2^30, 1) is the identity and (2^30, -1) quarters. Rounding follows the
// double-rounding rule: the doubling high multiply rounds ties upward, the
// final right shift rounds ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/conv2d_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

/// The convolution's geometry and quantization, with defaults for the common
/// case of one batch, no stride, no dilation and no padding.
struct ConvCase {
  int32_t batches = 1, inputH = 1, inputW = 1, inputC = 1;
  int32_t filterH = 1, filterW = 1;
  int32_t outputH = 1, outputW = 1, outputC = 1;
  int32_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int32_t padTop = 0, padLeft = 0;
  int32_t inputOffset = 0, outputOffset = 0;
  int32_t activationMin = -128, activationMax = 127;
};

std::vector<int8_t> runConv(const ConvCase &c, const std::vector<int8_t> &input,
                            const std::vector<int8_t> &filter,
                            const int32_t *bias,
                            const std::vector<int32_t> &multipliers,
                            const std::vector<int32_t> &shifts) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.inputC));
  EXPECT_EQ(filter.size(),
            static_cast<size_t>(c.outputC * c.filterH * c.filterW * c.inputC));
  // Pre-fill with a value no test expects, so unwritten outputs show up.
  std::vector<int8_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.outputC), 99);
  ingot::ref::conv2d_s8(input.data(), filter.data(), bias, output.data(),
                        multipliers.data(), shifts.data(), c.batches, c.inputH,
                        c.inputW, c.inputC, c.filterH, c.filterW, c.outputH,
                        c.outputW, c.outputC, c.strideH, c.strideW, c.dilationH,
                        c.dilationW, c.padTop, c.padLeft, c.inputOffset,
                        c.outputOffset, c.activationMin, c.activationMax);
  return output;
}

TEST(Conv2dS8, PerChannelMultipliersAndShifts) {
  // One pixel, two input channels, four output channels, 1x1 filter.
  // Input (10, -4) with zero point 2 is (8, -6) after the offset.
  ConvCase c;
  c.inputC = 2;
  c.outputC = 4;
  c.inputOffset = -2;
  c.outputOffset = 5;
  const std::vector<int8_t> input = {10, -4};
  const std::vector<int8_t> filter = {1, 2, 3, -1, -2, -3, 0, 1};
  const int32_t bias[] = {100, -10, 3, 9};
  // ch0: 8 - 12 = -4, +100 = 96, * 0.5 = 48, +5 = 53.
  // ch1: 24 + 6 = 30, -10 = 20, * 1 = 20, +5 = 25.
  // ch2: -16 + 18 = 2, +3 = 5, * 0.25 with double rounding: 5 * 0.5 = 2.5
  //      rounds up to 3, then 3 / 2 = 1.5 rounds away to 2; +5 = 7. (A single
  //      rounding of 1.25 would give 6.)
  // ch3: -6 + 9 = 3, * 0.5 * 2^3 = 12, +5 = 17.
  const std::vector<int8_t> output = runConv(
      c, input, filter, bias, {kHalf, kHalf, kHalf, kHalf}, {0, 1, -1, 3});
  EXPECT_EQ(output, (std::vector<int8_t>{53, 25, 7, 17}));
}

TEST(Conv2dS8, FilterLayoutIsChannelInnermostAndBatchesAreIndependent) {
  // A 1x2 input with two channels against a 1x2 filter: one output pixel.
  // Filter [oc][fh][fw][ic] = {fx0: (1, 2), fx1: (3, 4)}.
  ConvCase c;
  c.batches = 2;
  c.inputW = 2;
  c.inputC = 2;
  c.filterW = 2;
  const std::vector<int8_t> input = {1, 10, 20, 2, -1, -10, -20, -2};
  const std::vector<int8_t> filter = {1, 2, 3, 4};
  // Batch 0: 1*1 + 2*10 + 3*20 + 4*2 = 89 (reading the filter input-channel
  // major would give 79). Batch 1 is the negation: -89. Identity multiplier.
  const std::vector<int8_t> output =
      runConv(c, input, filter, nullptr, {kHalf}, {1});
  EXPECT_EQ(output, (std::vector<int8_t>{89, -89}));
}

TEST(Conv2dS8, SamePaddingStrideTwoOnOddInputSkipsPaddedTaps) {
  // 5x5 input, 3x3 filter, stride 2, SAME: 3x3 output, one row/column of
  // padding on each side.
  const ingot::quant::PaddingValues padding =
      ingot::quant::computePadding(true, 5, 5, 3, 3, 2, 2, 1, 1);
  ASSERT_EQ(padding.outputH, 3);
  ASSERT_EQ(padding.outputW, 3);
  ASSERT_EQ(padding.top, 1);
  ASSERT_EQ(padding.left, 1);
  ConvCase c;
  c.inputH = c.inputW = 5;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 3;
  c.strideH = c.strideW = 2;
  c.padTop = padding.top;
  c.padLeft = padding.left;
  // Input zero point -1 and stored value 0: every real tap contributes
  // 1 * (0 + 1) = 1, so each output counts the taps inside the input. A
  // kernel that fed padding in as stored zeros would count 9 everywhere.
  c.inputOffset = 1;
  const std::vector<int8_t> input(25, 0);
  const std::vector<int8_t> filter(9, 1);
  // Output rows cover input rows {0,1}, {1,2,3}, {3,4}: 2, 3, 2 taps; the
  // same for columns.
  const std::vector<int8_t> output =
      runConv(c, input, filter, nullptr, {kHalf}, {1});
  EXPECT_EQ(output, (std::vector<int8_t>{4, 6, 4, 6, 9, 6, 4, 6, 4}));
}

TEST(Conv2dS8, DilationSpreadsTheFilterTaps) {
  // 5x5 input holding 5*y + x, 2x2 filter (1, 2; 3, 4) with dilation 2 is a
  // 3x3 window: VALID output is 3x3.
  ConvCase c;
  c.inputH = c.inputW = 5;
  c.filterH = c.filterW = 2;
  c.outputH = c.outputW = 3;
  c.dilationH = c.dilationW = 2;
  std::vector<int8_t> input;
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x)
      input.push_back(static_cast<int8_t>(5 * y + x));
  const std::vector<int8_t> filter = {1, 2, 3, 4};
  // out(y, x) = in(y,x) + 2 in(y,x+2) + 3 in(y+2,x) + 4 in(y+2,x+2)
  //           = 10 (5y + x) + 2*2 + 3*10 + 4*12 = 50y + 10x + 82,
  // halved: 25y + 5x + 41.
  const std::vector<int8_t> output =
      runConv(c, input, filter, nullptr, {kHalf}, {0});
  std::vector<int8_t> expected;
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 3; ++x)
      expected.push_back(static_cast<int8_t>(25 * y + 5 * x + 41));
  EXPECT_EQ(output, expected);
}

TEST(Conv2dS8, ClampsToActivationRangeWithoutBias) {
  ConvCase c;
  c.outputC = 3;
  c.activationMin = -20;
  c.activationMax = 30;
  const std::vector<int8_t> input = {10};
  const std::vector<int8_t> filter = {127, -128, 2};
  // 1270 clamps to 30, -1280 to -20, 20 is inside the range.
  const std::vector<int8_t> output =
      runConv(c, input, filter, nullptr, {kHalf, kHalf, kHalf}, {1, 1, 1});
  EXPECT_EQ(output, (std::vector<int8_t>{30, -20, 20}));
}

TEST(Conv2dS8, SaturatesAtInt8BoundsAfterOutputOffset) {
  ConvCase c;
  c.outputC = 2;
  c.outputOffset = -100;
  const std::vector<int8_t> input = {-128};
  c.inputOffset = 0;
  const std::vector<int8_t> filter = {1, -1};
  // -128 - 100 = -228 saturates to -128; 128 - 100 = 28 stays.
  const std::vector<int8_t> output =
      runConv(c, input, filter, nullptr, {kHalf, kHalf}, {1, 1});
  EXPECT_EQ(output, (std::vector<int8_t>{-128, 28}));
}

} // namespace
