//===- average_pool2d_s8_test.cpp - Reference int8 average pooling --------===//
//
// Expected values are worked out by hand: each output is the mean of the taps
// that lie inside the input (padding is neither summed nor counted), rounded
// to nearest with ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/average_pool2d_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

struct PoolCase {
  int32_t batches = 1, inputH = 1, inputW = 1, channels = 1;
  int32_t outputH = 1, outputW = 1, filterH = 1, filterW = 1;
  int32_t strideH = 1, strideW = 1, padTop = 0, padLeft = 0;
  int32_t activationMin = -128, activationMax = 127;
};

std::vector<int8_t> runAveragePool(const PoolCase &c,
                                   const std::vector<int8_t> &input) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.channels));
  std::vector<int8_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.channels), 99);
  ingot::ref::average_pool2d_s8(
      input.data(), output.data(), c.batches, c.inputH, c.inputW, c.channels,
      c.outputH, c.outputW, c.filterH, c.filterW, c.strideH, c.strideW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

/// A 3x3 window with stride 1 and SAME padding over a 3x3 input.
PoolCase sameThreeByThree() {
  const ingot::quant::PaddingValues padding =
      ingot::quant::computePadding(true, 3, 3, 3, 3, 1, 1, 1, 1);
  PoolCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 3;
  c.outputH = padding.outputH;
  c.outputW = padding.outputW;
  c.padTop = padding.top;
  c.padLeft = padding.left;
  return c;
}

TEST(AveragePool2dS8, RoundsHalvesAwayFromZero) {
  // One 2x2 window over six channels; the four taps of channel c are the
  // c-th entries of the four pixels.
  PoolCase c;
  c.inputH = c.inputW = 2;
  c.channels = 6;
  c.filterH = c.filterW = 2;
  c.strideH = c.strideW = 2;
  const std::vector<int8_t> input = {
      -1, -1, -1, 1, 1, -128, // pixel (0, 0)
      -1, -1, 0,  1, 0, -128, // pixel (0, 1)
      -1, 0,  0,  0, 0, -128, // pixel (1, 0)
      0,  0,  0,  0, 0, -127, // pixel (1, 1)
  };
  // Sums -3, -2, -1, 2, 1, -511 over 4 taps:
  //   -0.75 -> -1; -0.5 -> -1; -0.25 -> 0; 0.5 -> 1; 0.25 -> 0;
  //   -127.75 -> -128.
  EXPECT_EQ(runAveragePool(c, input),
            (std::vector<int8_t>{-1, -1, 0, 1, 0, -128}));
}

TEST(AveragePool2dS8, BorderWindowsAverageOnlyTheirInputTaps) {
  // Input 1..9 row-major. Corner windows see 4 taps, edge windows 6.
  const std::vector<int8_t> input = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  // (0,0) 12/4 = 3; (0,1) 21/6 = 3.5 -> 4; (0,2) 16/4 = 4;
  // (1,0) 27/6 = 4.5 -> 5; (1,1) 45/9 = 5; (1,2) 33/6 = 5.5 -> 6;
  // (2,0) 24/4 = 6; (2,1) 39/6 = 6.5 -> 7; (2,2) 28/4 = 7.
  EXPECT_EQ(runAveragePool(sameThreeByThree(), input),
            (std::vector<int8_t>{3, 4, 4, 5, 5, 6, 6, 7, 7}));
}

TEST(AveragePool2dS8, BorderWindowsWithNegativeValues) {
  // The negation of the previous case: halves round away from zero, so the
  // result is exactly the negation.
  const std::vector<int8_t> input = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
  EXPECT_EQ(runAveragePool(sameThreeByThree(), input),
            (std::vector<int8_t>{-3, -4, -4, -5, -5, -6, -6, -7, -7}));
}

TEST(AveragePool2dS8, SamePaddingStrideTwoOnOddInput) {
  // 5x5 input, 3x3 window, stride 2, SAME: 3x3 output, padding 1 at the top
  // and left (and 1 at the bottom and right).
  const ingot::quant::PaddingValues padding =
      ingot::quant::computePadding(true, 5, 5, 3, 3, 2, 2, 1, 1);
  PoolCase c;
  c.inputH = c.inputW = 5;
  c.filterH = c.filterW = 3;
  c.strideH = c.strideW = 2;
  c.outputH = padding.outputH;
  c.outputW = padding.outputW;
  c.padTop = padding.top;
  c.padLeft = padding.left;
  // Every row holds 4x for column x, so the mean depends on the columns only:
  // columns {0,1} -> 2; {1,2,3} -> 8; {3,4} -> 14.
  std::vector<int8_t> input;
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x)
      input.push_back(static_cast<int8_t>(4 * x));
  EXPECT_EQ(runAveragePool(c, input),
            (std::vector<int8_t>{2, 8, 14, 2, 8, 14, 2, 8, 14}));
}

TEST(AveragePool2dS8, ClampsEachBatchToActivationRange) {
  // A 1x1 window is the identity, so only the clamp to [-5, 5] acts.
  PoolCase c;
  c.batches = 2;
  c.inputW = c.outputW = 2;
  c.activationMin = -5;
  c.activationMax = 5;
  EXPECT_EQ(runAveragePool(c, {-100, 3, 100, -4}),
            (std::vector<int8_t>{-5, 3, 5, -4}));
}

} // namespace
