//===- max_pool2d_f32_test.cpp - Reference float32 max pooling ------------===//
//
// Expected values are worked out by hand: each output is the largest tap
// inside the input; padded positions are never compared, so all-negative
// border windows stay negative.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/max_pool2d_f32.h"

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

std::vector<float> runMaxPool(const PoolCase &c,
                              const std::vector<float> &input) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.channels));
  std::vector<float> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.channels),
      99.0f);
  ingot::ref::max_pool2d_f32(
      input.data(), output.data(), c.batches, c.inputH, c.inputW, c.channels,
      c.outputH, c.outputW, c.filterH, c.filterW, c.strideH, c.strideW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

TEST(MaxPool2dF32, TwoByTwoStrideTwoPerChannel) {
  // 2x4 input with two channels, 2x2 windows, stride 2, VALID: 1x2 output.
  PoolCase c;
  c.inputH = 2;
  c.inputW = 4;
  c.channels = 2;
  c.outputW = 2;
  c.filterH = c.filterW = 2;
  c.strideH = c.strideW = 2;
  const std::vector<float> input = {
      1, -1, 5.5f, -5, 9,  -9,     -20, 20, // row 0: (ch 0, ch 1) pairs
      3, -3, 2,    -2, -7, 100.5f, 8,   -8, // row 1
  };
  // Window 0: channel 0 {1, 5.5, 3, 2} -> 5.5, channel 1 {-1, -5, -3, -2}
  // -> -1. Window 1: channel 0 {9, -20, -7, 8} -> 9, channel 1
  // {-9, 20, 100.5, -8} -> 100.5.
  EXPECT_EQ(runMaxPool(c, input),
            (std::vector<float>{5.5f, -1.0f, 9.0f, 100.5f}));
}

TEST(MaxPool2dF32, PaddingNeverWinsOverNegativeValues) {
  // Input -1..-9 row-major, 3x3 window, stride 1, SAME (padding 1). Each
  // window's maximum is its top-left input tap; a zero padding value would
  // win everywhere except the centre.
  PoolCase c;
  c.inputH = c.inputW = 3;
  c.outputH = c.outputW = 3;
  c.filterH = c.filterW = 3;
  c.padTop = c.padLeft = 1;
  const std::vector<float> input = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
  EXPECT_EQ(runMaxPool(c, input),
            (std::vector<float>{-1, -1, -2, -1, -1, -2, -4, -4, -5}));
}

TEST(MaxPool2dF32, PartialWindowsAtTheEndOfStridedRowsAndColumns) {
  // 4x4 input holding -(4y + x) - 1 (so each window's maximum is its
  // top-left input tap), 3x3 window, stride 2, SAME: padding 0 in front and
  // one row/column at the end. The windows start at rows/columns 0 and 2;
  // the second is clipped to two rows/columns.
  PoolCase c;
  c.inputH = c.inputW = 4;
  c.outputH = c.outputW = 2;
  c.filterH = c.filterW = 3;
  c.strideH = c.strideW = 2;
  std::vector<float> input(16);
  for (int i = 0; i < 16; ++i)
    input[i] = static_cast<float>(-i - 1);
  // Top-left taps (0,0) = -1, (0,2) = -3, (2,0) = -9, (2,2) = -11.
  EXPECT_EQ(runMaxPool(c, input), (std::vector<float>{-1, -3, -9, -11}));
}

TEST(MaxPool2dF32, ClampsEachBatchToActivationRange) {
  // Two batches of a 1x2 input, one 1x2 window: maxima -1.5 and 8.
  PoolCase c;
  c.batches = 2;
  c.inputW = 2;
  c.filterW = 2;
  const std::vector<float> input = {-1.5f, -2, 7, 8};
  EXPECT_EQ(runMaxPool(c, input), (std::vector<float>{-1.5f, 8.0f}));
  c.activationMin = 0.0f; // RELU
  EXPECT_EQ(runMaxPool(c, input), (std::vector<float>{0.0f, 8.0f}));
  c.activationMax = 6.0f; // RELU6
  EXPECT_EQ(runMaxPool(c, input), (std::vector<float>{0.0f, 6.0f}));
}

} // namespace
