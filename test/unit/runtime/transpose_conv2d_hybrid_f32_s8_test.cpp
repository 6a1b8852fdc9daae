//===- transpose_conv2d_hybrid_f32_s8_test.cpp - Hybrid transpose conv ----===//
//
// Every expected value is worked out by hand in the comment next to it. The
// inputs span 255 * 2^-7, so the asymmetric quantizer's step is exactly
// 2^-7 and every output is an exactly representable float.
//
// Geometry of every case: one batch, a 2x1x1 input, stride 2 along the
// height, a 2x1 filter and two output channels, VALID: output height
// (2 - 1) * 2 + 2 = 4, and output row y gets input row y / 2 times filter
// tap y % 2 (one term each).
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/transpose_conv2d.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <vector>

namespace {

constexpr int8_t kCanary = 0x5A;
// filter[out_channel][tap]: channel 0 {1, 2}, channel 1 {-3, 4}.
const std::vector<int8_t> kFilter = {1, 2, -3, 4};
const std::vector<float> kFilterScales = {0.5f, 0.25f};

std::vector<float> run(const std::vector<float> &input, const float *bias,
                       float activationMin = -FLT_MAX,
                       float activationMax = FLT_MAX) {
  std::vector<float> output(8, 99.0f);
  const int32_t scratchBytes =
      ingot::ref::transpose_conv2d_hybrid_f32_s8_scratch_bytes(2, 1, 1);
  std::vector<int8_t> scratch(static_cast<size_t>(scratchBytes) + 1, kCanary);
  if (bias != nullptr)
    ingot::ref::transpose_conv2d_hybrid_f32_s8(
        input.data(), kFilter.data(), bias, output.data(), scratch.data(),
        /*batches=*/1, /*input_h=*/2, /*input_w=*/1, /*input_c=*/1,
        /*filter_h=*/2, /*filter_w=*/1, /*output_h=*/4, /*output_w=*/1,
        /*output_c=*/2, /*stride_h=*/2, /*stride_w=*/1, /*pad_top=*/0,
        /*pad_left=*/0, kFilterScales.data(), activationMin, activationMax);
  else
    ingot::ref::transpose_conv2d_hybrid_f32_s8(
        input.data(), kFilter.data(), output.data(), scratch.data(), 1, 2, 1, 1,
        2, 1, 4, 1, 2, 2, 1, 0, 0, kFilterScales.data(), activationMin,
        activationMax);
  EXPECT_EQ(scratch.back(), kCanary) << "wrote past the scratch";
  return output;
}

TEST(TransposeConv2DHybridF32S8, PositiveInputBiasAndPerChannelScales) {
  // x = {0, 255/128}: range [0, 255/128], step 1/128, zero point -128, so
  // q - zero_point = {0, 255}. Row 2 = 255 * tap 0, row 3 = 255 * tap 1;
  // channel 0 scales by (1/128) * 0.5 = 1/256, channel 1 by 1/512.
  const float bias[] = {0.5f, -1.0f};
  std::vector<float> out = run({0.0f, 1.9921875f}, bias);
  std::vector<float> expected = {
      0.5f,        -1.0f,         // row 0: bias only
      0.5f,        -1.0f,         // row 1: bias only
      1.49609375f, -2.494140625f, // 255/256 + 0.5, -765/512 - 1
      2.4921875f,  0.9921875f};   // 510/256 + 0.5, 1020/512 - 1
  EXPECT_EQ(out, expected);
}

TEST(TransposeConv2DHybridF32S8, FusedActivationClamps) {
  const float bias[] = {0.5f, -1.0f};
  std::vector<float> out = run({0.0f, 1.9921875f}, bias, 0.0f, 2.0f);
  std::vector<float> expected = {0.5f,        0.0f, 0.5f, 0.0f,
                                 1.49609375f, 0.0f, 2.0f, 0.9921875f};
  EXPECT_EQ(out, expected);
}

TEST(TransposeConv2DHybridF32S8, NegativeInputNonZeroZeroPointNoBias) {
  // x = {-255/128, 0}: range [-255/128, 0], step 1/128, zero point 127, so
  // q - zero_point = {-255, 0}: only rows 0 and 1 are non-zero.
  std::vector<float> out = run({-1.9921875f, 0.0f}, nullptr);
  std::vector<float> expected = {
      -0.99609375f, 1.494140625f, // -255/256, 765/512
      -1.9921875f,  -1.9921875f,  // -510/256, -1020/512
      0.0f,         0.0f,         0.0f, 0.0f};
  EXPECT_EQ(out, expected);
}

TEST(TransposeConv2DHybridF32S8, AllZeroInputGivesBias) {
  const float bias[] = {0.25f, -0.75f};
  std::vector<float> out = run({0.0f, 0.0f}, bias);
  std::vector<float> expected = {0.25f, -0.75f, 0.25f, -0.75f,
                                 0.25f, -0.75f, 0.25f, -0.75f};
  EXPECT_EQ(out, expected);
}

} // namespace
