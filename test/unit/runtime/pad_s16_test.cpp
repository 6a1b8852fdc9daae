//===- pad_s16_test.cpp - Reference int16 constant padding ----------------===//
#include "ingot/runtime/kernels/ref/pad_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

std::vector<int16_t> runPad(const std::vector<int16_t> &input,
                            const std::vector<int32_t> &shape,
                            const std::vector<int32_t> &before,
                            const std::vector<int32_t> &after,
                            int32_t padValue) {
  size_t size = 1;
  for (size_t d = 0; d < shape.size(); ++d)
    size *= static_cast<size_t>(before[d] + shape[d] + after[d]);
  std::vector<int16_t> output(size, 99);
  ingot::ref::pad_s16(input.data(), output.data(), shape.data(), before.data(),
                      after.data(), static_cast<int32_t>(shape.size()),
                      padValue);
  return output;
}

TEST(PadS16, BothEndsOfBothDimensions) {
  // [2, 3] padded by (1, 2) rows and (2, 1) columns into [5, 6].
  const int16_t v = -7;
  EXPECT_EQ(runPad({1, 2, 3, 4, 5, 6}, {2, 3}, {1, 2}, {2, 1}, v),
            (std::vector<int16_t>{v, v, v, v, v, v, //
                                  v, v, 1, 2, 3, v, //
                                  v, v, 4, 5, 6, v, //
                                  v, v, v, v, v, v, //
                                  v, v, v, v, v, v}));
}

TEST(PadS16, SeanetWidthPadding) {
  // [1, 1, 2, 2] padded by one pixel each side along width with 0.
  EXPECT_EQ(runPad({1, 2, 3, 4}, {1, 1, 2, 2}, {0, 0, 1, 0}, {0, 0, 1, 0}, 0),
            (std::vector<int16_t>{0, 0, 1, 2, 3, 4, 0, 0}));
}

TEST(PadS16, RankOneAndLeadingOnly) {
  EXPECT_EQ(runPad({1, 2, 3}, {3}, {2}, {0}, 9),
            (std::vector<int16_t>{9, 9, 1, 2, 3}));
  EXPECT_EQ(runPad({1, 2, 3}, {3}, {0}, {1}, -32768),
            (std::vector<int16_t>{1, 2, 3, -32768}));
}

TEST(PadS16, ZeroPaddingCopies) {
  EXPECT_EQ(runPad({5, 6, 7, 8}, {2, 2}, {0, 0}, {0, 0}, 1),
            (std::vector<int16_t>{5, 6, 7, 8}));
}

TEST(PadS16, RankFiveOuterDimension) {
  // [1, 1, 1, 1, 2] with one leading element on the outermost dimension.
  EXPECT_EQ(
      runPad({3, 4}, {1, 1, 1, 1, 2}, {1, 0, 0, 0, 0}, {0, 0, 0, 0, 0}, 5),
      (std::vector<int16_t>{5, 5, 3, 4}));
}

TEST(PadS16, UnsupportedRankWritesNothing) {
  const std::vector<int32_t> ones(6, 1);
  const std::vector<int32_t> zeros(6, 0);
  const int16_t input = 1;
  int16_t output = 99;
  ingot::ref::pad_s16(&input, &output, ones.data(), zeros.data(), zeros.data(),
                      6, 0);
  EXPECT_EQ(output, 99);
}

} // namespace
