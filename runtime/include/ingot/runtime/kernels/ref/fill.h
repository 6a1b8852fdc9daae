//===- fill.h - Reference FILL ----------------------------------*- C++ -*-===//
//
// This file implements TFLite's FILL: every output element is the single
// element of `value`. One template serves every element type.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_FILL_H
#define INGOT_RUNTIME_KERNELS_REF_FILL_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

template <typename Element>
INGOT_KERNEL void fill(const Element *value, Element *output, int32_t count) {
  const Element element = *value;
  for (int32_t i = 0; i < count; ++i)
    output[i] = element;
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_FILL_H
