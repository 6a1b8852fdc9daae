//===- add_f32_test.cpp - Reference float32 elementwise addition ----------===//
//
// Expected values are exact sums of representable numbers, clamped to the
// fused activation range. The "no activation" bounds are TFLite's
// (-FLT_MAX, FLT_MAX), so an overflow to infinity comes out as FLT_MAX.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/add_f32.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <cmath>
#include <limits>
#include <vector>

namespace {

std::vector<float> runAdd(const std::vector<float> &input1,
                          const std::vector<float> &input2,
                          float activationMin = -FLT_MAX,
                          float activationMax = FLT_MAX) {
  EXPECT_EQ(input1.size(), input2.size());
  std::vector<float> output(input1.size(), 99.0f);
  ingot::ref::add_f32(input1.data(), input2.data(), output.data(),
                      static_cast<int32_t>(input1.size()), activationMin,
                      activationMax);
  return output;
}

TEST(AddF32, AddsElementwise) {
  EXPECT_EQ(runAdd({1.5f, -2.0f, 0.25f, 100.0f}, {2.5f, 0.5f, -0.25f, -0.5f}),
            (std::vector<float>{4.0f, -1.5f, 0.0f, 99.5f}));
}

TEST(AddF32, FusedActivationClamps) {
  const std::vector<float> a = {-3.0f, 0.5f, 2.0f, 10.0f};
  const std::vector<float> b = {1.0f, 0.0f, 2.5f, -1.0f};
  // Sums: -2, 0.5, 4.5, 9.
  EXPECT_EQ(runAdd(a, b, 0.0f, FLT_MAX), // RELU
            (std::vector<float>{0.0f, 0.5f, 4.5f, 9.0f}));
  EXPECT_EQ(runAdd(a, b, 0.0f, 6.0f), // RELU6
            (std::vector<float>{0.0f, 0.5f, 4.5f, 6.0f}));
  EXPECT_EQ(runAdd(a, b, -1.0f, 1.0f), // RELU_N1_TO_1
            (std::vector<float>{-1.0f, 0.5f, 1.0f, 1.0f}));
}

TEST(AddF32, NoActivationBoundsClampOverflowToFltMax) {
  // FLT_MAX + FLT_MAX overflows to +inf, which the upper bound FLT_MAX
  // clamps, exactly as TFLite's min(max(x, lowest), max) does; likewise for
  // -inf. Finite sums pass unchanged.
  const std::vector<float> output =
      runAdd({FLT_MAX, -FLT_MAX, 1.0f}, {FLT_MAX, -FLT_MAX, FLT_MAX});
  EXPECT_EQ(output, (std::vector<float>{FLT_MAX, -FLT_MAX, FLT_MAX}));
}

TEST(AddF32, NanPassesThroughTheClamp) {
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const std::vector<float> output = runAdd({nan, 1.0f}, {1.0f, 1.0f}, 0, 6);
  EXPECT_TRUE(std::isnan(output[0]));
  EXPECT_EQ(output[1], 2.0f);
}

TEST(AddF32, WorksInPlace) {
  std::vector<float> data = {1.0f, 2.0f, 3.0f};
  const std::vector<float> other = {0.5f, 0.5f, 4.0f};
  ingot::ref::add_f32(data.data(), other.data(), data.data(), 3, 0.0f, 6.0f);
  EXPECT_EQ(data, (std::vector<float>{1.5f, 2.5f, 6.0f}));
}

} // namespace
