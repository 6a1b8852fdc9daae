//===- broadcast_args.h - Reference BROADCAST_ARGS --------------*- C++ -*-===//
//
// This file implements TFLite's BROADCAST_ARGS: the shape two run-time
// shape vectors broadcast to, aligned at their last dimension. The compiler
// knows the lengths; the dimensions are only known when the model runs.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_BROADCAST_ARGS_H
#define INGOT_RUNTIME_KERNELS_REF_BROADCAST_ARGS_H

#include <cstdint>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// output has max(lhs_length, rhs_length) elements. A dimension of 1 takes
/// the other's; otherwise the dimensions are expected equal (TFLM fails the
/// invocation when they are not; this kernel then takes lhs's).
template <typename Dimension>
INGOT_KERNEL void broadcast_args(const Dimension *lhs, const Dimension *rhs,
                                 Dimension *output, int32_t lhs_length,
                                 int32_t rhs_length) {
  const int32_t length = lhs_length > rhs_length ? lhs_length : rhs_length;
  for (int32_t i = 0; i < length; ++i) {
    const int32_t l = i - (length - lhs_length);
    const int32_t r = i - (length - rhs_length);
    const Dimension a = l >= 0 ? lhs[l] : 1;
    const Dimension b = r >= 0 ? rhs[r] : 1;
    output[i] = a == 1 ? b : a;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_BROADCAST_ARGS_H
