//===- batch_matmul.h - Reference BATCH_MATMUL ------------------*- C++ -*-===//
//
// This file implements BATCH_MATMUL for float32, int8 and int16 tensors,
// matching TensorFlow Lite Micro's reference BatchMatMul.
//
// The reference transposes its operands into scratch copies so that both are
// read along rows; these kernels read the operands in place through element
// strides instead (the compiler folds adj_x and adj_y into them), which
// visits the same products in the same order without the copies. Broadcast
// batch dimensions are resolved by the compiler too: output matrix b reads
// lhs matrix lhs_offsets[b] and rhs matrix rhs_offsets[b] (element offsets).
//
// Element (m, k) of an lhs matrix is at m * lhs_m_stride + k * lhs_k_stride,
// element (k, n) of an rhs matrix at k * rhs_k_stride + n * rhs_n_stride;
// the output is row-major [batches][rows][cols].
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_REF_BATCH_MATMUL_H
#define INGOT_RUNTIME_KERNELS_REF_BATCH_MATMUL_H

#include <cstdint>

#include "ingot/runtime/config.h"
#include "ingot/runtime/fixed_point.h"

namespace ingot::ref {

/// float32: each output is the sum over k = 0 .. depth-1 in increasing k,
/// as the reference accumulates it. BATCH_MATMUL has no fused activation.
INGOT_KERNEL void batch_matmul_f32(const float *lhs, const float *rhs,
                                   float *output, int32_t batches,
                                   const int32_t *lhs_offsets,
                                   const int32_t *rhs_offsets, int32_t rows,
                                   int32_t depth, int32_t cols,
                                   int32_t lhs_m_stride, int32_t lhs_k_stride,
                                   int32_t rhs_k_stride, int32_t rhs_n_stride) {
  for (int32_t b = 0; b < batches; ++b) {
    const float *lhs_matrix = lhs + lhs_offsets[b];
    const float *rhs_matrix = rhs + rhs_offsets[b];
    float *out = output + b * rows * cols;
    for (int32_t m = 0; m < rows; ++m) {
      for (int32_t n = 0; n < cols; ++n) {
        float total = 0.0f;
        for (int32_t k = 0; k < depth; ++k)
          total += lhs_matrix[m * lhs_m_stride + k * lhs_k_stride] *
                   rhs_matrix[k * rhs_k_stride + n * rhs_n_stride];
        out[m * cols + n] = total;
      }
    }
  }
}

/// int8: the zero-point-centered products summed in int32, rescaled by
/// multiplier * 2^(shift - 31), offset by the output zero point and
/// saturated to int8.
INGOT_KERNEL void
batch_matmul_s8(const int8_t *lhs, const int8_t *rhs, int8_t *output,
                int32_t batches, const int32_t *lhs_offsets,
                const int32_t *rhs_offsets, int32_t rows, int32_t depth,
                int32_t cols, int32_t lhs_m_stride, int32_t lhs_k_stride,
                int32_t rhs_k_stride, int32_t rhs_n_stride,
                int32_t lhs_zero_point, int32_t rhs_zero_point,
                int32_t output_zero_point, int32_t multiplier, int32_t shift) {
  for (int32_t b = 0; b < batches; ++b) {
    const int8_t *lhs_matrix = lhs + lhs_offsets[b];
    const int8_t *rhs_matrix = rhs + rhs_offsets[b];
    int8_t *out = output + b * rows * cols;
    for (int32_t m = 0; m < rows; ++m) {
      for (int32_t n = 0; n < cols; ++n) {
        int32_t total = 0;
        for (int32_t k = 0; k < depth; ++k)
          total += (static_cast<int32_t>(
                        lhs_matrix[m * lhs_m_stride + k * lhs_k_stride]) -
                    lhs_zero_point) *
                   (static_cast<int32_t>(
                        rhs_matrix[k * rhs_k_stride + n * rhs_n_stride]) -
                    rhs_zero_point);
        const int32_t scaled =
            multiply_by_quantized_multiplier(total, multiplier, shift) +
            output_zero_point;
        out[m * cols + n] = static_cast<int8_t>(clamp_i32(scaled, -128, 127));
      }
    }
  }
}

/// int16 (symmetric, zero points 0): products summed in int64, rescaled with
/// the int64 form of the multiplier and saturated to int16.
INGOT_KERNEL void batch_matmul_s16(const int16_t *lhs, const int16_t *rhs,
                                   int16_t *output, int32_t batches,
                                   const int32_t *lhs_offsets,
                                   const int32_t *rhs_offsets, int32_t rows,
                                   int32_t depth, int32_t cols,
                                   int32_t lhs_m_stride, int32_t lhs_k_stride,
                                   int32_t rhs_k_stride, int32_t rhs_n_stride,
                                   int32_t multiplier, int32_t shift) {
  for (int32_t b = 0; b < batches; ++b) {
    const int16_t *lhs_matrix = lhs + lhs_offsets[b];
    const int16_t *rhs_matrix = rhs + rhs_offsets[b];
    int16_t *out = output + b * rows * cols;
    for (int32_t m = 0; m < rows; ++m) {
      for (int32_t n = 0; n < cols; ++n) {
        int64_t total = 0;
        for (int32_t k = 0; k < depth; ++k)
          total += static_cast<int64_t>(
                       lhs_matrix[m * lhs_m_stride + k * lhs_k_stride]) *
                   rhs_matrix[k * rhs_k_stride + n * rhs_n_stride];
        const int32_t scaled =
            multiply_by_quantized_multiplier_s64(total, multiplier, shift);
        out[m * cols + n] =
            static_cast<int16_t>(clamp_i32(scaled, -32768, 32767));
      }
    }
  }
}

} // namespace ingot::ref

#endif // INGOT_RUNTIME_KERNELS_REF_BATCH_MATMUL_H
