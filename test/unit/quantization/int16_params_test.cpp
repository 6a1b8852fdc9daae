//===- int16_params_test.cpp - Parameters of the int16 ref kernels --------===//
//
// Power-of-two scales give multipliers that follow by hand. For the others,
// the scales are those of seanet conformance models (exact float bits), and
// the multipliers are pinned to the values that reproduce TFLite Micro's
// outputs bit for bit: a quotient rounded to float has at most 24 significant
// bits, so its Q31 multiplier is a multiple of 2^7, while one kept in double
// usually is not.
//
//===----------------------------------------------------------------------===//
#include "Int16Params.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace {

using ingot::quant::AddSubS16Params;
using ingot::quant::BroadcastStrides;
using ingot::quant::StridedSliceS16Params;

constexpr int32_t kHalf = int32_t{1} << 30;

TEST(AddSubS16Params, PowerOfTwoScales) {
  // Scales 1 and 0.5, output 1: T = 2, multipliers 0.5 = (2^30, 0) and
  // 0.25 = (2^30, -1), output T / (2^15 * 1) = 2^-14 = (2^30, -13).
  for (const AddSubS16Params &p :
       {ingot::quant::addS16Params(1.0f, 3, 0.5f, -4, 1.0f, 5),
        ingot::quant::subS16Params(1.0f, 3, 0.5f, -4, 1.0f, 5)}) {
    EXPECT_EQ(p.input1Offset, -3);
    EXPECT_EQ(p.input2Offset, 4);
    EXPECT_EQ(p.outputOffset, 5);
    EXPECT_EQ(p.input1Multiplier, kHalf);
    EXPECT_EQ(p.input1Shift, 0);
    EXPECT_EQ(p.input2Multiplier, kHalf);
    EXPECT_EQ(p.input2Shift, -1);
    EXPECT_EQ(p.outputMultiplier, kHalf);
    EXPECT_EQ(p.outputShift, -13);
  }
}

TEST(AddSubS16Params, SubRoundsToFloatAndAddDoesNot) {
  // seanet sub0 (input scales 0x1.fc3adap-11 and 0x1.2440fap-17, output
  // 0x1.378162p-11). TFLite Micro's SUB multipliers, in float, reproduce its
  // outputs; ADD's double rule (which TFLite itself also uses for SUB) gives
  // 2 of 1536 outputs that differ by one.
  const float in1 = 0x1.fc3adap-11f, in2 = 0x1.2440fap-17f,
              out = 0x1.378162p-11f;
  const AddSubS16Params sub =
      ingot::quant::subS16Params(in1, 0, in2, 0, out, 0);
  EXPECT_EQ(sub.input1Multiplier, kHalf);
  EXPECT_EQ(sub.input1Shift, 0);
  EXPECT_EQ(sub.input2Multiplier, 1234894464);
  EXPECT_EQ(sub.input2Shift, -7);
  EXPECT_EQ(sub.outputMultiplier, 1751840256);
  EXPECT_EQ(sub.outputShift, -13);
  const AddSubS16Params add =
      ingot::quant::addS16Params(in1, 0, in2, 0, out, 0);
  EXPECT_EQ(add.input2Multiplier, 1234894487);
  EXPECT_EQ(add.input2Shift, -7);
  EXPECT_EQ(add.outputMultiplier, 1751840209);
  EXPECT_EQ(add.outputShift, -13);
}

TEST(LeakyReluS16Params, PowerOfTwoScales) {
  // Input 0.5, output 0.25, alpha 0.25: identity 2 = (2^30, 2), alpha 0.5 =
  // (2^30, 0).
  const auto p = ingot::quant::leakyReluS16Params(0.5f, 1, 0.25f, 0.25f, -2);
  EXPECT_EQ(p.inputZeroPoint, 1);
  EXPECT_EQ(p.outputZeroPoint, -2);
  EXPECT_EQ(p.identityMultiplier, kHalf);
  EXPECT_EQ(p.identityShift, 2);
  EXPECT_EQ(p.alphaMultiplier, kHalf);
  EXPECT_EQ(p.alphaShift, 0);
}

TEST(LeakyReluS16Params, QuotientsAreRoundedToFloat) {
  // seanet leaky_relu3 (alpha 0.3). The double quotients would give
  // identity 1280657732 and alpha 1536789340, which change 3 of its 2560
  // outputs.
  const auto p = ingot::quant::leakyReluS16Params(
      0x1.d1c628p-7f, 0, 0x1.333334p-2f, 0x1.8684d8p-8f, 0);
  EXPECT_EQ(p.identityMultiplier, 1280657792);
  EXPECT_EQ(p.identityShift, 2);
  EXPECT_EQ(p.alphaMultiplier, 1536789376);
  EXPECT_EQ(p.alphaShift, 0);
}

TEST(ActivationRangeS16, PowerOfTwoScale) {
  // Scale 2^-12: 6 -> 24576, -1 -> -4096, 1 -> 4096.
  using ingot::quant::FusedActivation;
  const float scale = 1.0f / 4096.0f;
  const auto none =
      ingot::quant::activationRangeS16(FusedActivation::None, scale, 0);
  EXPECT_EQ(none.min, -32768);
  EXPECT_EQ(none.max, 32767);
  const auto relu =
      ingot::quant::activationRangeS16(FusedActivation::Relu, scale, 0);
  EXPECT_EQ(relu.min, 0);
  EXPECT_EQ(relu.max, 32767);
  const auto relu6 =
      ingot::quant::activationRangeS16(FusedActivation::Relu6, scale, 0);
  EXPECT_EQ(relu6.min, 0);
  EXPECT_EQ(relu6.max, 24576);
  const auto reluN1To1 =
      ingot::quant::activationRangeS16(FusedActivation::ReluN1To1, scale, 0);
  EXPECT_EQ(reluN1To1.min, -4096);
  EXPECT_EQ(reluN1To1.max, 4096);
}

TEST(ActivationRangeS16, BoundsBeyondInt16AreCut) {
  // Scale 1e-4f (9.99999975e-5): 1 / scale = 10000.0003 -> 10000, but
  // 6 / scale = 60000 lies outside int16, so RELU6 keeps 32767. A zero point
  // of -30000 moves -1 to -40000, which is cut to -32768.
  using ingot::quant::FusedActivation;
  const auto relu6 =
      ingot::quant::activationRangeS16(FusedActivation::Relu6, 1e-4f, 0);
  EXPECT_EQ(relu6.min, 0);
  EXPECT_EQ(relu6.max, 32767);
  const auto reluN1To1 = ingot::quant::activationRangeS16(
      FusedActivation::ReluN1To1, 1e-4f, -30000);
  EXPECT_EQ(reluN1To1.min, -32768);
  EXPECT_EQ(reluN1To1.max, -20000);
}

TEST(TransposeConvPadding, UsesTheOutputSize) {
  // seanet transpose_conv0: output 3x12, filter 3x4, strides 1x2, VALID.
  auto pad = ingot::quant::transposeConvPadding(false, 3, 12, 3, 4, 1, 2);
  EXPECT_EQ(pad.top, 0);
  EXPECT_EQ(pad.left, 0);
  // SAME, output 5, filter 4, stride 1: total padding 3, leading 1.
  pad = ingot::quant::transposeConvPadding(true, 5, 5, 4, 4, 1, 1);
  EXPECT_EQ(pad.top, 1);
  EXPECT_EQ(pad.left, 1);
}

BroadcastStrides strides(std::vector<int32_t> out, std::vector<int32_t> s1,
                         std::vector<int32_t> s2) {
  return {std::move(out), std::move(s1), std::move(s2)};
}

void expectStrides(const BroadcastStrides &actual,
                   const BroadcastStrides &expected) {
  EXPECT_EQ(actual.outputShape, expected.outputShape);
  EXPECT_EQ(actual.input1Strides, expected.input1Strides);
  EXPECT_EQ(actual.input2Strides, expected.input2Strides);
}

TEST(BroadcastStrides, SameShapesCollapseToOneDimension) {
  expectStrides(ingot::quant::broadcastStrides({1, 2, 160, 8}, {1, 2, 160, 8}),
                strides({2560}, {1}, {1}));
}

TEST(BroadcastStrides, TrailingVectorAndColumn) {
  // seanet sub0: [1, 2, 12, 64] - [64].
  expectStrides(ingot::quant::broadcastStrides({1, 2, 12, 64}, {64}),
                strides({24, 64}, {64, 1}, {0, 1}));
  expectStrides(ingot::quant::broadcastStrides({2, 3}, {2, 1}),
                strides({2, 3}, {3, 1}, {1, 0}));
  expectStrides(ingot::quant::broadcastStrides({3}, {2, 3}),
                strides({2, 3}, {0, 1}, {3, 1}));
}

TEST(BroadcastStrides, BothSidesBroadcast) {
  // [1, 2, 1, 3] and [1, 1, 2, 1]: the leading 1 is dropped; nothing merges.
  expectStrides(ingot::quant::broadcastStrides({1, 2, 1, 3}, {1, 1, 2, 1}),
                strides({2, 2, 3}, {3, 0, 1}, {0, 1, 0}));
}

TEST(BroadcastStrides, ScalarsAndOnes) {
  expectStrides(ingot::quant::broadcastStrides({}, {2, 2}),
                strides({4}, {0}, {1}));
  expectStrides(ingot::quant::broadcastStrides({1, 1}, {1}),
                strides({1}, {0}, {0}));
}

TEST(BroadcastStrides, RejectsIncompatibleShapes) {
  EXPECT_TRUE(ingot::quant::broadcastStrides({2, 3}, {4}).outputShape.empty());
  EXPECT_TRUE(ingot::quant::broadcastStrides({1, 1, 1, 1, 1, 1, 2}, {2})
                  .outputShape.empty());
  EXPECT_TRUE(ingot::quant::broadcastStrides({-1}, {1}).outputShape.empty());
}

void expectSlice(const StridedSliceS16Params &actual,
                 const std::vector<int32_t> &start,
                 const std::vector<int32_t> &stride,
                 const std::vector<int32_t> &outputShape) {
  EXPECT_EQ(actual.start, start);
  EXPECT_EQ(actual.stride, stride);
  EXPECT_EQ(actual.outputShape, outputShape);
}

TEST(StridedSliceS16Params, SeanetMasks) {
  // begin_mask 13 and end_mask 15 (axes 0, 2, 3 and 0..3): keep the last two
  // steps of axis 1.
  expectSlice(ingot::quant::stridedSliceS16Params({1, 4, 162, 8}, {0, -2, 0, 0},
                                                  {0, 0, 0, 8}, {1, 1, 1, 1},
                                                  13, 15, 0),
              {0, 2, 0, 0}, {1, 1, 1, 1}, {1, 2, 162, 8});
  // begin_mask 9, end_mask 11: axis 2 from 1 to -1 (one off each end).
  expectSlice(ingot::quant::stridedSliceS16Params({1, 1, 12, 64}, {0, 0, 1, 0},
                                                  {0, 0, -1, 0}, {1, 1, 1, 1},
                                                  9, 11, 0),
              {0, 0, 1, 0}, {1, 1, 1, 1}, {1, 1, 10, 64});
  // end_mask 13 leaves axis 1's end, 1, in force: the first step only.
  expectSlice(ingot::quant::stridedSliceS16Params({1, 3, 12, 64}, {0, 0, 0, 0},
                                                  {0, 1, 0, 64}, {1, 1, 1, 1},
                                                  13, 13, 0),
              {0, 0, 0, 0}, {1, 1, 1, 1}, {1, 1, 12, 64});
}

TEST(StridedSliceS16Params, NegativeStrides) {
  // Size 5, begin -1 (4), end -6 (-1 after wrapping, clamped to -1), stride
  // -2: 4, 2, 0.
  expectSlice(
      ingot::quant::stridedSliceS16Params({5}, {-1}, {-6}, {-2}, 0, 0, 0), {4},
      {-2}, {3});
  // Both masks with stride -1 reverse the whole axis.
  expectSlice(ingot::quant::stridedSliceS16Params({5}, {0}, {0}, {-1}, 1, 1, 0),
              {4}, {-1}, {5});
  // A backward slice whose end lies after its begin is empty.
  expectSlice(ingot::quant::stridedSliceS16Params({5}, {1}, {3}, {-1}, 0, 0, 0),
              {0}, {-1}, {0});
}

TEST(StridedSliceS16Params, ClampingAndRounding) {
  // Begin and end past the axis clamp to its size: empty.
  expectSlice(
      ingot::quant::stridedSliceS16Params({5}, {10}, {20}, {1}, 0, 0, 0), {0},
      {1}, {0});
  // Begin -10 clamps to 0; end 100 to 5; stride 2 gives ceil(5 / 2) = 3.
  expectSlice(
      ingot::quant::stridedSliceS16Params({5}, {-10}, {100}, {2}, 0, 0, 0), {0},
      {2}, {3});
}

TEST(StridedSliceS16Params, ShrinkAxis) {
  // Shrinking axis 1 at -1 keeps element 2 whatever the end says.
  expectSlice(ingot::quant::stridedSliceS16Params({2, 3}, {0, -1}, {2, 0},
                                                  {1, 1}, 0, 0, 2),
              {0, 2}, {1, 1}, {2, 1});
}

TEST(StridedSliceS16Params, RejectsWhatTheReferenceCannotRun) {
  // Stride 0; a shrunk axis starting past the end; a backward shrink (the
  // reference visits nothing); begin with the wrong length.
  EXPECT_TRUE(ingot::quant::stridedSliceS16Params({5}, {0}, {5}, {0}, 0, 0, 0)
                  .outputShape.empty());
  EXPECT_TRUE(ingot::quant::stridedSliceS16Params({5}, {5}, {6}, {1}, 0, 0, 1)
                  .outputShape.empty());
  EXPECT_TRUE(ingot::quant::stridedSliceS16Params({5}, {2}, {1}, {-1}, 0, 0, 1)
                  .outputShape.empty());
  EXPECT_TRUE(
      ingot::quant::stridedSliceS16Params({5, 5}, {0}, {5, 5}, {1, 1}, 0, 0, 0)
          .outputShape.empty());
}

} // namespace
