//===- Int16Params.h - Parameters of the int16 ref kernels ------*- C++ -*-===//
//
// The compiler-side half of the int16-activation reference kernels
// (runtime/include/ingot/runtime/kernels/ref/*_s16.h). Each function
// reproduces the matching TensorFlow Lite Micro Prepare step, including which
// quotients it rounds to float and which it keeps in double: ADD and SUB, for
// instance, compute the same quantities at different precisions.
//
// Several int16 ops reuse the int8 parameter functions, because TFLite Micro
// computes their parameters the same way for both types:
//   - CONV_2D, DEPTHWISE_CONV_2D and TRANSPOSE_CONV: convPerChannelMultipliers
//     (KernelParams.h);
//   - FULLY_CONNECTED: fullyConnectedMultiplier (KernelParams.h), one
//     per-tensor multiplier (TFLite Micro's per-channel path is int8-only);
//   - AVERAGE_POOL_2D and MAX_POOL_2D: no multiplier, computePadding only;
//   - QUANTIZE between integer types: requantizeMultiplier
//     (RequantizeParams.h); from float, and DEQUANTIZE: the stored scale and
//     zero point.
// Those with a fused activation take its bounds from activationRangeS16.
//
//===----------------------------------------------------------------------===//
#ifndef INGOT_QUANTIZATION_INT16PARAMS_H
#define INGOT_QUANTIZATION_INT16PARAMS_H

#include "KernelParams.h"
#include "QuantizedMultiplier.h"

#include <cstdint>
#include <vector>

namespace ingot::quant {

/// Inclusive bounds of an int16 output after its fused activation:
/// quantizedActivationRange with the int16 storage range [-32768, 32767],
/// which is what TFLite Micro's CalculateActivationRangeQuantized uses for
/// every int16 kernel.
ActivationRange activationRangeS16(FusedActivation activation,
                                   float outputScale, int32_t outputZeroPoint);

/// Every integer argument of add_s16 and sub_s16 except shapes, strides and
/// activation bounds. Offsets follow the kernel convention: inputs carry the
/// negated zero point, the output the zero point itself. The kernels shift
/// inputs left by 15 bits; the output multiplier accounts for that.
struct AddSubS16Params {
  int32_t input1Offset = 0;
  int32_t input1Multiplier = 0;
  int32_t input1Shift = 0;
  int32_t input2Offset = 0;
  int32_t input2Multiplier = 0;
  int32_t input2Shift = 0;
  int32_t outputOffset = 0;
  int32_t outputMultiplier = 0;
  int32_t outputShift = 0;
};

/// Parameters of an int16 ADD, as TFLite Micro's CalculateOpDataAdd computes
/// them: twice the larger input scale and all three quotients in double.
/// TFLite Micro uses this general path whatever pot_scale_int16 says.
AddSubS16Params addS16Params(float input1Scale, int32_t input1ZeroPoint,
                             float input2Scale, int32_t input2ZeroPoint,
                             float outputScale, int32_t outputZeroPoint);

/// Parameters of an int16 SUB, as TFLite Micro's CalculateOpDataSub computes
/// them: the same quantities as ADD, but twice the larger input scale and all
/// three quotients are rounded to float before widening to double. This moves
/// some multipliers by one unit in the last place relative to ADD's rule (and
/// to TFLite's own SUB), which changes a few outputs by one.
AddSubS16Params subS16Params(float input1Scale, int32_t input1ZeroPoint,
                             float input2Scale, int32_t input2ZeroPoint,
                             float outputScale, int32_t outputZeroPoint);

/// Output shape and per-input element strides for a broadcasting binary
/// kernel (add_s16, sub_s16), all of the same rank. A stride is 0 along a
/// dimension that input is broadcast over. Dimensions of size 1 are dropped
/// and neighbouring dimensions that both inputs traverse contiguously are
/// merged, so same-shaped inputs give rank 1 ({size}, {1}, {1}); the rank is
/// never 0 (a scalar result is {1}, {0 or 1}, {0 or 1}).
struct BroadcastStrides {
  std::vector<int32_t> outputShape;
  std::vector<int32_t> input1Strides;
  std::vector<int32_t> input2Strides;
};

/// numpy-style broadcast of two shapes (aligned at their last dimension; each
/// pair of sizes equal or one of them 1). Returns all vectors empty if the
/// shapes do not broadcast, have a negative size or more than 6 dimensions.
BroadcastStrides broadcastStrides(const std::vector<int32_t> &input1Shape,
                                  const std::vector<int32_t> &input2Shape);

/// Integer arguments of leaky_relu_s16.
struct LeakyReluS16Params {
  int32_t inputZeroPoint = 0;
  int32_t outputZeroPoint = 0;
  int32_t identityMultiplier = 0;
  int32_t identityShift = 0;
  int32_t alphaMultiplier = 0;
  int32_t alphaShift = 0;
};

/// TFLite Micro's CalculateOpDataLeakyRelu: input_scale * alpha /
/// output_scale and input_scale / output_scale are evaluated in float, then
/// widened to double and decomposed.
LeakyReluS16Params leakyReluS16Params(float inputScale, int32_t inputZeroPoint,
                                      float alpha, float outputScale,
                                      int32_t outputZeroPoint);

/// Leading padding of TRANSPOSE_CONV: TFLite's ComputePaddingHeightWidth with
/// the roles of input and output swapped (the *output* height and width are
/// the "input" size) and dilation 1. Only `top` and `left` are meaningful.
PaddingValues transposeConvPadding(bool same, int32_t outputH, int32_t outputW,
                                   int32_t filterH, int32_t filterW,
                                   int32_t strideH, int32_t strideW);

/// Per-axis arguments of strided_slice_s16, each with one entry per input
/// dimension (shrunk axes have output size 1).
struct StridedSliceS16Params {
  std::vector<int32_t> start;
  std::vector<int32_t> stride;
  std::vector<int32_t> outputShape;
};

/// Resolves STRIDED_SLICE's begin, end and strides tensors and its begin, end
/// and shrink-axis masks with TFLite's StartForAxis / StopForAxis rules:
/// negative indices count from the end, indices are clamped to the axis
/// ([0, size] forward, [-1, size - 1] backward), a masked begin or end means
/// the whole axis, and a shrunk axis keeps the single element at its start.
/// The output size of an axis is ceil((stop - start) / stride), at least 0.
///
/// TFLite Micro ignores ellipsis_mask, new_axis_mask and the `offset` option
/// (the importer should reject them when set). Returns all vectors empty if
/// begin, end or strides do not have one entry per input dimension, a stride
/// is 0, or a shrunk axis starts outside the input.
StridedSliceS16Params stridedSliceS16Params(
    const std::vector<int32_t> &inputShape, const std::vector<int32_t> &begin,
    const std::vector<int32_t> &end, const std::vector<int32_t> &strides,
    int32_t beginMask, int32_t endMask, int32_t shrinkAxisMask);

} // namespace ingot::quant

#endif // INGOT_QUANTIZATION_INT16PARAMS_H
