//===- leaky_relu_f32.h - Reference float32 leaky ReLU ----------*- C++ -*-===//
//
// This file implements TFLite's float LEAKY_RELU: x for x >= 0, alpha * x
// otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_LEAKY_RELU_F32_H
#define INGOT_RUNTIME_KERNELS_REF_LEAKY_RELU_F32_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

INGOT_KERNEL void leaky_relu_f32(const float *input, float *output,
                                 int32_t size, float alpha) {
  for (int32_t i = 0; i < size; ++i)
    output[i] = input[i] >= 0.0f ? input[i] : alpha * input[i];
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_LEAKY_RELU_F32_H
