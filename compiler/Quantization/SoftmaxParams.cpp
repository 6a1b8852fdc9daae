//===- SoftmaxParams.cpp - Parameters of quantized softmax ----------------===//
//
// This file implements the softmax parameter math of TFLite Micro's
// CalculateSoftmaxParams for int8 inputs (PreprocessSoftmaxScaling and
// CalculateInputRadius with five integer bits for the scaled differences).
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

} // namespace ingot::quant
