//===- binary_f32.h - float32 per-element kernels of two inputs -*- C++ -*-===//
//
// This file implements TFLite Micro's float32 SUB, MUL, DIV,
// SQUARED_DIFFERENCE, FLOOR_DIV, FLOOR_MOD, PRELU and broadcasting ADD on
// inputs broadcast to the output shape (see broadcast.h for the shape and
// stride arguments). Each element is computed in single precision as the
// reference does, except FLOOR_DIV, whose quotient the reference takes in
// double before flooring. The arithmetic operators clamp to their fused
// activation's bounds.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_BINARY_F32_H
#define INGOT_RUNTIME_KERNELS_REF_BINARY_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/kernels/ref/broadcast.h"
#include "ingot/runtime/math_f32.h"

namespace ingot::ref {

#define INGOT_BINARY_F32_ARGS                                                  \
  const float *input1, const float *input2, float *output, int32_t rank,       \
      const int32_t *output_shape, const int32_t *input1_strides,              \
      const int32_t *input2_strides

/// The same-shaped case keeps add_f32 (add_f32.h); this one broadcasts.
INGOT_KERNEL void add_broadcast_f32(INGOT_BINARY_F32_ARGS, float activation_min,
                                    float activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](float a, float b) {
                     return clamp_f32(a + b, activation_min, activation_max);
                   });
}

INGOT_KERNEL void sub_f32(INGOT_BINARY_F32_ARGS, float activation_min,
                          float activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](float a, float b) {
                     return clamp_f32(a - b, activation_min, activation_max);
                   });
}

INGOT_KERNEL void mul_f32(INGOT_BINARY_F32_ARGS, float activation_min,
                          float activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](float a, float b) {
                     return clamp_f32(a * b, activation_min, activation_max);
                   });
}

INGOT_KERNEL void div_f32(INGOT_BINARY_F32_ARGS, float activation_min,
                          float activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](float a, float b) {
                     return clamp_f32(a / b, activation_min, activation_max);
                   });
}

INGOT_KERNEL void squared_difference_f32(INGOT_BINARY_F32_ARGS) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](float a, float b) {
                     const float difference = a - b;
                     return difference * difference;
                   });
}

INGOT_KERNEL void floor_div_f32(INGOT_BINARY_F32_ARGS) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](float a, float b) {
                     return static_cast<float>(__builtin_floor(
                         static_cast<double>(a) / static_cast<double>(b)));
                   });
}

/// The remainder takes the divisor's sign, as Python's % does.
INGOT_KERNEL void floor_mod_f32(INGOT_BINARY_F32_ARGS) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](float a, float b) {
                     const float truncated = __builtin_fmodf(a, b);
                     return truncated != 0.0f &&
                                    ((b < 0.0f) != (truncated < 0.0f))
                                ? truncated + b
                                : truncated;
                   });
}

/// input2 holds the slopes, broadcast to the input's shape.
INGOT_KERNEL void prelu_f32(INGOT_BINARY_F32_ARGS) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](float value, float alpha) {
                     return value >= 0.0f ? value : value * alpha;
                   });
}

#undef INGOT_BINARY_F32_ARGS

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_BINARY_F32_H
