//===- transpose_conv2d_s16_test.cpp - int16x8 transposed convolution -----===//
//
// Expected values are worked out by scattering by hand: input pixel x adds
// input * filter[f] to output x * stride - pad + f. Rescales are powers of
// two, written as (2^30, shift) = 2^(shift - 1).
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/transpose_conv2d_s16.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;
constexpr int32_t kOne = kHalf; // with shift 1

TEST(TransposeConv2DS16, StrideSpreadsAndOverlaps) {
  // Row [1 2], filter [1 10 100], stride 2: input 0 covers outputs 0..2 and
  // input 1 outputs 2..4, overlapping at 2: [1, 10, 100 + 2, 20, 200].
  const std::vector<int16_t> input = {1, 2};
  const std::vector<int8_t> filter = {1, 10, 100};
  const int32_t shift = 1;
  std::vector<int16_t> output(5, 99);
  ingot::ref::transpose_conv2d_s16(input.data(), filter.data(), nullptr,
                                   output.data(), &kOne, &shift, 1, 1, 2, 1, 1,
                                   3, 1, 5, 1, 1, 2, 0, 0, -32768, 32767);
  EXPECT_EQ(output, (std::vector<int16_t>{1, 10, 102, 20, 200}));
}

TEST(TransposeConv2DS16, LeadingPaddingCropsBothEnds) {
  // Same, with pad_left 1 and 3 outputs: position p of the uncropped row
  // above lands at p - 1, and positions outside [0, 3) are dropped.
  const std::vector<int16_t> input = {1, 2};
  const std::vector<int8_t> filter = {1, 10, 100};
  const int32_t shift = 1;
  std::vector<int16_t> output(3, 99);
  ingot::ref::transpose_conv2d_s16(input.data(), filter.data(), nullptr,
                                   output.data(), &kOne, &shift, 1, 1, 2, 1, 1,
                                   3, 1, 3, 1, 1, 2, 0, 1, -32768, 32767);
  EXPECT_EQ(output, (std::vector<int16_t>{10, 102, 20}));
}

TEST(TransposeConv2DS16, VerticalStride) {
  // Column [1 2], filter column [1 10]: stride 2 gives [1, 10, 2, 20],
  // stride 1 overlaps into [1, 12, 20].
  const std::vector<int16_t> input = {1, 2};
  const std::vector<int8_t> filter = {1, 10};
  const int32_t shift = 1;
  std::vector<int16_t> strided(4, 99);
  ingot::ref::transpose_conv2d_s16(input.data(), filter.data(), nullptr,
                                   strided.data(), &kOne, &shift, 1, 2, 1, 1, 2,
                                   1, 4, 1, 1, 2, 1, 0, 0, -32768, 32767);
  EXPECT_EQ(strided, (std::vector<int16_t>{1, 10, 2, 20}));
  std::vector<int16_t> overlapped(3, 99);
  ingot::ref::transpose_conv2d_s16(input.data(), filter.data(), nullptr,
                                   overlapped.data(), &kOne, &shift, 1, 2, 1, 1,
                                   2, 1, 3, 1, 1, 1, 1, 0, 0, -32768, 32767);
  EXPECT_EQ(overlapped, (std::vector<int16_t>{1, 12, 20}));
}

TEST(TransposeConv2DS16, ChannelsBiasAndSaturation) {
  // One pixel [3, -4]; output channel 0 has weights [1, 2] (3 - 8 = -5) and
  // bias 10, rescaled by 1: 5. Channel 1 has weights [-3, 5] (-9 - 20 = -29)
  // and bias 2^26, halved: 2^25 - 14.5 rounds to 33554418, which saturates
  // to 32767. (A result beyond int32 would instead keep its low 32 bits, as
  // the reference's does; clamping only sees int32 values.)
  const std::vector<int16_t> input = {3, -4};
  const std::vector<int8_t> filter = {1, 2, -3, 5};
  const std::vector<int64_t> bias = {10, int64_t{1} << 26};
  const std::vector<int32_t> multiplier = {kHalf, kHalf};
  const std::vector<int32_t> shift = {1, 0};
  std::vector<int16_t> output(2, 99);
  ingot::ref::transpose_conv2d_s16(input.data(), filter.data(), bias.data(),
                                   output.data(), multiplier.data(),
                                   shift.data(), 1, 1, 1, 2, 1, 1, 1, 1, 2, 1,
                                   1, 0, 0, -32768, 32767);
  EXPECT_EQ(output, (std::vector<int16_t>{5, 32767}));
}

TEST(TransposeConv2DS16, AccumulatesBeyondInt32) {
  // As for conv2d_s16: 600 * 127 * 32767 exceeds 2^31; times 2^-20 -> 2381.
  const int32_t channels = 600;
  const std::vector<int16_t> input(channels, 32767);
  const std::vector<int8_t> filter(channels, 127);
  const int32_t shift = -19;
  int16_t output = 99;
  ingot::ref::transpose_conv2d_s16(input.data(), filter.data(), nullptr,
                                   &output, &kHalf, &shift, 1, 1, 1, channels,
                                   1, 1, 1, 1, 1, 1, 1, 0, 0, -32768, 32767);
  EXPECT_EQ(output, 2381);
}

} // namespace
