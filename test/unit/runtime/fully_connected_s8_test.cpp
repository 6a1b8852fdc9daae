//===- fully_connected_s8_test.cpp - Reference int8 fully connected -------===//
//
// Every expected value is worked out by hand in the comment next to it. A
// multiplier of 2^30 is the real number 0.5 * 2^shift.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/fully_connected_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(FullyConnectedS8, OffsetsBiasAndBatches) {
  // Input zero point -1 and filter zero point 1:
  //   batch 0 (1, 2, 3) -> (2, 3, 4); batch 1 (-1, 0, 5) -> (0, 1, 6);
  //   row 0 (2, 1, 0) -> (1, 0, -1); row 1 (0, 3, 2) -> (-1, 2, 1).
  const std::vector<int8_t> input = {1, 2, 3, -1, 0, 5};
  const std::vector<int8_t> filter = {2, 1, 0, 0, 3, 2};
  const int32_t bias[] = {10, -1};
  std::vector<int8_t> output(4, 99);
  ingot::ref::fully_connected_s8(input.data(), filter.data(), bias,
                                 output.data(), /*batches=*/2,
                                 /*accum_depth=*/3, /*output_depth=*/2,
                                 /*input_offset=*/1, /*filter_offset=*/-1,
                                 /*output_offset=*/3, kHalf, 0, -128, 127);
  // Batch 0: row 0 = 2 - 4 = -2, +10 = 8, /2 = 4, +3 = 7;
  //          row 1 = -2 + 6 + 4 = 8, -1 = 7, /2 = 3.5 -> 4, +3 = 7.
  // Batch 1: row 0 = -6, +10 = 4, /2 = 2, +3 = 5;
  //          row 1 = 2 + 6 = 8, -1 = 7 -> 4, +3 = 7.
  EXPECT_EQ(output, (std::vector<int8_t>{7, 7, 5, 7}));
}

TEST(FullyConnectedS8, PositiveShiftSaturatesBothWays) {
  const std::vector<int8_t> input = {50};
  const std::vector<int8_t> filter = {1, 2, -3};
  std::vector<int8_t> output(3, 99);
  // Multiplier 0.5 * 2^2 = 2, output zero point -10, no bias:
  //   100 - 10 = 90; 200 - 10 = 190 -> 127; -300 - 10 = -310 -> -128.
  ingot::ref::fully_connected_s8(input.data(), filter.data(), nullptr,
                                 output.data(), 1, 1, 3, 0, 0, -10, kHalf, 2,
                                 -128, 127);
  EXPECT_EQ(output, (std::vector<int8_t>{90, 127, -128}));
}

TEST(FullyConnectedS8, NegativeShiftRoundsTwice) {
  // Multiplier 0.25 as (2^30, -1). 5 * 0.5 = 2.5 rounds up to 3, 3 / 2 = 1.5
  // rounds away to 2 (a single rounding of 1.25 would give 1). -5 * 0.5 =
  // -2.5 rounds up to -2, and -2 / 2 = -1 exactly.
  const std::vector<int8_t> input = {5, -5};
  const std::vector<int8_t> filter = {1};
  std::vector<int8_t> output(2, 99);
  ingot::ref::fully_connected_s8(input.data(), filter.data(), nullptr,
                                 output.data(), 2, 1, 1, 0, 0, 0, kHalf, -1,
                                 -128, 127);
  EXPECT_EQ(output, (std::vector<int8_t>{2, -1}));
}

TEST(FullyConnectedS8, ActivationRangeNarrowerThanInt8) {
  // A Relu6-style range [0, 60] with the identity rescale.
  const std::vector<int8_t> input = {-7, 7, 100};
  const std::vector<int8_t> filter = {1};
  std::vector<int8_t> output(3, 99);
  ingot::ref::fully_connected_s8(input.data(), filter.data(), nullptr,
                                 output.data(), 3, 1, 1, 0, 0, 0, kHalf, 1, 0,
                                 60);
  EXPECT_EQ(output, (std::vector<int8_t>{0, 7, 60}));
}

} // namespace
