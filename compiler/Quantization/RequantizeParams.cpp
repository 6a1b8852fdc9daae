//===- RequantizeParams.cpp - Parameters of integer QUANTIZE --------------===//
//
// This file implements the effective-scale computation of TFLite Micro's
// PrepareQuantizeReference for integer-to-integer QUANTIZE.
//
//===----------------------------------------------------------------------===//
#include "RequantizeParams.h"

namespace ingot::quant {

QuantizedMultiplier requantizeMultiplier(float inputScale, float outputScale) {
  // Unlike SVDF, QUANTIZE widens each scale to double before dividing.
  const double effectiveScale =
      static_cast<double>(inputScale) / static_cast<double>(outputScale);
  return quantizeMultiplier(effectiveScale);
}

} // namespace ingot::quant
