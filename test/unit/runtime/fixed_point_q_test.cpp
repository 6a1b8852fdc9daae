//===- fixed_point_q_test.cpp - Q-format exp and reciprocal ---------------===//
//
// The integer primitives are checked against values worked out by hand from
// their definitions. The transcendental helpers are checked against the real
// functions (std::exp, 1/(1+x)): they are approximations, so the tests bound
// their error, and pin the few inputs that must come out exactly (exp(0) = 1).
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/fixed_point_q.h"

#include <gtest/gtest.h>

#include <cmath>

namespace {

constexpr double kTwoTo31 = 2147483648.0;

/// Real value of a raw integer in Q`integer_bits`.
double fromQ(int32_t raw, int integer_bits) {
  return raw / std::ldexp(1.0, 31 - integer_bits);
}

/// Raw integer of a real value in Q`integer_bits` (rounded).
int32_t toQ(double value, int integer_bits) {
  return static_cast<int32_t>(
      std::lround(value * std::ldexp(1.0, 31 - integer_bits)));
}

TEST(FixedPointQ, CountLeadingZeros) {
  EXPECT_EQ(ingot::count_leading_zeros_u32(0), 32);
  EXPECT_EQ(ingot::count_leading_zeros_u32(1), 31);
  EXPECT_EQ(ingot::count_leading_zeros_u32(0x10000u), 15);
  EXPECT_EQ(ingot::count_leading_zeros_u32(0x80000000u), 0);
}

TEST(FixedPointQ, RoundingHalfSumRoundsAwayFromZeroWithoutOverflow) {
  EXPECT_EQ(ingot::rounding_half_sum(1, 2), 2);    // 1.5
  EXPECT_EQ(ingot::rounding_half_sum(-1, -2), -2); // -1.5
  EXPECT_EQ(ingot::rounding_half_sum(3, -4), -1);  // -0.5
  EXPECT_EQ(ingot::rounding_half_sum(4, 6), 5);
  EXPECT_EQ(ingot::rounding_half_sum(INT32_MAX, INT32_MAX), INT32_MAX);
  EXPECT_EQ(ingot::rounding_half_sum(0, INT32_MAX), int32_t{1} << 30);
}

TEST(FixedPointQ, MultiplyByPowerOfTwoSaturatesLeftAndRoundsRight) {
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(1 << 29, 1), 1 << 30);
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(1 << 30, 1), INT32_MAX);
  // -2^30 * 2 = -2^31 is representable, but the symmetric threshold
  // saturates it all the same.
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(-(1 << 30), 1),
            INT32_MIN);
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(-3, 2), -12);
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(5, -1), 3);
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(-5, -1), -3);
  EXPECT_EQ(ingot::saturating_rounding_multiply_by_pot(7, 0), 7);
}

TEST(FixedPointQ, ExpOfZeroIsExactlyOne) {
  for (int bits : {0, 3, 5, 12})
    EXPECT_EQ(ingot::exp_on_negative_values(0, bits), INT32_MAX);
}

TEST(FixedPointQ, ExpOnNegativeValuesTracksStdExpInQ5) {
  // Sweep [-32, 0) (the whole negative Q5 range) in odd steps that exercise
  // every bit of the remainder.
  double worst = 0;
  for (int32_t raw = INT32_MIN; raw < 0; raw += 1237 * 4099) {
    const double expected = std::exp(fromQ(raw, 5));
    const double got = ingot::exp_on_negative_values(raw, 5) / kTwoTo31;
    worst = std::max(worst, std::fabs(got - expected));
  }
  EXPECT_LT(worst, 1e-6);
}

TEST(FixedPointQ, ExpAtQuarterBoundariesInQ0AndQ5) {
  // exp(-1/4), exp(-1/2), exp(-1), exp(-16) with either format.
  for (double x : {-0.25, -0.5, -1.0, -16.0}) {
    const double got5 = ingot::exp_on_negative_values(toQ(x, 5), 5) / kTwoTo31;
    EXPECT_NEAR(got5, std::exp(x), 1e-6) << x;
  }
  for (double x : {-0.25, -0.5, -0.75}) {
    const double got0 = ingot::exp_on_negative_values(toQ(x, 0), 0) / kTwoTo31;
    EXPECT_NEAR(got0, std::exp(x), 1e-6) << x;
  }
}

TEST(FixedPointQ, ExpOfLargeNegativeArgumentsIsNearlyExactInRawUnits) {
  // Far below zero the result is a few hundred raw units at most: apart from
  // the final rounding (half a unit) it must agree with the real exp, which
  // pins the small barrel-shifter constants (exp(-8), exp(-16)).
  for (double x : {-12.0, -16.25, -17.0, -20.0, -24.0, -31.0}) {
    const double got = ingot::exp_on_negative_values(toQ(x, 5), 5);
    EXPECT_NEAR(got, std::exp(x) * kTwoTo31, 0.75) << x;
  }
}

TEST(FixedPointQ, ExpFlushesBelowMinus32ToZeroInWideFormats) {
  // Q7 can hold -40; no barrel-shifter constant covers 2^5, so the result is
  // forced to zero rather than left as a partial product.
  EXPECT_EQ(ingot::exp_on_negative_values(toQ(-40.0, 7), 7), 0);
  EXPECT_NEAR(ingot::exp_on_negative_values(toQ(-20.0, 7), 7) / kTwoTo31,
              std::exp(-20.0), 1e-6);
}

TEST(FixedPointQ, OneOverOnePlusXTracksRealReciprocal) {
  double worst = 0;
  for (int32_t raw = 0; raw < INT32_MAX - 7654321; raw += 7654321) {
    const double x = raw / kTwoTo31;
    const double got = ingot::one_over_one_plus_x_for_x_in_0_1(raw) / kTwoTo31;
    worst = std::max(worst, std::fabs(got - 1.0 / (1.0 + x)));
  }
  EXPECT_LT(worst, 1e-7);
  // 1/(1+0) = 1: within a few ulps of the largest Q0 value.
  EXPECT_GT(ingot::one_over_one_plus_x_for_x_in_0_1(0), INT32_MAX - 64);
}

TEST(FixedPointQ, ReciprocalSplitsIntoScaleAndExponent) {
  // 1/3 = (2/3) * 2^-1; 3 in Q12 sits two bits above the unit bit.
  int32_t bits_over_unit = 0;
  int32_t scale = ingot::reciprocal_q(toQ(3.0, 12), 12, &bits_over_unit);
  EXPECT_EQ(bits_over_unit, 1);
  EXPECT_NEAR(scale / kTwoTo31, 2.0 / 3.0, 1e-7);

  // 1/0.75 = (2/3) * 2^1: below one, the exponent goes negative.
  scale = ingot::reciprocal_q(toQ(0.75, 12), 12, &bits_over_unit);
  EXPECT_EQ(bits_over_unit, -1);
  EXPECT_NEAR(scale / kTwoTo31, 2.0 / 3.0, 1e-7);

  // A power of two has reciprocal scale one.
  scale = ingot::reciprocal_q(toQ(4.0, 12), 12, &bits_over_unit);
  EXPECT_EQ(bits_over_unit, 2);
  EXPECT_GT(scale, INT32_MAX - 64);
}

} // namespace
