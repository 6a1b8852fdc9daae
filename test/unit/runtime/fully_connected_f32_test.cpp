//===- fully_connected_f32_test.cpp - Reference float32 fully connected ---===//
//
// Every expected value is worked out by hand in the comment next to it, with
// exactly representable inputs, weights and sums so that the comparisons are
// exact. The accumulation-order case relies on 2^24 + 1 rounding back to 2^24
// (ties to even) in single precision.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/fully_connected_f32.h"

#include <gtest/gtest.h>

#include <cfloat>
#include <vector>

namespace {

constexpr float kTwo24 = 16777216.0f;

std::vector<float> runFullyConnected(const std::vector<float> &input,
                                     const std::vector<float> &filter,
                                     const float *bias, int32_t batches,
                                     float activationMin = -FLT_MAX,
                                     float activationMax = FLT_MAX) {
  const int32_t accumDepth = static_cast<int32_t>(input.size()) / batches;
  const int32_t outputDepth = static_cast<int32_t>(filter.size()) / accumDepth;
  std::vector<float> output(static_cast<size_t>(batches * outputDepth), 99.0f);
  ingot::ref::fully_connected_f32(input.data(), filter.data(), bias,
                                  output.data(), batches, accumDepth,
                                  outputDepth, activationMin, activationMax);
  return output;
}

TEST(FullyConnectedF32, RowMajorFilterBiasAndBatches) {
  // Two batches of three inputs, two outputs. Filter rows are outputs.
  const std::vector<float> input = {1, 2, 3, -1, 0.5f, 4};
  const std::vector<float> filter = {1, 0, -1, 0.5f, 0.25f, 2};
  const float bias[] = {0.5f, -1.0f};
  // Batch 0: o0 = 1 - 3 + 0.5 = -1.5; o1 = 0.5 + 0.5 + 6 - 1 = 6.
  // Batch 1: o0 = -1 - 4 + 0.5 = -4.5; o1 = -0.5 + 0.125 + 8 - 1 = 6.625.
  EXPECT_EQ(runFullyConnected(input, filter, bias, 2),
            (std::vector<float>{-1.5f, 6.0f, -4.5f, 6.625f}));
}

TEST(FullyConnectedF32, NullBiasMeansZero) {
  const std::vector<float> input = {2, -3};
  const std::vector<float> filter = {1.5f, 1, -1, 0.25f};
  // o0 = 3 - 3 = 0; o1 = -2 - 0.75 = -2.75.
  EXPECT_EQ(runFullyConnected(input, filter, nullptr, 1),
            (std::vector<float>{0.0f, -2.75f}));
}

TEST(FullyConnectedF32, FusedActivationClamps) {
  // Identity-like filter: output i is input i.
  const std::vector<float> input = {-2.5f, 0.5f, 9.0f};
  const std::vector<float> filter = {1, 0, 0, 0, 1, 0, 0, 0, 1};
  EXPECT_EQ(runFullyConnected(input, filter, nullptr, 1),
            (std::vector<float>{-2.5f, 0.5f, 9.0f}));
  // RELU: [0, FLT_MAX].
  EXPECT_EQ(runFullyConnected(input, filter, nullptr, 1, 0.0f, FLT_MAX),
            (std::vector<float>{0.0f, 0.5f, 9.0f}));
  // RELU6: [0, 6].
  EXPECT_EQ(runFullyConnected(input, filter, nullptr, 1, 0.0f, 6.0f),
            (std::vector<float>{0.0f, 0.5f, 6.0f}));
  // RELU_N1_TO_1: [-1, 1].
  EXPECT_EQ(runFullyConnected(input, filter, nullptr, 1, -1.0f, 1.0f),
            (std::vector<float>{-1.0f, 0.5f, 1.0f}));
}

TEST(FullyConnectedF32, SumsInIndexOrderAndAddsTheBiasLast) {
  // Terms 2^24, 1, -2^24 with bias 1. In index order 2^24 + 1 rounds to
  // 2^24, the next term cancels it and the bias gives 1. Summing backwards
  // would give 2 (-2^24 + 1 is exact); starting from the bias would give 0.
  const std::vector<float> input = {kTwo24, 1.0f, -kTwo24};
  const std::vector<float> filter = {1, 1, 1};
  const float bias[] = {1.0f};
  EXPECT_EQ(runFullyConnected(input, filter, bias, 1),
            (std::vector<float>{1.0f}));
}

} // namespace
