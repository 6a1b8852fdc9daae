//===- sub_s16_test.cpp - Reference int16 elementwise subtraction ---------===//
//
// Expected values are worked out by hand as in add_s16_test.cpp, with a
// difference in place of the sum. Power-of-two scales make SUB's float
// parameter arithmetic exact, so its multipliers are the same as ADD's.
//
//===----------------------------------------------------------------------===//
#include "Int16Params.h"
#include "ingot/runtime/kernels/ref/sub_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using ingot::quant::AddSubS16Params;
using ingot::quant::BroadcastStrides;

/// Runs sub_s16 on input1 - input2 with the shapes broadcast by
/// ingot::quant::broadcastStrides.
std::vector<int16_t>
runSub(const std::vector<int16_t> &input1, const std::vector<int32_t> &shape1,
       const std::vector<int16_t> &input2, const std::vector<int32_t> &shape2,
       const AddSubS16Params &p, int32_t activationMin = -32768,
       int32_t activationMax = 32767) {
  const BroadcastStrides b = ingot::quant::broadcastStrides(shape1, shape2);
  int32_t size = 1;
  for (int32_t d : b.outputShape)
    size *= d;
  std::vector<int16_t> output(static_cast<size_t>(size), 99);
  ingot::ref::sub_s16(
      input1.data(), input2.data(), output.data(), b.outputShape.data(),
      b.input1Strides.data(), b.input2Strides.data(),
      static_cast<int32_t>(b.outputShape.size()), p.input1Offset,
      p.input1Multiplier, p.input1Shift, p.input2Offset, p.input2Multiplier,
      p.input2Shift, p.outputOffset, p.outputMultiplier, p.outputShift,
      activationMin, activationMax);
  return output;
}

AddSubS16Params sameScale() {
  return ingot::quant::subS16Params(0.5f, 0, 0.5f, 0, 0.5f, 0);
}

TEST(SubS16, SameScalesSubtractExactlyAndSaturate) {
  EXPECT_EQ(runSub({10, -7, -30000, 30000, 0}, {5}, {20, -8, 30000, -30000, 0},
                   {5}, sameScale()),
            (std::vector<int16_t>{-10, 1, -32768, 32767, 0}));
}

TEST(SubS16, HalfStepsRoundAwayFromZero) {
  // Scales 1 and 0.5, output 1: out = a - b / 2; -1.5 -> -2, 1.5 -> 2,
  // -0.5 -> -1, 0.5 -> 1.
  const AddSubS16Params p =
      ingot::quant::subS16Params(1.0f, 0, 0.5f, 0, 1.0f, 0);
  EXPECT_EQ(runSub({0, 0, 0, 0, 10}, {5}, {3, -3, 1, -1, 4}, {5}, p),
            (std::vector<int16_t>{-2, 2, -1, 1, 8}));
}

TEST(SubS16, OperandOrderWithBroadcast) {
  // [2, 2] - [2] subtracts the row from each row; [2] - [2, 2] the reverse.
  const std::vector<int16_t> matrix = {10, 20, 30, 40};
  const std::vector<int16_t> row = {1, 2};
  EXPECT_EQ(runSub(matrix, {2, 2}, row, {2}, sameScale()),
            (std::vector<int16_t>{9, 18, 29, 38}));
  EXPECT_EQ(runSub(row, {2}, matrix, {2, 2}, sameScale()),
            (std::vector<int16_t>{-9, -18, -29, -38}));
}

TEST(SubS16, SeanetStyleChannelBroadcastWithZeroPoints) {
  // [1, 2, 1, 2] minus a per-channel [2], zero points 1, -1 and 3:
  // out = (a - 1) - (b + 1) + 3 = a - b + 1, clamped to [-5, 5].
  const AddSubS16Params p =
      ingot::quant::subS16Params(0.5f, 1, 0.5f, -1, 0.5f, 3);
  EXPECT_EQ(runSub({0, 1, 10, -10}, {1, 2, 1, 2}, {1, -1}, {2}, p, -5, 5),
            (std::vector<int16_t>{0, 3, 5, -5}));
}

} // namespace
