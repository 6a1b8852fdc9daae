//===- quantize_test.cpp - float <-> int8 QUANTIZE and DEQUANTIZE ---------===//
//
// Expected values are worked out by hand: quantization divides by the scale
// in float, rounds half away from zero (like std::round, not to even) and
// saturates; dequantization multiplies the scale by the centered integer.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/dequantize_s8_f32.h"
#include "ingot/runtime/kernels/ref/quantize_f32_s8.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace {

std::vector<int8_t> quantize(const std::vector<float> &in, float scale,
                             int32_t zero_point) {
  std::vector<int8_t> out(in.size());
  ingot::ref::quantize_f32_s8(in.data(), out.data(),
                              static_cast<int32_t>(in.size()), scale,
                              zero_point);
  return out;
}

TEST(QuantizeF32S8, RoundsHalfAwayFromZero) {
  // Scale 0.5: the quotients are 1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.4.
  EXPECT_EQ(quantize({0.5f, 0.25f, -0.25f, 0.75f, -0.75f, 1.25f, -1.25f, 0.2f},
                     0.5f, 0),
            (std::vector<int8_t>{1, 1, -1, 2, -2, 3, -3, 0}));
}

TEST(QuantizeF32S8, AddsZeroPointAndSaturates) {
  EXPECT_EQ(quantize({0.0f, 255.0f, 256.0f, -1.0f, 127.4f}, 1.0f, -128),
            (std::vector<int8_t>{-128, 127, 127, -128, -1}));
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(quantize({1e30f, -1e30f, inf, -inf}, 0.01f, 3),
            (std::vector<int8_t>{127, -128, 127, -128}));
}

TEST(QuantizeF32S8, NanBecomesMinimum) {
  EXPECT_EQ(quantize({std::numeric_limits<float>::quiet_NaN()}, 1.0f, 0),
            std::vector<int8_t>{-128});
}

TEST(QuantizeF32S8, DividesRatherThanMultiplyingByTheReciprocal) {
  // In float, 5.95f / 0.1f = 59.499996 but 5.95f * (1 / 0.1f) = 59.5: the
  // reference divides, so the result is 59, not 60.
  EXPECT_EQ(quantize({5.95f, -5.95f}, 0.1f, 0), (std::vector<int8_t>{59, -59}));
}

TEST(DequantizeS8F32, SubtractsZeroPointAndScales) {
  const std::vector<int8_t> in = {3, 5, -128, 127};
  std::vector<float> out(in.size());
  ingot::ref::dequantize_s8_f32(in.data(), out.data(), 4, 0.5f, 3);
  EXPECT_EQ(out, (std::vector<float>{0.0f, 1.0f, -65.5f, 62.0f}));
}

} // namespace
