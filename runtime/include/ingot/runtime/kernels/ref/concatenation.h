//===- concatenation.h - Reference CONCATENATION ----------------*- C++ -*-===//
//
// This file implements TFLite's CONCATENATION (and PACK) of any number of
// inputs along one axis. The generated call passes the input pointers, the
// output pointer and then the parameters, so the kernel is a variadic
// template that first gathers the leading pointers into an array: the last
// pointer is the output. Elements are copied without being read, so one
// template serves every element type (quantized inputs share the output's
// parameters; the compiler refuses anything else).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_CONCATENATION_H
#define INGOT_RUNTIME_KERNELS_REF_CONCATENATION_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {
namespace concatenation_detail {

/// The copy proper: `pointers` holds the inputs then the output. Viewed as
/// [outer, axis, inner], input i contributes axis_extent[i] * inner
/// contiguous elements to every one of the `outer` output rows.
template <typename Element>
INGOT_KERNEL void concatenate(Element *const *pointers, int32_t pointer_count,
                              int32_t outer, int32_t inner,
                              const int32_t *axis_extent) {
  const int32_t input_count = pointer_count - 1;
  Element *output = pointers[input_count];
  for (int32_t row = 0; row < outer; ++row) {
    for (int32_t i = 0; i < input_count; ++i) {
      const int32_t chunk = axis_extent[i] * inner;
      std::memcpy(output, pointers[i] + static_cast<int64_t>(row) * chunk,
                  static_cast<size_t>(chunk) * sizeof(Element));
      output += chunk;
    }
  }
}

// The parameters: every pointer has been gathered.
template <typename Element>
INGOT_KERNEL void gather_pointers(Element **pointers, int32_t count,
                                  int32_t outer, int32_t inner,
                                  const int32_t *axis_extent) {
  concatenate(pointers, count, outer, inner, axis_extent);
}

template <typename Element, typename... Rest>
INGOT_KERNEL void gather_pointers(Element **pointers, int32_t count,
                                  const Element *next, Rest... rest) {
  pointers[count] = const_cast<Element *>(next);
  gather_pointers(pointers, count + 1, rest...);
}

} // namespace concatenation_detail

/// concatenation(input_0, ..., input_{n-1}, output, outer, inner,
/// axis_extent): the inputs, all of shape [outer, axis_extent[i], inner],
/// side by side along the middle dimension.
template <typename Element, typename... Rest>
INGOT_KERNEL void concatenation(const Element *first, Rest... rest) {
  Element *pointers[1 + sizeof...(Rest)];
  pointers[0] = const_cast<Element *>(first);
  concatenation_detail::gather_pointers(pointers, 1, rest...);
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_CONCATENATION_H
