//===- leaky_relu_f32_test.cpp - Reference float32 leaky ReLU -------------===//
#include "ingot/runtime/kernels/ref/leaky_relu_f32.h"

#include <gtest/gtest.h>

#include <array>

namespace {

TEST(LeakyReluF32, ScalesOnlyNegativeValues) {
  const std::array<float, 4> input = {-2.0f, -0.0f, 0.5f, 3.0f};
  std::array<float, 4> output{};
  ingot::ref::leaky_relu_f32(input.data(), output.data(), 4, 0.25f);
  EXPECT_FLOAT_EQ(output[0], -0.5f);
  EXPECT_FLOAT_EQ(output[1], 0.0f);
  EXPECT_FLOAT_EQ(output[2], 0.5f);
  EXPECT_FLOAT_EQ(output[3], 3.0f);
}

} // namespace
