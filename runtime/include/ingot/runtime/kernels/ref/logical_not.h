//===- logical_not.h - Reference LOGICAL_NOT --------------------*- C++ -*-===//
//
// This file implements TFLite's LOGICAL_NOT on bool tensors.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LOGICAL_NOT_H
#define INGOT_RUNTIME_KERNELS_REF_LOGICAL_NOT_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

INGOT_KERNEL void logical_not(const bool *input, bool *output, int32_t count) {
  for (int32_t i = 0; i < count; ++i)
    output[i] = !input[i];
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LOGICAL_NOT_H
