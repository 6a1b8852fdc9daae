//===- gather.h - Reference GATHER, EMBEDDING_LOOKUP, GATHER_ND -*- C++ -*-===//
//
// This file implements TFLite's GATHER (with batch dimensions), its special
// case EMBEDDING_LOOKUP (also the hybrid one: int8 rows dequantized to
// float32 on the way) and GATHER_ND. The indices are run-time tensors of
// int32 or int64; an index outside its dimension makes TensorFlow Lite Micro
// fail the invocation, which generated code cannot do, so these kernels
// clamp it into the dimension instead: they never read outside `params`.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_GATHER_H
#define INGOT_RUNTIME_KERNELS_REF_GATHER_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {
namespace gather_detail {

template <typename Index>
INGOT_KERNEL int32_t clamp_index(Index index, int32_t size) {
  if (index < 0)
    return 0;
  if (index >= static_cast<Index>(size))
    return size - 1;
  return static_cast<int32_t>(index);
}

} // namespace gather_detail

/// params viewed as [batch, outer, axis_size, inner], indices as
/// [batch, coords]; output [batch, outer, coords, inner] takes, for each
/// index, the `inner` elements at that position along the axis.
template <typename Element, typename Index>
INGOT_KERNEL void gather(const Element *params, const Index *indices,
                         Element *output, int32_t batch, int32_t outer,
                         int32_t axis_size, int32_t inner, int32_t coords) {
  for (int32_t b = 0; b < batch; ++b) {
    for (int32_t o = 0; o < outer; ++o) {
      const Element *rows =
          params + (static_cast<int64_t>(b) * outer + o) * axis_size * inner;
      for (int32_t i = 0; i < coords; ++i) {
        const int32_t from =
            gather_detail::clamp_index(indices[b * coords + i], axis_size);
        std::memcpy(output, rows + static_cast<int64_t>(from) * inner,
                    static_cast<size_t>(inner) * sizeof(Element));
        output += inner;
      }
    }
  }
}

/// Hybrid EMBEDDING_LOOKUP: rows of symmetric int8 `params` ([axis_size,
/// inner]), each element times `scale` in float, as TFLM's Dequantize.
template <typename Index>
INGOT_KERNEL void gather_dequantize(const int8_t *params, const Index *indices,
                                    float *output, int32_t axis_size,
                                    int32_t inner, int32_t coords,
                                    float scale) {
  for (int32_t i = 0; i < coords; ++i) {
    const int8_t *row =
        params + static_cast<int64_t>(
                     gather_detail::clamp_index(indices[i], axis_size)) *
                     inner;
    for (int32_t k = 0; k < inner; ++k)
      *output++ = static_cast<float>(row[k]) * scale;
  }
}

/// GATHER_ND: each of the `slices` index tuples (index_depth indices, one
/// per leading params dimension, of sizes params_shape[0..index_depth) and
/// element strides params_stride[0..index_depth)) selects `slice_size`
/// contiguous elements of params.
template <typename Element, typename Index>
INGOT_KERNEL void gather_nd(const Element *params, const Index *indices,
                            Element *output, int32_t slices,
                            int32_t index_depth, const int32_t *params_shape,
                            const int32_t *params_stride, int32_t slice_size) {
  for (int32_t s = 0; s < slices; ++s) {
    int64_t from = 0;
    for (int32_t d = 0; d < index_depth; ++d)
      from += static_cast<int64_t>(gather_detail::clamp_index(
                  indices[s * index_depth + d], params_shape[d])) *
              params_stride[d];
    std::memcpy(output, params + from,
                static_cast<size_t>(slice_size) * sizeof(Element));
    output += slice_size;
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_GATHER_H
