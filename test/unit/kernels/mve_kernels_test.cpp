//===- mve_kernels_test.cpp - Armv8.1-M MVE int8 kernels ------------------===//
//
// The ingot::mve kernels against the reference kernels, byte for byte, on the
// host: the instructions of arm/mve.h are their portable definitions there.
// The checks themselves (mve_kernels_check.h) are shared with
// mve_kernels_qemu.cpp, which runs them on a Cortex-M55 under QEMU with the
// real MVE instructions (ctest label qemu).
//
//===----------------------------------------------------------------------===//
#include "mve_kernels_check.h"

#include <gtest/gtest.h>

namespace {

void expectPassed(const mve_check::Outcome &outcome) {
  EXPECT_GT(outcome.cases, 0);
  EXPECT_EQ(outcome.failures, 0) << outcome.first.text;
}

TEST(MveRescale, MatchesMultiplyByQuantizedMultiplier) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_rescale(rng, 20000));
}

TEST(MvePacking, MatchesTheLayouts) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_packing(rng));
}

TEST(MveConv2dS8, MatchesTheReferenceOnRandomShapes) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_conv_random(rng, 400, /*depthwise=*/false));
}

TEST(MveDepthwiseConv2dS8, MatchesTheReferenceOnRandomShapes) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_conv_random(rng, 400, /*depthwise=*/true));
}

TEST(MveFullyConnectedS8, MatchesTheReferenceOnRandomShapes) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_fully_connected_random(rng, 300));
}

TEST(MveAddS8, MatchesTheReferenceOnRandomCases) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_add(rng, 400));
}

TEST(MveKernels, SpecializedFormsMatchTheReference) {
  mve_check::Rng rng;
  expectPassed(mve_check::check_specialized(rng, 10));
}

} // namespace
