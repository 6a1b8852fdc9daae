//===- average_pool2d_s16_test.cpp - Reference int16 average pooling ------===//
//
// Expected values are worked out by hand: each output is the mean of the taps
// that lie inside the input (padding is neither summed nor counted), rounded
// to nearest with ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/average_pool2d_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

struct PoolCase {
  int32_t batches = 1, inputH = 1, inputW = 1, channels = 1;
  int32_t outputH = 1, outputW = 1, filterH = 1, filterW = 1;
  int32_t strideH = 1, strideW = 1, padTop = 0, padLeft = 0;
  int32_t activationMin = -32768, activationMax = 32767;
};

std::vector<int16_t> runAveragePool(const PoolCase &c,
                                    const std::vector<int16_t> &input) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.channels));
  std::vector<int16_t> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.channels), 99);
  ingot::ref::average_pool2d_s16(
      input.data(), output.data(), c.batches, c.inputH, c.inputW, c.channels,
      c.outputH, c.outputW, c.filterH, c.filterW, c.strideH, c.strideW,
      c.padTop, c.padLeft, c.activationMin, c.activationMax);
  return output;
}

/// A 3x3 window with stride 1 and SAME padding over a 3x3 input: a 3x3
/// output and one row and column of padding on every side.
PoolCase sameThreeByThree() {
  PoolCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 3;
  c.padTop = c.padLeft = 1;
  return c;
}

TEST(AveragePool2dS16, RoundsHalvesAwayFromZero) {
  // One 2x2 window over eight channels; the four taps of channel c are the
  // c-th entries of the four pixels.
  PoolCase c;
  c.inputH = c.inputW = 2;
  c.channels = 8;
  c.filterH = c.filterW = 2;
  c.strideH = c.strideW = 2;
  const std::vector<int16_t> input = {
      -1, -1, -1, 1, 1, 32767, -32768, -32768, // pixel (0, 0)
      -1, -1, 0,  1, 0, 32767, -32768, -32768, // pixel (0, 1)
      -1, 0,  0,  0, 0, 32767, -32768, -32768, // pixel (1, 0)
      0,  0,  0,  0, 0, 32767, -32768, -32767, // pixel (1, 1)
  };
  // Sums -3, -2, -1, 2, 1 over 4 taps: -0.75 -> -1; -0.5 -> -1;
  // -0.25 -> 0; 0.5 -> 1; 0.25 -> 0. The last three sums, 131068, -131072
  // and -131071, exceed int16 but not the int32 sum: 32767, -32768 and
  // -32767.75 -> -32768.
  EXPECT_EQ(runAveragePool(c, input),
            (std::vector<int16_t>{-1, -1, 0, 1, 0, 32767, -32768, -32768}));
}

TEST(AveragePool2dS16, OddCountsRoundToNearest) {
  // A 1x3 window: sums -2, -1, 1 and 2 over 3 taps are -0.67 -> -1,
  // -0.33 -> 0, 0.33 -> 0 and 0.67 -> 1.
  PoolCase c;
  c.inputW = 3;
  c.channels = 4;
  c.filterW = 3;
  EXPECT_EQ(runAveragePool(c, {-1, -1, 1, 1, -1, 0, 0, 1, 0, 0, 0, 0}),
            (std::vector<int16_t>{-1, 0, 0, 1}));
}

TEST(AveragePool2dS16, PartialBorderWindowsWithNegativeAverages) {
  // Input -1001 * (1..9) row-major. Corner windows see 4 taps, edge windows
  // 6, the centre 9; the means are -1001 times 3, 3.5, 4, 4.5, 5, 5.5, 6,
  // 6.5, 7, and the halves round away from zero:
  //   -3003, -3503.5 -> -3504, -4004, -4504.5 -> -4505, -5005,
  //   -5505.5 -> -5506, -6006, -6506.5 -> -6507, -7007.
  std::vector<int16_t> input;
  for (int16_t k = 1; k <= 9; ++k)
    input.push_back(static_cast<int16_t>(-1001 * k));
  EXPECT_EQ(runAveragePool(sameThreeByThree(), input),
            (std::vector<int16_t>{-3003, -3504, -4004, -4505, -5005, -5506,
                                  -6006, -6507, -7007}));
}

TEST(AveragePool2dS16, PartialBorderWindowsWithPositiveAverages) {
  // The negation of the previous case gives exactly the negated output.
  std::vector<int16_t> input;
  for (int16_t k = 1; k <= 9; ++k)
    input.push_back(static_cast<int16_t>(1001 * k));
  EXPECT_EQ(runAveragePool(sameThreeByThree(), input),
            (std::vector<int16_t>{3003, 3504, 4004, 4505, 5005, 5506, 6006,
                                  6507, 7007}));
}

TEST(AveragePool2dS16, ClampsEachBatchToActivationRange) {
  // A 1x1 window is the identity, so only the clamp to [-1000, 1000] acts.
  PoolCase c;
  c.batches = 2;
  c.inputW = c.outputW = 2;
  c.activationMin = -1000;
  c.activationMax = 1000;
  EXPECT_EQ(runAveragePool(c, {-32768, 5, 32767, -999}),
            (std::vector<int16_t>{-1000, 5, 1000, -999}));
}

} // namespace
