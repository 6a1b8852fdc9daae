//===- softmax_f32_test.cpp - Reference float32 softmax -------------------===//
//
// Expected values follow from properties of softmax rather than from a copy
// of the kernel's formula: equal logits share the probability equally, a
// common shift of the logits changes nothing (exactly so when the shifted
// differences are exact), beta * x with beta 1 equals x with that beta,
// outputs sum to one, and, for general values, the definition evaluated in
// double precision.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/softmax_f32.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {

std::vector<float> runSoftmax(const std::vector<float> &input, int32_t rows,
                              float beta = 1.0f) {
  std::vector<float> output(input.size(), 99.0f);
  const int32_t depth = static_cast<int32_t>(input.size()) / rows;
  ingot::ref::softmax_f32(input.data(), output.data(), rows, depth, beta);
  return output;
}

/// Softmax of one row in double precision, straight from the definition.
std::vector<double> softmaxInDouble(const std::vector<float> &logits,
                                    double beta) {
  double sum = 0.0;
  for (float logit : logits)
    sum += std::exp(beta * logit);
  std::vector<double> result;
  for (float logit : logits)
    result.push_back(std::exp(beta * logit) / sum);
  return result;
}

TEST(SoftmaxF32, EqualLogitsShareTheProbabilityEqually) {
  // Every exponent is exp(0) = 1, so each output is 1 / depth, rounded once.
  EXPECT_EQ(runSoftmax({3.7f, 3.7f, 3.7f, 3.7f}, 1),
            (std::vector<float>(4, 0.25f)));
  EXPECT_EQ(runSoftmax({-2, -2, -2, -2, -2}, 1),
            (std::vector<float>(5, 1.0f / 5.0f)));
}

TEST(SoftmaxF32, MatchesTheDefinition) {
  const std::vector<float> logits = {1.0f, 2.0f, 3.0f, -0.5f, 0.25f};
  const std::vector<float> output = runSoftmax(logits, 1);
  const std::vector<double> expected = softmaxInDouble(logits, 1.0);
  for (size_t i = 0; i < logits.size(); ++i)
    EXPECT_NEAR(output[i], expected[i], 1e-6) << "index " << i;
}

TEST(SoftmaxF32, SumsToOneAndKeepsTheOrder) {
  const std::vector<float> logits = {0.1f,  -3.0f, 2.5f, 7.0f,  7.5f,
                                     -1.0f, 0.0f,  4.0f, -8.0f, 1.0f};
  const std::vector<float> output = runSoftmax(logits, 1);
  double sum = 0.0;
  for (float p : output) {
    EXPECT_GT(p, 0.0f);
    EXPECT_LT(p, 1.0f);
    sum += p;
  }
  EXPECT_NEAR(sum, 1.0, 1e-6);
  for (size_t i = 0; i < logits.size(); ++i) {
    for (size_t j = 0; j < logits.size(); ++j) {
      if (logits[i] < logits[j]) {
        EXPECT_LT(output[i], output[j]) << i << " vs " << j;
      }
    }
  }
}

TEST(SoftmaxF32, IsInvariantUnderAShiftOfTheLogits) {
  // Adding 100 keeps every difference to the row maximum exact, so the
  // outputs are bit-identical.
  const std::vector<float> logits = {1.0f, 2.0f, 3.0f, 4.5f};
  const std::vector<float> shifted = {101.0f, 102.0f, 103.0f, 104.5f};
  EXPECT_EQ(runSoftmax(logits, 1), runSoftmax(shifted, 1));
}

TEST(SoftmaxF32, BetaScalesTheLogits) {
  // beta = 2 on (0.5, 1, 1.5) scales the differences to the maximum to
  // (-2, -1, 0), exactly those of (1, 2, 3) with beta = 1.
  EXPECT_EQ(runSoftmax({0.5f, 1.0f, 1.5f}, 1, 2.0f),
            runSoftmax({1.0f, 2.0f, 3.0f}, 1, 1.0f));
  // beta = 0 ignores the logits altogether.
  EXPECT_EQ(runSoftmax({-4.0f, 0.0f, 12.0f, 1.0f}, 1, 0.0f),
            (std::vector<float>(4, 0.25f)));
}

TEST(SoftmaxF32, LargeLogitsDoNotOverflow) {
  // exp(1000) overflows single precision; after subtracting the row maximum
  // the exponents are exp(0) = 1 and exp(-1000) = 0. Likewise exp(-1000)
  // would underflow both terms of the second row to 0.
  EXPECT_EQ(runSoftmax({1000.0f, 0.0f}, 1), (std::vector<float>{1.0f, 0.0f}));
  EXPECT_EQ(runSoftmax({-1000.0f, -1000.0f}, 1),
            (std::vector<float>{0.5f, 0.5f}));
}

TEST(SoftmaxF32, RowsAreIndependent) {
  EXPECT_EQ(runSoftmax({5.0f, 5.0f, 0.0f, 1000.0f, -2.0f, -2.0f}, 3),
            (std::vector<float>{0.5f, 0.5f, 0.0f, 1.0f, 0.5f, 0.5f}));
}

TEST(SoftmaxF32, WorksInPlace) {
  const std::vector<float> logits = {0.5f, -1.0f, 2.0f, 2.0f};
  std::vector<float> data = logits;
  ingot::ref::softmax_f32(data.data(), data.data(), 1, 4, 1.0f);
  EXPECT_EQ(data, runSoftmax(logits, 1));
}

} // namespace
