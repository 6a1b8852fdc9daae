//===- dsp_add_s8_test.cpp - Armv7E-M DSP int8 elementwise addition -------===//
//
// ingot::dsp::add_s8 against ingot::ref::add_s8, byte for byte: first each
// rescale of the kernel alone against fixed_point.h over every int8 value
// and input offset, then whole calls on random sizes (every tail of the
// four-element loop), zero points, scales (through the compiler's own
// parameter math, as well as raw multipliers and shifts), left shifts and
// activation ranges, and the arguments that leave the fast path. On the host
// the instructions are arm/dsp.h's portable definitions; the same calls run
// on a Cortex-M4 under QEMU in benchmarks/cortex-m/kernels.
//
//===----------------------------------------------------------------------===//
#include "KernelParams.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/dsp/add_s8.h"
#include "ingot/runtime/kernels/ref/add_s8.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <random>
#include <vector>

namespace {

std::mt19937 &rng() {
  static std::mt19937 engine(20250611);
  return engine;
}

int32_t uniform(int32_t low, int32_t high) {
  return std::uniform_int_distribution<int32_t>(low, high)(rng());
}

/// A multiplier in [2^30, 2^31), with the edges and 2^30 itself often.
int32_t randomMultiplier() {
  switch (uniform(0, 5)) {
  case 0:
    return int32_t{1} << 30;
  case 1:
    return INT32_MAX - uniform(0, 3);
  case 2:
    return (int32_t{1} << 30) + uniform(1, 3);
  default:
    return uniform(int32_t{1} << 30, INT32_MAX);
  }
}

/// The reference's rescale of one input value.
int32_t referenceInput(int32_t value, int32_t offset, int32_t multiplier,
                       int32_t shift, int32_t leftShift) {
  const int32_t shifted =
      static_cast<int32_t>(static_cast<uint32_t>(value + offset) << leftShift);
  return ingot::multiply_by_quantized_multiplier(shifted, multiplier, shift);
}

TEST(DspAddS8, InputRescaleIsTheReferenceForEveryValueAndOffset) {
  int32_t checked = 0;
  for (int32_t round = 0; round < 400; ++round) {
    const int32_t leftShift = round % 3 == 0 ? uniform(0, 23) : 20;
    const int32_t multiplier = randomMultiplier();
    const int32_t shift =
        round % 5 == 0 ? uniform(-31, 3) : uniform(-(leftShift + 1), 0);
    ingot::dsp::detail::AddS8Input in{};
    // Any offset of the range accepts or rejects the parameters alike.
    if (!ingot::dsp::detail::add_s8_input(128, multiplier, shift, leftShift,
                                          in))
      continue;
    for (int32_t offset = -127; offset <= 128; ++offset) {
      ASSERT_TRUE(ingot::dsp::detail::add_s8_input(offset, multiplier, shift,
                                                   leftShift, in));
      for (int32_t value = -128; value <= 127; ++value) {
        const int32_t expected =
            referenceInput(value, offset, multiplier, shift, leftShift);
        ASSERT_EQ(ingot::dsp::detail::add_s8_rescale(in, value, 0), expected)
            << "value " << value << " offset " << offset << " multiplier "
            << multiplier << " shift " << shift << " left " << leftShift;
        if (in.half)
          ASSERT_EQ(ingot::dsp::detail::add_s8_mla(value, in.half_scale,
                                                   in.half_offset),
                    expected);
        ASSERT_LE(std::abs(int64_t{expected}), in.bound);
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 300);
}

/// TFLite's left shift of 20 with any input multiplier down to 2^-22 (the
/// ratio of the input scales): the fast path.
TEST(DspAddS8, TfliteParametersTakeTheFastPath) {
  for (int32_t shift = -21; shift <= 0; ++shift) {
    ingot::dsp::detail::AddS8Input in{};
    EXPECT_TRUE(ingot::dsp::detail::add_s8_input(-128, int32_t{1} << 30, shift,
                                                 20, in));
    EXPECT_TRUE(
        ingot::dsp::detail::add_s8_input(128, INT32_MAX, shift, 20, in));
  }
}

struct AddCase {
  int32_t input1Offset, input1Multiplier, input1Shift;
  int32_t input2Offset, input2Multiplier, input2Shift;
  int32_t leftShift, outputOffset, outputMultiplier, outputShift;
  int32_t activationMin, activationMax;
};

void randomActivation(int32_t outputOffset, int32_t &low, int32_t &high) {
  switch (uniform(0, 3)) {
  case 0:
    low = -128, high = 127;
    break;
  case 1:
    low =
        outputOffset < -128 ? -128 : (outputOffset > 127 ? 127 : outputOffset);
    high = 127;
    break;
  default:
    low = uniform(-128, 0), high = uniform(low, 127);
    break;
  }
}

bool outputScaleRatio = true;

/// Scales and zero points through the compiler's parameter math.
AddCase tfliteCase() {
  auto scale = [] {
    return static_cast<float>(
        std::ldexp(std::uniform_real_distribution<double>(0.5, 1.0)(rng()),
                   uniform(-9, -2)));
  };
  const float s1 = scale(), s2 = uniform(0, 5) == 0 ? s1 : scale();
  const ingot::quant::AddParams p = ingot::quant::computeAddParams(
      s1, uniform(-128, 127), s2, uniform(-128, 127),
      uniform(0, 3) == 0 ? std::max(s1, s2) * 2 : scale(), uniform(-128, 127));
  // The fast path holds for output scales up to eight times the inputs'.
  outputScaleRatio = p.outputShift >= -22;
  AddCase c{
      p.input1Offset,     p.input1Multiplier, p.input1Shift, p.input2Offset,
      p.input2Multiplier, p.input2Shift,      p.leftShift,   p.outputOffset,
      p.outputMultiplier, p.outputShift,      -128,          127};
  randomActivation(c.outputOffset, c.activationMin, c.activationMax);
  return c;
}

/// Raw multipliers and shifts, left shifts other than 20, both signs of
/// every shift, and now and then arguments outside the fast path.
AddCase rawCase() {
  AddCase c{};
  c.leftShift = uniform(0, 3) == 0 ? uniform(0, 24) : 20;
  c.input1Offset = uniform(-127, 128);
  c.input2Offset = uniform(-127, 128);
  c.input1Multiplier = randomMultiplier();
  c.input2Multiplier = randomMultiplier();
  c.input1Shift = uniform(0, 5) == 0 ? uniform(-3, 2) : uniform(-8, 0);
  c.input2Shift = uniform(0, 5) == 0 ? uniform(-3, 2) : uniform(-8, 0);
  c.outputOffset = uniform(-128, 127);
  c.outputMultiplier = randomMultiplier();
  const int32_t typical = c.leftShift + 1;
  c.outputShift =
      uniform(0, 6) == 0 ? uniform(-2, 2) : uniform(-typical - 1, -typical + 3);
  switch (uniform(0, 15)) {
  case 0:
    c.input1Multiplier = 0;
    break;
  case 1:
    c.outputMultiplier = uniform(1, (int32_t{1} << 30) - 1);
    break;
  case 2:
    c.input2Multiplier = uniform(1, (int32_t{1} << 30) - 1);
    break;
  default:
    break;
  }
  randomActivation(c.outputOffset, c.activationMin, c.activationMax);
  return c;
}

void checkCase(const AddCase &c, int32_t size, int32_t fill) {
  std::vector<int8_t> input1(static_cast<size_t>(size) + 1),
      input2(static_cast<size_t>(size) + 1);
  for (int32_t i = 0; i < size; ++i) {
    if (fill == 1) {
      input1[i] = static_cast<int8_t>(i % 2 == 0 ? -128 : 127);
      input2[i] = static_cast<int8_t>(i % 3 == 0 ? 127 : -128);
    } else {
      input1[i] = static_cast<int8_t>(uniform(-128, 127));
      input2[i] = static_cast<int8_t>(uniform(-128, 127));
    }
  }
  // One byte past the end on every buffer: the kernel must not write it.
  std::vector<int8_t> expected(static_cast<size_t>(size) + 1, 0x5A);
  std::vector<int8_t> actual(static_cast<size_t>(size) + 1, 0x5A);
  ingot::ref::add_s8(input1.data(), input2.data(), expected.data(), size,
                     c.input1Offset, c.input1Multiplier, c.input1Shift,
                     c.input2Offset, c.input2Multiplier, c.input2Shift,
                     c.leftShift, c.outputOffset, c.outputMultiplier,
                     c.outputShift, c.activationMin, c.activationMax);
  ingot::dsp::add_s8(input1.data(), input2.data(), actual.data(), size,
                     c.input1Offset, c.input1Multiplier, c.input1Shift,
                     c.input2Offset, c.input2Multiplier, c.input2Shift,
                     c.leftShift, c.outputOffset, c.outputMultiplier,
                     c.outputShift, c.activationMin, c.activationMax);
  for (int32_t i = 0; i <= size; ++i)
    ASSERT_EQ(int32_t{actual[i]}, int32_t{expected[i]})
        << "element " << i << " of " << size << "; multipliers "
        << c.input1Multiplier << "," << c.input2Multiplier << ","
        << c.outputMultiplier << " shifts " << c.input1Shift << ","
        << c.input2Shift << "," << c.outputShift << " left " << c.leftShift
        << " offsets " << c.input1Offset << "," << c.input2Offset << ","
        << c.outputOffset << " range " << c.activationMin << ","
        << c.activationMax;
}

int32_t randomSize(int32_t round) {
  return round % 3 == 0 ? uniform(1, 7) : uniform(1, 700);
}

/// Whether the kernel takes its fast path for `c`.
bool fast(const AddCase &c) {
  ingot::dsp::detail::AddS8 a{};
  return ingot::dsp::detail::add_s8_constants(
      c.input1Offset, c.input1Multiplier, c.input1Shift, c.input2Offset,
      c.input2Multiplier, c.input2Shift, c.leftShift, c.outputOffset,
      c.outputMultiplier, c.outputShift, c.activationMin, c.activationMax, a);
}

TEST(DspAddS8, MatchesTheReferenceWithTfliteParameters) {
  for (int32_t round = 0; round < 3000; ++round) {
    const AddCase c = tfliteCase();
    EXPECT_TRUE(fast(c) || !outputScaleRatio)
        << "multipliers " << c.input1Multiplier << "," << c.input2Multiplier
        << "," << c.outputMultiplier << " shifts " << c.input1Shift << ","
        << c.input2Shift << "," << c.outputShift;
    ASSERT_NO_FATAL_FAILURE(checkCase(c, randomSize(round), round % 8 == 1));
  }
}

TEST(DspAddS8, MatchesTheReferenceWithRawParameters) {
  int32_t fastCases = 0;
  for (int32_t round = 0; round < 3000; ++round) {
    const AddCase c = rawCase();
    fastCases += fast(c);
    ASSERT_NO_FATAL_FAILURE(checkCase(c, randomSize(round), round % 8 == 1));
  }
  // Most cases on the fast path, some on the reference.
  EXPECT_GT(fastCases, 1500);
  EXPECT_LT(fastCases, 2900);
}

TEST(DspAddS8, EdgesOfTheParameterRanges) {
  // Zero points at the ends, the widest multipliers, an activation range of
  // one value, an empty range, a range wider than int8, and size 0.
  AddCase c{128,       INT32_MAX, -1,   -127, int32_t{1} << 30, 0, 20, -128,
            INT32_MAX, -1,        -128, 127};
  for (int32_t size : {0, 1, 4, 5, 64}) {
    ASSERT_NO_FATAL_FAILURE(checkCase(c, size, 0));
    ASSERT_NO_FATAL_FAILURE(checkCase(c, size, 1));
  }
  c.activationMin = c.activationMax = 3;
  ASSERT_NO_FATAL_FAILURE(checkCase(c, 9, 0));
  c.activationMin = 5, c.activationMax = -5;
  ASSERT_NO_FATAL_FAILURE(checkCase(c, 9, 0));
  c.activationMin = -300, c.activationMax = 300;
  ASSERT_NO_FATAL_FAILURE(checkCase(c, 9, 0));
  c.activationMin = -128, c.activationMax = 127;
  for (int32_t shift = -31; shift <= 0; ++shift) {
    c.outputShift = shift;
    ASSERT_NO_FATAL_FAILURE(checkCase(c, 13, 0));
    ASSERT_NO_FATAL_FAILURE(checkCase(c, 13, 1));
  }
}

} // namespace
