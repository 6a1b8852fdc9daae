//===- cast.h - Reference CAST ----------------------------------*- C++ -*-===//
//
// This file implements TFLite's CAST: each element converted by value with
// static_cast (bool to 0 or 1, float to integer truncating toward zero,
// wider to narrower integers keeping the low bits), ignoring any
// quantization parameters, as TFLite Micro's kernel does. A float outside
// the target integer range has no defined result, in TFLM as here.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CAST_H
#define INGOT_RUNTIME_KERNELS_REF_CAST_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

template <typename From, typename To>
INGOT_KERNEL void cast(const From *input, To *output, int32_t count) {
  for (int32_t i = 0; i < count; ++i)
    output[i] = static_cast<To>(input[i]);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CAST_H
