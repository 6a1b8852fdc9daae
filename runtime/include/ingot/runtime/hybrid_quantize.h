//===- hybrid_quantize.h - On-the-fly input quantization --------*- C++ -*-===//
//
// This file implements the two ways TensorFlow Lite's hybrid (dynamic-range)
// kernels quantize a float activation vector to int8 while they run: a
// symmetric scale max|x| / 127, or an asymmetric scale and zero point over
// [min(x, 0), max(x, 0)]. Shared by every hybrid kernel.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_HYBRID_QUANTIZE_H
#define INGOT_RUNTIME_HYBRID_QUANTIZE_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/math_f32.h"

namespace ingot {

/// Quantizes `size` floats symmetrically to [-127, 127] with the scale
/// max|x| / 127, which it stores in `*scale` (1 when every value is 0).
/// Values are multiplied by 127 / max|x| rather than divided by the scale,
/// as TFLite's SymmetricQuantizeFloats does.
INGOT_KERNEL void symmetric_quantize_f32_s8(const float *values, int32_t size,
                                            int8_t *quantized, float *scale) {
  float range = 0.0f;
  for (int32_t i = 0; i < size; ++i) {
    const float magnitude = values[i] < 0.0f ? -values[i] : values[i];
    if (magnitude > range)
      range = magnitude;
  }
  if (range == 0.0f) {
    // Every value is 0: quantize to 0 and use scale 1 rather than divide by 0.
    for (int32_t i = 0; i < size; ++i)
      quantized[i] = 0;
    *scale = 1.0f;
    return;
  }
  *scale = range / 127.0f;
  const float inverse_scale = 127.0f / range;
  for (int32_t i = 0; i < size; ++i) {
    // |values[i]| <= range, so the product is at most 127 give or take a
    // rounding error; the clamp only catches that error.
    quantized[i] = static_cast<int8_t>(
        clamp_i32(lround_f32(values[i] * inverse_scale), -127, 127));
  }
}

/// Quantizes `size` floats asymmetrically to [-128, 127], as TFLite's
/// AsymmetricQuantizeFloats does: the range [min(x, 0), max(x, 0)] is spread
/// over the 255 steps, with the scale and zero point computed in double; the
/// zero point is taken from whichever end (-128 or 127) gives the smaller
/// error sum and is rounded half away from zero into [-128, 127]. An all-zero
/// input gets scale 1 and zero point 0.
INGOT_KERNEL void asymmetric_quantize_f32_s8(const float *values, int32_t size,
                                             int8_t *quantized, float *scale,
                                             int32_t *zero_point) {
  float low = 0.0f;
  float high = 0.0f;
  for (int32_t i = 0; i < size; ++i) {
    if (values[i] < low)
      low = values[i];
    if (values[i] > high)
      high = values[i];
  }
  if (low == high) {
    // Both are 0: every value is 0.
    for (int32_t i = 0; i < size; ++i)
      quantized[i] = 0;
    *scale = 1.0f;
    *zero_point = 0;
    return;
  }
  const double real_min = low;  // <= 0
  const double real_max = high; // >= 0
  // The width of the range is rounded to float before the division in
  // double, as TFLite's vectorized quantizer subtracts its float bounds
  // (its portable one subtracts in double; the scales then differ by an
  // ulp when the input has both signs, and the outputs by about 1e-7).
  const double step = static_cast<double>(high - low) / 255.0;
  const double min_in_steps = real_min / step; // in [-255, 0]
  const double max_in_steps = real_max / step; // in [0, 255]
  const double zero_point_from_min = -128.0 - min_in_steps;
  const double zero_point_from_max = 127.0 - max_in_steps;
  // The error sums are |qmin| + |min / step| and |qmax| + |max / step|.
  const double error_from_min = 128.0 - min_in_steps;
  const double error_from_max = 127.0 + max_in_steps;
  const double zero_point_real = error_from_min < error_from_max
                                     ? zero_point_from_min
                                     : zero_point_from_max;
  int32_t nudged = 0;
  if (zero_point_real <= -128.0) {
    nudged = -128;
  } else if (zero_point_real >= 127.0) {
    nudged = 127;
  } else {
    // Inside (-128, 127) the truncation is defined and the fraction exact.
    nudged = static_cast<int32_t>(zero_point_real);
    const double fraction = zero_point_real - static_cast<double>(nudged);
    if (fraction >= 0.5)
      ++nudged;
    else if (fraction <= -0.5)
      --nudged;
  }
  *scale = static_cast<float>(step);
  *zero_point = nudged;
  // The reciprocal is taken in double from the float scale, then rounded to
  // float. The product is rounded before the zero point is added: the two
  // orders differ only on a tie whose sign the zero point flips (56.5 - 128
  // rounds to -71 this way, to -72 the other), and TFLite's interpreter
  // takes this one (measured on every hybrid layer of the Keras MobileNet
  // v1, 2 inputs: 0 of 180,000 values differ, against 2 ties the other way).
  const float inverse_scale =
      static_cast<float>(1.0 / static_cast<double>(*scale));
  for (int32_t i = 0; i < size; ++i) {
    quantized[i] = static_cast<int8_t>(
        clamp_i32(lround_f32(values[i] * inverse_scale) + nudged, -128, 127));
  }
}

} // namespace ingot

#endif // INGOT_RUNTIME_HYBRID_QUANTIZE_H
