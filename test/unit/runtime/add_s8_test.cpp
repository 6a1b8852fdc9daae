//===- add_s8_test.cpp - Reference int8 elementwise addition --------------===//
//
// Expected values are worked out by hand. With twice the larger input scale
// called T, input i is multiplied by scale_i / T and the sum of both by
// T / (2^20 * output_scale), after each (value - zero point) was shifted left
// by 20. The scales below are powers of two, so every multiplier is 2^30
// (0.5) with an exact power-of-two shift and the only rounding is the final
// right shift, which rounds ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/kernels/ref/add_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

/// Runs add_s8 with the given parameters and activation range.
std::vector<int8_t> runAdd(const std::vector<int8_t> &input1,
                           const std::vector<int8_t> &input2,
                           const ingot::quant::AddParams &p,
                           int32_t activationMin = -128,
                           int32_t activationMax = 127) {
  EXPECT_EQ(input1.size(), input2.size());
  std::vector<int8_t> output(input1.size(), 99);
  ingot::ref::add_s8(input1.data(), input2.data(), output.data(),
                     static_cast<int32_t>(input1.size()), p.input1Offset,
                     p.input1Multiplier, p.input1Shift, p.input2Offset,
                     p.input2Multiplier, p.input2Shift, p.leftShift,
                     p.outputOffset, p.outputMultiplier, p.outputShift,
                     activationMin, activationMax);
  return output;
}

/// All scales 0.5, all zero points 0: T = 1, each input multiplier is 0.5
/// (2^30, 0) and the output multiplier 1 / (2^20 * 0.5) = 2^-19 = 0.5 * 2^-18.
ingot::quant::AddParams sameScaleParams() {
  ingot::quant::AddParams p;
  p.input1Multiplier = p.input2Multiplier = kHalf;
  p.leftShift = 20;
  p.outputMultiplier = kHalf;
  p.outputShift = -18;
  return p;
}

TEST(AddS8, SameScalesAddExactlyAndSaturate) {
  // 10 + 20 = 30; -7 + -8 = -15; 100 + 100 = 200 saturates to 127;
  // -100 + -100 saturates to -128.
  EXPECT_EQ(runAdd({10, -7, 100, -100}, {20, -8, 100, -100}, sameScaleParams()),
            (std::vector<int8_t>{30, -15, 127, -128}));
}

TEST(AddS8, DifferentScalesAndZeroPoints) {
  // Scales 0.5 and 0.25, output 1.0: T = 1, input multipliers 0.5 (2^30, 0)
  // and 0.25 (2^30, -1), output 2^-20 (2^30, -19).
  // Zero points -5, 3 and 7: input1 5 is real (5 + 5) * 0.5 = 5, input2 15
  // is real (15 - 3) * 0.25 = 3, the sum 8 is stored as 8 + 7 = 15.
  ingot::quant::AddParams p;
  p.input1Offset = 5;
  p.input1Multiplier = kHalf;
  p.input1Shift = 0;
  p.input2Offset = -3;
  p.input2Multiplier = kHalf;
  p.input2Shift = -1;
  p.leftShift = 20;
  p.outputOffset = 7;
  p.outputMultiplier = kHalf;
  p.outputShift = -19;
  // Second element: (-5 + 5) * 0.5 + (-1 - 3) * 0.25 = -1, stored as 6.
  EXPECT_EQ(runAdd({5, -5}, {15, -1}, p), (std::vector<int8_t>{15, 6}));
  // The compiler's parameters for the same scales give the same result.
  EXPECT_EQ(runAdd({5, -5}, {15, -1},
                   ingot::quant::computeAddParams(0.5f, -5, 0.25f, 3, 1.0f, 7)),
            (std::vector<int8_t>{15, 6}));
}

TEST(AddS8, HalvesRoundAwayFromZero) {
  // Both inputs 0.5, output 1.0: the sum of real values is x/2 + y/2.
  // T = 1, input multipliers 0.5, output 2^-20 = (2^30, -19).
  ingot::quant::AddParams p = sameScaleParams();
  p.outputShift = -19;
  // 3 -> 1.5 -> 2; -3 -> -1.5 -> -2; 1 -> 0.5 -> 1; -1 -> -0.5 -> -1;
  // 1 + 2 -> 1.5 -> 2.
  EXPECT_EQ(runAdd({3, -3, 1, -1, 1}, {0, 0, 0, 0, 2}, p),
            (std::vector<int8_t>{2, -2, 1, -1, 2}));
}

TEST(AddS8, ClampsToFusedActivationRange) {
  // A Relu range [0, 127] with zero point 0: negative sums become 0.
  EXPECT_EQ(runAdd({-10, 10, -3}, {5, 5, 3}, sameScaleParams(), 0, 127),
            (std::vector<int8_t>{0, 15, 0}));
}

} // namespace
