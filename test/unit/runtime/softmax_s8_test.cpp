//===- softmax_s8_test.cpp - int8 softmax, int8 and int16 outputs ---------===//
//
// Expected values follow from the definition of softmax and the fixed output
// quantization (int8: p * 256 - 128; int16: p * 65536 - 32768), with
// probabilities worked out by hand or from std::exp. Parameters come from
// computeSoftmaxParams, which softmax_params_test checks separately.
//
//===----------------------------------------------------------------------===//
#include "SoftmaxParams.h"
#include "ingot/runtime/kernels/ref/softmax_s8.h"
#include "ingot/runtime/kernels/ref/softmax_s8_s16.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <vector>

namespace {

using ingot::quant::computeSoftmaxParams;
using ingot::quant::SoftmaxParams;

std::vector<int8_t> runS8(const std::vector<int8_t> &input, int32_t rows,
                          const SoftmaxParams &p) {
  std::vector<int8_t> output(input.size());
  const int32_t depth = static_cast<int32_t>(input.size()) / rows;
  ingot::ref::softmax_s8(input.data(), output.data(), rows, depth,
                         p.inputMultiplier, p.inputLeftShift, p.diffMin);
  return output;
}

std::vector<int16_t> runS16(const std::vector<int8_t> &input, int32_t rows,
                            const SoftmaxParams &p) {
  std::vector<int16_t> output(input.size());
  const int32_t depth = static_cast<int32_t>(input.size()) / rows;
  ingot::ref::softmax_s8_s16(input.data(), output.data(), rows, depth,
                             p.inputMultiplier, p.inputLeftShift, p.diffMin);
  return output;
}

TEST(SoftmaxS8, EqualLogitsShareProbabilityEvenly) {
  const SoftmaxParams p = computeSoftmaxParams(0.1f, 1.0f);
  // Four equal inputs: 1/4 each, i.e. 64 - 128 and 16384 - 32768.
  const std::vector<int8_t> four = {37, 37, 37, 37};
  EXPECT_EQ(runS8(four, 1, p), (std::vector<int8_t>{-64, -64, -64, -64}));
  EXPECT_EQ(runS16(four, 1, p),
            (std::vector<int16_t>{-16384, -16384, -16384, -16384}));
  // Two equal inputs: 1/2 each, which is the zero point plus half the range.
  const std::vector<int8_t> two = {-100, -100};
  EXPECT_EQ(runS8(two, 1, p), (std::vector<int8_t>{0, 0}));
  EXPECT_EQ(runS16(two, 1, p), (std::vector<int16_t>{0, 0}));
}

TEST(SoftmaxS8, ProbabilityOneSaturatesToTypeMaximum) {
  // A single element has probability 1, one step past the top of the range.
  const SoftmaxParams p = computeSoftmaxParams(0.1f, 1.0f);
  EXPECT_EQ(runS8({-5}, 1, p), std::vector<int8_t>{127});
  EXPECT_EQ(runS16({-5}, 1, p), std::vector<int16_t>{32767});
}

TEST(SoftmaxS8, LargeGapSaturatesBothEnds) {
  // Scale 1: a gap of 255 is e^-255, far below diff_min.
  const SoftmaxParams p = computeSoftmaxParams(1.0f, 1.0f);
  EXPECT_EQ(runS8({127, -128}, 1, p), (std::vector<int8_t>{127, -128}));
  EXPECT_EQ(runS16({-128, 127}, 1, p), (std::vector<int16_t>{-32768, 32767}));
}

TEST(SoftmaxS8, TwoLogitsOneUnitApart) {
  // Scale 1/16: a gap of 16 steps is exactly 1.0. p = 1 / (1 + e^-1) =
  // 0.7310586, so 187.151 -> 187 and 68.849 -> 69 out of 256, and
  // 47910.655 -> 47911 and 17625.345 -> 17625 out of 65536.
  const SoftmaxParams p = computeSoftmaxParams(1.0f / 16, 1.0f);
  EXPECT_EQ(runS8({16, 0}, 1, p), (std::vector<int8_t>{59, -59}));
  EXPECT_EQ(runS16({0, 16}, 1, p), (std::vector<int16_t>{-15143, 15143}));
  // Beta scales the logits: beta 2 at scale 1/32 is the same distribution.
  const SoftmaxParams beta2 = computeSoftmaxParams(1.0f / 32, 2.0f);
  EXPECT_EQ(runS8({16, 0}, 1, beta2), (std::vector<int8_t>{59, -59}));
}

TEST(SoftmaxS8, DifferencesBelowDiffMinAreDropped) {
  // Scale 1/16 gives diff_min -248. A gap of two steps is 1/8: p = 0.531209,
  // so 135.990 -> 136 and 120.010 -> 120 out of 256. Narrowing diff_min to
  // -1 by hand must drop the second logit entirely: it becomes the minimum
  // and the maximum takes all the mass.
  SoftmaxParams p = computeSoftmaxParams(1.0f / 16, 1.0f);
  EXPECT_EQ(runS8({0, -2}, 1, p), (std::vector<int8_t>{8, -8}));
  p.diffMin = -1;
  EXPECT_EQ(runS8({0, -2}, 1, p), (std::vector<int8_t>{127, -128}));
  EXPECT_EQ(runS16({0, -2}, 1, p), (std::vector<int16_t>{32767, -32768}));
}

TEST(SoftmaxS8, RowsAreIndependent) {
  const SoftmaxParams p = computeSoftmaxParams(1.0f, 1.0f);
  const std::vector<int8_t> input = {5,  5,  5,   5,  //
                                     9,  -9, -9,  -9, //
                                     -3, -3, 100, -100};
  const std::vector<int8_t> out = runS8(input, 3, p);
  const std::vector<int8_t> expected = {-64,  -64,  -64,  -64,  //
                                        127,  -128, -128, -128, //
                                        -128, -128, 127,  -128};
  EXPECT_EQ(out, expected);
}

TEST(SoftmaxS8, MatchesFloatSoftmaxWithinOneStep) {
  // Random logits against the real softmax: both output widths must land on
  // the nearest representable probability or its neighbour, and the int8
  // probabilities must add up to about one.
  std::srand(7);
  for (float scale : {0.02f, 0.0699627f, 0.25f}) {
    const SoftmaxParams p = computeSoftmaxParams(scale, 1.0f);
    for (int trial = 0; trial < 50; ++trial) {
      std::vector<int8_t> input(10);
      for (int8_t &v : input)
        v = static_cast<int8_t>(std::rand() % 256 - 128);
      double sum = 0;
      std::vector<double> real(input.size());
      int max_in = -128;
      for (int8_t v : input)
        max_in = std::max<int>(max_in, v);
      for (size_t i = 0; i < input.size(); ++i)
        sum += real[i] = std::exp(scale * (input[i] - max_in));
      const std::vector<int8_t> out8 = runS8(input, 1, p);
      const std::vector<int16_t> out16 = runS16(input, 1, p);
      int total = 0;
      for (size_t i = 0; i < input.size(); ++i) {
        const double prob = real[i] / sum;
        const double want8 = std::min(prob * 256 - 128, 127.0);
        const double want16 = std::min(prob * 65536 - 32768, 32767.0);
        EXPECT_LE(std::fabs(out8[i] - want8), 1.0) << scale << " " << i;
        EXPECT_LE(std::fabs(out16[i] - want16), 1.0) << scale << " " << i;
        total += out8[i] + 128;
      }
      EXPECT_NEAR(total, 256, 10);
    }
  }
}

} // namespace
