//===- quantize_s16_test.cpp - float <-> int16 QUANTIZE and DEQUANTIZE ----===//
//
// Expected values are worked out by hand: quantization divides by the scale
// in float, rounds half away from zero (like std::round, not to even) and
// saturates to int16; dequantization multiplies the scale by the centered
// integer, rounding once to float.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/dequantize_s16_f32.h"
#include "ingot/runtime/kernels/ref/quantize_f32_s16.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace {

std::vector<int16_t> quantize(const std::vector<float> &in, float scale,
                              int32_t zero_point) {
  std::vector<int16_t> out(in.size(), 99);
  ingot::ref::quantize_f32_s16(in.data(), out.data(),
                               static_cast<int32_t>(in.size()), scale,
                               zero_point);
  return out;
}

std::vector<float> dequantize(const std::vector<int16_t> &in, float scale,
                              int32_t zero_point) {
  std::vector<float> out(in.size(), 99.0f);
  ingot::ref::dequantize_s16_f32(in.data(), out.data(),
                                 static_cast<int32_t>(in.size()), scale,
                                 zero_point);
  return out;
}

TEST(QuantizeF32S16, RoundsHalfAwayFromZero) {
  // Scale 0.5: the quotients are 1.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.4,
  // 32766.5 and -32767.5 (all exact in float).
  EXPECT_EQ(quantize({0.5f, 0.25f, -0.25f, 0.75f, -0.75f, 1.25f, -1.25f, 0.2f,
                      16383.25f, -16383.75f},
                     0.5f, 0),
            (std::vector<int16_t>{1, 1, -1, 2, -2, 3, -3, 0, 32767, -32768}));
}

TEST(QuantizeF32S16, SaturatesToInt16) {
  const float inf = std::numeric_limits<float>::infinity();
  EXPECT_EQ(quantize({32767.0f, 32767.4f, 32768.0f, -32768.0f, -32768.6f,
                      -40000.0f, 1e30f, -1e30f, inf, -inf},
                     1.0f, 0),
            (std::vector<int16_t>{32767, 32767, 32767, -32768, -32768, -32768,
                                  32767, -32768, 32767, -32768}));
}

TEST(QuantizeF32S16, AddsZeroPointBeforeSaturating) {
  // Zero point 100: 32667 + 100 fits, 32668 + 100 saturates, -5.5 rounds to
  // -6 before the offset (94, not 95), -32868 + 100 fits exactly.
  EXPECT_EQ(
      quantize({32667.0f, 32668.0f, -5.5f, -32868.0f, -32869.0f}, 1.0f, 100),
      (std::vector<int16_t>{32767, 32767, 94, -32768, -32768}));
  // Zero point -32768: quotients up to 65535 still fit, and larger ones
  // saturate high even where the kernel caps them at 2^16 first.
  EXPECT_EQ(quantize({65535.0f, 65536.0f, 70000.0f, 1e9f, 0.0f}, 1.0f, -32768),
            (std::vector<int16_t>{32767, 32767, 32767, 32767, -32768}));
}

TEST(QuantizeF32S16, NanBecomesMinimum) {
  EXPECT_EQ(quantize({std::numeric_limits<float>::quiet_NaN()}, 1.0f, 0),
            std::vector<int16_t>{-32768});
}

TEST(QuantizeF32S16, DividesRatherThanMultiplyingByTheReciprocal) {
  // 0.3f = 0.300000011920928955078125. 72.75 / 0.3f = 242.4999904, whose
  // nearest floats are 242.4999847 (5.6e-6 away) and 242.5 (9.6e-6 away):
  // the quotient stays below the tie and rounds to 242. Multiplying by
  // 1 / 0.3f instead lands on 242.5 and would give 243.
  EXPECT_EQ(quantize({72.75f, -72.75f}, 0.3f, 0),
            (std::vector<int16_t>{242, -242}));
}

TEST(DequantizeS16F32, SubtractsZeroPointAndScales) {
  EXPECT_EQ(dequantize({3, 5, -32768, 32767}, 0.5f, 3),
            (std::vector<float>{0.0f, 1.0f, -16385.5f, 16382.0f}));
  // A zero point of -32768 centres 32767 at 65535, still exact in float.
  EXPECT_EQ(dequantize({32767, -32768}, 1.0f, -32768),
            (std::vector<float>{65535.0f, 0.0f}));
}

TEST(DequantizeS16F32, RoundsTheProductOnceToFloat) {
  // 0.1f * 32767 = 3276.70004883 exactly; the floats around it are
  // 3276.699951171875 (9.8e-5 below) and 3276.700195312 (1.5e-4 above).
  EXPECT_EQ(dequantize({32767}, 0.1f, 0),
            std::vector<float>{3276.699951171875f});
}

} // namespace
