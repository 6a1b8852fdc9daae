//===- space_to_batch.h - Reference SPACE_TO_BATCH_ND and inverse -*- C++ -*-=//
//
// This file implements TFLite's SPACE_TO_BATCH_ND and BATCH_TO_SPACE_ND on
// NHWC tensors (a 3-dimensional [N, H, C] tensor is passed as [N, H, 1, C]
// with block width 1). Blocks of block_h x block_w spatial positions are
// spread over (or gathered from) as many batches, block position major.
// Padding positions of SPACE_TO_BATCH_ND are written as `pad_value`: the
// output's zero point for a quantized tensor (a real 0, as TFLite's
// specification gives; TensorFlow Lite Micro writes a stored 0 instead).
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_SPACE_TO_BATCH_H
#define INGOT_RUNTIME_KERNELS_REF_SPACE_TO_BATCH_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// input_shape and output_shape are NHWC; block = {block_h, block_w};
/// pad_before = {top, left} (the bottom and right padding follow from the
/// shapes).
template <typename Element>
INGOT_KERNEL void
space_to_batch(const Element *input, Element *output,
               const int32_t *input_shape, const int32_t *output_shape,
               const int32_t *block, const int32_t *pad_before,
               int32_t pad_value) {
  const int32_t batches = input_shape[0], height = input_shape[1],
                width = input_shape[2], depth = input_shape[3];
  for (int32_t ob = 0; ob < output_shape[0]; ++ob) {
    const int32_t n = ob % batches;
    const int32_t shift_w = (ob / batches) % block[1];
    const int32_t shift_h = ob / batches / block[1];
    for (int32_t oy = 0; oy < output_shape[1]; ++oy) {
      const int32_t y = oy * block[0] + shift_h - pad_before[0];
      for (int32_t ox = 0; ox < output_shape[2]; ++ox) {
        const int32_t x = ox * block[1] + shift_w - pad_before[1];
        if (y < 0 || y >= height || x < 0 || x >= width) {
          for (int32_t c = 0; c < depth; ++c)
            output[c] = static_cast<Element>(pad_value);
        } else {
          std::memcpy(output,
                      input +
                          ((static_cast<int64_t>(n) * height + y) * width + x) *
                              depth,
                      static_cast<size_t>(depth) * sizeof(Element));
        }
        output += depth;
      }
    }
  }
}

/// The inverse: crop_before = {top, left} positions are dropped.
template <typename Element>
INGOT_KERNEL void
batch_to_space(const Element *input, Element *output,
               const int32_t *input_shape, const int32_t *output_shape,
               const int32_t *block, const int32_t *crop_before) {
  const int32_t out_batches = output_shape[0], out_height = output_shape[1],
                out_width = output_shape[2], depth = output_shape[3];
  for (int32_t ib = 0; ib < input_shape[0]; ++ib) {
    const int32_t n = ib % out_batches;
    const int32_t shift = ib / out_batches;
    for (int32_t iy = 0; iy < input_shape[1]; ++iy) {
      const int32_t y = iy * block[0] + shift / block[1] - crop_before[0];
      if (y < 0 || y >= out_height)
        continue;
      for (int32_t ix = 0; ix < input_shape[2]; ++ix) {
        const int32_t x = ix * block[1] + shift % block[1] - crop_before[1];
        if (x < 0 || x >= out_width)
          continue;
        std::memcpy(
            output +
                ((static_cast<int64_t>(n) * out_height + y) * out_width + x) *
                    depth,
            input + ((static_cast<int64_t>(ib) * input_shape[1] + iy) *
                         input_shape[2] +
                     ix) *
                        depth,
            static_cast<size_t>(depth) * sizeof(Element));
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_SPACE_TO_BATCH_H
