//===- QuantizedMultiplier.h - Real scale to Q31 multiplier -----*- C++ -*-===//
//
// The compiler turns every real-valued rescale factor into the (multiplier,
// shift) pair that runtime/include/ingot/runtime/fixed_point.h applies. The
// conversion must match TensorFlow Lite's exactly, or outputs differ by one.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_QUANTIZEDMULTIPLIER_H
#define INGOT_QUANTIZATION_QUANTIZEDMULTIPLIER_H

#include <cstdint>

namespace ingot::quant {

/// A real number represented as multiplier * 2^(shift - 31), with multiplier
/// in [2^30, 2^31) (or 0 for a zero or vanishingly small real number).
struct QuantizedMultiplier {
  int32_t multiplier = 0;
  int32_t shift = 0;
};

/// The shift given to a real no kernel can apply (infinite, NaN or 2^31 and
/// above); see fitsKernelShift.
inline constexpr int32_t kUnrepresentableShift = 1024;

/// Splits `real` into a Q31 mantissa and a power-of-two exponent, rounding the
/// mantissa half away from zero; reals below 2^-32 become zero. A real that
/// is not finite or is 2^31 or more gets kUnrepresentableShift.
QuantizedMultiplier quantizeMultiplier(double real);

/// The largest rescale shift the int32 rescale applies: the kernels shift
/// left by at most 30 (fixed_point.h), and TFLite's kernels are undefined
/// beyond it, so a model that needs more is malformed.
inline constexpr int32_t kMaxKernelShift = 30;

/// The largest shift of the int64 rescale that int16x8 kernels with int64
/// sums use (multiply_by_quantized_multiplier_s64): TFLite requires it to be
/// below 8, and beyond 14 the rounding term's shift would be negative.
inline constexpr int32_t kMaxWideKernelShift = 7;

/// Whether a rescale's shift is one the runtime applies (a rescale below
/// 2^maxShift).
inline bool fitsKernelShift(int64_t shift, int32_t maxShift = kMaxKernelShift) {
  return shift >= -31 && shift <= maxShift;
}

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_QUANTIZEDMULTIPLIER_H
