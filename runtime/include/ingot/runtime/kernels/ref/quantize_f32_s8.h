//===- quantize_f32_s8.h - float to int8 quantization -----------*- C++ -*-===//
//
// This file implements QUANTIZE from float32 to int8, bit-exact with
// TensorFlow Lite Micro's reference AffineQuantize: the value is divided by
// the scale in single precision, rounded half away from zero (std::round),
// offset by the zero point and saturated to int8.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_QUANTIZE_F32_S8_H
#define INGOT_RUNTIME_KERNELS_REF_QUANTIZE_F32_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot {
namespace ref {

/// out = clamp(round(in / scale) + zero_point, -128, 127).
///
/// Values whose quotient is at least 2^16 in magnitude saturate before the
/// conversion to integer, which keeps it defined; any such quotient saturates
/// the int8 result anyway. NaN becomes -128.
INGOT_KERNEL void quantize_f32_s8(const float *input, int8_t *output,
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
      // 2^16 the fraction scaled - truncated is exact in float.
      rounded = static_cast<int32_t>(scaled);
      const float fraction = scaled - static_cast<float>(rounded);
      if (fraction >= 0.5f)
        ++rounded;
      else if (fraction <= -0.5f)
        --rounded;
    }
    output[i] = static_cast<int8_t>(clamp_i32(rounded + zero_point, -128, 127));
  }
}

} // namespace ref
} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_REF_QUANTIZE_F32_S8_H
