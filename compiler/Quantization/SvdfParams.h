//===- SvdfParams.h - Parameters of the int8 SVDF ---------------*- C++ -*-===//
//
// The compiler-side half of svdf_s8: the two rescale multipliers, computed as
// TensorFlow Lite Micro's PrepareSvdf does.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_SVDFPARAMS_H
#define INGOT_QUANTIZATION_SVDFPARAMS_H

#include "QuantizedMultiplier.h"

#include <cstdint>

namespace ingot::quant {

/// Arguments of svdf_s8 that depend on tensor scales.
struct SvdfParams {
  /// inputScale * weightsFeatureScale / stateScale: feature dot product to
  /// state (multiplier_1, shift_1).
  QuantizedMultiplier feature;
  /// stateScale * weightsTimeScale / outputScale: time dot product to output
  /// (multiplier_2, shift_2).
  QuantizedMultiplier output;
  /// TFLite Micro's int8 SVDF ignores the fused activation and saturates to
  /// the int8 range only; these are the bounds that reproduce it.
  int32_t activationMin = -128;
  int32_t activationMax = 127;
};

/// Computes the SVDF rescale multipliers. Like TFLite Micro, each effective
/// scale is evaluated in float (product, then quotient) and only then widened
/// to double for the Q31 decomposition.
SvdfParams computeSvdfParams(float inputScale, float weightsFeatureScale,
                             float stateScale, float weightsTimeScale,
                             float outputScale);

/// TFLite Micro requires the bias scale to be stateScale * weightsTimeScale
/// within 1e-5, since the kernel adds the bias to the time dot product
/// without rescaling it.
bool isValidSvdfBiasScale(float biasScale, float stateScale,
                          float weightsTimeScale);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_SVDFPARAMS_H
