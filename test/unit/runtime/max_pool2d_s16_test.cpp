//===- max_pool2d_s16_test.cpp - Reference int16 max pooling --------------===//
//
// Expected values are worked out by hand: each output is the largest tap
// inside the input (padding takes no part), clamped to the activation range.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/max_pool2d_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

struct PoolCase {
  int32_t batches = 1, inputH = 1, inputW = 1, channels = 1;
  int32_t outputH = 1, outputW = 1, filterH = 1, filterW = 1;
  int32_t strideH = 1, strideW = 1, padTop = 0, padLeft = 0;
  int32_t activationMin = -32768, activationMax = 32767;
};

std::vector<int16_t> runMaxPool(const PoolCase &c,
                                const std::vector<int16_t> &input) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.channels));
  std::vector<int16_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.channels), 99);
  ingot::ref::max_pool2d_s16(
      input.data(), output.data(), c.batches, c.inputH, c.inputW, c.channels,
      c.outputH, c.outputW, c.filterH, c.filterW, c.strideH, c.strideW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

TEST(MaxPool2dS16, PaddingTakesNoPartInNegativeWindows) {
  // Input -1000 * (1..9) row-major, 3x3 window, stride 1, SAME (one row and
  // column of padding on every side). Were the padding a zero, every border
  // output would be 0; instead each is the largest (least negative) tap of
  // its clipped window, the one nearest the top-left corner.
  PoolCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 3;
  c.padTop = c.padLeft = 1;
  std::vector<int16_t> input;
  for (int16_t k = 1; k <= 9; ++k)
    input.push_back(static_cast<int16_t>(-1000 * k));
  EXPECT_EQ(runMaxPool(c, input),
            (std::vector<int16_t>{-1000, -1000, -2000, -1000, -1000, -2000,
                                  -4000, -4000, -5000}));
}

TEST(MaxPool2dS16, StrideTwoOverChannelsAndBatches) {
  // Two batches of a 2x4 input with two channels, 2x2 windows, stride 2
  // (VALID): each output is the maximum of a 2x2 block per channel.
  PoolCase c;
  c.batches = 2;
  c.inputH = 2;
  c.inputW = 4;
  c.channels = 2;
  c.outputW = 2;
  c.filterH = c.filterW = 2;
  c.strideH = c.strideW = 2;
  // Each row lists four pixels as (channel 0, channel 1) pairs.
  const std::vector<int16_t> input = {
      -32768, 5,  -32768, 7,  300, -2, 32767, -3, // batch 0, row 0
      -32768, 6,  -32767, -9, 299, -1, 0,     -4, // batch 0, row 1
      1,      1,  2,      2,  3,   3,  4,     4,  // batch 1, row 0
      8,      -8, 7,      -7, 6,   -6, 5,     -5, // batch 1, row 1
  };
  EXPECT_EQ(runMaxPool(c, input),
            (std::vector<int16_t>{-32767, 7, 32767, -1, 8, 2, 6, 4}));
}

TEST(MaxPool2dS16, ClampsToActivationRange) {
  // A 1x1 window is the identity; [-100, 20000] raises -32768 and lowers
  // 32767.
  PoolCase c;
  c.inputW = c.outputW = 4;
  c.activationMin = -100;
  c.activationMax = 20000;
  EXPECT_EQ(runMaxPool(c, {-32768, -100, 19999, 32767}),
            (std::vector<int16_t>{-100, -100, 19999, 20000}));
}

} // namespace
