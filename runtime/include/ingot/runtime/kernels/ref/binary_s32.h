//===- binary_s32.h - int32 per-element kernels of two inputs ---*- C++ -*-===//
//
// This file implements TFLite Micro's int32 ADD, SUB, MUL, DIV and
// SQUARED_DIFFERENCE on inputs broadcast to the output shape (see
// broadcast.h for the shape and stride arguments). Sums, differences and
// products wrap around in two's complement, as the reference's int32
// arithmetic does on every target it runs on, and are then clamped to the
// fused activation's bounds (which the compiler sets to the whole int32
// range for ADD, whose reference ignores the activation).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_BINARY_S32_H
#define INGOT_RUNTIME_KERNELS_REF_BINARY_S32_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/ref/broadcast.h"

namespace ingot::ref {

#define INGOT_BINARY_S32_ARGS                                                  \
  const int32_t *input1, const int32_t *input2, int32_t *output, int32_t rank, \
      const int32_t *output_shape, const int32_t *input1_strides,              \
      const int32_t *input2_strides

// Computed on the unsigned bit patterns: signed overflow is undefined.
INGOT_KERNEL int32_t wrapping_add_s32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) +
                              static_cast<uint32_t>(b));
}
INGOT_KERNEL int32_t wrapping_sub_s32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) -
                              static_cast<uint32_t>(b));
}
INGOT_KERNEL int32_t wrapping_mul_s32(int32_t a, int32_t b) {
  return static_cast<int32_t>(static_cast<uint32_t>(a) *
                              static_cast<uint32_t>(b));
}

INGOT_KERNEL void add_s32(INGOT_BINARY_S32_ARGS, int32_t activation_min,
                          int32_t activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](int32_t a, int32_t b) {
                     return clamp_i32(wrapping_add_s32(a, b), activation_min,
                                      activation_max);
                   });
}

INGOT_KERNEL void sub_s32(INGOT_BINARY_S32_ARGS, int32_t activation_min,
                          int32_t activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](int32_t a, int32_t b) {
                     return clamp_i32(wrapping_sub_s32(a, b), activation_min,
                                      activation_max);
                   });
}

INGOT_KERNEL void mul_s32(INGOT_BINARY_S32_ARGS, int32_t activation_min,
                          int32_t activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](int32_t a, int32_t b) {
                     return clamp_i32(wrapping_mul_s32(a, b), activation_min,
                                      activation_max);
                   });
}

/// Truncating division. The reference leaves a zero divisor (and
/// INT32_MIN / -1) undefined; here they give 0 and INT32_MIN.
INGOT_KERNEL void div_s32(INGOT_BINARY_S32_ARGS, int32_t activation_min,
                          int32_t activation_max) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](int32_t a, int32_t b) {
                     const int32_t quotient =
                         b == 0 ? 0
                                : (b == -1 ? wrapping_sub_s32(0, a) : a / b);
                     return clamp_i32(quotient, activation_min, activation_max);
                   });
}

INGOT_KERNEL void squared_difference_s32(INGOT_BINARY_S32_ARGS) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](int32_t a, int32_t b) {
                     const int32_t difference = wrapping_sub_s32(a, b);
                     return wrapping_mul_s32(difference, difference);
                   });
}

#undef INGOT_BINARY_S32_ARGS

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_BINARY_S32_H
