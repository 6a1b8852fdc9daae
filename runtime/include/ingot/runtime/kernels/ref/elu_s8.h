//===- elu_s8.h - Reference int8 ELU ----------------------------*- C++ -*-===//
//
// This file implements TFLite Micro's int8 ELU: a lookup in a 256-entry
// table of quantized outputs, which the compiler computes with TFLM's float
// arithmetic (TFLM builds the same table in Prepare).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_ELU_S8_H
#define INGOT_RUNTIME_KERNELS_REF_ELU_S8_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// `table[v + 128]` is the output for the input value v.
INGOT_KERNEL void elu_s8(const int8_t *input, int8_t *output, int32_t count,
                         const int32_t *table) {
  for (int32_t i = 0; i < count; ++i)
    output[i] =
        static_cast<int8_t>(table[static_cast<int32_t>(input[i]) + 128]);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_ELU_S8_H
