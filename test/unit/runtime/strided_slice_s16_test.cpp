//===- strided_slice_s16_test.cpp - Reference int16 strided slice ---------===//
//
// The kernel takes resolved starts, strides and output sizes; the tests that
// resolve begin/end/masks into them are in int16_params_test.cpp. The last
// test runs both halves together.
//
//===----------------------------------------------------------------------===//
#include "Int16Params.h"
#include "ingot/runtime/kernels/ref/strided_slice_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

std::vector<int16_t> runSlice(const std::vector<int16_t> &input,
                              const std::vector<int32_t> &inputShape,
                              const std::vector<int32_t> &start,
                              const std::vector<int32_t> &stride,
                              const std::vector<int32_t> &outputShape) {
  size_t size = 1;
  for (int32_t d : outputShape)
    size *= static_cast<size_t>(d);
  std::vector<int16_t> output(size, 99);
  ingot::ref::strided_slice_s16(input.data(), output.data(), inputShape.data(),
                                start.data(), stride.data(), outputShape.data(),
                                static_cast<int32_t>(inputShape.size()));
  return output;
}

TEST(StridedSliceS16, NegativeStridesReverse) {
  // [[1 2 3] [4 5 6]] read backwards along both axes.
  EXPECT_EQ(runSlice({1, 2, 3, 4, 5, 6}, {2, 3}, {1, 2}, {-1, -1}, {2, 3}),
            (std::vector<int16_t>{6, 5, 4, 3, 2, 1}));
}

TEST(StridedSliceS16, StepsAndOffsets) {
  // Every third element from index 1 of 0..9.
  std::vector<int16_t> ramp(10);
  for (int16_t i = 0; i < 10; ++i)
    ramp[static_cast<size_t>(i)] = i;
  EXPECT_EQ(runSlice(ramp, {10}, {1}, {3}, {3}),
            (std::vector<int16_t>{1, 4, 7}));
  // Rows 1.. of a [3, 2] with a shrunk (size 1) column 1.
  EXPECT_EQ(runSlice({1, 2, 3, 4, 5, 6}, {3, 2}, {1, 1}, {1, 1}, {2, 1}),
            (std::vector<int16_t>{4, 6}));
}

TEST(StridedSliceS16, EmptyAxisWritesNothing) {
  EXPECT_EQ(runSlice({1, 2, 3}, {3}, {0}, {1}, {0}), std::vector<int16_t>{});
}

TEST(StridedSliceS16, SeanetTailOfTheTimeAxis) {
  // strided_slice0 of seanet in small: input [1, 3, 2, 1], begin (0, -2, 0,
  // 0), end (0, 0, 0, 1), strides 1, begin_mask 13, end_mask 15 keeps the
  // last two rows.
  const std::vector<int32_t> shape = {1, 3, 2, 1};
  const auto p = ingot::quant::stridedSliceS16Params(
      shape, {0, -2, 0, 0}, {0, 0, 0, 1}, {1, 1, 1, 1}, 13, 15, 0);
  ASSERT_EQ(p.outputShape, (std::vector<int32_t>{1, 2, 2, 1}));
  EXPECT_EQ(
      runSlice({1, 2, 3, 4, 5, 6}, shape, p.start, p.stride, p.outputShape),
      (std::vector<int16_t>{3, 4, 5, 6}));
}

TEST(StridedSliceS16, RankFive) {
  // [1, 1, 1, 2, 2] = [[1 2] [3 4]] in its last two axes: row 1, reversed.
  EXPECT_EQ(runSlice({1, 2, 3, 4}, {1, 1, 1, 2, 2}, {0, 0, 0, 1, 1},
                     {1, 1, 1, 1, -1}, {1, 1, 1, 1, 2}),
            (std::vector<int16_t>{4, 3}));
}

TEST(StridedSliceS16, UnsupportedRankWritesNothing) {
  const std::vector<int32_t> ones(6, 1);
  const std::vector<int32_t> zeros(6, 0);
  const int16_t input = 1;
  int16_t output = 99;
  ingot::ref::strided_slice_s16(&input, &output, ones.data(), zeros.data(),
                                ones.data(), ones.data(), 6);
  EXPECT_EQ(output, 99);
}

} // namespace
