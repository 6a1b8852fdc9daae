//===- fixed_point_s64_test.cpp - int64-accumulator requantization --------===//
//
// Expected values follow from the definition of
// multiply_by_quantized_multiplier_s64: the Q31 multiplier m becomes
// m15 = (m + 2^15) >> 16 (at most 0x7FFF), and the result is
// floor((x * m15 + 2^(14 - shift)) / 2^(15 - shift)), i.e. x * m15 *
// 2^(shift - 15) rounded once, ties toward +infinity.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/fixed_point.h"

#include <gtest/gtest.h>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30; // 0.5 in Q31, 2^14 in Q15

TEST(FixedPointS64, HalvingRoundsTiesUpward) {
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(100, kHalf, 0), 50);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(3, kHalf, 0), 2);
  // -1.5 and -2.5 round up (toward +infinity), -0.5 to 0.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(-3, kHalf, 0), -1);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(-5, kHalf, 0), -2);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(-1, kHalf, 0), 0);
}

TEST(FixedPointS64, RoundsOnceUnlikeTheInt32Path) {
  // 3 * 0.5 * 2^-1 = 0.75 rounds to 1 in one step; the int32 path rounds
  // 1.5 to 2 first and then 2 / 2 to 1 as well, but 5 * 2^-2 = 1.25 shows
  // the difference: once -> 1, twice (2.5 -> 3, 3 / 2 -> 2) -> 2.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(3, kHalf, -1), 1);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(5, kHalf, -1), 1);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(5, kHalf, -1), 2);
}

TEST(FixedPointS64, AccumulatorsBeyondInt32) {
  // 2^40 * 0.5 * 2^-10 = 2^29.
  EXPECT_EQ(
      ingot::multiply_by_quantized_multiplier_s64(int64_t{1} << 40, kHalf, -10),
      int32_t{1} << 29);
  // -(2^40 + 2^20) * 2^-21 = -(2^19 + 0.5) rounds up to -2^19.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(
                -((int64_t{1} << 40) + (int64_t{1} << 20)), kHalf, -20),
            -(int32_t{1} << 19));
}

TEST(FixedPointS64, MultiplierLosesItsLow16Bits) {
  const int64_t x = int64_t{1} << 20;
  // 2^30 + 2^15 - 1 rounds down to m15 = 2^14: 2^20 * 2^14 / 2^15 = 2^19.
  // (The exact product is 2^19 + 16 - 2^-11, which the int32 path keeps.)
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(
                x, kHalf + (int32_t{1} << 15) - 1, 0),
            524288);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier(
                1 << 20, kHalf + (int32_t{1} << 15) - 1, 0),
            524304);
  // 2^30 + 2^15 rounds up to m15 = 2^14 + 1: 2^5 * (2^14 + 1) = 524320.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(
                x, kHalf + (int32_t{1} << 15), 0),
            524320);
}

TEST(FixedPointS64, MultiplierNearOneIsCappedAt0x7FFF) {
  // 0x7FFF0000 and above would round to 0x8000, which is capped to 0x7FFF:
  // 2^16 * 0x7FFF / 2^15 = 65534.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(65536, 0x7FFFFFFF, 0),
            65534);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(65536, 0x7FFF0000, 0),
            65534);
  // Just below the cap the rounding itself gives 0x7FFF.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(65536, 0x7FFEFFFF, 0),
            65534);
}

TEST(FixedPointS64, PositiveShiftScalesUp) {
  // 100 * 0.5 * 2^7 = 6400; the largest shift the reference allows is 7.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(100, kHalf, 7), 6400);
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64(-7, kHalf, 2), -14);
}

TEST(FixedPointS64, ResultKeepsTheLow32Bits) {
  // x * 0.5 * 2^1 = x = 2^32 + 5 does not fit: like the reference's
  // conversion, only the low 32 bits remain.
  EXPECT_EQ(ingot::multiply_by_quantized_multiplier_s64((int64_t{1} << 32) + 5,
                                                        kHalf, 1),
            5);
}

} // namespace
