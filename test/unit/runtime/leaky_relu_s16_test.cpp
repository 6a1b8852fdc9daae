//===- leaky_relu_s16_test.cpp - Reference int16 leaky ReLU ---------------===//
//
// Expected values are worked out by hand. Rescales are powers of two, written
// as (2^30, shift) = 2^(shift - 1). For a scale below one the double-rounding
// rescale rounds to nearest with halves away from zero; negative values are
// the interesting side, since only they take the alpha rescale.
//
//===----------------------------------------------------------------------===//
#include "Int16Params.h"
#include "ingot/runtime/kernels/ref/leaky_relu_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

std::vector<int16_t> runLeakyRelu(const std::vector<int16_t> &input,
                                  int32_t inputZeroPoint,
                                  int32_t outputZeroPoint,
                                  int32_t identityMultiplier,
                                  int32_t identityShift,
                                  int32_t alphaMultiplier, int32_t alphaShift) {
  std::vector<int16_t> output(input.size(), 99);
  ingot::ref::leaky_relu_s16(input.data(), output.data(),
                             static_cast<int32_t>(input.size()), inputZeroPoint,
                             outputZeroPoint, identityMultiplier, identityShift,
                             alphaMultiplier, alphaShift);
  return output;
}

TEST(LeakyReluS16, QuarterSlopeRoundsToNearest) {
  // Identity 1, alpha 0.25: -2 -> -0.5 -> -1 (away from zero), -6 -> -1.5 ->
  // -2, -3 -> -0.75 -> -1, -100 -> -25; 0 and positives pass through.
  EXPECT_EQ(runLeakyRelu({100, 0, -2, -6, -3, -100, 32767}, 0, 0, kHalf, 1,
                         kHalf, -1),
            (std::vector<int16_t>{100, 0, -1, -2, -1, -25, 32767}));
}

TEST(LeakyReluS16, ZeroPointsSelectTheSlope) {
  // Input zero point 10, output zero point -5: the slope is chosen by
  // in - 10, so 5 (real -5) takes alpha 0.25: -1.25 -> -1, then -6.
  EXPECT_EQ(runLeakyRelu({10, 110, -90, 5}, 10, -5, kHalf, 1, kHalf, -1),
            (std::vector<int16_t>{-5, 95, -30, -6}));
}

TEST(LeakyReluS16, PositiveShiftSaturates) {
  // Identity 2 = (2^30, 2), alpha 0.5: 20000 -> 40000 saturates to 32767;
  // -32768 -> -16384.
  EXPECT_EQ(runLeakyRelu({20000, -32768, 3}, 0, 0, kHalf, 2, kHalf, 0),
            (std::vector<int16_t>{32767, -16384, 6}));
}

TEST(LeakyReluS16, NegativeAlphaFlipsAndSaturates) {
  // alpha = -1 gives the multiplier (-2^30, 1): -100 -> 100 and
  // -32768 -> 32768, which saturates to 32767.
  const auto p = ingot::quant::leakyReluS16Params(1.0f, 0, -1.0f, 1.0f, 0);
  EXPECT_EQ(p.alphaMultiplier, -kHalf);
  EXPECT_EQ(p.alphaShift, 1);
  EXPECT_EQ(runLeakyRelu({-100, -32768, 7}, p.inputZeroPoint, p.outputZeroPoint,
                         p.identityMultiplier, p.identityShift,
                         p.alphaMultiplier, p.alphaShift),
            (std::vector<int16_t>{100, 32767, 7}));
}

} // namespace
