//===- max_pool2d_s8_test.cpp - Reference int8 max pooling ----------------===//
//
// Expected values are worked out by hand: each output is the largest tap
// inside the input; padded positions are never compared, so all-negative
// border windows stay negative.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/max_pool2d_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

struct PoolCase {
  int32_t batches = 1, inputH = 1, inputW = 1, channels = 1;
  int32_t outputH = 1, outputW = 1, filterH = 1, filterW = 1;
  int32_t strideH = 1, strideW = 1, padTop = 0, padLeft = 0;
  int32_t activationMin = -128, activationMax = 127;
};

std::vector<int8_t> runMaxPool(const PoolCase &c,
                               const std::vector<int8_t> &input) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.channels));
  std::vector<int8_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.channels), 99);
  ingot::ref::max_pool2d_s8(
      input.data(), output.data(), c.batches, c.inputH, c.inputW, c.channels,
      c.outputH, c.outputW, c.filterH, c.filterW, c.strideH, c.strideW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

/// A SAME-padded pool described by its input size, window and stride.
PoolCase samePool(int32_t inputSize, int32_t filterSize, int32_t stride) {
  const ingot::quant::PaddingValues padding = ingot::quant::computePadding(
      true, inputSize, inputSize, filterSize, filterSize, stride, stride, 1, 1);
  PoolCase c;
  c.inputH = c.inputW = inputSize;
  c.filterH = c.filterW = filterSize;
  c.strideH = c.strideW = stride;
  c.outputH = padding.outputH;
  c.outputW = padding.outputW;
  c.padTop = padding.top;
  c.padLeft = padding.left;
  return c;
}

TEST(MaxPool2dS8, TwoByTwoStrideTwoPerChannel) {
  // 2x4 input with two channels, 2x2 windows, stride 2, VALID: 1x2 output.
  PoolCase c;
  c.inputH = 2;
  c.inputW = 4;
  c.channels = 2;
  c.outputW = 2;
  c.filterH = c.filterW = 2;
  c.strideH = c.strideW = 2;
  const std::vector<int8_t> input = {
      1, -1, 5, -5, 9,  -9,  -20, 20, // row 0: (channel 0, channel 1) pairs
      3, -3, 2, -2, -7, 100, 8,   -8, // row 1
  };
  // Window 0: channel 0 {1, 5, 3, 2} -> 5, channel 1 {-1, -5, -3, -2} -> -1.
  // Window 1: channel 0 {9, -20, -7, 8} -> 9, channel 1 {-9, 20, 100, -8}
  // -> 100.
  EXPECT_EQ(runMaxPool(c, input), (std::vector<int8_t>{5, -1, 9, 100}));
}

TEST(MaxPool2dS8, PaddingNeverWinsOverNegativeValues) {
  // Input -1..-9 row-major, 3x3 window, stride 1, SAME. Each window's
  // maximum is its top-left input tap.
  const std::vector<int8_t> input = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
  EXPECT_EQ(runMaxPool(samePool(3, 3, 1), input),
            (std::vector<int8_t>{-1, -1, -2, -1, -1, -2, -4, -4, -5}));
}

TEST(MaxPool2dS8, SamePaddingStrideTwoOnOddInput) {
  // 5x5 input holding -(5y + x) - 1, 3x3 window, stride 2, padding 1: the
  // maximum is at the window's top-left input tap, row max(2oy - 1, 0) and
  // column max(2ox - 1, 0).
  std::vector<int8_t> input;
  for (int y = 0; y < 5; ++y)
    for (int x = 0; x < 5; ++x)
      input.push_back(static_cast<int8_t>(-(5 * y + x) - 1));
  // Rows 0, 1, 3 and columns 0, 1, 3.
  EXPECT_EQ(runMaxPool(samePool(5, 3, 2), input),
            (std::vector<int8_t>{-1, -2, -4, -6, -7, -9, -16, -17, -19}));
}

TEST(MaxPool2dS8, ClampsEachBatchToActivationRange) {
  PoolCase c;
  c.batches = 2;
  c.inputW = c.outputW = 2;
  c.activationMin = -10;
  c.activationMax = 10;
  EXPECT_EQ(runMaxPool(c, {-128, 4, 127, -9}),
            (std::vector<int8_t>{-10, 4, 10, -9}));
}

} // namespace
