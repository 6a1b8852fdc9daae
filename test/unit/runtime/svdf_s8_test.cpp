//===- svdf_s8_test.cpp - int8 SVDF with int8 state -----------------------===//
//
// Tiny shapes with rescale factors that are exact powers of two, so that every
// expected value can be followed by hand: (multiplier 2^30, shift 1) is the
// real number 1.0 and (2^30, 0) is 0.5. The state is laid out
// [batch][filter][memory], oldest entry first.
//
//===----------------------------------------------------------------------===//
#include "ingot/runtime/kernels/ref/svdf_s8.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

constexpr int32_t kHalf = int32_t{1} << 30;

/// Shapes, zero points and rescale factors of one SVDF layer.
struct Layer {
  int32_t batches = 1;
  int32_t input_size = 1;
  int32_t num_filters = 1;
  int32_t rank = 1;
  int32_t memory_size = 1;
  int32_t input_zero_point = 0;
  int32_t state_zero_point = 0;
  int32_t output_zero_point = 0;
  int32_t multiplier_1 = kHalf, shift_1 = 1; // 1.0
  int32_t multiplier_2 = kHalf, shift_2 = 1; // 1.0
  int32_t activation_min = -128, activation_max = 127;
  std::vector<int8_t> weights_feature;
  std::vector<int8_t> weights_time;
  std::vector<int32_t> bias; // empty: no bias
  std::vector<int8_t> state;

  int32_t numUnits() const { return num_filters / rank; }

  /// Resets the state the way TFLite Micro's AllocateTensors does.
  void resetState() {
    state.assign(batches * num_filters * memory_size,
                 static_cast<int8_t>(state_zero_point));
  }

  std::vector<int8_t> step(const std::vector<int8_t> &input) {
    std::vector<int8_t> output(batches * numUnits());
    ingot::ref::svdf_s8(
        input.data(), weights_feature.data(), weights_time.data(),
        bias.empty() ? nullptr : bias.data(), state.data(), output.data(),
        batches, input_size, num_filters, numUnits(), memory_size, rank,
        input_zero_point, state_zero_point, output_zero_point, multiplier_1,
        shift_1, multiplier_2, shift_2, activation_min, activation_max);
    return output;
  }
};

TEST(SvdfS8, StateShiftsOneStepPerInvocation) {
  // Identity feature weights copy the two inputs into the two histories.
  // Unit 0 weights its history (oldest first) by 1, 2, 4; unit 1 sums it and
  // adds a bias of 10.
  Layer l;
  l.input_size = 2;
  l.num_filters = 2;
  l.memory_size = 3;
  l.weights_feature = {1, 0, 0, 1};
  l.weights_time = {1, 2, 4, 1, 1, 1};
  l.bias = {0, 10};
  l.resetState();

  EXPECT_EQ(l.step({1, 2}), (std::vector<int8_t>{4, 12}));
  EXPECT_EQ(l.state, (std::vector<int8_t>{0, 0, 1, 0, 0, 2}));
  EXPECT_EQ(l.step({3, 4}), (std::vector<int8_t>{14, 16}));
  EXPECT_EQ(l.state, (std::vector<int8_t>{0, 1, 3, 0, 2, 4}));
  EXPECT_EQ(l.step({5, 6}), (std::vector<int8_t>{27, 22}));
  EXPECT_EQ(l.state, (std::vector<int8_t>{1, 3, 5, 2, 4, 6}));
  // The oldest entries (1 and 2) fall off: 3 + 2*5 + 4*7 and 10 + 4 + 6 + 8.
  EXPECT_EQ(l.step({7, 8}), (std::vector<int8_t>{41, 28}));
  EXPECT_EQ(l.state, (std::vector<int8_t>{3, 5, 7, 4, 6, 8}));
}

TEST(SvdfS8, ZeroPointsEnterInputStateAndOutput) {
  // input zp 3, state zp -50, output zp 5, output rescale 0.5, no bias.
  Layer l;
  l.memory_size = 2;
  l.input_zero_point = 3;
  l.state_zero_point = -50;
  l.output_zero_point = 5;
  l.multiplier_2 = kHalf;
  l.shift_2 = 0;
  l.weights_feature = {2};
  l.weights_time = {1, 1};
  l.resetState();

  // Feature: 2 * (13 - 3) = 20, stored as 20 - 50 = -30. The reset history
  // entry equals the zero point and contributes nothing: 0.5 * 20 + 5 = 15.
  EXPECT_EQ(l.step({13}), std::vector<int8_t>{15});
  EXPECT_EQ(l.state, (std::vector<int8_t>{-50, -30}));

  // Feature: 2 * (-97 - 3) = -200 saturates to -128 *before* the zero point
  // is added; -128 - 50 = -178 does not fit int8 and wraps to 78, as in
  // TFLite Micro. Time: (-30 + 50) + (78 + 50) = 148; 0.5 * 148 + 5 = 79.
  EXPECT_EQ(l.step({-97}), std::vector<int8_t>{79});
  EXPECT_EQ(l.state, (std::vector<int8_t>{-30, 78}));
}

TEST(SvdfS8, FeatureSaturatesToInt8BeforeEnteringTheState) {
  Layer l;
  l.input_size = 2;
  l.memory_size = 1;
  l.weights_feature = {100, 100};
  l.weights_time = {1};
  l.resetState();
  // 100 * 2 + 100 * 1 = 300 saturates to 127; -300 to -128.
  EXPECT_EQ(l.step({2, 1}), std::vector<int8_t>{127});
  EXPECT_EQ(l.state, std::vector<int8_t>{127});
  EXPECT_EQ(l.step({-2, -1}), std::vector<int8_t>{-128});
  EXPECT_EQ(l.state, std::vector<int8_t>{-128});
}

TEST(SvdfS8, FeatureRescaleRoundsTiesUpward) {
  // Rescale 0.5 on the feature path: 3 -> 1.5 -> 2 and -3 -> -1.5 -> -1.
  Layer l;
  l.memory_size = 1;
  l.multiplier_1 = kHalf;
  l.shift_1 = 0;
  l.weights_feature = {1};
  l.weights_time = {1};
  l.resetState();
  EXPECT_EQ(l.step({3}), std::vector<int8_t>{2});
  EXPECT_EQ(l.step({-3}), std::vector<int8_t>{-1});
}

TEST(SvdfS8, RankReductionBiasAndBatches) {
  // Two units of rank 2, memory 1, two batches. Features per batch:
  // f0 = x0, f1 = x1, f2 = x0 + x1, f3 = x0 - x1; time weights 1, 2, 3, -1.
  // Unit 0 = 100 + f0 + 2 f1, unit 1 = -100 + 3 f2 - f3.
  Layer l;
  l.batches = 2;
  l.input_size = 2;
  l.num_filters = 4;
  l.rank = 2;
  l.memory_size = 1;
  l.weights_feature = {1, 0, 0, 1, 1, 1, 1, -1};
  l.weights_time = {1, 2, 3, -1};
  l.bias = {100, -100};
  l.resetState();
  // Batch 0 (2, 3): 100 + 2 + 6 = 108, -100 + 15 + 1 = -84.
  // Batch 1 (-1, 4): 100 - 1 + 8 = 107, -100 + 9 + 5 = -86.
  EXPECT_EQ(l.step({2, 3, -1, 4}), (std::vector<int8_t>{108, -84, 107, -86}));
  EXPECT_EQ(l.state, (std::vector<int8_t>{2, 3, 5, -1, -1, 4, 3, -5}));
}

TEST(SvdfS8, BatchesKeepSeparateHistories) {
  Layer l;
  l.batches = 2;
  l.memory_size = 2;
  l.weights_feature = {1};
  l.weights_time = {10, 1};
  l.resetState();
  // Batch b's output is 10 * previous + current of that batch only.
  EXPECT_EQ(l.step({1, 2}), (std::vector<int8_t>{1, 2}));
  EXPECT_EQ(l.step({3, 4}), (std::vector<int8_t>{13, 24}));
  EXPECT_EQ(l.state, (std::vector<int8_t>{1, 3, 2, 4}));
}

TEST(SvdfS8, OutputClampsToActivationRange) {
  Layer l;
  l.memory_size = 1;
  l.output_zero_point = -10;
  l.weights_feature = {1};
  l.weights_time = {1};
  l.resetState();
  // -20 + (-10) = -30 stays within the int8 range TFLite Micro uses...
  EXPECT_EQ(l.step({-20}), std::vector<int8_t>{-30});
  // ...and is cut at the zero point when a RELU range is passed instead.
  l.activation_min = -10;
  EXPECT_EQ(l.step({-20}), std::vector<int8_t>{-10});
  // Large sums saturate at the top: 2 * 120 - 10 = 230 -> 127.
  l.weights_time = {2};
  EXPECT_EQ(l.step({120}), std::vector<int8_t>{127});
}

} // namespace
