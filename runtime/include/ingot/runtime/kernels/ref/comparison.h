//===- comparison.h - EQUAL, LESS, ..., LOGICAL_AND, LOGICAL_OR -*- C++ -*-===//
//
// This file implements TFLite Micro's comparisons and logical operators on
// inputs broadcast to the output shape (see broadcast.h for the shape and
// stride arguments); every output is a bool. float32, int32 and bool inputs
// are compared as they are, one function template per comparison deduced
// from the input pointers. int8 inputs may have different quantization
// parameters, so the reference first moves both to a common fixed-point
// scale: (value - zero point) shifted left by 8 bits, times the input's own
// scale as a Q31 multiplier; the `_s8` kernels do the same.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_COMPARISON_H
#define INGOT_RUNTIME_KERNELS_REF_COMPARISON_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/ref/broadcast.h"

namespace ingot::ref {

struct EqualTo {
  template <typename T> bool operator()(T a, T b) const { return a == b; }
};
struct NotEqualTo {
  template <typename T> bool operator()(T a, T b) const { return a != b; }
};
struct Greater {
  template <typename T> bool operator()(T a, T b) const { return a > b; }
};
struct GreaterEqual {
  template <typename T> bool operator()(T a, T b) const { return a >= b; }
};
struct Less {
  template <typename T> bool operator()(T a, T b) const { return a < b; }
};
struct LessEqual {
  template <typename T> bool operator()(T a, T b) const { return a <= b; }
};

/// An int8 value on the common scale the comparisons use.
INGOT_KERNEL int32_t comparison_scaled_s8(int8_t value, int32_t offset,
                                          int32_t multiplier, int32_t shift) {
  constexpr int32_t kLeftShift = 8;
  const int32_t shifted = static_cast<int32_t>(
      static_cast<uint32_t>(static_cast<int32_t>(value) + offset)
      << kLeftShift);
  return multiply_by_quantized_multiplier(shifted, multiplier, shift);
}

template <typename Predicate>
INGOT_KERNEL void
compare_scaled_s8(const int8_t *input1, const int8_t *input2, bool *output,
                  int32_t rank, const int32_t *output_shape,
                  const int32_t *input1_strides, const int32_t *input2_strides,
                  int32_t input1_offset, int32_t input1_multiplier,
                  int32_t input1_shift, int32_t input2_offset,
                  int32_t input2_multiplier, int32_t input2_shift) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [=](int8_t a, int8_t b) {
                     return Predicate()(
                         comparison_scaled_s8(a, input1_offset,
                                              input1_multiplier, input1_shift),
                         comparison_scaled_s8(b, input2_offset,
                                              input2_multiplier, input2_shift));
                   });
}

// One raw template and one rescaling int8 kernel per comparison. Offsets
// are negated zero points; each multiplier and shift represent the input's
// scale.
#define INGOT_COMPARISON(name, Predicate)                                      \
  template <typename T>                                                        \
  INGOT_KERNEL void name(const T *input1, const T *input2, bool *output,       \
                         int32_t rank, const int32_t *output_shape,            \
                         const int32_t *input1_strides,                        \
                         const int32_t *input2_strides) {                      \
    broadcast_binary(input1, input2, output, rank, output_shape,               \
                     input1_strides, input2_strides, Predicate());             \
  }                                                                            \
  INGOT_KERNEL void name##_s8(                                                 \
      const int8_t *input1, const int8_t *input2, bool *output, int32_t rank,  \
      const int32_t *output_shape, const int32_t *input1_strides,              \
      const int32_t *input2_strides, int32_t input1_offset,                    \
      int32_t input1_multiplier, int32_t input1_shift, int32_t input2_offset,  \
      int32_t input2_multiplier, int32_t input2_shift) {                       \
    compare_scaled_s8<Predicate>(                                              \
        input1, input2, output, rank, output_shape, input1_strides,            \
        input2_strides, input1_offset, input1_multiplier, input1_shift,        \
        input2_offset, input2_multiplier, input2_shift);                       \
  }

INGOT_COMPARISON(equal, EqualTo)
INGOT_COMPARISON(not_equal, NotEqualTo)
INGOT_COMPARISON(greater, Greater)
INGOT_COMPARISON(greater_equal, GreaterEqual)
INGOT_COMPARISON(less, Less)
INGOT_COMPARISON(less_equal, LessEqual)

#undef INGOT_COMPARISON

INGOT_KERNEL void logical_and(const bool *input1, const bool *input2,
                              bool *output, int32_t rank,
                              const int32_t *output_shape,
                              const int32_t *input1_strides,
                              const int32_t *input2_strides) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](bool a, bool b) { return a && b; });
}

INGOT_KERNEL void logical_or(const bool *input1, const bool *input2,
                             bool *output, int32_t rank,
                             const int32_t *output_shape,
                             const int32_t *input1_strides,
                             const int32_t *input2_strides) {
  broadcast_binary(input1, input2, output, rank, output_shape, input1_strides,
                   input2_strides, [](bool a, bool b) { return a || b; });
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_COMPARISON_H
