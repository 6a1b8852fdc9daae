//===- SoftmaxParams.h - Parameters of quantized softmax --------*- C++ -*-===//
//
// The compiler-side half of softmax_s8 / softmax_s8_s16: the fixed-point
// input scaling and the cut-off below which an input's exponential is taken
// as zero, computed exactly as TensorFlow Lite Micro's Prepare does.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_SOFTMAXPARAMS_H
#define INGOT_QUANTIZATION_SOFTMAXPARAMS_H

#include <cstdint>

namespace ingot::quant {

/// Arguments of the int8-input softmax kernels.
struct SoftmaxParams {
  /// beta * input_scale * 2^26 (capped at 2^31 - 1) as a Q31 multiplier...
  int32_t inputMultiplier = 0;
  /// ...and its power-of-two exponent, always in [0, 31].
  int32_t inputLeftShift = 0;
  /// Most negative (input - row max), in input units, whose exponential is
  /// still computed; smaller differences produce the minimum output.
  int32_t diffMin = 0;
};

/// Computes the softmax parameters for an int8 input of scale `inputScale`
/// and the op's `beta`. Returns false (leaving `params` untouched) when
/// beta * inputScale * 2^26 <= 1, which TFLite Micro rejects.
bool computeSoftmaxParams(float inputScale, float beta, SoftmaxParams &params);

/// Convenience form for callers that have already validated the scales.
SoftmaxParams computeSoftmaxParams(float inputScale, float beta);

/// TFLite Micro accepts an int8 softmax output only with zero point -128 and
/// a scale of exactly 1/256.
bool isValidSoftmaxOutputS8(float scale, int32_t zeroPoint);

/// TFLite Micro accepts an int16 softmax output (from int8 input) only with
/// zero point -32768 and a scale within 0.1% of 1/65536 (e.g. 1/65535).
bool isValidSoftmaxOutputS16(float scale, int32_t zeroPoint);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_SOFTMAXPARAMS_H
