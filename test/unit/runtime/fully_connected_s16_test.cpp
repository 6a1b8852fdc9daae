//===- fully_connected_s16_test.cpp - Reference int16x8 fully connected ---===//
//
// Expected values are worked out by hand. Rescales are powers of two, written
// as (2^30, shift) = 2^(shift - 1), so the only rounding is the single
// rounding of multiply_by_quantized_multiplier_s64 (ties toward +infinity).
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/fully_connected_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

std::vector<int16_t> runFullyConnected(const std::vector<int16_t> &input,
                                       const std::vector<int8_t> &filter,
                                       const int64_t *bias, int32_t batches,
                                       int32_t outputDepth, int32_t shift,
                                       int32_t activationMin = -32768,
                                       int32_t activationMax = 32767) {
  const int32_t accumDepth = static_cast<int32_t>(input.size()) / batches;
  EXPECT_EQ(input.size(), static_cast<size_t>(batches * accumDepth));
  EXPECT_EQ(filter.size(), static_cast<size_t>(outputDepth * accumDepth));
  std::vector<int16_t> output(static_cast<size_t>(batches * outputDepth), 99);
  ingot::ref::fully_connected_s16(
      input.data(), filter.data(), bias, output.data(), batches, accumDepth,
      outputDepth, kHalf, shift, activationMin, activationMax);
  return output;
}

TEST(FullyConnectedS16, IdentityNegationAndSaturation) {
  // Four batches of depth 1; the filter rows are +1 and -1, rescaled by 1.0.
  // -(-32768) = 32768 saturates to 32767.
  EXPECT_EQ(
      runFullyConnected({0, 1234, -32768, 32767}, {1, -1}, nullptr, 4, 2, 1),
      (std::vector<int16_t>{0, 0, 1234, -1234, -32768, 32767, 32767, -32767}));
}

TEST(FullyConnectedS16, DotProductsBiasAndBatches) {
  // Filter rows (1, 2, 3) and (-1, 0, 4), bias (10, -6), halved (2^30, 0).
  // Batch 0 = (100, -200, 300): 600 + 10 = 610 -> 305 and
  //   1100 - 6 = 1094 -> 547.
  // Batch 1 = (-1, -1, -2): -9 + 10 = 1 -> 0.5 -> 1 and
  //   -7 - 6 = -13 -> -6.5 -> -6 (ties go toward +infinity).
  const std::vector<int64_t> bias = {10, -6};
  EXPECT_EQ(runFullyConnected({100, -200, 300, -1, -1, -2}, {1, 2, 3, -1, 0, 4},
                              bias.data(), 2, 2, 0),
            (std::vector<int16_t>{305, 547, 1, -6}));
}

TEST(FullyConnectedS16, RescalesWithOneRoundingAndLeftShifts) {
  // 5 * 2^-2 = 1.25 -> 1: the int64 rescale rounds once, where the int32
  // path would round 2.5 -> 3 and then 3 / 2 -> 2. A shift of 7 multiplies
  // by 64: 300 * 64 = 19200.
  EXPECT_EQ(runFullyConnected({5}, {1}, nullptr, 1, 1, -1),
            std::vector<int16_t>{1});
  EXPECT_EQ(runFullyConnected({100}, {3}, nullptr, 1, 1, 7),
            std::vector<int16_t>{19200});
}

TEST(FullyConnectedS16, AccumulatesBeyondInt32WithoutBias) {
  // Depth 600 of 32767 against rows of 127 and -128: 2496845400 and
  // -2516505600, both beyond int32. Rescaled by 2^-20 (2^30, -19):
  // 2381.18 -> 2381 and -2399.93 -> -2400.
  const int32_t depth = 600;
  const std::vector<int16_t> input(depth, 32767);
  std::vector<int8_t> filter(depth, 127);
  filter.insert(filter.end(), depth, -128);
  EXPECT_EQ(runFullyConnected(input, filter, nullptr, 1, 2, -19),
            (std::vector<int16_t>{2381, -2400}));
}

TEST(FullyConnectedS16, Int64BiasAndActivationClamp) {
  // A zero input leaves only the bias: 2^33 * 2^-20 = 8192 and
  // -(2^33) -> -8192, which the activation range [-100, 20000] clamps.
  const std::vector<int64_t> bias = {int64_t{1} << 33, -(int64_t{1} << 33)};
  EXPECT_EQ(runFullyConnected({0}, {5, 5}, bias.data(), 1, 2, -19, -100, 20000),
            (std::vector<int16_t>{8192, -100}));
}

} // namespace
