//===- activation_quantization_test.cpp - Range to int8 parameters --------===//
//
// Expected values are worked out by hand from the definition: scale =
// (max - min) / 255 over the range widened to include 0, zero point =
// round(-128 - min / scale).
//
//===----------------------------------------------------------------------===//
#include "ActivationQuantization.h"

#include <gtest/gtest.h>

namespace {

using ingot::quant::chooseInt8Params;
using ingot::quant::quantizeBias;

TEST(ActivationQuantization, NonNegativeRangeUsesTheWholeType) {
  // [0, 25.5]: scale 0.1, real 0 at -128 (a ReLU output).
  auto params = chooseInt8Params(0.0f, 25.5f);
  EXPECT_FLOAT_EQ(params.scale, 0.1f);
  EXPECT_EQ(params.zeroPoint, -128);
}

TEST(ActivationQuantization, RangeIsWidenedToContainZero) {
  // [2, 5.1] becomes [0, 5.1]: scale 0.02, zero point -128.
  auto params = chooseInt8Params(2.0f, 5.1f);
  EXPECT_FLOAT_EQ(params.scale, 0.02f);
  EXPECT_EQ(params.zeroPoint, -128);
}

TEST(ActivationQuantization, SymmetricRangeCentersTheZeroPoint) {
  // [-1.275, 1.275]: scale 0.01, -128 + 127.5 = -0.5 rounds away to -1.
  auto params = chooseInt8Params(-1.275f, 1.275f);
  EXPECT_FLOAT_EQ(params.scale, 0.01f);
  EXPECT_EQ(params.zeroPoint, -1);
}

TEST(ActivationQuantization, NegativeRangeClampsZeroPointTo127) {
  auto params = chooseInt8Params(-2.55f, -1.0f);
  EXPECT_FLOAT_EQ(params.scale, 0.01f);
  EXPECT_EQ(params.zeroPoint, 127);
}

TEST(ActivationQuantization, EmptyRangeGetsScaleOne) {
  auto params = chooseInt8Params(0.0f, 0.0f);
  EXPECT_FLOAT_EQ(params.scale, 1.0f);
  EXPECT_EQ(params.zeroPoint, 0);
}

TEST(BiasQuantization, RoundsHalfAwayAndSaturates) {
  EXPECT_EQ(quantizeBias(0.25f, 0.5), 1);   // 0.5 -> 1
  EXPECT_EQ(quantizeBias(-0.25f, 0.5), -1); // -0.5 -> -1
  EXPECT_EQ(quantizeBias(3.0f, 0.5), 6);
  EXPECT_EQ(quantizeBias(1e30f, 1e-6), 2147483647);
}

TEST(ActivationQuantization, Int16IsSymmetric) {
  // max(|-1|, |3.2767|) = 3.2767 over 32767 steps: scale 1e-4, zero point 0.
  auto params = ingot::quant::chooseInt16Params(-1.0f, 3.2767f);
  EXPECT_FLOAT_EQ(params.scale, 1e-4f);
  EXPECT_EQ(params.zeroPoint, 0);
  EXPECT_FLOAT_EQ(ingot::quant::chooseInt16Params(0.0f, 0.0f).scale, 1.0f);
}

TEST(BiasQuantization, Int64KeepsLargeValues) {
  // 3e9 units: beyond int32, exact in int64.
  EXPECT_EQ(ingot::quant::quantizeBias64(3.0f, 1e-9), 3000000000LL);
  EXPECT_EQ(ingot::quant::quantizeBias64(-0.25f, 0.5), -1);
}

} // namespace
