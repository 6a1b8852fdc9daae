//===- quantize_f32_s16.h - float to int16 quantization ---------*- C++ -*-===//
//
// This file implements QUANTIZE from float32 to int16, bit-exact with
// TensorFlow Lite Micro's reference AffineQuantize, which treats int16 like
// int8: the value is divided by the scale in single precision, rounded half
// away from zero (std::round), offset by the zero point and saturated to
// int16.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_QUANTIZE_F32_S16_H
#define INGOT_RUNTIME_KERNELS_REF_QUANTIZE_F32_S16_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// out = clamp(round(in / scale) + zero_point, -32768, 32767), with the zero
/// point itself in the int16 range (TFLite's int16 tensors use 0).
///
/// Quotients of at least 2^16 in magnitude saturate before the conversion to
/// integer, which keeps it defined; with such a zero point, any such quotient
/// saturates the int16 result anyway. NaN becomes -32768.
INGOT_KERNEL void quantize_f32_s16(const float *input, int16_t *output,
                                   int32_t size, float scale,
                                   int32_t zero_point) {
  const float limit = 65536.0f;
  for (int32_t i = 0; i < size; ++i) {
    const float scaled = input[i] / scale;
    int32_t rounded = 0;
    if (scaled >= limit) {
      rounded = 65536;
    } else if (!(scaled > -limit)) { // also catches NaN
      rounded = -65536;
    } else {
      // Truncate, then round the fractional part half away from zero. Below
      // 2^16 (indeed below 2^23) the fraction scaled - truncated is exact in
      // float, so the comparisons with 0.5 decide the tie exactly.
      rounded = static_cast<int32_t>(scaled);
      const float fraction = scaled - static_cast<float>(rounded);
      if (fraction >= 0.5f)
        ++rounded;
      else if (fraction <= -0.5f)
        --rounded;
    }
    output[i] = static_cast<int16_t>(
        clamp_i32(rounded + zero_point, INT16_MIN, INT16_MAX));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_QUANTIZE_F32_S16_H
