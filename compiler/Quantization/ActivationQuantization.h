//===- ActivationQuantization.h - Ranges to int8 parameters -----*- C++ -*-===//
//
// The choice of an activation's int8 scale and zero point from its calibrated
// float range, and the int32 quantization of biases, as the TFLite converter
// makes them for full-integer models.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_ACTIVATIONQUANTIZATION_H
#define INGOT_QUANTIZATION_ACTIVATIONQUANTIZATION_H

#include <cstdint>

namespace ingot::quant {

struct AffineParams {
  float scale = 1.0f;
  int32_t zeroPoint = 0;
};

/// Asymmetric int8 parameters covering [min, max]: the range is widened to
/// contain 0 (so that 0 and zero padding are exact), spread over the 255
/// steps of [-128, 127], and the zero point is rounded (half away from zero)
/// and clamped into the type, which nudges the range by under half a step.
/// An empty range [0, 0] gets scale 1.
AffineParams chooseInt8Params(float min, float max);

/// Symmetric int16 parameters covering [min, max] (the int16x8 scheme):
/// zero point 0 and scale max(|min|, |max|) / 32767. An empty range gets
/// scale 1.
AffineParams chooseInt16Params(float min, float max);

/// A float bias in units of `scale` (input scale times weight scale),
/// rounded half away from zero and saturated to int32.
int32_t quantizeBias(float value, double scale);

/// As quantizeBias, saturated to int64 (the int16x8 bias type).
int64_t quantizeBias64(float value, double scale);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_ACTIVATIONQUANTIZATION_H
