//===- requantize_params_test.cpp - QUANTIZE rescale multiplier -----------===//
//
// The effective scale is input_scale / output_scale divided in double. Power
// of two ratios are exact by hand; for others the double quotient keeps more
// than float's 24 significant bits, which the multiplier must show.
//
//===----------------------------------------------------------------------===//
#include "RequantizeParams.h"

#include <gtest/gtest.h>

namespace {

using ingot::quant::quantizeMultiplier;
using ingot::quant::requantizeMultiplier;

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(RequantizeParams, PowerOfTwoRatios) {
  auto q = requantizeMultiplier(1.0f / 65536, 1.0f / 32768); // 0.5
  EXPECT_EQ(q.multiplier, kHalf);
  EXPECT_EQ(q.shift, 0);
  q = requantizeMultiplier(1.0f / 16, 1.0f / 64); // 4
  EXPECT_EQ(q.multiplier, kHalf);
  EXPECT_EQ(q.shift, 3);
  q = requantizeMultiplier(1.0f, 1.0f); // 1
  EXPECT_EQ(q.multiplier, kHalf);
  EXPECT_EQ(q.shift, 1);
}

TEST(RequantizeParams, QuotientIsTakenInDouble) {
  // keyword_scrambled_int8's input QUANTIZE (int16 -> int8).
  const float in = 0.000624999986f, out = 0.0592083335f;
  const auto q = requantizeMultiplier(in, out);
  const auto expected =
      quantizeMultiplier(static_cast<double>(in) / static_cast<double>(out));
  EXPECT_EQ(q.multiplier, expected.multiplier);
  EXPECT_EQ(q.shift, expected.shift);
  EXPECT_NE(q.multiplier % 128, 0); // more than float precision
}

} // namespace
