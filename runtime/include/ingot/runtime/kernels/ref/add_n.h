//===- add_n.h - ADD_N ------------------------------------------*- C++ -*-===//
//
// This file implements TFLite Micro's ADD_N: the per-element sum of any
// number of same-shaped tensors. The generated call passes the inputs one
// pointer each, then the output, the element count and (int8) the rescale
// parameters, so the kernels are variadic templates that first collect their
// arguments.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ADD_N_H
#define INGOT_RUNTIME_KERNELS_REF_ADD_N_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"
#include "ingot/runtime/kernels/ref/binary_quantized.h"

namespace ingot::ref {

template <typename T> struct IsPointer {
  static constexpr bool value = false;
};
template <typename T> struct IsPointer<T *> {
  static constexpr bool value = true;
};

/// The arguments of an ADD_N call: `Inputs` input pointers, the output, then
/// `Params` integers (the element count first).
template <typename T, int32_t Inputs, int32_t Params> struct AddNArgs {
  const T *inputs[Inputs];
  T *output = nullptr;
  int32_t params[Params];
  int32_t pointers = 0;
  int32_t integers = 0;

  // Told apart by type rather than by overloads: an `int` literal would be
  // an inexact match for int32_t where that is `long` (arm-none-eabi), and
  // inputs come as `T *` or `const T *` depending on where they live.
  template <typename Arg> void take(Arg arg) {
    if constexpr (IsPointer<Arg>::value) {
      if (pointers < Inputs)
        inputs[pointers++] = arg;
      else
        output = const_cast<T *>(arg);
    } else {
      params[integers++] = static_cast<int32_t>(arg);
    }
  }
};

/// Sums in input order starting from zero, in single precision, as the
/// reference does. Call as add_n_f32(input1, ..., inputN, output, count).
template <typename... Args> INGOT_KERNEL void add_n_f32(Args... args) {
  AddNArgs<float, sizeof...(Args) - 2, 1> collected;
  (collected.take(args), ...);
  const int32_t count = collected.params[0];
  for (int32_t index = 0; index < count; ++index) {
    float sum = 0.0f;
    for (const float *input : collected.inputs)
      sum += input[index];
    collected.output[index] = sum;
  }
}

/// int8 ADD_N: every input (all share one scale and zero point) shifted left
/// by `left_shift` (20) and rescaled to half its scale, the rescaled values
/// summed in int32, the sum rescaled to the output, as ADD does for two.
/// Call as add_n_s8(input1, ..., inputN, output, count, input_offset,
/// input_multiplier, input_shift, left_shift, output_offset,
/// output_multiplier, output_shift, activation_min, activation_max).
template <typename... Args> INGOT_KERNEL void add_n_s8(Args... args) {
  constexpr int32_t kParams = 10;
  AddNArgs<int8_t, sizeof...(Args) - 1 - kParams, kParams> collected;
  (collected.take(args), ...);
  const int32_t count = collected.params[0];
  const int32_t input_offset = collected.params[1];
  const int32_t input_multiplier = collected.params[2];
  const int32_t input_shift = collected.params[3];
  const int32_t left_shift = collected.params[4];
  const int32_t output_offset = collected.params[5];
  const int32_t output_multiplier = collected.params[6];
  const int32_t output_shift = collected.params[7];
  const int32_t activation_min = collected.params[8];
  const int32_t activation_max = collected.params[9];
  for (int32_t index = 0; index < count; ++index) {
    // The sum starts at zero and adds each input's offset value: TFLM seeds
    // it with the rescaled offset instead, which equals zero only for a zero
    // point of 0 (the compiler keeps the input count small enough for the
    // sum of at most 2^27 per input to fit).
    int32_t sum = 0;
    for (const int8_t *input : collected.inputs)
      sum += add_sub_scaled_s8(input[index], input_offset, left_shift,
                               input_multiplier, input_shift);
    const int32_t result =
        multiply_by_quantized_multiplier(sum, output_multiplier, output_shift) +
        output_offset;
    collected.output[index] =
        static_cast<int8_t>(clamp_i32(result, activation_min, activation_max));
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ADD_N_H
