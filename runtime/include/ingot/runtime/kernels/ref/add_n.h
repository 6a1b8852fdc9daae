//===- add_n.h - ADD_N ------------------------------------------*- C++ -*-===//
//
// This file implements TFLite Micro's ADD_N: the per-element sum of any
// number of same-shaped tensors. The generated call passes the inputs one
// pointer each, then the output and the element count, so the kernels are
// variadic templates that first collect their arguments.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ADD_N_H
#define INGOT_RUNTIME_KERNELS_REF_ADD_N_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// The arguments of an ADD_N call: `Inputs` input pointers, then the output
/// and the element count.
template <typename T, int32_t Inputs> struct AddNArgs {
  const T *inputs[Inputs];
  T *output = nullptr;
  int32_t count = 0;
  int32_t collected = 0;

  // A template so that an `int` count is an exact match also where int32_t
  // is `long` (arm-none-eabi), which the overload below must lose to.
  template <typename Count> void collect(T *last_output, Count last_count) {
    output = last_output;
    count = static_cast<int32_t>(last_count);
  }
  template <typename... Rest> void collect(const T *input, Rest... rest) {
    inputs[collected++] = input;
    collect(rest...);
  }
};

/// Sums in input order starting from zero, in single precision, as the
/// reference does. Call as add_n_f32(input1, ..., inputN, output, count).
template <typename... Args> INGOT_KERNEL void add_n_f32(Args... args) {
  AddNArgs<float, sizeof...(Args) - 2> collected;
  collected.collect(args...);
  for (int32_t index = 0; index < collected.count; ++index) {
    float sum = 0.0f;
    for (const float *input : collected.inputs)
      sum += input[index];
    collected.output[index] = sum;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ADD_N_H
