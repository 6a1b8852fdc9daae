//===- conv2d_hybrid_f32_s8_test.cpp - Hybrid float/int8 convolution ------===//
//
// Every expected value is worked out by hand in the comment next to it. The
// inputs are chosen so that the on-the-fly quantization scale is a power of
// two (max|x| = 127 * 2^-k for the symmetric quantizer, max - min =
// 255 * 2^-k for the asymmetric one): then quantizing is an exact
// multiplication, the rounding cases land exactly on halves, and every output
// is an exactly representable float, so the comparisons are exact.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/conv2d_hybrid_f32_s8.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <limits>
#include <vector>

namespace {

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

constexpr int8_t kCanary = 0x5A;

std::vector<float> runConv(const ConvCase &c, const std::vector<float> &input,
                           const std::vector<int8_t> &filter,
                           const std::vector<float> &filterScales,
                           const float *bias) {
  EXPECT_EQ(input.size(),
            static_cast<size_t>(c.batches * c.inputH * c.inputW * c.inputC));
  EXPECT_EQ(filter.size(),
            static_cast<size_t>(c.outputC * c.filterH * c.filterW * c.inputC));
  // Pre-fill with a value no test expects, so unwritten outputs show up.
  std::vector<float> output(
      static_cast<size_t>(c.batches * c.outputH * c.outputW * c.outputC),
      99.0f);
  // Exactly the advertised scratch, plus one canary byte that must survive.
  const int32_t scratchBytes = ingot::ref::conv2d_hybrid_f32_s8_scratch_bytes(
      c.batches, c.inputH, c.inputW, c.inputC);
  std::vector<int8_t> scratch(static_cast<size_t>(scratchBytes) + 1, kCanary);
  ingot::ref::conv2d_hybrid_f32_s8(
      input.data(), filter.data(), filterScales.data(),
      static_cast<int32_t>(filterScales.size()), bias, output.data(),
      scratch.data(), c.batches, c.inputH, c.inputW, c.inputC, c.filterH,
      c.filterW, c.outputH, c.outputW, c.outputC, c.strideH, c.strideW,
      c.dilationH, c.dilationW, c.padTop, c.padLeft, c.activationMin,
      c.activationMax);
  EXPECT_EQ(scratch.back(), kCanary) << "wrote past the scratch";
  return output;
}

//===----------------------------------------------------------------------===//
// Rounding helper
//===----------------------------------------------------------------------===//

TEST(LroundF32, RoundsHalvesAwayFromZero) {
  EXPECT_EQ(ingot::lround_f32(0.5f), 1);
  EXPECT_EQ(ingot::lround_f32(-0.5f), -1);
  EXPECT_EQ(ingot::lround_f32(1.5f), 2);
  EXPECT_EQ(ingot::lround_f32(2.5f), 3); // ties-to-even would give 2
  EXPECT_EQ(ingot::lround_f32(-2.5f), -3);
  EXPECT_EQ(ingot::lround_f32(126.5f), 127);
  EXPECT_EQ(ingot::lround_f32(-0.0f), 0);
  // The largest float below 0.5 rounds down; floor(x + 0.5) would give 1,
  // because x + 0.5 rounds up to 1 in float.
  EXPECT_EQ(ingot::lround_f32(0.49999997f), 0);
  EXPECT_EQ(ingot::lround_f32(-1.2f), -1);
  EXPECT_EQ(ingot::lround_f32(8388609.0f), 8388609); // 2^23 + 1, integral
}

TEST(LroundF32, SaturatesAndMapsNanToZero) {
  EXPECT_EQ(ingot::lround_f32(1e10f), 1073741824);
  EXPECT_EQ(ingot::lround_f32(-1e10f), -1073741824);
  EXPECT_EQ(ingot::lround_f32(std::numeric_limits<float>::infinity()),
            1073741824);
  EXPECT_EQ(ingot::lround_f32(std::numeric_limits<float>::quiet_NaN()), 0);
}

//===----------------------------------------------------------------------===//
// Input quantizers
//===----------------------------------------------------------------------===//

TEST(SymmetricQuantizeF32S8, ScaleIsMaxMagnitudeOver127) {
  // max|x| = 63.5 (reached by a negative value too): scale 0.5, and the
  // values are multiplied by 127 / 63.5 = 2: 127, -2.5, 1.5, 0.4, -127, 2.5,
  // which round half away from zero to 127, -3, 2, 0, -127, 3.
  const std::vector<float> values = {63.5f, -1.25f, 0.75f, 0.2f, -63.5f, 1.25f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  ingot::symmetric_quantize_f32_s8(values.data(), 6, quantized.data(), &scale);
  EXPECT_EQ(scale, 0.5f);
  EXPECT_EQ(quantized, (std::vector<int8_t>{127, -3, 2, 0, -127, 3}));
}

TEST(SymmetricQuantizeF32S8, AllZeroInputHasScaleOne) {
  // No division by a zero range: every value quantizes to 0 with scale 1.
  const std::vector<float> values = {0.0f, -0.0f, 0.0f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  ingot::symmetric_quantize_f32_s8(values.data(), 3, quantized.data(), &scale);
  EXPECT_EQ(scale, 1.0f);
  EXPECT_EQ(quantized, (std::vector<int8_t>{0, 0, 0}));
}

TEST(AsymmetricQuantizeF32S8, AllPositiveInputUsesZeroPointMinus128) {
  // Range [min(0, 0), 127.5]: scale 127.5 / 255 = 0.5. Both ends give the
  // zero point -128 (-128 - 0 / 0.5 and 127 - 127.5 / 0.5). Then
  // q = round(2x) - 128, the product rounded before the zero point is added
  // as TFLite's vectorized quantizer does: 127, -128 and round(2.5) - 128 =
  // -125. (Rounding -128 + 2.5 = -125.5 instead would give -126.)
  const std::vector<float> values = {127.5f, 0.0f, 1.25f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  int32_t zeroPoint = 99;
  ingot::asymmetric_quantize_f32_s8(values.data(), 3, quantized.data(), &scale,
                                    &zeroPoint);
  EXPECT_EQ(scale, 0.5f);
  EXPECT_EQ(zeroPoint, -128);
  EXPECT_EQ(quantized, (std::vector<int8_t>{127, -128, -125}));
}

TEST(AsymmetricQuantizeF32S8, MixedSignsRoundAroundTheZeroPoint) {
  // Range [-32, 95.5]: scale 127.5 / 255 = 0.5, zero point -128 + 64 = -64
  // (127 - 191 = -64 from the other end). q = round(2x) - 64: -128, 127,
  // round(0.5) - 64 = -63 and round(-0.5) - 64 = -65.
  const std::vector<float> values = {-32.0f, 95.5f, 0.25f, -0.25f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  int32_t zeroPoint = 99;
  ingot::asymmetric_quantize_f32_s8(values.data(), 4, quantized.data(), &scale,
                                    &zeroPoint);
  EXPECT_EQ(scale, 0.5f);
  EXPECT_EQ(zeroPoint, -64);
  EXPECT_EQ(quantized, (std::vector<int8_t>{-128, 127, -63, -65}));
}

TEST(AsymmetricQuantizeF32S8, ZeroPointRoundsHalfAwayAndValuesSaturate) {
  // Range [-0.75, 126.75]: scale 0.5. From the minimum the zero point is
  // -128 + 1.5 = -126.5 with error 128 + 1.5 = 129.5; from the maximum it is
  // 127 - 253.5 = -126.5 with error 127 + 253.5 = 380.5. -126.5 rounds away
  // from zero to -127. Then round(-1.5) - 127 = -129 saturates to -128,
  // round(253.5) - 127 = 127, and 0 maps to -127.
  const std::vector<float> values = {-0.75f, 126.75f, 0.0f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  int32_t zeroPoint = 99;
  ingot::asymmetric_quantize_f32_s8(values.data(), 3, quantized.data(), &scale,
                                    &zeroPoint);
  EXPECT_EQ(scale, 0.5f);
  EXPECT_EQ(zeroPoint, -127);
  EXPECT_EQ(quantized, (std::vector<int8_t>{-128, 127, -127}));
}

TEST(AsymmetricQuantizeF32S8, AllNegativeInputUsesZeroPoint127) {
  // Range [-127.5, 0]: scale 0.5; the maximum end (error 127) wins with
  // zero point 127. q = round(2x) + 127: -128 and 125.
  const std::vector<float> values = {-127.5f, -1.0f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  int32_t zeroPoint = 99;
  ingot::asymmetric_quantize_f32_s8(values.data(), 2, quantized.data(), &scale,
                                    &zeroPoint);
  EXPECT_EQ(scale, 0.5f);
  EXPECT_EQ(zeroPoint, 127);
  EXPECT_EQ(quantized, (std::vector<int8_t>{-128, 125}));
}

TEST(AsymmetricQuantizeF32S8, RangeWidthIsRoundedToFloatFirst) {
  // Range [-1e-7, 1]: the float difference 1 - (-1e-7) rounds to 1 + 2^-23,
  // and (1 + 2^-23) / 255 rounds to the float 0.00392156932502985, as
  // TFLite's vectorized quantizer computes it. The difference taken in
  // double, 1.0000001 / 255, would round to 0.003921568859368563 instead.
  const std::vector<float> values = {1.0f, -1e-7f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  int32_t zeroPoint = 99;
  ingot::asymmetric_quantize_f32_s8(values.data(), 2, quantized.data(), &scale,
                                    &zeroPoint);
  EXPECT_EQ(scale, 0.00392156932502985f);
  EXPECT_NE(scale, 0.003921568859368563f);
  EXPECT_EQ(zeroPoint, -128);
  EXPECT_EQ(quantized, (std::vector<int8_t>{127, -128}));
}

TEST(AsymmetricQuantizeF32S8, AllZeroInputHasScaleOneAndZeroPointZero) {
  const std::vector<float> values = {0.0f, -0.0f};
  std::vector<int8_t> quantized(values.size(), kCanary);
  float scale = 0.0f;
  int32_t zeroPoint = 99;
  ingot::asymmetric_quantize_f32_s8(values.data(), 2, quantized.data(), &scale,
                                    &zeroPoint);
  EXPECT_EQ(scale, 1.0f);
  EXPECT_EQ(zeroPoint, 0);
  EXPECT_EQ(quantized, (std::vector<int8_t>{0, 0}));
}

//===----------------------------------------------------------------------===//
// Convolution, per-tensor filter scale (symmetric input quantization)
//===----------------------------------------------------------------------===//

TEST(Conv2dHybridF32S8, ScratchIsOneBatchOfInt8Input) {
  static_assert(ingot::ref::conv2d_hybrid_f32_s8_scratch_bytes(1, 49, 10, 1) ==
                490);
  EXPECT_EQ(ingot::ref::conv2d_hybrid_f32_s8_scratch_bytes(4, 2, 3, 5), 30);
}

TEST(Conv2dHybridF32S8, PointwiseScalesByInputTimesFilterScaleThenAddsBias) {
  // One pixel, three input channels, two output channels, 1x1 filter.
  // max|x| = 31.75: input scale 0.25, q = 4x = (127, -8, 2).
  ConvCase c;
  c.inputC = 3;
  c.outputC = 2;
  const std::vector<float> input = {31.75f, -2.0f, 0.5f};
  const std::vector<int8_t> filter = {1, 2, 3, -1, 0, 127};
  const float bias[] = {1.0f, -0.875f};
  // Scale 0.25 * 0.5 = 0.125.
  // oc0: 127 - 16 + 6 = 117, * 0.125 = 14.625, + 1 = 15.625.
  // oc1: -127 + 0 + 254 = 127, * 0.125 = 15.875, - 0.875 = 15.
  EXPECT_EQ(runConv(c, input, filter, {0.5f}, bias),
            (std::vector<float>{15.625f, 15.0f}));
}

TEST(Conv2dHybridF32S8, QuantizesTheInputRoundingHalvesAwayFromZero) {
  // A 5x1 single-channel input through a 1x1 identity filter shows the
  // quantized input itself: max|x| = 63.5, scale 0.5, q = round(2x) =
  // (127, -3, 2, 0, 3), times 0.5 * 1 = (63.5, -1.5, 1, 0, 1.5), where a
  // float convolution would return the input unchanged.
  ConvCase c;
  c.inputH = 5;
  c.outputH = 5;
  const std::vector<float> input = {63.5f, -1.25f, 0.75f, 0.2f, 1.25f};
  EXPECT_EQ(runConv(c, input, {1}, {1.0f}, nullptr),
            (std::vector<float>{63.5f, -1.5f, 1.0f, 0.0f, 1.5f}));
}

TEST(Conv2dHybridF32S8, SamePaddingWithStrideTwoSkipsPaddedTaps) {
  // 3x3 input with max|x| = 127, so scale 1 and q = x:
  //   1 2   3
  //   4 5   6
  //   7 8 127
  // against the 3x3 filter w(fy, fx) = 3 * fy + fx + 1:
  //   1 2 3
  //   4 5 6
  //   7 8 9
  // with stride 2 and one row/column of padding before: a 2x2 output.
  ConvCase c;
  c.inputH = 3;
  c.inputW = 3;
  c.filterH = 3;
  c.filterW = 3;
  c.outputH = 2;
  c.outputW = 2;
  c.strideH = 2;
  c.strideW = 2;
  c.padTop = 1;
  c.padLeft = 1;
  const std::vector<float> input = {1, 2, 3, 4, 5, 6, 7, 8, 127};
  const std::vector<int8_t> filter = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  const float bias[] = {0.5f};
  // (0,0): 1*5 + 2*6 + 4*8 + 5*9 = 94.
  // (0,1): 2*4 + 3*5 + 5*7 + 6*8 = 106.
  // (1,0): 4*2 + 5*3 + 7*5 + 8*6 = 106.
  // (1,1): 5*1 + 6*2 + 8*4 + 127*5 = 684.
  // Times 1 * 0.25, plus 0.5: 24, 27, 27, 171.5.
  EXPECT_EQ(runConv(c, input, filter, {0.25f}, bias),
            (std::vector<float>{24.0f, 27.0f, 27.0f, 171.5f}));
}

TEST(Conv2dHybridF32S8, Dilation) {
  // 1x5 input (q = x, scale 1), 1x2 filter (1, 10) with dilation 2:
  // out[x] = in[x] + 10 * in[x + 2] = 1 + 30, 2 + 40, 3 + 1270.
  ConvCase c;
  c.inputW = 5;
  c.filterW = 2;
  c.outputW = 3;
  c.dilationW = 2;
  const std::vector<float> input = {1, 2, 3, 4, 127};
  EXPECT_EQ(runConv(c, input, {1, 10}, {1.0f}, nullptr),
            (std::vector<float>{31.0f, 42.0f, 1273.0f}));
}

TEST(Conv2dHybridF32S8, EveryBatchHasItsOwnInputScale) {
  // Two batches of one pixel with two channels; the filter picks channel 1.
  // Batch 0: max|x| = 127, scale 1, 1.4 rounds to 1: output 1.
  // Batch 1: max|x| = 63.5, scale 0.5, 2 * 1.4 = 2.8 rounds to 3: output 1.5.
  // (With one scale for both batches, batch 1 would also give 1.)
  ConvCase c;
  c.batches = 2;
  c.inputC = 2;
  const std::vector<float> input = {127.0f, 1.4f, 63.5f, 1.4f};
  EXPECT_EQ(runConv(c, input, {0, 1}, {1.0f}, nullptr),
            (std::vector<float>{1.0f, 1.5f}));
}

TEST(Conv2dHybridF32S8, AllZeroInputGivesTheBias) {
  // Scale 1 instead of 0 / 0, q = 0, so the output is the bias, clamped.
  ConvCase c;
  c.inputH = 2;
  c.inputC = 2;
  c.outputH = 2;
  c.outputC = 2;
  c.activationMin = 0.0f; // RELU
  const std::vector<float> input = {0.0f, -0.0f, 0.0f, 0.0f};
  const std::vector<int8_t> filter = {5, -7, 127, -128};
  const float bias[] = {1.5f, -2.0f};
  EXPECT_EQ(runConv(c, input, filter, {0.5f}, bias),
            (std::vector<float>{1.5f, 0.0f, 1.5f, 0.0f}));
  EXPECT_EQ(runConv(c, input, filter, {0.5f}, nullptr),
            (std::vector<float>{0.0f, 0.0f, 0.0f, 0.0f}));
}

TEST(Conv2dHybridF32S8, ClampsToTheFusedActivationAfterTheBias) {
  // max|x| = 63.5: scale 0.5, q = 127. Filter scale 0.125, so 0.0625 in all.
  // oc0: -127 * 0.0625 = -7.9375; oc1: 254 * 0.0625 = 15.875;
  // oc2: 127 * 0.0625 - 5 = 2.9375. RELU6 gives 0, 6, 2.9375.
  ConvCase c;
  c.outputC = 3;
  c.activationMin = 0.0f;
  c.activationMax = 6.0f;
  const float bias[] = {0.0f, 0.0f, -5.0f};
  EXPECT_EQ(runConv(c, {63.5f}, {-1, 2, 1}, {0.125f}, bias),
            (std::vector<float>{0.0f, 6.0f, 2.9375f}));
}

//===----------------------------------------------------------------------===//
// Convolution, per-channel filter scales (asymmetric input quantization)
//===----------------------------------------------------------------------===//

TEST(Conv2dHybridF32S8, PerChannelScalesQuantizeTheInputAsymmetrically) {
  // One pixel, three channels: range [0, 127.5], scale 0.5, zero point -128,
  // q = round(2x) - 128 = (127, -128, -125), so q - zero point = (255, 0, 3).
  ConvCase c;
  c.inputC = 3;
  c.outputC = 2;
  const std::vector<float> input = {127.5f, 0.0f, 1.25f};
  const std::vector<int8_t> filter = {1, 5, 1, -1, 0, 3};
  const float bias[] = {0.5f, 0.25f};
  // oc0: 255 + 0 + 3 = 258, * (0.25 * 0.5) = 32.25, + 0.5 = 32.75.
  // oc1: -255 + 0 + 9 = -246, * (0.5 * 0.5) = -61.5, + 0.25 = -61.25.
  EXPECT_EQ(runConv(c, input, filter, {0.25f, 0.5f}, bias),
            (std::vector<float>{32.75f, -61.25f}));
}

TEST(Conv2dHybridF32S8, PerChannelPaddingIsTheZeroPoint) {
  // 1x2 input (-32, 95.5): scale 0.5, zero point -64, q = (-128, 127), so
  // q - zero point = (-64, 191). A 1x3 filter with one column of padding
  // before gives two outputs; the padded taps must add nothing (treating them
  // as q = 0 would add w * 64).
  //   oc0 = (1, 2, 3), scale 0.5 * 0.5 = 0.25;
  //   oc1 = (-1, 1, -1), scale 0.25 * 0.5 = 0.125.
  // x=0 (taps pad, in0, in1): oc0 = 2*(-64) + 3*191 = 445 -> 111.25;
  //                           oc1 = -64 - 191 = -255 -> -31.875.
  // x=1 (taps in0, in1, pad): oc0 = -64 + 2*191 = 318 -> 79.5;
  //                           oc1 = 64 + 191 = 255 -> 31.875.
  ConvCase c;
  c.inputW = 2;
  c.filterW = 3;
  c.outputW = 2;
  c.outputC = 2;
  c.padLeft = 1;
  const std::vector<float> input = {-32.0f, 95.5f};
  const std::vector<int8_t> filter = {1, 2, 3, -1, 1, -1};
  EXPECT_EQ(runConv(c, input, filter, {0.5f, 0.25f}, nullptr),
            (std::vector<float>{111.25f, -31.875f, 79.5f, 31.875f}));
}

TEST(Conv2dHybridF32S8, EqualPerChannelScalesQuantizeSymmetrically) {
  // Scales (0.5, 0.5) are one per-tensor scale: symmetric, max|x| = 63.5,
  // scale 0.5, q = (127, round(1.5) = 2). Identity filter: 127 * 0.25 =
  // 31.75 and 2 * 0.25 = 0.5. (The asymmetric quantizer would use the scale
  // 63.5 / 255 and give about 0.37 for channel 1.)
  ConvCase c;
  c.inputC = 2;
  c.outputC = 2;
  EXPECT_EQ(runConv(c, {63.5f, 0.75f}, {1, 0, 0, 1}, {0.5f, 0.5f}, nullptr),
            (std::vector<float>{31.75f, 0.5f}));
}

TEST(Conv2dHybridF32S8, PerChannelAllZeroInputGivesTheBias) {
  ConvCase c;
  c.inputC = 2;
  c.outputC = 2;
  const float bias[] = {-1.25f, 3.0f};
  EXPECT_EQ(runConv(c, {0.0f, 0.0f}, {127, -128, 3, 4}, {0.5f, 0.25f}, bias),
            (std::vector<float>{-1.25f, 3.0f}));
}

} // namespace
