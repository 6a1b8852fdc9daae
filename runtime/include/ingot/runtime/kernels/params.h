//===- params.h - Parameter structs of the optimized kernels ----*- C++ -*-===//
//
// This file implements the parameter structs that optimized kernels take
// instead of two dozen positional integers. Generated code defines each
// layer's parameters as a `static constexpr` object with a positional
// aggregate initializer, so the field order below is part of the contract
// with the compiler (compiler/Target/Cpp): append fields, never reorder them.
// The same struct serves every variant of a kernel family, whether it reads
// the fields at run time or takes the object as a template argument and
// folds them into constants.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_RUNTIME_KERNELS_PARAMS_H
#define INGOT_RUNTIME_KERNELS_PARAMS_H

#include <cstdint>

namespace ingot {

/// The geometry and quantization of an int8 CONV_2D or DEPTHWISE_CONV_2D.
/// Offsets follow the reference kernels: `input_offset` is the negated input
/// zero point, `output_offset` the output zero point. The per-channel
/// multipliers and shifts are arrays passed beside the struct.
struct Conv2DParams {
  int32_t batches, input_h, input_w, input_c;
  int32_t filter_h, filter_w;
  int32_t output_h, output_w, output_c;
  int32_t stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
  /// 1 for CONV_2D.
  int32_t depth_multiplier;
  int32_t input_offset, output_offset, activation_min, activation_max;
  /// True when every channel's rescale may use the one-multiply form (see
  /// ingot::dsp::single_rounding_exact); false selects the general
  /// arithmetic of fixed_point.h. Both give the reference's bits.
  bool single_rounding_exact;
};

/// The shape and per-tensor quantization of an int8 FULLY_CONNECTED whose
/// filter zero point is 0.
struct FullyConnectedParams {
  int32_t batches, input_depth, output_depth;
  int32_t input_offset, output_offset;
  int32_t output_multiplier, output_shift;
  int32_t activation_min, activation_max;
  /// As in Conv2DParams, for the one multiplier.
  bool single_rounding_exact;
};

} // namespace ingot

#endif // INGOT_RUNTIME_KERNELS_PARAMS_H
