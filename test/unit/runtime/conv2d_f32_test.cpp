//===- conv2d_f32_test.cpp - Reference float32 convolution ----------------===//
//
// Every expected value is worked out by hand in the comment next to it, with
// inputs, weights and sums chosen to be exactly representable so that the
// comparisons are exact. The accumulation-order cases rely on 2^24 + 1
// rounding back to 2^24 (ties to even) in single precision.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/conv2d_f32.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <vector>

namespace {

constexpr float kTwo24 = 16777216.0f;

/// The convolution's geometry, with defaults for the common case of one
/// batch, no stride, no dilation, no padding and no activation.
struct ConvCase {
  int32_t batches = 1, inputH = 1, inputW = 1, inputC = 1;
  int32_t filterH = 1, filterW = 1;
  int32_t outputH = 1, outputW = 1, outputC = 1;
  int32_t strideH = 1, strideW = 1, dilationH = 1, dilationW = 1;
  int32_t padTop = 0, padLeft = 0;
  float activationMin = -FLT_MAX, activationMax = FLT_MAX;
};

std::vector<float> runConv(const ConvCase &c, const std::vector<float> &input,
                           const std::vector<float> &filter,
                           const float *bias) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.inputC));
  EXPECT_EQ(filter.size(),
            static_cast<size_t>(c.outputC * c.filterH * c.filterW * c.inputC));
  // Pre-fill with a value no test expects, so unwritten outputs show up.
  std::vector<float> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.outputC),
      99.0f);
  ingot::ref::conv2d_f32(input.data(), filter.data(), bias, output.data(),
                         c.batches, c.inputH, c.inputW, c.inputC, c.filterH,
                         c.filterW, c.outputH, c.outputW, c.outputC, c.strideH,
                         c.strideW, c.dilationH, c.dilationW, c.padTop,
                         c.padLeft, c.activationMin, c.activationMax);
  return output;
}

TEST(Conv2dF32, PointwiseWithBias) {
  // One pixel, two input channels, three output channels, 1x1 filter.
  ConvCase c;
  c.inputC = 2;
  c.outputC = 3;
  const std::vector<float> input = {1.5f, -2.0f};
  const std::vector<float> filter = {2.0f, 0.5f, -1.0f, 4.0f, 0.0f, 0.0f};
  const float bias[] = {0.25f, -0.5f, 3.0f};
  // oc0: 3 - 1 = 2, + 0.25. oc1: -1.5 - 8 = -9.5, - 0.5. oc2: 0 + 3.
  EXPECT_EQ(runConv(c, input, filter, bias),
            (std::vector<float>{2.25f, -10.0f, 3.0f}));
}

TEST(Conv2dF32, FilterLayoutIsChannelInnermostAndBatchesAreIndependent) {
  // A 1x2 input with two channels against 1x2 filters: one output pixel.
  // Filter [oc][fh][fw][ic]: oc0 = {fx0: (1, 2), fx1: (3, 4)},
  // oc1 = {fx0: (0, 0), fx1: (0, 1)}.
  ConvCase c;
  c.batches = 2;
  c.inputW = 2;
  c.inputC = 2;
  c.filterW = 2;
  c.outputC = 2;
  const std::vector<float> input = {1, 10, 20, 2, -1, -10, -20, -2};
  const std::vector<float> filter = {1, 2, 3, 4, 0, 0, 0, 1};
  // Batch 0: oc0 = 1*1 + 2*10 + 3*20 + 4*2 = 89 (reading the filter input-
  // channel major would give 79); oc1 picks the last input value, 2.
  // Batch 1 is the negation. No bias.
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{89, 2, -89, -2}));
}

TEST(Conv2dF32, SamePaddingStrideTwoCountsOnlyInputTaps) {
  // 5x5 input of ones, 3x3 filter of ones, stride 2, SAME: 3x3 output with
  // one row/column of padding on each side. Output rows cover input rows
  // {0,1}, {1,2,3}, {3,4}: 2, 3, 2 taps; the same for columns.
  ConvCase c;
  c.inputH = c.inputW = 5;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 3;
  c.strideH = c.strideW = 2;
  c.padTop = c.padLeft = 1;
  const std::vector<float> input(25, 1.0f);
  const std::vector<float> filter(9, 1.0f);
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{4, 6, 4, 6, 9, 6, 4, 6, 4}));
}

TEST(Conv2dF32, PaddingShiftsTheWindow) {
  // Same geometry, input holding 5y + x + 1 and a filter that keeps only its
  // top-left tap: output (oy, ox) reads input (2oy - 1, 2ox - 1), which is
  // padding (zero) in the first row and column.
  ConvCase c;
  c.inputH = c.inputW = 5;
  c.filterH = c.filterW = 3;
  c.outputH = c.outputW = 3;
  c.strideH = c.strideW = 2;
  c.padTop = c.padLeft = 1;
  std::vector<float> input(25);
  for (int i = 0; i < 25; ++i)
    input[i] = static_cast<float>(i + 1);
  std::vector<float> filter(9, 0.0f);
  filter[0] = 1.0f;
  // Inputs (1,1) = 7, (1,3) = 9, (3,1) = 17, (3,3) = 19.
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{0, 0, 0, 0, 7, 9, 0, 17, 19}));
}

TEST(Conv2dF32, DilationSpreadsTheTaps) {
  // 3x3 input of powers of two, 2x2 filter (1, 2, 3, 4), dilation 2: the one
  // VALID output reads the four corners 1, 4, 64, 256.
  ConvCase c;
  c.inputH = c.inputW = 3;
  c.filterH = c.filterW = 2;
  c.dilationH = c.dilationW = 2;
  const std::vector<float> input = {1, 2, 4, 8, 16, 32, 64, 128, 256};
  const std::vector<float> filter = {1, 2, 3, 4};
  // 1*1 + 4*2 + 64*3 + 256*4 = 1225.
  EXPECT_EQ(runConv(c, input, filter, nullptr), (std::vector<float>{1225}));
}

TEST(Conv2dF32, DilationWithSamePaddingSkipsOutOfBoundsTaps) {
  // 1x5 input (1, 2, 4, 8, 16), 1x3 filter of ones, dilation 2, SAME: the
  // dilated window spans 5 columns, so two columns of padding on the left.
  // Output x reads input columns x - 2, x, x + 2.
  ConvCase c;
  c.inputW = 5;
  c.filterW = 3;
  c.outputW = 5;
  c.dilationW = 2;
  c.padLeft = 2;
  const std::vector<float> input = {1, 2, 4, 8, 16};
  const std::vector<float> filter = {1, 1, 1};
  // x=0: 1 + 4; x=1: 2 + 8; x=2: 1 + 4 + 16; x=3: 2 + 8; x=4: 4 + 16.
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{5, 10, 21, 10, 20}));
}

TEST(Conv2dF32, FusedActivationClamps) {
  // One input of 1 against four 1x1 filters gives the filter values.
  ConvCase c;
  c.outputC = 4;
  const std::vector<float> input = {1.0f};
  const std::vector<float> filter = {-3.5f, 0.5f, 2.5f, 7.0f};
  // No activation: TFLite's bounds (-FLT_MAX, FLT_MAX) leave values alone.
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{-3.5f, 0.5f, 2.5f, 7.0f}));
  // RELU: [0, FLT_MAX].
  c.activationMin = 0.0f;
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{0.0f, 0.5f, 2.5f, 7.0f}));
  // RELU6: [0, 6].
  c.activationMax = 6.0f;
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{0.0f, 0.5f, 2.5f, 6.0f}));
  // RELU_N1_TO_1: [-1, 1].
  c.activationMin = -1.0f;
  c.activationMax = 1.0f;
  EXPECT_EQ(runConv(c, input, filter, nullptr),
            (std::vector<float>{-1.0f, 0.5f, 1.0f, 1.0f}));
}

TEST(Conv2dF32, SumsFilterColumnsBeforeMovingOnAndChannelsInnermost) {
  // 1x2 input with two channels, one 1x2 filter of ones. In the reference
  // order (fx0 ic0, fx0 ic1, fx1 ic0, fx1 ic1) the terms are 2^24, -2^24, 1,
  // 1: the sum is 0 + 1 + 1 = 2. Summing channel-major (fx0 ic0, fx1 ic0,
  // ...) would give 2^24 + 1 = 2^24 (rounded), - 2^24, + 1 = 1.
  ConvCase c;
  c.inputW = 2;
  c.inputC = 2;
  c.filterW = 2;
  const std::vector<float> input = {kTwo24, -kTwo24, 1.0f, 1.0f};
  const std::vector<float> filter = {1, 1, 1, 1};
  EXPECT_EQ(runConv(c, input, filter, nullptr), (std::vector<float>{2.0f}));
}

TEST(Conv2dF32, AddsTheBiasAfterTheSum) {
  // Three channels 2^24, 1, -2^24 sum to 0 (the 1 is lost to rounding), then
  // the bias 1 is added: 1. Starting the sum from the bias would lose it as
  // well and give 0.
  ConvCase c;
  c.inputC = 3;
  const std::vector<float> input = {kTwo24, 1.0f, -kTwo24};
  const std::vector<float> filter = {1, 1, 1};
  const float bias[] = {1.0f};
  EXPECT_EQ(runConv(c, input, filter, bias), (std::vector<float>{1.0f}));
}

} // namespace
