//===- SvdfParams.cpp - Parameters of the int8 SVDF -----------------------===//
//
// This file implements the SVDF parameter math of TFLite Micro's PrepareSvdf
// for the integer kernel.
//
//===----------------------------------------------------------------------===//
#include "SvdfParams.h"

#include <cmath>

namespace ingot::quant {

SvdfParams computeSvdfParams(float inputScale, float weightsFeatureScale,
                             float stateScale, float weightsTimeScale,
                             float outputScale) {
  // Deliberately float: the reference multiplies and divides the float
  // scales in single precision, and rounding there can change the last bit
  // of the Q31 multiplier. Separate statements keep each step in float.
  const float featureScale = inputScale * weightsFeatureScale;
  const float effectiveScale1 = featureScale / stateScale;
  const float timeScale = stateScale * weightsTimeScale;
  const float effectiveScale2 = timeScale / outputScale;

  SvdfParams params;
  params.feature = quantizeMultiplier(static_cast<double>(effectiveScale1));
  params.output = quantizeMultiplier(static_cast<double>(effectiveScale2));
  return params;
}

bool isValidSvdfBiasScale(float biasScale, float stateScale,
                          float weightsTimeScale) {
  const float expected = stateScale * weightsTimeScale;
  return std::abs(static_cast<double>(biasScale) -
                  static_cast<double>(expected)) < 1e-5;
}

} // namespace ingot::quant
