//===- LayerCalls.cpp - Kernels of layer operators --------------------===//
//
// This file implements the planner of the layer operators lowered to
// kernel.call: BATCH_MATMUL, L2_POOL_2D and TRANSPOSE_CONV, and the type
// combinations of QUANTIZE, DEQUANTIZE, FULLY_CONNECTED (per-channel
// weights), CONV_2D (int16 with int32 bias) and SVDF (float32, and int8 with
// an int16 state) that the op-specific patterns in
// GraphToKernel.cpp do not cover (for the others it returns std::nullopt and
// those patterns lower the op). Every integer parameter is computed here the
// way TensorFlow Lite Micro's Prepare computes it.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "Int16Params.h"
#include "KernelParams.h"
#include "RequantizeParams.h"
#include "SvdfParams.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

using namespace mlir;
using namespace ingot::graph;
namespace iq = ingot::quant;

namespace ingot::calls {
namespace {

bool isPerTensorSigned(Value value, unsigned width) {
  auto type = dyn_cast<mlir::quant::UniformQuantizedType>(
      cast<ShapedType>(value.getType()).getElementType());
  return type && type.isSigned() && type.getStorageTypeIntegralWidth() == width;
}

float floatScaleOf(Value value) { return static_cast<float>(scaleOf(value)); }

/// The fused activation a TRANSPOSE_CONV carries: the graph op has no
/// attribute for it, so the importer attaches `ingot.fused_activation`.
Activation transposeConvActivation(TransposeConvOp op) {
  if (auto attr = op->getAttrOfType<ActivationAttr>("ingot.fused_activation"))
    return attr.getValue();
  return Activation::None;
}

/// TFLite's float activation bounds (CalculateActivationRange<float>):
/// "no bound" is the largest finite float, not infinity.
std::pair<float, float> floatBounds(Activation activation) {
  constexpr float kMax = std::numeric_limits<float>::max();
  switch (activation) {
  case Activation::None:
    break;
  case Activation::Relu:
    return {0.0f, kMax};
  case Activation::ReluN1To1:
    return {-1.0f, 1.0f};
  case Activation::Relu6:
    return {0.0f, 6.0f};
  }
  return {-kMax, kMax};
}

/// TFLite's CalculateActivationRangeQuantized on `output` (the bound divided
/// by the scale in float, as TFLite does).
iq::ActivationRange quantizedBounds(Activation activation, Value output,
                                    int32_t qmin, int32_t qmax) {
  iq::FusedActivation fused = iq::FusedActivation::None;
  switch (activation) {
  case Activation::None:
    break;
  case Activation::Relu:
    fused = iq::FusedActivation::Relu;
    break;
  case Activation::ReluN1To1:
    fused = iq::FusedActivation::ReluN1To1;
    break;
  case Activation::Relu6:
    fused = iq::FusedActivation::Relu6;
    break;
  }
  return iq::quantizedActivationRange(fused, floatScaleOf(output),
                                      zeroPointOf(output), qmin, qmax);
}

//===----------------------------------------------------------------------===//
// QUANTIZE and DEQUANTIZE
//===----------------------------------------------------------------------===//

/// int8 -> int16 and int16 -> int16 requantization (TFLite's Requantize);
/// the other pairs are the op-specific patterns'.
std::optional<KernelCall> planQuantize(QuantizeOp op) {
  Value input = op.getInput(), output = op.getOutput();
  bool fromS8 = isPerTensorSigned(input, 8),
       fromS16 = isPerTensorSigned(input, 16);
  if (!(fromS8 || fromS16) || !isPerTensorSigned(output, 16))
    return std::nullopt;
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  iq::QuantizedMultiplier multiplier =
      iq::requantizeMultiplier(floatScaleOf(input), floatScaleOf(output));
  KernelCall call(op.getContext());
  call.callee = fromS8 ? "requantize_s8_s16" : "requantize_s16_s16";
  call.header = "ref/requantize_wide";
  call.operand(input)
      .i32("size", elementsOf(input))
      .i32("input_zero_point", zeroPointOf(input))
      .i32("output_zero_point", zeroPointOf(output))
      .i32("multiplier", multiplier.multiplier)
      .i32("shift", multiplier.shift);
  return call;
}

/// uint8 -> float32; int8 and int16 are the op-specific patterns'.
std::optional<KernelCall> planDequantize(DequantizeOp op) {
  Value input = op.getInput();
  auto type = dyn_cast<mlir::quant::UniformQuantizedType>(
      cast<ShapedType>(input.getType()).getElementType());
  if (!type || type.isSigned() || type.getStorageTypeIntegralWidth() != 8 ||
      !cast<ShapedType>(op.getOutput().getType()).getElementType().isF32())
    return std::nullopt;
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  KernelCall call(op.getContext());
  call.callee = "dequantize_u8_f32";
  call.operand(input)
      .i32("size", elementsOf(input))
      .f32("scale", scaleOf(input))
      .i32("zero_point", zeroPointOf(input));
  return call;
}

//===----------------------------------------------------------------------===//
// L2_POOL_2D
//===----------------------------------------------------------------------===//

std::optional<KernelCall> planL2Pool(L2Pool2DOp op) {
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  Value input = op.getInput(), output = op.getOutput();
  if (typeTag(input) != "float32" || typeTag(output) != "float32")
    return KernelCall::blocked(context, "has no kernel for " + typeTag(input) +
                                            " tensors (L2_POOL_2D is "
                                            "supported on float32, as in "
                                            "TFLite Micro)");
  ArrayRef<int64_t> in = shapeOf(input), out = shapeOf(output);
  if (in.size() != 4 || out.size() != 4 || in[0] != out[0] || in[3] != out[3])
    return KernelCall::blocked(context, "has input and output shapes that are "
                                        "not NHWC with equal batches and "
                                        "channels");
  iq::PaddingValues padding = iq::computePadding(
      op.getPadding() == Padding::Same, in[1], in[2], op.getFilterH(),
      op.getFilterW(), op.getStrideH(), op.getStrideW(), 1, 1);
  if (padding.outputH != out[1] || padding.outputW != out[2])
    return KernelCall::blocked(context, "has an output shape that does not "
                                        "follow from its padding, filter and "
                                        "strides");
  auto [low, high] = floatBounds(op.getFusedActivation());
  KernelCall call(context);
  call.callee = "l2_pool2d_f32";
  call.operand(input)
      .i32("batches", in[0])
      .i32("input_h", in[1])
      .i32("input_w", in[2])
      .i32("channels", in[3])
      .i32("output_h", out[1])
      .i32("output_w", out[2])
      .i32("filter_h", op.getFilterH())
      .i32("filter_w", op.getFilterW())
      .i32("stride_h", op.getStrideH())
      .i32("stride_w", op.getStrideW())
      .i32("pad_top", padding.top)
      .i32("pad_left", padding.left)
      .f32("activation_min", low)
      .f32("activation_max", high);
  return call;
}

//===----------------------------------------------------------------------===//
// BATCH_MATMUL
//===----------------------------------------------------------------------===//

std::optional<KernelCall> planBatchMatMul(BatchMatMulOp op) {
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  Value lhs = op.getLhs(), rhs = op.getRhs(), output = op.getOutput();
  std::string type = typeTag(lhs);
  bool isFloat =
      type == "float32" && typeTag(rhs) == type && typeTag(output) == type;
  bool isS8 = isPerTensorSigned(lhs, 8) && isPerTensorSigned(rhs, 8) &&
              isPerTensorSigned(output, 8);
  bool isS16 = isPerTensorSigned(lhs, 16) && isPerTensorSigned(rhs, 16) &&
               isPerTensorSigned(output, 16);
  if (!isFloat && !isS8 && !isS16)
    return KernelCall::blocked(
        context, "has no kernel for " + type + " x " + typeTag(rhs) + " -> " +
                     typeTag(output) +
                     " (BATCH_MATMUL is supported with float32, int8 or "
                     "int16 for both inputs and the output)");
  if (isS16 && (zeroPointOf(lhs) != 0 || zeroPointOf(rhs) != 0 ||
                zeroPointOf(output) != 0))
    return KernelCall::blocked(context, "has int16 tensors with non-zero zero "
                                        "points, which TFLite's int16 "
                                        "BATCH_MATMUL does not take");
  ArrayRef<int64_t> lhsShape = shapeOf(lhs), rhsShape = shapeOf(rhs),
                    outShape = shapeOf(output);
  size_t rank = std::max(lhsShape.size(), rhsShape.size());
  if (lhsShape.size() < 2 || rhsShape.size() < 2 || rank > 5 ||
      outShape.size() != rank)
    return KernelCall::blocked(context, "has inputs of rank outside [2, 5] or "
                                        "an output of another rank");
  bool adjX = op.getAdjX(), adjY = op.getAdjY();
  int64_t lhsA = lhsShape[lhsShape.size() - 2], lhsB = lhsShape.back();
  int64_t rhsA = rhsShape[rhsShape.size() - 2], rhsB = rhsShape.back();
  int64_t rows = adjX ? lhsB : lhsA, depth = adjX ? lhsA : lhsB;
  int64_t rhsDepth = adjY ? rhsB : rhsA, cols = adjY ? rhsA : rhsB;
  if (depth != rhsDepth || outShape[rank - 2] != rows ||
      outShape[rank - 1] != cols)
    return KernelCall::blocked(context, "has matrix dimensions that do not "
                                        "multiply to its output shape");
  // Batch dimensions, right-aligned and broadcast.
  size_t batchRank = rank - 2;
  auto batchDim = [&](ArrayRef<int64_t> shape, size_t d) -> int64_t {
    size_t lead = rank - shape.size();
    return d < lead ? 1 : shape[d - lead];
  };
  SmallVector<int64_t> lhsStrides(batchRank), rhsStrides(batchRank);
  int64_t lhsStride = rows * depth, rhsStride = depth * cols;
  for (size_t i = batchRank; i-- > 0;) {
    int64_t l = batchDim(lhsShape, i), r = batchDim(rhsShape, i);
    if ((l != r && l != 1 && r != 1) || outShape[i] != std::max(l, r))
      return KernelCall::blocked(context, "has batch dimensions that do not "
                                          "broadcast to its output");
    lhsStrides[i] = l == 1 ? 0 : lhsStride;
    rhsStrides[i] = r == 1 ? 0 : rhsStride;
    lhsStride *= l;
    rhsStride *= r;
  }
  int64_t batches = 1;
  for (size_t i = 0; i < batchRank; ++i)
    batches *= outShape[i];
  SmallVector<int64_t> lhsOffsets, rhsOffsets;
  for (int64_t b = 0; b < batches; ++b) {
    int64_t rest = b, lhsOffset = 0, rhsOffset = 0;
    for (size_t i = batchRank; i-- > 0;) {
      int64_t index = rest % outShape[i];
      rest /= outShape[i];
      lhsOffset += index * lhsStrides[i];
      rhsOffset += index * rhsStrides[i];
    }
    lhsOffsets.push_back(lhsOffset);
    rhsOffsets.push_back(rhsOffset);
  }
  KernelCall call(context);
  call.callee = isFloat ? "batch_matmul_f32"
                        : (isS8 ? "batch_matmul_s8" : "batch_matmul_s16");
  call.header = "ref/batch_matmul";
  if (isS16)
    call.maxRescaleShift = iq::kMaxWideKernelShift;
  call.operand(lhs)
      .operand(rhs)
      .i32("batches", batches)
      .i32s("lhs_offsets", lhsOffsets)
      .i32s("rhs_offsets", rhsOffsets)
      .i32("rows", rows)
      .i32("depth", depth)
      .i32("cols", cols)
      .i32("lhs_m_stride", adjX ? 1 : depth)
      .i32("lhs_k_stride", adjX ? rows : 1)
      .i32("rhs_k_stride", adjY ? 1 : cols)
      .i32("rhs_n_stride", adjY ? depth : 1);
  if (isFloat)
    return call;
  // TFLite's GetQuantizedConvolutionMultipler: the scale product rounded to
  // float, then divided in double.
  iq::QuantizedMultiplier multiplier = iq::fullyConnectedMultiplier(
      floatScaleOf(lhs), floatScaleOf(rhs), floatScaleOf(output));
  if (isS8)
    call.i32("lhs_zero_point", zeroPointOf(lhs))
        .i32("rhs_zero_point", zeroPointOf(rhs))
        .i32("output_zero_point", zeroPointOf(output));
  call.i32("multiplier", multiplier.multiplier).i32("shift", multiplier.shift);
  return call;
}

//===----------------------------------------------------------------------===//
// TRANSPOSE_CONV
//===----------------------------------------------------------------------===//

/// Whether `filter` is int8 with zero zero points, per tensor or per output
/// channel (axis 0).
bool isSymmetricS8Filter(Value filter) {
  Type element = cast<ShapedType>(filter.getType()).getElementType();
  if (auto axis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return axis.isSigned() && axis.getStorageTypeIntegralWidth() == 8 &&
           axis.getQuantizedDimension() == 0 &&
           llvm::all_of(axis.getZeroPoints(),
                        [](int64_t zero) { return zero == 0; });
  return isPerTensorSigned(filter, 8) && zeroPointOf(filter) == 0;
}

std::vector<float> filterScales(Value filter) {
  Type element = cast<ShapedType>(filter.getType()).getElementType();
  if (auto axis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return std::vector<float>(axis.getScales().begin(), axis.getScales().end());
  return {floatScaleOf(filter)};
}

std::optional<KernelCall> planTransposeConv(TransposeConvOp op) {
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  Value input = op.getInput(), filter = op.getFilter(), bias = op.getBias(),
        output = op.getOutput();
  std::string biasType = bias ? typeTag(bias) : "none";
  bool isFloat = typeTag(input) == "float32" && typeTag(filter) == "float32" &&
                 typeTag(output) == "float32" &&
                 (!bias || biasType == "float32");
  bool isS8 = isPerTensorSigned(input, 8) && isPerTensorSigned(output, 8) &&
              isSymmetricS8Filter(filter) && (!bias || biasType == "int32");
  bool isS16 = isPerTensorSigned(input, 16) && isPerTensorSigned(output, 16) &&
               zeroPointOf(input) == 0 && zeroPointOf(output) == 0 &&
               isSymmetricS8Filter(filter) && (!bias || biasType == "int64");
  // Dynamic range: float activations and bias, int8 weights (TFLite's
  // hybrid kernel; TFLite Micro has none).
  bool isHybrid = typeTag(input) == "float32" && typeTag(output) == "float32" &&
                  (!bias || biasType == "float32") &&
                  isSymmetricS8Filter(filter);
  if (!isFloat && !isS8 && !isS16 && !isHybrid)
    return KernelCall::blocked(
        context, "has no kernel for " + typeTag(input) + " input, " +
                     typeTag(filter) + " filter and " + biasType +
                     " bias (TRANSPOSE_CONV is supported on float32, on int8 "
                     "with int32 bias, on int16 with int64 bias and on "
                     "float32 with int8 weights, with symmetric int8 "
                     "weights)");
  ArrayRef<int64_t> in = shapeOf(input), weights = shapeOf(filter),
                    out = shapeOf(output);
  if (in.size() != 4 || weights.size() != 4 || out.size() != 4 ||
      in[0] != out[0] || weights[0] != out[3] || weights[3] != in[3] ||
      (bias && elementsOf(bias) != out[3]))
    return KernelCall::blocked(context, "has input, filter, bias and output "
                                        "shapes that do not fit together");
  if (op.getStrideH() <= 0 || op.getStrideW() <= 0)
    return KernelCall::blocked(context, "has a non-positive stride");
  iq::PaddingValues padding = iq::transposeConvPadding(
      op.getPadding() == Padding::Same, out[1], out[2], weights[1], weights[2],
      op.getStrideH(), op.getStrideW());
  Activation activation = transposeConvActivation(op);
  KernelCall call(context);
  call.header = "ref/transpose_conv2d";
  call.callee = isFloat    ? "transpose_conv2d_f32"
                : isHybrid ? "transpose_conv2d_hybrid_f32_s8"
                : isS8     ? "transpose_conv2d_s8"
                           : "transpose_conv2d_s16";
  call.operand(input).operand(filter);
  if (bias)
    call.operand(bias);
  // Every variant takes the shapes, strides and padding in this order.
  auto addGeometry = [&](KernelCall &call) {
    call.i32("batches", in[0])
        .i32("input_h", in[1])
        .i32("input_w", in[2])
        .i32("input_c", in[3])
        .i32("filter_h", weights[1])
        .i32("filter_w", weights[2])
        .i32("output_h", out[1])
        .i32("output_w", out[2])
        .i32("output_c", out[3])
        .i32("stride_h", op.getStrideH())
        .i32("stride_w", op.getStrideW())
        .i32("pad_top", padding.top)
        .i32("pad_left", padding.left);
  };
  std::vector<iq::QuantizedMultiplier> multipliers;
  SmallVector<int32_t> multiplier, shift;
  if (isHybrid) {
    std::vector<float> scales = filterScales(filter);
    if (scales.size() == 1)
      scales.assign(out[3], scales.front());
    if (scales.size() != static_cast<size_t>(out[3]))
      return KernelCall::blocked(context, "has a filter with neither one "
                                          "scale nor one per output channel");
    // The quantized input of one batch.
    call.scratchBytes = in[1] * in[2] * in[3];
    auto [low, high] = floatBounds(activation);
    addGeometry(call);
    call.f32s("filter_scales", scales)
        .f32("activation_min", low)
        .f32("activation_max", high);
    return call;
  }
  if (!isFloat) {
    multipliers = iq::convPerChannelMultipliers(
        floatScaleOf(input), filterScales(filter), floatScaleOf(output),
        static_cast<int32_t>(out[3]));
    if (multipliers.size() != static_cast<size_t>(out[3]))
      return KernelCall::blocked(context, "has a filter with neither one "
                                          "scale nor one per output channel");
    for (const iq::QuantizedMultiplier &m : multipliers) {
      multiplier.push_back(m.multiplier);
      shift.push_back(m.shift);
    }
  }
  // transpose_conv2d_s16 takes its rescale arrays before the shapes.
  if (isS16) {
    call.maxRescaleShift = iq::kMaxWideKernelShift;
    call.i32s("output_multiplier", multiplier).i32s("output_shift", shift);
  }
  addGeometry(call);
  if (isFloat) {
    auto [low, high] = floatBounds(activation);
    call.f32("activation_min", low).f32("activation_max", high);
    return call;
  }
  if (isS8)
    call.i32("input_zero_point", zeroPointOf(input))
        .i32("output_zero_point", zeroPointOf(output))
        .i32s("output_multiplier", multiplier)
        .i32s("output_shift", shift);
  iq::ActivationRange range =
      isS8 ? quantizedBounds(activation, output, -128, 127)
           : quantizedBounds(activation, output, -32768, 32767);
  call.i32("activation_min", range.min).i32("activation_max", range.max);
  return call;
}

//===----------------------------------------------------------------------===//
// FULLY_CONNECTED with per-channel weights
//===----------------------------------------------------------------------===//

/// int8 and int16x8 FULLY_CONNECTED whose weights are quantized per output
/// channel, and int16x8 with per-tensor weights and an int32 bias; the other
/// per-tensor cases are the op-specific patterns'.
std::optional<KernelCall> planFullyConnected(FullyConnectedOp op) {
  Value input = op.getInput(), filter = op.getFilter(), bias = op.getBias(),
        output = op.getOutput();
  bool perChannel = isa<mlir::quant::UniformQuantizedPerAxisType>(
      cast<ShapedType>(filter.getType()).getElementType());
  // Hybrid (float input) layers, per channel or not, are the op-specific
  // pattern's.
  if (cast<ShapedType>(input.getType()).getElementType().isF32())
    return std::nullopt;
  // The op-specific int16 kernel takes an int64 bias; TFLM sums an int32
  // bias's FULLY_CONNECTED (version 11) in int32, which the per-channel
  // kernel does with one repeated multiplier.
  bool perTensorS16WithInt32Bias = !perChannel &&
                                   isPerTensorSigned(input, 16) && bias &&
                                   typeTag(bias) == "int32";
  if (!perChannel && !perTensorS16WithInt32Bias)
    return std::nullopt;
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  std::string biasType = bias ? typeTag(bias) : "none";
  bool isS8 = isPerTensorSigned(input, 8) && isPerTensorSigned(output, 8) &&
              (!bias || biasType == "int32");
  bool isS16 = isPerTensorSigned(input, 16) && isPerTensorSigned(output, 16) &&
               zeroPointOf(input) == 0 && zeroPointOf(output) == 0 &&
               (!bias || biasType == "int64" || biasType == "int32");
  if ((!isS8 && !isS16) || !isSymmetricS8Filter(filter))
    return KernelCall::blocked(
        context, "has no kernel for " + typeTag(input) + " input and " +
                     (perChannel ? "per-channel " : "") + typeTag(filter) +
                     " weights with " +
                     (bias ? biasType + " bias" : "no bias") +
                     " (per-channel FULLY_CONNECTED is supported on int8 "
                     "with int32 bias and int16 with int64 or int32 bias, "
                     "with symmetric int8 weights)");
  ArrayRef<int64_t> weights = shapeOf(filter);
  if (weights.size() != 2 || weights[1] <= 0 ||
      elementsOf(input) % weights[1] != 0 ||
      elementsOf(output) != elementsOf(input) / weights[1] * weights[0] ||
      (bias && elementsOf(bias) != weights[0]))
    return KernelCall::blocked(context, "has input, weights, bias and output "
                                        "shapes that do not fit together");
  // Per tensor, TFLM rounds input_scale * filter_scale to float before the
  // division; per channel it keeps the product in double.
  std::vector<iq::QuantizedMultiplier> multipliers =
      perChannel
          ? iq::convPerChannelMultipliers(
                floatScaleOf(input), filterScales(filter), floatScaleOf(output),
                static_cast<int32_t>(weights[0]))
          : std::vector<iq::QuantizedMultiplier>(
                weights[0], iq::fullyConnectedMultiplier(floatScaleOf(input),
                                                         floatScaleOf(filter),
                                                         floatScaleOf(output)));
  if (multipliers.size() != static_cast<size_t>(weights[0]))
    return KernelCall::blocked(context, "has weights with neither one scale "
                                        "nor one per output channel");
  SmallVector<int32_t> multiplier, shift;
  for (const iq::QuantizedMultiplier &m : multipliers) {
    multiplier.push_back(m.multiplier);
    shift.push_back(m.shift);
  }
  KernelCall call(context);
  call.callee = isS8 ? "fully_connected_per_channel_s8"
                     : "fully_connected_per_channel_s16";
  call.header = "ref/fully_connected_per_channel";
  // An int32 bias sums (and rescales) in int32, as TFLite Micro does.
  if (isS16 && biasType != "int32")
    call.maxRescaleShift = iq::kMaxWideKernelShift;
  call.operand(input).operand(filter);
  if (bias)
    call.operand(bias);
  call.i32("batches", elementsOf(input) / weights[1])
      .i32("accum_depth", weights[1])
      .i32("output_depth", weights[0]);
  if (isS8)
    call.i32("input_zero_point", zeroPointOf(input))
        .i32("output_zero_point", zeroPointOf(output));
  iq::ActivationRange range =
      isS8 ? quantizedBounds(op.getFusedActivation(), output, -128, 127)
           : quantizedBounds(op.getFusedActivation(), output, -32768, 32767);
  call.i32s("output_multiplier", multiplier)
      .i32s("output_shift", shift)
      .i32("activation_min", range.min)
      .i32("activation_max", range.max);
  return call;
}

//===----------------------------------------------------------------------===//
// CONV_2D int16x8 with int32 bias
//===----------------------------------------------------------------------===//

/// int16 CONV_2D whose bias is int32 (version 8); every other CONV_2D is the
/// op-specific patterns'. TFLM sums such a convolution in int32 and rescales
/// with the int32 multiplier form, so the bias cannot be widened to int64.
std::optional<KernelCall> planConv2D(Conv2DOp op) {
  Value input = op.getInput(), filter = op.getFilter(), bias = op.getBias(),
        output = op.getOutput();
  if (!isPerTensorSigned(input, 16) || !bias || typeTag(bias) != "int32")
    return std::nullopt;
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  if (!isPerTensorSigned(output, 16) || zeroPointOf(input) != 0 ||
      zeroPointOf(output) != 0 || !isSymmetricS8Filter(filter))
    return KernelCall::blocked(
        context, "has no kernel for " + typeTag(input) + " input, " +
                     typeTag(filter) + " filter and " + typeTag(output) +
                     " output with int32 bias (int16 CONV_2D with int32 bias "
                     "needs symmetric int16 activations and symmetric int8 "
                     "weights)");
  ArrayRef<int64_t> in = shapeOf(input), weights = shapeOf(filter),
                    out = shapeOf(output);
  if (in.size() != 4 || weights.size() != 4 || out.size() != 4 ||
      in[0] != out[0] || weights[0] != out[3] || weights[3] != in[3] ||
      elementsOf(bias) != out[3])
    return KernelCall::blocked(context, "has input, filter, bias and output "
                                        "shapes that do not fit together "
                                        "(grouped convolution is not "
                                        "supported for int16)");
  if (op.getStrideH() <= 0 || op.getStrideW() <= 0 || op.getDilationH() <= 0 ||
      op.getDilationW() <= 0)
    return KernelCall::blocked(context,
                               "has a non-positive stride or dilation");
  iq::PaddingValues padding = iq::computePadding(
      op.getPadding() == Padding::Same, in[1], in[2], weights[1], weights[2],
      op.getStrideH(), op.getStrideW(), op.getDilationH(), op.getDilationW());
  if (padding.outputH != out[1] || padding.outputW != out[2])
    return KernelCall::blocked(context, "has an output size that does not "
                                        "follow from its padding and strides");
  std::vector<iq::QuantizedMultiplier> multipliers =
      iq::convPerChannelMultipliers(floatScaleOf(input), filterScales(filter),
                                    floatScaleOf(output),
                                    static_cast<int32_t>(out[3]));
  if (multipliers.size() != static_cast<size_t>(out[3]))
    return KernelCall::blocked(context, "has a filter with neither one scale "
                                        "nor one per output channel");
  SmallVector<int32_t> multiplier, shift;
  for (const iq::QuantizedMultiplier &m : multipliers) {
    multiplier.push_back(m.multiplier);
    shift.push_back(m.shift);
  }
  iq::ActivationRange range =
      quantizedBounds(op.getFusedActivation(), output, -32768, 32767);
  KernelCall call(context);
  call.callee = "conv2d_s16_int32_bias";
  call.operand(input).operand(filter).operand(bias);
  call.i32s("output_multiplier", multiplier)
      .i32s("output_shift", shift)
      .i32("batches", in[0])
      .i32("input_h", in[1])
      .i32("input_w", in[2])
      .i32("input_c", in[3])
      .i32("filter_h", weights[1])
      .i32("filter_w", weights[2])
      .i32("output_h", out[1])
      .i32("output_w", out[2])
      .i32("output_c", out[3])
      .i32("stride_h", op.getStrideH())
      .i32("stride_w", op.getStrideW())
      .i32("dilation_h", op.getDilationH())
      .i32("dilation_w", op.getDilationW())
      .i32("pad_top", padding.top)
      .i32("pad_left", padding.left)
      .i32("activation_min", range.min)
      .i32("activation_max", range.max);
  return call;
}

//===----------------------------------------------------------------------===//
// SVDF
//===----------------------------------------------------------------------===//

/// float32 SVDF, and int8 SVDF with int16 time weights and state (the layout
/// the converter writes); int8 SVDF with int8 time weights and state is the
/// op-specific patterns'.
std::optional<KernelCall> planSvdf(SvdfOp op) {
  Value input = op.getInput(), featureWeights = op.getWeightsFeature(),
        timeWeights = op.getWeightsTime(), bias = op.getBias(),
        state = op.getActivationState(), output = op.getOutput();
  if (isPerTensorSigned(input, 8) && isPerTensorSigned(timeWeights, 8))
    return std::nullopt;
  MLIRContext *context = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(context, why);
  std::string biasType = bias ? typeTag(bias) : "none";
  bool isFloat =
      typeTag(input) == "float32" && typeTag(featureWeights) == "float32" &&
      typeTag(timeWeights) == "float32" && typeTag(state) == "float32" &&
      typeTag(output) == "float32" && (!bias || biasType == "float32");
  bool isS8 = isPerTensorSigned(input, 8) &&
              isPerTensorSigned(featureWeights, 8) &&
              isPerTensorSigned(timeWeights, 16) &&
              isPerTensorSigned(state, 16) && zeroPointOf(state) == 0 &&
              isPerTensorSigned(output, 8) && (!bias || biasType == "int32");
  if (!isFloat && !isS8)
    return KernelCall::blocked(
        context,
        "has no kernel for " + typeTag(input) + " input, " +
            typeTag(featureWeights) + " feature weights, " +
            typeTag(timeWeights) + " time weights, " + typeTag(state) +
            " state and " + (bias ? biasType + " bias" : "no bias") +
            " (SVDF is supported on float32, and on int8 with int8 "
            "feature weights, int32 bias and either int8 time weights and "
            "state or int16 time weights and a symmetric int16 state)");
  if (!state.getDefiningOp<VariableOp>())
    return KernelCall::blocked(context, "has an activation state that is not a "
                                        "variable tensor");
  ArrayRef<int64_t> in = shapeOf(input), feature = shapeOf(featureWeights),
                    time = shapeOf(timeWeights), out = shapeOf(output);
  int64_t rank = op.getRank();
  if (in.size() != 2 || feature.size() != 2 || time.size() != 2 ||
      out.size() != 2 || rank <= 0 || feature[1] != in[1] ||
      time[0] != feature[0] || feature[0] % rank != 0 || out[0] != in[0] ||
      out[1] != feature[0] / rank || (bias && elementsOf(bias) != out[1]) ||
      elementsOf(state) != in[0] * feature[0] * time[1])
    return KernelCall::blocked(context,
                               "has input, weights, bias, state and output "
                               "shapes that do not fit together");
  KernelCall call(context);
  call.callee = isFloat ? "svdf_f32" : "svdf_s8_s16";
  call.operand(input).operand(featureWeights).operand(timeWeights);
  if (bias)
    call.operand(bias);
  call.operand(state);
  call.i32("batches", in[0])
      .i32("input_size", in[1])
      .i32("num_filters", feature[0])
      .i32("num_units", out[1])
      .i32("memory_size", time[1])
      .i32("rank", rank);
  if (isFloat) {
    auto [low, high] = floatBounds(op.getFusedActivation());
    call.f32("activation_min", low).f32("activation_max", high);
    return call;
  }
  if (bias && isQuantized(bias) &&
      !iq::isValidSvdfBiasScale(floatScaleOf(bias), floatScaleOf(state),
                                floatScaleOf(timeWeights)))
    return KernelCall::blocked(context, "has a bias whose scale is not "
                                        "state scale * time weights scale");
  iq::SvdfParams params = iq::computeSvdfParams(
      floatScaleOf(input), floatScaleOf(featureWeights), floatScaleOf(state),
      floatScaleOf(timeWeights), floatScaleOf(output));
  call.i32("input_zero_point", zeroPointOf(input))
      .i32("output_zero_point", zeroPointOf(output))
      .i32("multiplier_1", params.feature.multiplier)
      .i32("shift_1", params.feature.shift)
      .i32("multiplier_2", params.output.multiplier)
      .i32("shift_2", params.output.shift);
  return call;
}

} // namespace

std::optional<KernelCall> planLayerCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](QuantizeOp quantize) { return planQuantize(quantize); })
      .Case([](DequantizeOp dequantize) { return planDequantize(dequantize); })
      .Case([](L2Pool2DOp pool) { return planL2Pool(pool); })
      .Case([](BatchMatMulOp matmul) { return planBatchMatMul(matmul); })
      .Case([](TransposeConvOp conv) { return planTransposeConv(conv); })
      .Case([](FullyConnectedOp fc) { return planFullyConnected(fc); })
      .Case([](Conv2DOp conv) { return planConv2D(conv); })
      .Case([](SvdfOp svdf) { return planSvdf(svdf); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
