//===- SoftmaxParams.cpp - Parameters of quantized softmax ----------------===//
//
// This file implements the softmax parameter math of TFLite Micro's
// CalculateSoftmaxParams: for int8 inputs PreprocessSoftmaxScaling and
// CalculateInputRadius with five integer bits for the scaled differences,
// for int16 inputs the rescale of [-10, 0] onto the int16 range and the
// LUTPopulate tables.
//
//===----------------------------------------------------------------------===//
#include "SoftmaxParams.h"

#include "QuantizedMultiplier.h"

#include <algorithm>
#include <cmath>

namespace ingot::quant {

namespace {

/// Integer bits of the scaled differences in the kernel (Q5.26).
constexpr int kScaledDiffIntegerBits = 5;

} // namespace

bool computeSoftmaxParams(float inputScale, float beta, SoftmaxParams &params) {
  // The real multiplier maps an input difference to Q5.26. Computed in double
  // from the float beta and scale; the cap keeps it representable with a
  // non-negative shift no larger than 31.
  const double maxRealMultiplier = static_cast<double>((int64_t{1} << 31) - 1);
  const double realMultiplier = std::min(
      static_cast<double>(beta) * static_cast<double>(inputScale) *
          static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)),
      maxRealMultiplier);
  // The kernel only shifts left, so the multiplier must exceed one.
  if (!(realMultiplier > 1.0))
    return false;
  const QuantizedMultiplier q = quantizeMultiplier(realMultiplier);

  // The largest |difference| whose scaled value stays within Q5.26: the real
  // bound (2^5 - 1) * 2^26 / 2^shift, floored so the scaled value cannot
  // reach it. The quotient of these powers of two is exact in double.
  const double maxInputRescaled =
      static_cast<double>((1 << kScaledDiffIntegerBits) - 1) *
      static_cast<double>(int64_t{1} << (31 - kScaledDiffIntegerBits)) /
      static_cast<double>(int64_t{1} << q.shift);
  params.inputMultiplier = q.multiplier;
  params.inputLeftShift = q.shift;
  params.diffMin = -static_cast<int32_t>(std::floor(maxInputRescaled));
  return true;
}

SoftmaxParams computeSoftmaxParams(float inputScale, float beta) {
  SoftmaxParams params;
  computeSoftmaxParams(inputScale, beta, params);
  return params;
}

bool isValidSoftmaxOutputS8(float scale, int32_t zeroPoint) {
  return zeroPoint == -128 && scale == 1.0f / 256;
}

bool isValidSoftmaxOutputS16(float scale, int32_t zeroPoint) {
  // Same float arithmetic as TFLite's TF_LITE_ENSURE_NEAR check.
  const float expected = 1.0f / 65536;
  const float tolerance = 0.001f * 1.0f / 65536;
  const float delta = scale > expected ? scale - expected : expected - scale;
  return zeroPoint == -32768 && !(delta > tolerance);
}

bool computeSoftmaxParamsS16(float inputScale, float beta,
                             SoftmaxParams &params) {
  const double rescale = static_cast<double>(inputScale) *
                         static_cast<double>(beta) / (10.0 / 65535.0);
  if (!(rescale > 0.0) || !std::isfinite(rescale))
    return false;
  const QuantizedMultiplier q = quantizeMultiplier(rescale);
  // Differences to the row maximum reach -65535, under 2^16, and the kernel
  // shifts them left before the high multiply: a shift above 15 (input scale
  // x beta of about 5 or more) overflows int32, in TFLite Micro too. A
  // multiplier of 0 (a rescale under 2^-32) would make every input equal.
  if (q.multiplier == 0 || q.shift < -31 || q.shift > 15)
    return false;
  params.inputMultiplier = q.multiplier;
  params.inputLeftShift = q.shift;
  params.diffMin = 0;
  return true;
}

namespace {

/// A table of `transform` over int16 inputs of the given scale and zero
/// point, with int16 outputs of the given scale and zero point: 512 samples
/// nudged so that the kernel's linear interpolation is right at each step's
/// midpoint, and the value at the last input. All in float, step by step as
/// TFLite Micro does, so that the tables are the same bits.
SoftmaxS16Lut populateLut(float inputScale, int32_t inputZeroPoint,
                          float outputScale, int32_t outputZeroPoint,
                          float (*transform)(float)) {
  constexpr int32_t kMin = -32768, kMax = 32767;
  const float inputMin = inputScale * static_cast<float>(kMin - inputZeroPoint);
  const float inputMax = inputScale * static_cast<float>(kMax - inputZeroPoint);
  const float outputMin =
      outputScale * static_cast<float>(kMin - outputZeroPoint);
  const float outputMax =
      outputScale * static_cast<float>(kMax - outputZeroPoint);
  constexpr int kSteps = kSoftmaxS16LutSize - 1;
  const float step = (inputMax - inputMin) / kSteps;
  const float halfStep = step / 2;
  const float outputScalingInverse =
      static_cast<float>(kMax - kMin + 1) / (outputMax - outputMin);
  auto clampToTable = [](float value) {
    return static_cast<int16_t>(
        std::min<float>(std::max<float>(value, static_cast<float>(kMin)),
                        static_cast<float>(kMax)));
  };
  SoftmaxS16Lut lut{};
  for (int i = 0; i < kSteps; ++i) {
    const float value = transform(inputMin + i * step);
    const float midpoint = transform(inputMin + i * step + halfStep);
    const float next = transform(inputMin + (i + 1) * step);
    const float sample = std::round(value * outputScalingInverse);
    const float interpolatedMidpoint =
        std::round((next * outputScalingInverse +
                    std::round(value * outputScalingInverse)) /
                   2);
    const float exactMidpoint = std::round(midpoint * outputScalingInverse);
    const float bias = std::round((interpolatedMidpoint - exactMidpoint) / 2);
    lut[i] = clampToTable(sample - bias);
  }
  lut[kSteps] =
      clampToTable(std::round(transform(inputMax) * outputScalingInverse));
  return lut;
}

/// 65535: the width of the int16 range, in which both tables' scales are
/// expressed.
constexpr int32_t kInt16Range = 32767 - (-32768);

} // namespace

SoftmaxS16Lut softmaxS16ExpLut() {
  return populateLut(10.0f / kInt16Range, 32767, 2.0f / kInt16Range, 0,
                     [](float x) { return std::exp(x); });
}

SoftmaxS16Lut softmaxS16ReciprocalLut() {
  return populateLut(1.0f / kInt16Range, -32768, 2.0f / kInt16Range, 0,
                     [](float x) { return 1.0f / (1.0f + x); });
}

bool isValidSoftmaxOutputS16FromS16(float scale, int32_t zeroPoint) {
  const float expected = 1.0f / 32768;
  const float tolerance = 0.001f * 1.0f / 32768;
  const float delta = scale > expected ? scale - expected : expected - scale;
  return zeroPoint == 0 && !(delta > tolerance);
}

} // namespace ingot::quant
