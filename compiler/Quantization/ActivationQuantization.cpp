//===- ActivationQuantization.cpp - Ranges to int8 parameters -------------===//
//
// This file implements the range-to-parameters step of full-integer
// post-training quantization.
//
//===----------------------------------------------------------------------===//
#include "ActivationQuantization.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ingot::quant {

AffineParams chooseInt8Params(float min, float max) {
  const double low = std::min(0.0, static_cast<double>(min));
  const double high = std::max(0.0, static_cast<double>(max));
  AffineParams params;
  if (high - low <= 0.0)
    return params;
  const double scale = (high - low) / 255.0;
  const double zeroPoint = std::round(-128.0 - low / scale);
  params.scale = static_cast<float>(scale);
  params.zeroPoint = static_cast<int32_t>(std::clamp(zeroPoint, -128.0, 127.0));
  return params;
}

AffineParams chooseInt16Params(float min, float max) {
  const double magnitude = std::max(std::fabs(static_cast<double>(min)),
                                    std::fabs(static_cast<double>(max)));
  AffineParams params;
  if (magnitude <= 0.0)
    return params;
  params.scale = static_cast<float>(magnitude / 32767.0);
  return params;
}

int64_t quantizeBias64(float value, double scale) {
  const double quantized = std::round(static_cast<double>(value) / scale);
  // 2^63 is not exactly representable below INT64_MAX; 2^62 is plenty for
  // any bias that fits a 64-bit accumulator sum.
  const double limit = 4611686018427387904.0;
  return static_cast<int64_t>(std::clamp(quantized, -limit, limit));
}

int32_t quantizeBias(float value, double scale) {
  const double quantized = std::round(static_cast<double>(value) / scale);
  const double limit = std::numeric_limits<int32_t>::max();
  return static_cast<int32_t>(std::clamp(quantized, -limit, limit));
}

} // namespace ingot::quant
