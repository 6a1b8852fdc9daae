//===- math_f32.h - Reference float32 element functions ---------*- C++ -*-===//
//
// This file implements TFLite's float32 ABS, CEIL, COS, EXP, FLOOR, LOG, NEG,
// ROUND, RSQRT, SIN, SQRT and SQUARE, and the activations RELU, RELU6,
// LOGISTIC, TANH, HARD_SWISH and ELU: one function per operator, each a loop
// over `count` elements. The C library functions are reached through the
// compiler's builtins (no <cmath>), which GCC and Clang lower to calls to
// the libm or newlib function of the same name. ROUND rounds halves to even,
// as TFLite's (std::nearbyint in the default rounding mode) does.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_MATH_F32_H
#define INGOT_RUNTIME_KERNELS_REF_MATH_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

#define INGOT_UNARY_F32(NAME, EXPRESSION)                                      \
  INGOT_KERNEL void NAME(const float *input, float *output, int32_t count) {   \
    for (int32_t i = 0; i < count; ++i) {                                      \
      const float x = input[i];                                                \
      output[i] = (EXPRESSION);                                                \
    }                                                                          \
  }

INGOT_UNARY_F32(abs_f32, __builtin_fabsf(x))
INGOT_UNARY_F32(ceil_f32, __builtin_ceilf(x))
INGOT_UNARY_F32(cos_f32, __builtin_cosf(x))
INGOT_UNARY_F32(exp_f32, __builtin_expf(x))
INGOT_UNARY_F32(floor_f32, __builtin_floorf(x))
INGOT_UNARY_F32(log_f32, __builtin_logf(x))
INGOT_UNARY_F32(neg_f32, -x)
INGOT_UNARY_F32(round_f32, __builtin_rintf(x))
INGOT_UNARY_F32(rsqrt_f32, 1.0f / __builtin_sqrtf(x))
INGOT_UNARY_F32(sin_f32, __builtin_sinf(x))
INGOT_UNARY_F32(sqrt_f32, __builtin_sqrtf(x))
INGOT_UNARY_F32(square_f32, x *x)

// The comparisons keep -0.0f and NaN as TFLM's kernels do.
INGOT_UNARY_F32(relu_f32, x < 0.0f ? 0.0f : x)
INGOT_UNARY_F32(relu6_f32, x > 6.0f ? 6.0f : (x < 0.0f ? 0.0f : x))
INGOT_UNARY_F32(tanh_f32, __builtin_tanhf(x))
INGOT_UNARY_F32(elu_f32, x < 0.0f ? __builtin_expm1f(x) : x)

#undef INGOT_UNARY_F32

/// TFLM's float LOGISTIC: 1 / (1 + e^-x), except that beyond the cutoffs
/// where float32 saturates it returns 1 or e^x, which also avoids e^-x
/// overflowing on libraries without infinities.
INGOT_KERNEL void logistic_f32(const float *input, float *output,
                               int32_t count) {
  const float upper_cutoff = 16.619047164916992188f;
  const float lower_cutoff = -9.0f;
  for (int32_t i = 0; i < count; ++i) {
    const float x = input[i];
    if (x > upper_cutoff)
      output[i] = 1.0f;
    else if (x < lower_cutoff)
      output[i] = __builtin_expf(x);
    else
      output[i] = 1.0f / (1.0f + __builtin_expf(-x));
  }
}

/// x * relu6(x + 3) / 6, multiplied before dividing as TFLM does, so that
/// the roundings agree.
INGOT_KERNEL void hard_swish_f32(const float *input, float *output,
                                 int32_t count) {
  for (int32_t i = 0; i < count; ++i) {
    const float x = input[i];
    const float shifted = x + 3.0f;
    const float gate =
        shifted > 6.0f ? 6.0f : (shifted > 0.0f ? shifted : 0.0f);
    output[i] = x * gate / 6.0f;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_MATH_F32_H
