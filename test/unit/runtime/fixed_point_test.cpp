//===- fixed_point_test.cpp - Requantization arithmetic -------------------===//
//
// Expected values are worked out by hand from the definitions: a multiplier of
// 2^30 with shift 0 is the real number 0.5. The doubling high multiply rounds
// ties upward (its nudge for negative products is 1 - 2^30, not -2^30); the
// power-of-two division rounds ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "QuantizedMultiplier.h"
#include "ingot/runtime/fixed_point.h"

#include <gtest/gtest.h>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(QuantizeMultiplier, PowersOfTwoAreExact) {
  auto half = ingot::quant::quantizeMultiplier(0.5);
  EXPECT_EQ(half.multiplier, kHalf);
  EXPECT_EQ(half.shift, 0);
  auto one = ingot::quant::quantizeMultiplier(1.0);
  EXPECT_EQ(one.multiplier, kHalf);
  EXPECT_EQ(one.shift, 1);
}

TEST(QuantizeMultiplier, ZeroAndTinyFlushToZero) {
  auto zero = ingot::quant::quantizeMultiplier(0.0);
  EXPECT_EQ(zero.multiplier, 0);
  auto tiny = ingot::quant::quantizeMultiplier(1e-12);
  EXPECT_EQ(tiny.multiplier, 0);
  EXPECT_EQ(tiny.shift, 0);
}

TEST(QuantizeMultiplier, MantissaRoundingCarriesIntoShift) {
  // Just below 1.0: the Q31 mantissa rounds up to 2^31 and must renormalize.
  auto q = ingot::quant::quantizeMultiplier(1.0 - 1e-12);
  EXPECT_EQ(q.multiplier, kHalf);
  EXPECT_EQ(q.shift, 1);
}

TEST(FixedPoint, HalvingRoundsTiesUpward) {
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(100, kHalf, 0), 50);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(3, kHalf, 0), 2);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(-3, kHalf, 0), -1);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(-5, kHalf, 0), -2);
}

TEST(FixedPoint, NegativeShiftRoundsTwice) {
  // 3 * 0.5 rounds to 2, then 2 / 2 = 1: the reference rounds at both steps.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(3, kHalf, -1), 1);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(100, kHalf, -2), 13);
}

TEST(FixedPoint, PositiveShiftScalesUp) {
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(7, kHalf, 2), 14);
}

TEST(FixedPoint, OnlyMinTimesMinSaturates) {
  EXPECT_EQ(ingot::saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MIN),
            INT32_MAX);
  EXPECT_EQ(ingot::saturating_rounding_doubling_high_mul(INT32_MIN, INT32_MAX),
            -INT32_MAX);
}

TEST(FixedPoint, RoundingDivideByPowerOfTwo) {
  EXPECT_EQ(ingot::rounding_divide_by_pot(5, 1), 3);
  EXPECT_EQ(ingot::rounding_divide_by_pot(-5, 1), -3);
  EXPECT_EQ(ingot::rounding_divide_by_pot(4, 2), 1);
  EXPECT_EQ(ingot::rounding_divide_by_pot(-6, 2), -2);
}

} // namespace
