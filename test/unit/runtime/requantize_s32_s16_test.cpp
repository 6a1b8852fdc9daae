//===- requantize_s32_s16_test.cpp - int32 to int16 requantization --------===//
//
// Rescale factors are exact powers of two ((2^30, shift s) is 2^(s-1)), so
// expected values follow by hand: the double-rounding rescale rounds halves
// away from zero for a factor below one, and results saturate to int16.
//
//===----------------------------------------------------------------------===//
#include "RequantizeParams.h"
#include "ingot/runtime/kernels/ref/requantize_s32_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

std::vector<int16_t> runRequantize(const std::vector<int32_t> &input,
                                   int32_t inputZeroPoint,
                                   int32_t outputZeroPoint, int32_t multiplier,
                                   int32_t shift) {
  std::vector<int16_t> output(input.size(), 99);
  ingot::ref::requantize_s32_s16(
      input.data(), output.data(), static_cast<int32_t>(input.size()),
      inputZeroPoint, outputZeroPoint, multiplier, shift);
  return output;
}

TEST(RequantizeS32S16, DividesRoundsAndSaturates) {
  // Scale ratio 2^-12 = (2^30, -11): 6144 / 4096 = 1.5 -> 2, -1.5 -> -2;
  // the int32 extremes saturate. 2047 / 4096 is just below one half but
  // rounds to 1: the reference rounds twice (2047 / 2 = 1023.5 -> 1024, then
  // 1024 / 2048 = 0.5 -> 1).
  EXPECT_EQ(runRequantize({4096, 6144, -6144, 2047, INT32_MAX, INT32_MIN}, 0, 0,
                          kHalf, -11),
            (std::vector<int16_t>{1, 2, -2, 1, 32767, -32768}));
}

TEST(RequantizeS32S16, ZeroPoints) {
  // (in - 100) / 4096 - 3.
  EXPECT_EQ(runRequantize({100 + 4096, 100, 100 - 8192}, 100, -3, kHalf, -11),
            (std::vector<int16_t>{-2, -3, -5}));
}

TEST(RequantizeS32S16, SeanetScales) {
  // seanet quantize0: int32 at 2^-22.68 to int16 at about 2^-10.08; the
  // ratio is below one, so the shift is negative.
  const auto q =
      ingot::quant::requantizeMultiplier(1.49011612e-07f, 0.000921971456f);
  EXPECT_LT(q.shift, 0);
  // 0 stays 0 and the sign is kept.
  const auto out =
      runRequantize({0, 1 << 20, -(1 << 20)}, 0, 0, q.multiplier, q.shift);
  EXPECT_EQ(out[0], 0);
  EXPECT_EQ(out[1], -out[2]);
  EXPECT_GT(out[1], 0);
}

TEST(RequantizeS32S16, ZeroPointSubtractionWrapsLikeTheReference) {
  // INT32_MIN - 1 wraps to INT32_MAX in the reference's int32 arithmetic;
  // halved (2^30, 0) that saturates to 32767 (not to -32768).
  EXPECT_EQ(runRequantize({INT32_MIN}, 1, 0, kHalf, 0),
            (std::vector<int16_t>{32767}));
}

} // namespace
