//===- fully_connected_hybrid_f32_s8_test.cpp - Hybrid FC -----------------===//
//
// Inputs are chosen so that max|x| = 127, making the on-the-fly input scale
// exactly 1 and every quantized value the input itself; expectations are then
// plain integer dot products times the filter scale, worked out by hand.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/fully_connected_hybrid_f32_s8.h"

#include <gtest/gtest.h>

#include <array>
#include <cfloat>

namespace {

const float kOne = 1.0f;

TEST(FullyConnectedHybrid, ExactScaleGivesIntegerDotProducts) {
  const std::array<float, 3> input = {127.0f, -2.0f, 3.0f};
  const std::array<int8_t, 6> filter = {1, 1, 1, 2, 0, -1};
  const std::array<float, 2> bias = {0.5f, -1.0f};
  const std::array<float, 2> scales = {0.25f, 0.25f};
  std::array<int8_t, 3> scratch{};
  std::array<float, 2> output{};
  ingot::ref::fully_connected_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), bias.data(), output.data(),
      scratch.data(), 1, 3, 2, false, -FLT_MAX, FLT_MAX);
  // unit 0: (127 - 2 + 3) * 0.25 + 0.5 = 32.5
  // unit 1: (254 - 3) * 0.25 - 1 = 61.75
  EXPECT_FLOAT_EQ(output[0], 32.5f);
  EXPECT_FLOAT_EQ(output[1], 61.75f);
}

TEST(FullyConnectedHybrid, EachBatchGetsItsOwnScale) {
  // Batch 1 is batch 0 doubled: its scale is 2, so the outputs double too.
  const std::array<float, 4> input = {127.0f, 1.0f, 254.0f, 2.0f};
  const std::array<int8_t, 2> filter = {1, 3};
  std::array<int8_t, 2> scratch{};
  std::array<float, 2> output{};
  ingot::ref::fully_connected_hybrid_f32_s8(
      input.data(), filter.data(), &kOne, nullptr, output.data(),
      scratch.data(), 2, 2, 1, false, -FLT_MAX, FLT_MAX);
  EXPECT_FLOAT_EQ(output[0], 130.0f);
  EXPECT_FLOAT_EQ(output[1], 260.0f);
}

TEST(FullyConnectedHybrid, InputIsRoundedToTheGrid) {
  // max|x| = 127 keeps scale 1; 2.5 rounds half away from zero to 3.
  const std::array<float, 2> input = {127.0f, 2.5f};
  const std::array<int8_t, 2> filter = {0, 1};
  std::array<int8_t, 2> scratch{};
  std::array<float, 1> output{};
  ingot::ref::fully_connected_hybrid_f32_s8(
      input.data(), filter.data(), &kOne, nullptr, output.data(),
      scratch.data(), 1, 2, 1, false, -FLT_MAX, FLT_MAX);
  EXPECT_FLOAT_EQ(output[0], 3.0f);
}

TEST(FullyConnectedHybrid, ZeroInputGivesBiasAndActivationClamps) {
  const std::array<float, 2> input = {0.0f, 0.0f};
  const std::array<int8_t, 4> filter = {5, 5, 5, 5};
  const std::array<float, 2> bias = {-3.0f, 9.0f};
  const std::array<float, 2> scales = {1.0f, 1.0f};
  std::array<int8_t, 2> scratch{};
  std::array<float, 2> output{};
  ingot::ref::fully_connected_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), bias.data(), output.data(),
      scratch.data(), 1, 2, 2, false, 0.0f, 6.0f);
  EXPECT_FLOAT_EQ(output[0], 0.0f); // RELU6 lower bound
  EXPECT_FLOAT_EQ(output[1], 6.0f); // RELU6 upper bound
}

TEST(FullyConnectedHybrid, EachUnitGetsItsOwnFilterScale) {
  // Scale 1 input as above; units 0 and 1 have the same weights but filter
  // scales 0.5 and 0.125: (127 + 2 * 1) = 129 times each.
  const std::array<float, 2> input = {127.0f, 1.0f};
  const std::array<int8_t, 4> filter = {1, 2, 1, 2};
  const std::array<float, 2> scales = {0.5f, 0.125f};
  std::array<int8_t, 2> scratch{};
  std::array<float, 2> output{};
  ingot::ref::fully_connected_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), nullptr, output.data(),
      scratch.data(), 1, 2, 2, false, -FLT_MAX, FLT_MAX);
  EXPECT_FLOAT_EQ(output[0], 64.5f);
  EXPECT_FLOAT_EQ(output[1], 16.125f);
}

TEST(FullyConnectedHybrid, AsymmetricInputsSubtractTheZeroPoint) {
  // Inputs in [0, 255]: min(x, 0) = 0 and max = 255 give the scale
  // 255 / 255 = 1 and the zero point -128 (from the minimum, error 128 + 0
  // against 127 + 255), so q = x - 128 and q - zero_point = x exactly.
  const std::array<float, 3> input = {255.0f, 0.0f, 7.0f};
  const std::array<int8_t, 3> filter = {1, 5, -2};
  const std::array<float, 1> scales = {0.5f};
  std::array<int8_t, 3> scratch{};
  std::array<float, 1> output{};
  ingot::ref::fully_connected_hybrid_f32_s8(
      input.data(), filter.data(), scales.data(), nullptr, output.data(),
      scratch.data(), 1, 3, 1, true, -FLT_MAX, FLT_MAX);
  // (255 + 0 - 14) * 0.5 = 120.5
  EXPECT_FLOAT_EQ(output[0], 120.5f);
}

} // namespace
