//===- resize.h - Reference RESIZE_NEAREST_NEIGHBOR and BILINEAR -*- C++ -*-=//
//
// This file implements TFLite's RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR
// on NHWC tensors. Which input rows and columns each output row and column
// reads, and with which weights, depends only on the sizes and the
// align_corners / half_pixel_centers options, so the compiler computes them
// with TensorFlow Lite Micro's arithmetic and passes them as tables; the
// kernels only combine elements.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_RESIZE_H
#define INGOT_RUNTIME_KERNELS_REF_RESIZE_H

#include <cstdint>
#include <cstring>

#include "ingot/runtime/config.h"

namespace ingot::ref {

/// Output [b, y, x, c] = input [b, source_row[y], source_col[x], c].
template <typename Element>
INGOT_KERNEL void
resize_nearest(const Element *input, Element *output, int32_t batches,
               int32_t input_height, int32_t input_width, int32_t depth,
               int32_t output_height, int32_t output_width,
               const int32_t *source_row, const int32_t *source_col) {
  for (int32_t b = 0; b < batches; ++b) {
    const Element *image =
        input + static_cast<int64_t>(b) * input_height * input_width * depth;
    for (int32_t y = 0; y < output_height; ++y) {
      const Element *row =
          image + static_cast<int64_t>(source_row[y]) * input_width * depth;
      for (int32_t x = 0; x < output_width; ++x) {
        std::memcpy(output, row + static_cast<int64_t>(source_col[x]) * depth,
                    static_cast<size_t>(depth) * sizeof(Element));
        output += depth;
      }
    }
  }
}

/// Float bilinear: output row y mixes input rows low_row[y] and
/// high_row[y] with weight row_fraction[y] on the high one (which may lie
/// outside [0, 1] with half-pixel centers, as in TFLM); columns likewise.
INGOT_KERNEL void
resize_bilinear_f32(const float *input, float *output, int32_t batches,
                    int32_t input_height, int32_t input_width, int32_t depth,
                    int32_t output_height, int32_t output_width,
                    const int32_t *low_row, const int32_t *high_row,
                    const float *row_fraction, const int32_t *low_col,
                    const int32_t *high_col, const float *col_fraction) {
  const int64_t row_stride = static_cast<int64_t>(input_width) * depth;
  for (int32_t b = 0; b < batches; ++b) {
    const float *image = input + b * input_height * row_stride;
    for (int32_t y = 0; y < output_height; ++y) {
      const float dy = row_fraction[y];
      const float *top = image + low_row[y] * row_stride;
      const float *bottom = image + high_row[y] * row_stride;
      for (int32_t x = 0; x < output_width; ++x) {
        const float dx = col_fraction[x];
        const int32_t left = low_col[x] * depth, right = high_col[x] * depth;
        for (int32_t c = 0; c < depth; ++c)
          *output++ = top[left + c] * (1 - dy) * (1 - dx) +
                      bottom[left + c] * dy * (1 - dx) +
                      top[right + c] * (1 - dy) * dx +
                      bottom[right + c] * dy * dx;
      }
    }
  }
}

/// Integer bilinear (TFLM's ResizeBilinearInteger): the fractions are in
/// units of 2^-10, the four products summed in 2^-20 and rounded half away
/// from zero.
template <typename Element>
INGOT_KERNEL void
resize_bilinear_integer(const Element *input, Element *output, int32_t batches,
                        int32_t input_height, int32_t input_width,
                        int32_t depth, int32_t output_height,
                        int32_t output_width, const int32_t *low_row,
                        const int32_t *high_row, const int32_t *row_fraction,
                        const int32_t *low_col, const int32_t *high_col,
                        const int32_t *col_fraction) {
  constexpr int64_t kOne = 1 << 10;
  const int64_t row_stride = static_cast<int64_t>(input_width) * depth;
  for (int32_t b = 0; b < batches; ++b) {
    const Element *image = input + b * input_height * row_stride;
    for (int32_t y = 0; y < output_height; ++y) {
      const int64_t dy = row_fraction[y];
      const Element *top = image + low_row[y] * row_stride;
      const Element *bottom = image + high_row[y] * row_stride;
      for (int32_t x = 0; x < output_width; ++x) {
        const int64_t dx = col_fraction[x];
        const int32_t left = low_col[x] * depth, right = high_col[x] * depth;
        for (int32_t c = 0; c < depth; ++c) {
          const int64_t sum = top[left + c] * (kOne - dy) * (kOne - dx) +
                              bottom[left + c] * dy * (kOne - dx) +
                              top[right + c] * (kOne - dy) * dx +
                              bottom[right + c] * dy * dx;
          const int64_t half = sum > 0 ? (1 << 19) : -(1 << 19);
          *output++ = static_cast<Element>((sum + half) / (1 << 20));
        }
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_RESIZE_H
