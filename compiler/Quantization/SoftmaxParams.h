//===- SoftmaxParams.h - Parameters of quantized softmax --------*- C++ -*-===//
//
// The compiler-side half of softmax_s8 / softmax_s8_s16 / softmax_s16: the
// fixed-point input scaling, the cut-off below which an input's exponential
// is taken as zero, and the int16 kernel's lookup tables, computed exactly
// as TensorFlow Lite Micro's Prepare does.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_SOFTMAXPARAMS_H
#define INGOT_QUANTIZATION_SOFTMAXPARAMS_H

#include <array>
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

/// The int16 softmax (int16x8 scheme) looks exp(x) up for x in [-10, 0] and
/// 1 / (1 + x) for x in [0, 1] in two tables of 512 steps plus one end
/// point, linearly interpolated by the kernel.
inline constexpr int kSoftmaxS16LutSize = 513;
using SoftmaxS16Lut = std::array<int16_t, kSoftmaxS16LutSize>;

/// Arguments of softmax_s16 besides its tables: the input difference
/// (x - row max) times input_scale * beta / (10 / 65535), which maps
/// [-10, 0] onto [-65535, 0], as a Q31 multiplier and exponent. False when
/// the product is not a positive finite number, or so large (about 5 or
/// more) that the kernel's left shift would overflow.
bool computeSoftmaxParamsS16(float inputScale, float beta,
                             SoftmaxParams &params);

/// The exp(x) table over [-10, 0] and the 1 / (1 + x) table over [0, 1],
/// both with outputs in Q0.15, computed in float as TFLite Micro's
/// LUTPopulate computes them at Prepare.
SoftmaxS16Lut softmaxS16ExpLut();
SoftmaxS16Lut softmaxS16ReciprocalLut();

/// TFLite accepts an int16 softmax output of an int16 input only with zero
/// point 0 and a scale within 0.1% of 1/32768.
bool isValidSoftmaxOutputS16FromS16(float scale, int32_t zeroPoint);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_SOFTMAXPARAMS_H
