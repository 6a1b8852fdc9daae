//===- average_pool2d_f32_test.cpp - Reference float32 average pooling ----===//
//
// Expected values are worked out by hand: each output is the sum of the taps
// that lie inside the input divided by their number (padding is neither
// summed nor counted). Inputs are chosen so that every mean is exactly
// representable, except where the test is about the rounding of the division.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/average_pool2d_f32.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <vector>

namespace {

struct PoolCase {
  int32_t batches = 1, inputH = 1, inputW = 1, channels = 1;
  int32_t outputH = 1, outputW = 1, filterH = 1, filterW = 1;
  int32_t strideH = 1, strideW = 1, padTop = 0, padLeft = 0;
  float activationMin = -FLT_MAX, activationMax = FLT_MAX;
};

std::vector<float> runAveragePool(const PoolCase &c,
                                  const std::vector<float> &input) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.channels));
  std::vector<float> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.channels),
      99.0f);
  ingot::ref::average_pool2d_f32(
      input.data(), output.data(), c.batches, c.inputH, c.inputW, c.channels,
      c.outputH, c.outputW, c.filterH, c.filterW, c.strideH, c.strideW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

TEST(AveragePool2dF32, TwoByTwoStrideTwoPerChannel) {
  // 2x4 input with two channels, 2x2 windows, stride 2, VALID: 1x2 output.
  PoolCase c;
  c.inputH = 2;
  c.inputW = 4;
  c.channels = 2;
  c.outputW = 2;
  c.filterH = c.filterW = 2;
  c.strideH = c.strideW = 2;
  const std::vector<float> input = {
      1, -1, 5, -5, 9,  -9,  -20, 20, // row 0: (channel 0, channel 1) pairs
      3, -3, 2, -2, -7, 100, 8,   -8, // row 1
  };
  // Window 0: channel 0 (1 + 5 + 3 + 2) / 4 = 2.75, channel 1 -2.75.
  // Window 1: channel 0 (9 - 20 - 7 + 8) / 4 = -2.5,
  //           channel 1 (-9 + 20 + 100 - 8) / 4 = 25.75.
  EXPECT_EQ(runAveragePool(c, input),
            (std::vector<float>{2.75f, -2.75f, -2.5f, 25.75f}));
}

TEST(AveragePool2dF32, SamePaddingDividesByInBoundsTaps) {
  // 3x3 input 1..9, 3x3 window, stride 1, SAME (padding 1). Corners average
  // four taps, edges six, the centre nine; counting padding would divide
  // every sum by nine instead.
  PoolCase c;
  c.inputH = c.inputW = 3;
  c.outputH = c.outputW = 3;
  c.filterH = c.filterW = 3;
  c.padTop = c.padLeft = 1;
  const std::vector<float> input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  // (1+2+4+5)/4 = 3, (1+...+6)/6 = 3.5, (2+3+5+6)/4 = 4,
  // (1+2+4+5+7+8)/6 = 4.5, 45/9 = 5, (2+3+5+6+8+9)/6 = 5.5,
  // (4+5+7+8)/4 = 6, (4+...+9)/6 = 6.5, (5+6+8+9)/4 = 7.
  EXPECT_EQ(runAveragePool(c, input),
            (std::vector<float>{3, 3.5f, 4, 4.5f, 5, 5.5f, 6, 6.5f, 7}));
}

TEST(AveragePool2dF32, PartialWindowAtTheEndOfAStridedRow) {
  // 1x4 input (1, 2, 3, 4), 1x3 window, stride 2, SAME: two outputs, the
  // single padding column at the end. Window 0 is (1, 2, 3) / 3 = 2; window 1
  // is clipped to (3, 4) / 2 = 3.5.
  PoolCase c;
  c.inputW = 4;
  c.outputW = 2;
  c.filterW = 3;
  c.strideW = 2;
  EXPECT_EQ(runAveragePool(c, {1, 2, 3, 4}), (std::vector<float>{2, 3.5f}));
}

TEST(AveragePool2dF32, DividesByTheCountRatherThanMultiplyingByItsInverse) {
  // Taps (1, 2, 2) sum to 5; 5 / 3 rounds to a different float than
  // 5 * (1 / 3), and the reference divides.
  const float quotient = 5.0f / 3.0f;
  ASSERT_NE(quotient, 5.0f * (1.0f / 3.0f));
  PoolCase c;
  c.inputW = 3;
  c.filterW = 3;
  EXPECT_EQ(runAveragePool(c, {1, 2, 2}), (std::vector<float>{quotient}));
}

TEST(AveragePool2dF32, ClampsEachBatchToActivationRange) {
  // Two batches of a 1x2 input, one 1x2 window: means -1.5 and 7.5.
  PoolCase c;
  c.batches = 2;
  c.inputW = 2;
  c.filterW = 2;
  const std::vector<float> input = {-1, -2, 7, 8};
  EXPECT_EQ(runAveragePool(c, input), (std::vector<float>{-1.5f, 7.5f}));
  c.activationMin = 0.0f; // RELU6
  c.activationMax = 6.0f;
  EXPECT_EQ(runAveragePool(c, input), (std::vector<float>{0.0f, 6.0f}));
}

} // namespace
