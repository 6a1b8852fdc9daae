//===- conv2d_s16_test.cpp - Reference int16x8 2-D convolution ------------===//
//
// Expected values are worked out by hand. Rescales are powers of two, written
// as (2^30, shift) = 2^(shift - 1), so the only rounding is the single
// rounding of multiply_by_quantized_multiplier_s64 (ties toward +infinity).
// conv2d_s16_int32_bias follows TFLite Micro's int32 arithmetic instead: the
// sum wraps in int32 and multiply_by_quantized_multiplier rounds twice (the
// doubling high multiply ties up, the power-of-two divide ties away from 0).
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/conv2d_s16.h"
#include "ingot/runtime/kernels/ref/conv2d_s16_int32_bias.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(Conv2DS16, PointwiseIdentityAndSaturation) {
  // 1x1 filter, two output channels: +1 and -1, both rescaled by 1.0.
  const std::vector<int16_t> input = {0, 1234, -32768, 32767};
  const std::vector<int8_t> filter = {1, -1};
  const std::vector<int32_t> multiplier = {kHalf, kHalf};
  const std::vector<int32_t> shift = {1, 1};
  std::vector<int16_t> output(8, 99);
  ingot::ref::conv2d_s16(input.data(), filter.data(), nullptr, output.data(),
                         multiplier.data(), shift.data(), 1, 1, 4, 1, 1, 1, 1,
                         4, 2, 1, 1, 1, 1, 0, 0, -32768, 32767);
  // -(-32768) = 32768 saturates to 32767.
  EXPECT_EQ(output, (std::vector<int16_t>{0, 0, 1234, -1234, -32768, 32767,
                                          32767, -32767}));
}

TEST(Conv2DS16, PaddingPerChannelRescaleAndBias) {
  // 3x3 input 1..9, 2x2 filter of ones, stride 1, one row and column of
  // leading padding: output (y, x) sums the input window rows y-1..y,
  // columns x-1..x that lie inside:
  //   1  3  5
  //   5 12 16
  //  11 24 28
  // Channel 0 is rescaled by 1; channel 1 gets bias -6 and is halved, which
  // rounds ties up: -5 -> -2.5 -> -2, -1 -> -0.5 -> 0, 5 -> 2.5 -> 3.
  std::vector<int16_t> input(9);
  for (int16_t i = 0; i < 9; ++i)
    input[static_cast<size_t>(i)] = static_cast<int16_t>(i + 1);
  const std::vector<int8_t> filter(8, 1);
  const std::vector<int64_t> bias = {0, -6};
  const std::vector<int32_t> multiplier = {kHalf, kHalf};
  const std::vector<int32_t> shift = {1, 0};
  std::vector<int16_t> output(18, 99);
  ingot::ref::conv2d_s16(input.data(), filter.data(), bias.data(),
                         output.data(), multiplier.data(), shift.data(), 1, 3,
                         3, 1, 2, 2, 3, 3, 2, 1, 1, 1, 1, 1, 1, -32768, 32767);
  const std::vector<int16_t> expected = {1, -2, 3, -1, 5, 0,  5, 0,  12,
                                         3, 16, 5, 11, 3, 24, 9, 28, 11};
  EXPECT_EQ(output, expected);
}

TEST(Conv2DS16, StrideAndDilation) {
  // One row [1 2 3 4 5], filter taps [1 10] two apart (dilation 2), stride
  // 2: out0 = 1 + 10 * 3 = 31, out1 = 3 + 10 * 5 = 53.
  const std::vector<int16_t> input = {1, 2, 3, 4, 5};
  const std::vector<int8_t> filter = {1, 10};
  const int32_t multiplier = kHalf;
  const int32_t shift = 1;
  std::vector<int16_t> output(2, 99);
  ingot::ref::conv2d_s16(input.data(), filter.data(), nullptr, output.data(),
                         &multiplier, &shift, 1, 1, 5, 1, 1, 2, 1, 2, 1, 1, 2,
                         1, 2, 0, 0, -32768, 32767);
  EXPECT_EQ(output, (std::vector<int16_t>{31, 53}));
}

TEST(Conv2DS16, AccumulatesBeyondInt32) {
  // 600 channels of 32767 * 127: 2496845400 > 2^31. Rescaled by 2^-20
  // (2^30, -19): 2381.18 -> 2381. With -32768: -2496921600 * 2^-20 =
  // -2381.25 -> -2381. An int32 accumulator would have wrapped.
  const int32_t channels = 600;
  const std::vector<int8_t> filter(channels, 127);
  const int32_t multiplier = kHalf;
  const int32_t shift = -19;
  for (const auto &[value, expected] :
       {std::pair<int16_t, int16_t>{32767, 2381}, {-32768, -2381}}) {
    const std::vector<int16_t> input(channels, value);
    int16_t output = 99;
    ingot::ref::conv2d_s16(input.data(), filter.data(), nullptr, &output,
                           &multiplier, &shift, 1, 1, 1, channels, 1, 1, 1, 1,
                           1, 1, 1, 1, 1, 0, 0, -32768, 32767);
    EXPECT_EQ(output, expected);
  }
}

TEST(Conv2DS16, Int64BiasAndActivationClamp) {
  // A zero input leaves only the bias: 2^33 * 2^-20 = 8192, and
  // -(2^33) -> -8192, which the activation range [-100, 20000] clamps.
  const std::vector<int16_t> input = {0};
  const std::vector<int8_t> filter = {5, 5};
  const std::vector<int64_t> bias = {int64_t{1} << 33, -(int64_t{1} << 33)};
  const std::vector<int32_t> multiplier = {kHalf, kHalf};
  const std::vector<int32_t> shift = {-19, -19};
  std::vector<int16_t> output(2, 99);
  ingot::ref::conv2d_s16(input.data(), filter.data(), bias.data(),
                         output.data(), multiplier.data(), shift.data(), 1, 1,
                         1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 0, 0, -100, 20000);
  EXPECT_EQ(output, (std::vector<int16_t>{8192, -100}));
}

TEST(Conv2DS16Int32Bias, SumWrapsAroundInt32) {
  // AccumulatesBeyondInt32's 600 * 32767 * 127 = 2496845400 wraps to
  // 2496845400 - 2^32 = -1798121896; halved by the high multiply that is
  // -899060948, and 2^-19 of it is -1714.82 -> -1715. With -32768 the sum
  // -2496921600 wraps to 1798045696 -> 899022848 -> 1714.75 -> 1715.
  const int32_t channels = 600;
  const std::vector<int8_t> filter(channels, 127);
  const int32_t multiplier = kHalf;
  const int32_t shift = -19;
  for (const auto &[value, expected] :
       {std::pair<int16_t, int16_t>{32767, -1715}, {-32768, 1715}}) {
    const std::vector<int16_t> input(channels, value);
    int16_t output = 99;
    ingot::ref::conv2d_s16_int32_bias(
        input.data(), filter.data(), nullptr, &output, &multiplier, &shift, 1,
        1, 1, channels, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, -32768, 32767);
    EXPECT_EQ(output, expected);
  }
}

TEST(Conv2DS16Int32Bias, BiasAndDoubleRounding) {
  // Input 1, filter 1, rescale 2^-2 (2^30, -1). Channel 0, bias 0: 1 * 2^-2
  // = 0.25, but the high multiply rounds 0.5 up to 1 and the divide by 2
  // rounds 0.5 away from zero to 1 (the int64 form gives 0). Channel 1, bias
  // -3: -2 -> -1 (-1.5 truncated after its nudge), then -0.5 -> -1.
  const std::vector<int16_t> input = {1};
  const std::vector<int8_t> filter = {1, 1};
  const std::vector<int32_t> bias = {0, -3};
  const std::vector<int32_t> multiplier = {kHalf, kHalf};
  const std::vector<int32_t> shift = {-1, -1};
  std::vector<int16_t> output(2, 99);
  ingot::ref::conv2d_s16_int32_bias(input.data(), filter.data(), bias.data(),
                                    output.data(), multiplier.data(),
                                    shift.data(), 1, 1, 1, 1, 1, 1, 1, 1, 2, 1,
                                    1, 1, 1, 0, 0, -32768, 32767);
  EXPECT_EQ(output, (std::vector<int16_t>{1, -1}));
}

} // namespace
