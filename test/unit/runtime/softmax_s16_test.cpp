//===- softmax_s16_test.cpp - int16 softmax (int16x8 scheme) --------------===//
//
// Expected values follow from the definition of softmax and the fixed output
// quantization (p * 32768, zero point 0), computed with std::exp in double.
// The tables come from softmaxS16ExpLut / softmaxS16ReciprocalLut, whose
// entries softmax_params_test checks against exp and 1 / (1 + x).
//
//===----------------------------------------------------------------------===//
#include "SoftmaxParams.h"
#include "ingot/runtime/kernels/ref/softmax_s16.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

using ingot::quant::SoftmaxParams;

std::vector<int16_t> run(const std::vector<int16_t> &input, int32_t rows,
                         float inputScale, float beta = 1.0f) {
  SoftmaxParams params;
  EXPECT_TRUE(ingot::quant::computeSoftmaxParamsS16(inputScale, beta, params));
  static const ingot::quant::SoftmaxS16Lut expTable =
      ingot::quant::softmaxS16ExpLut();
  static const ingot::quant::SoftmaxS16Lut reciprocalTable =
      ingot::quant::softmaxS16ReciprocalLut();
  std::vector<int16_t> output(input.size());
  const int32_t depth = static_cast<int32_t>(input.size()) / rows;
  ingot::ref::softmax_s16(input.data(), output.data(), rows, depth,
                          params.inputMultiplier, params.inputLeftShift,
                          expTable.data(), reciprocalTable.data());
  return output;
}

/// softmax(beta * scale * x) per row, as int16 at scale 1/32768.
std::vector<double> expected(const std::vector<int16_t> &input, int32_t rows,
                             float inputScale, float beta = 1.0f) {
  std::vector<double> probabilities(input.size());
  const size_t depth = input.size() / rows;
  for (int32_t row = 0; row < rows; ++row) {
    const int16_t *in = input.data() + row * depth;
    const int16_t top = *std::max_element(in, in + depth);
    double sum = 0;
    for (size_t c = 0; c < depth; ++c)
      sum += std::exp(double(beta) * inputScale * (in[c] - top));
    for (size_t c = 0; c < depth; ++c)
      probabilities[row * depth + c] =
          std::exp(double(beta) * inputScale * (in[c] - top)) / sum * 32768;
  }
  return probabilities;
}

TEST(SoftmaxS16, EqualInputsShareProbabilityEvenly) {
  // 1/2, 1/4 and 1/8 of 32768, up to the tables' interpolation.
  for (size_t depth : {2, 4, 8}) {
    std::vector<int16_t> input(depth, 1234);
    for (int16_t value : run(input, 1, 0.001f))
      EXPECT_NEAR(value, 32768.0 / depth, 2) << depth;
  }
}

TEST(SoftmaxS16, SingleElementIsProbabilityOne) {
  // exp(0) / exp(0) = 1, one step past the top of [0, 32767].
  EXPECT_EQ(run({-300}, 1, 0.01f), std::vector<int16_t>{32767});
}

TEST(SoftmaxS16, FollowsTheFloatSoftmax) {
  // Rows with spread-out logits, several scales and a beta: each output
  // within 0.1% of probability one (33 steps) of the float softmax.
  const std::vector<int16_t> input = {0,     1000, -2000, 3000, -32768, 32767,
                                      12345, -5,   100,   200,  300,    400,
                                      -1,    -1,   -1,    20000};
  for (float scale : {0.0001f, 0.0005f, 0.002f}) {
    for (float beta : {1.0f, 0.5f}) {
      std::vector<int16_t> got = run(input, 4, scale, beta);
      std::vector<double> want = expected(input, 4, scale, beta);
      for (size_t i = 0; i < got.size(); ++i)
        EXPECT_NEAR(got[i], want[i], 33)
            << "scale " << scale << " beta " << beta << " element " << i;
    }
  }
}

TEST(SoftmaxS16, DifferencesBeyondTenCountAsTen) {
  // The exp table covers [-10, 0]: a logit 20 below the maximum is taken as
  // 10 below it, exp(-10) = 4.5e-5, about 1.5 steps of 1/32768.
  std::vector<int16_t> twenty = run({0, 20000}, 1, 0.001f);
  std::vector<int16_t> ten = run({10000, 20000}, 1, 0.001f);
  EXPECT_EQ(twenty, ten);
  EXPECT_NEAR(twenty[0], std::exp(-10.0) * 32768, 1);
  EXPECT_GE(twenty[1], 32765);
}

} // namespace
