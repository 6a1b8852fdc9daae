//===- add_s16_test.cpp - Reference int16 elementwise addition ------------===//
//
// Expected values are worked out by hand. With twice the larger input scale
// called T, input i is multiplied by scale_i / T and the sum by
// T / (2^15 * output_scale), after each (value - zero point) was shifted left
// by 15. The scales below are powers of two, so every multiplier is 2^30
// (0.5) with an exact shift and the only rounding is the final rounding right
// shift, which rounds ties away from zero.
//
//===----------------------------------------------------------------------===//
#include "Int16Params.h"
#include "ingot/runtime/kernels/ref/add_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

using ingot::quant::AddSubS16Params;
using ingot::quant::BroadcastStrides;

/// Runs add_s16 over same-shaped inputs (rank 1).
std::vector<int16_t> runAdd(const std::vector<int16_t> &input1,
                            const std::vector<int16_t> &input2,
                            const AddSubS16Params &p,
                            int32_t activationMin = -32768,
                            int32_t activationMax = 32767) {
  EXPECT_EQ(input1.size(), input2.size());
  std::vector<int16_t> output(input1.size(), 99);
  const int32_t size = static_cast<int32_t>(input1.size());
  const int32_t stride = 1;
  ingot::ref::add_s16(input1.data(), input2.data(), output.data(), &size,
                      &stride, &stride, 1, p.input1Offset, p.input1Multiplier,
                      p.input1Shift, p.input2Offset, p.input2Multiplier,
                      p.input2Shift, p.outputOffset, p.outputMultiplier,
                      p.outputShift, activationMin, activationMax);
  return output;
}

/// Runs add_s16 with the shapes broadcast by ingot::quant::broadcastStrides.
std::vector<int16_t> runBroadcastAdd(const std::vector<int16_t> &input1,
                                     const std::vector<int32_t> &shape1,
                                     const std::vector<int16_t> &input2,
                                     const std::vector<int32_t> &shape2,
                                     const AddSubS16Params &p) {
  const BroadcastStrides b = ingot::quant::broadcastStrides(shape1, shape2);
  int32_t size = 1;
  for (int32_t d : b.outputShape)
    size *= d;
  std::vector<int16_t> output(static_cast<size_t>(size), 99);
  ingot::ref::add_s16(
      input1.data(), input2.data(), output.data(), b.outputShape.data(),
      b.input1Strides.data(), b.input2Strides.data(),
      static_cast<int32_t>(b.outputShape.size()), p.input1Offset,
      p.input1Multiplier, p.input1Shift, p.input2Offset, p.input2Multiplier,
      p.input2Shift, p.outputOffset, p.outputMultiplier, p.outputShift, -32768,
      32767);
  return output;
}

/// All scales 0.5: T = 1, input multipliers 0.5 = (2^30, 0), output
/// multiplier 1 / (2^15 * 0.5) = 2^-14 = (2^30, -13). The sum is exact.
AddSubS16Params sameScale() {
  return ingot::quant::addS16Params(0.5f, 0, 0.5f, 0, 0.5f, 0);
}

TEST(AddS16, SameScalesAddExactlyAndSaturate) {
  EXPECT_EQ(runAdd({10, -7, 30000, -30000, 32767}, {20, -8, 30000, -30000, 1},
                   sameScale()),
            (std::vector<int16_t>{30, -15, 32767, -32768, 32767}));
}

TEST(AddS16, HalfStepsRoundAwayFromZero) {
  // Scales 1 and 0.5, output 1: T = 2, multipliers 0.5 = (2^30, 0) and
  // 0.25 = (2^30, -1), output 2 / 2^15 = (2^30, -13). out = a + b / 2, and
  // the final right shift rounds halves away from zero.
  const AddSubS16Params p =
      ingot::quant::addS16Params(1.0f, 0, 0.5f, 0, 1.0f, 0);
  EXPECT_EQ(runAdd({0, 0, 0, 0, 10}, {3, -3, 1, -1, 4}, p),
            (std::vector<int16_t>{2, -2, 1, -1, 12}));
}

TEST(AddS16, ZeroPointsAndActivationRange) {
  // Same scales, zero points 10, -5 and 7: out = (a - 10) + (b + 5) + 7,
  // clamped to [0, 100].
  const AddSubS16Params p =
      ingot::quant::addS16Params(0.5f, 10, 0.5f, -5, 0.5f, 7);
  EXPECT_EQ(runAdd({10, 20, 10, 100}, {-5, 0, -30, 0}, p, 0, 100),
            (std::vector<int16_t>{7, 22, 0, 100}));
}

TEST(AddS16, BroadcastsRowsAndColumns) {
  const std::vector<int16_t> matrix = {1, 2, 3, 4, 5, 6}; // [2, 3]
  EXPECT_EQ(runBroadcastAdd(matrix, {2, 3}, {10, 20, 30}, {3}, sameScale()),
            (std::vector<int16_t>{11, 22, 33, 14, 25, 36}));
  EXPECT_EQ(runBroadcastAdd(matrix, {2, 3}, {100, 200}, {2, 1}, sameScale()),
            (std::vector<int16_t>{101, 102, 103, 204, 205, 206}));
  // Broadcast on the left operand too: [3] + [2, 3].
  EXPECT_EQ(runBroadcastAdd({10, 20, 30}, {3}, matrix, {2, 3}, sameScale()),
            (std::vector<int16_t>{11, 22, 33, 14, 25, 36}));
}

TEST(AddS16, BroadcastsBothOperandsAcrossFourDimensions) {
  // [1, 2, 1, 3] + [1, 1, 2, 1] -> [1, 2, 2, 3]: out[i][j][k] = a[i][k] +
  // b[j].
  const std::vector<int16_t> a = {1, 2, 3, 4, 5, 6};
  const std::vector<int16_t> b = {100, 200};
  EXPECT_EQ(runBroadcastAdd(a, {1, 2, 1, 3}, b, {1, 1, 2, 1}, sameScale()),
            (std::vector<int16_t>{101, 102, 103, 201, 202, 203, 104, 105, 106,
                                  204, 205, 206}));
}

TEST(AddS16, UnsupportedRankWritesNothing) {
  const int16_t input = 1;
  int16_t output = 99;
  const int32_t shape[7] = {1, 1, 1, 1, 1, 1, 1};
  const int32_t strides[7] = {0, 0, 0, 0, 0, 0, 1};
  const AddSubS16Params p = sameScale();
  ingot::ref::add_s16(&input, &input, &output, shape, strides, strides, 7,
                      p.input1Offset, p.input1Multiplier, p.input1Shift,
                      p.input2Offset, p.input2Multiplier, p.input2Shift,
                      p.outputOffset, p.outputMultiplier, p.outputShift, -32768,
                      32767);
  EXPECT_EQ(output, 99);
}

} // namespace
