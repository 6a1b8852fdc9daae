//===- binary_quantized.h - Quantized two-input operators -------*- C++ -*-===//
//
// This file implements TFLite Micro's quantized MUL (int8 and int16),
// broadcasting int8 ADD, int8 SUB, SQUARED_DIFFERENCE (int8 and int16) and
// PRELU (int8, and int16 with int8 alpha) on inputs broadcast to the output
// shape (see broadcast.h for the shape and stride arguments). Offsets of
// inputs are negated zero points; `output_offset` is the output zero point.
//
// MUL multiplies the offset values and rescales the product once by
// input1_scale * input2_scale / output_scale. ADD and SUB follow add_s8.h:
// both inputs shifted left by `left_shift` (20) and rescaled to twice the
// larger input scale, combined, then rescaled to the output.
// SQUARED_DIFFERENCE rescales both inputs the same way (left shift 7 for
// int8, 0 for int16), squares their difference and rescales the square.
// PRELU rescales a non-negative input by input_scale / output_scale and a
// negative one, times alpha, by input_scale * alpha_scale / output_scale.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_BINARY_QUANTIZED_H
#define INGOT_RUNTIME_KERNELS_REF_BINARY_QUANTIZED_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/ref/broadcast.h"

namespace ingot::ref {

template <typename T>
INGOT_KERNEL void
multiply_quantized(const T *input1, const T *input2, T *output, int32_t rank,
                   const int32_t *output_shape, const int32_t *input1_strides,
                   const int32_t *input2_strides, int32_t input1_offset,
                   int32_t input2_offset, int32_t output_offset,
                   int32_t output_multiplier, int32_t output_shift,
                   int32_t activation_min, int32_t activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](T a, T b) {
                     // |offset value| <= 2^16 for int16 (zero points are 0
                     // there), so the product fits int32.
                     const int32_t product =
                         (static_cast<int32_t>(a) + input1_offset) *
                         (static_cast<int32_t>(b) + input2_offset);
                     const int32_t result =
                         multiply_by_quantized_multiplier(
                             product, output_multiplier, output_shift) +
                         output_offset;
                     return static_cast<T>(
                         clamp_i32(result, activation_min, activation_max));
                   });
}

INGOT_KERNEL void
mul_s8(const int8_t *input1, const int8_t *input2, int8_t *output, int32_t rank,
       const int32_t *output_shape, const int32_t *input1_strides,
       const int32_t *input2_strides, int32_t input1_offset,
       int32_t input2_offset, int32_t output_offset, int32_t output_multiplier,
       int32_t output_shift, int32_t activation_min, int32_t activation_max) {
  multiply_quantized(input1, input2, output, rank, output_shape, input1_strides,
                     input2_strides, input1_offset, input2_offset,
                     output_offset, output_multiplier, output_shift,
                     activation_min, activation_max);
}

INGOT_KERNEL void mul_s16(const int16_t *input1, const int16_t *input2,
                          int16_t *output, int32_t rank,
                          const int32_t *output_shape,
                          const int32_t *input1_strides,
                          const int32_t *input2_strides, int32_t input1_offset,
                          int32_t input2_offset, int32_t output_offset,
                          int32_t output_multiplier, int32_t output_shift,
                          int32_t activation_min, int32_t activation_max) {
  multiply_quantized(input1, input2, output, rank, output_shape, input1_strides,
                     input2_strides, input1_offset, input2_offset,
                     output_offset, output_multiplier, output_shift,
                     activation_min, activation_max);
}

/// An int8 value on ADD and SUB's common scale.
INGOT_KERNEL int32_t add_sub_scaled_s8(int8_t value, int32_t offset,
                                       int32_t left_shift, int32_t multiplier,
                                       int32_t shift) {
  // |value + offset| <= 255, so shifted by 20 it stays below 2^28; shifted
  // on the unsigned bit pattern since left-shifting a negative int is
  // undefined before C++20.
  const int32_t shifted = static_cast<int32_t>(
      static_cast<uint32_t>(static_cast<int32_t>(value) + offset)
      << left_shift);
  return multiply_by_quantized_multiplier(shifted, multiplier, shift);
}

template <bool Subtract>
INGOT_KERNEL void add_or_subtract_s8(
    const int8_t *input1, const int8_t *input2, int8_t *output, int32_t rank,
    const int32_t *output_shape, const int32_t *input1_strides,
    const int32_t *input2_strides, int32_t input1_offset,
    int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,
    int32_t input2_multiplier, int32_t input2_shift, int32_t left_shift,
    int32_t output_offset, int32_t output_multiplier, int32_t output_shift,
    int32_t activation_min, int32_t activation_max) {
  broadcast_binary(
      input1, input2, output, rank, output_shape, input1_strides,
      input2_strides, [=](int8_t a, int8_t b) {
        const int32_t scaled1 = add_sub_scaled_s8(
            a, input1_offset, left_shift, input1_multiplier, input1_shift);
        const int32_t scaled2 = add_sub_scaled_s8(
            b, input2_offset, left_shift, input2_multiplier, input2_shift);
        const int32_t combined =
            Subtract ? scaled1 - scaled2 : scaled1 + scaled2;
        const int32_t result = multiply_by_quantized_multiplier(
                                   combined, output_multiplier, output_shift) +
                               output_offset;
        return static_cast<int8_t>(
            clamp_i32(result, activation_min, activation_max));
      });
}

#define INGOT_ADD_SUB_S8_PARAMS                                                \
  const int8_t *input1, const int8_t *input2, int8_t *output, int32_t rank,    \
      const int32_t *output_shape, const int32_t *input1_strides,              \
      const int32_t *input2_strides, int32_t input1_offset,                    \
      int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,  \
      int32_t input2_multiplier, int32_t input2_shift, int32_t left_shift,     \
      int32_t output_offset, int32_t output_multiplier, int32_t output_shift,  \
      int32_t activation_min, int32_t activation_max
#define INGOT_ADD_SUB_S8_ARGS                                                  \
  input1, input2, output, rank, output_shape, input1_strides, input2_strides,  \
      input1_offset, input1_multiplier, input1_shift, input2_offset,           \
      input2_multiplier, input2_shift, left_shift, output_offset,              \
      output_multiplier, output_shift, activation_min, activation_max

/// The same-shaped case keeps add_s8 (add_s8.h) and its target kernels.
INGOT_KERNEL void add_broadcast_s8(INGOT_ADD_SUB_S8_PARAMS) {
  add_or_subtract_s8<false>(INGOT_ADD_SUB_S8_ARGS);
}

INGOT_KERNEL void sub_s8(INGOT_ADD_SUB_S8_PARAMS) {
  add_or_subtract_s8<true>(INGOT_ADD_SUB_S8_ARGS);
}

#undef INGOT_ADD_SUB_S8_PARAMS
#undef INGOT_ADD_SUB_S8_ARGS

template <typename T>
INGOT_KERNEL void squared_difference_quantized(
    const T *input1, const T *input2, T *output, int32_t rank,
    const int32_t *output_shape, const int32_t *input1_strides,
    const int32_t *input2_strides, int32_t input1_offset,
    int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,
    int32_t input2_multiplier, int32_t input2_shift, int32_t left_shift,
    int32_t output_offset, int32_t output_multiplier, int32_t output_shift,
    int32_t activation_min, int32_t activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](T a, T b) {
                     // The input multipliers are at most 1/2, so with the
                     // shifts chosen (7 for int8's 9-bit offset values, 0 for
                     // int16's zero-point-free ones) the difference stays
                     // within 2^15 and its square within int32.
                     const int32_t scaled1 = multiply_by_quantized_multiplier(
                         (static_cast<int32_t>(a) + input1_offset) *
                             (int32_t{1} << left_shift),
                         input1_multiplier, input1_shift);
                     const int32_t scaled2 = multiply_by_quantized_multiplier(
                         (static_cast<int32_t>(b) + input2_offset) *
                             (int32_t{1} << left_shift),
                         input2_multiplier, input2_shift);
                     const int32_t difference = scaled1 - scaled2;
                     const int32_t result =
                         multiply_by_quantized_multiplier(
                             difference * difference, output_multiplier,
                             output_shift) +
                         output_offset;
                     return static_cast<T>(
                         clamp_i32(result, activation_min, activation_max));
                   });
}

#define INGOT_SQUARED_DIFFERENCE_PARAMS(T)                                     \
  const T *input1, const T *input2, T *output, int32_t rank,                   \
      const int32_t *output_shape, const int32_t *input1_strides,              \
      const int32_t *input2_strides, int32_t input1_offset,                    \
      int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,  \
      int32_t input2_multiplier, int32_t input2_shift, int32_t left_shift,     \
      int32_t output_offset, int32_t output_multiplier, int32_t output_shift,  \
      int32_t activation_min, int32_t activation_max
#define INGOT_SQUARED_DIFFERENCE_ARGS                                          \
  input1, input2, output, rank, output_shape, input1_strides, input2_strides,  \
      input1_offset, input1_multiplier, input1_shift, input2_offset,           \
      input2_multiplier, input2_shift, left_shift, output_offset,              \
      output_multiplier, output_shift, activation_min, activation_max

INGOT_KERNEL void
squared_difference_s8(INGOT_SQUARED_DIFFERENCE_PARAMS(int8_t)) {
  squared_difference_quantized(INGOT_SQUARED_DIFFERENCE_ARGS);
}

INGOT_KERNEL void
squared_difference_s16(INGOT_SQUARED_DIFFERENCE_PARAMS(int16_t)) {
  squared_difference_quantized(INGOT_SQUARED_DIFFERENCE_ARGS);
}

#undef INGOT_SQUARED_DIFFERENCE_PARAMS
#undef INGOT_SQUARED_DIFFERENCE_ARGS

/// PRELU has no fused activation: the result is clamped to T's range.
template <typename T>
INGOT_KERNEL void
prelu_quantized(const T *input, const int8_t *alpha, T *output, int32_t rank,
                const int32_t *output_shape, const int32_t *input_strides,
                const int32_t *alpha_strides, int32_t input_offset,
                int32_t alpha_offset, int32_t output_offset,
                int32_t identity_multiplier, int32_t identity_shift,
                int32_t alpha_multiplier, int32_t alpha_shift) {
  constexpr int32_t type_min = sizeof(T) == 1 ? -128 : -32768;
  constexpr int32_t type_max = sizeof(T) == 1 ? 127 : 32767;
  broadcast_binary(
      input, alpha, output, rank, output_shape, input_strides, alpha_strides,
      [=](T x, int8_t a) {
        const int32_t value = static_cast<int32_t>(x) + input_offset;
        // |value| < 2^17 and |alpha value| < 2^9: the product fits int32.
        const int32_t scaled =
            value >= 0 ? multiply_by_quantized_multiplier(
                             value, identity_multiplier, identity_shift)
                       : multiply_by_quantized_multiplier(
                             value * (static_cast<int32_t>(a) + alpha_offset),
                             alpha_multiplier, alpha_shift);
        return static_cast<T>(
            clamp_i32(scaled + output_offset, type_min, type_max));
      });
}

#define INGOT_PRELU_PARAMS(T)                                                  \
  const T *input, const int8_t *alpha, T *output, int32_t rank,                \
      const int32_t *output_shape, const int32_t *input_strides,               \
      const int32_t *alpha_strides, int32_t input_offset,                      \
      int32_t alpha_offset, int32_t output_offset,                             \
      int32_t identity_multiplier, int32_t identity_shift,                     \
      int32_t alpha_multiplier, int32_t alpha_shift
#define INGOT_PRELU_ARGS                                                       \
  input, alpha, output, rank, output_shape, input_strides, alpha_strides,      \
      input_offset, alpha_offset, output_offset, identity_multiplier,          \
      identity_shift, alpha_multiplier, alpha_shift

INGOT_KERNEL void prelu_s8(INGOT_PRELU_PARAMS(int8_t)) {
  prelu_quantized(INGOT_PRELU_ARGS);
}

/// int16 PRELU takes its alpha in int8, as TFLite Micro requires.
INGOT_KERNEL void prelu_s16(INGOT_PRELU_PARAMS(int16_t)) {
  prelu_quantized(INGOT_PRELU_ARGS);
}

#undef INGOT_PRELU_PARAMS
#undef INGOT_PRELU_ARGS

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_BINARY_QUANTIZED_H
