//===- GraphToKernel.cpp - Graph ops to runtime kernel calls --------------===//
//
// This file implements the patterns that lower each graph op to the kernel op
// of the runtime function that computes it. Integer ops take the parameters
// ingot-compute-requant-params attached; this file adds only structure
// (padding, strides, shapes) and float clamp bounds.
//
//===----------------------------------------------------------------------===//
#include "Conversion/Passes.h"

#include "Conversion/GraphToKernel/KernelCall.h"

#include "Int16Params.h"
#include "KernelParams.h"
#include "Quantization/Transforms/Passes.h"
#include "Quantization/Transforms/QuantTypes.h"
#include "RescaleShiftCheck.h"
#include "SoftmaxParams.h"
#include "ingot/runtime/kernels/ref/conv2d_hybrid_f32_s8.h"
#include "ingot/runtime/kernels/ref/depthwise_conv2d_hybrid_f32_s8.h"
#include "ingot/runtime/kernels/ref/fully_connected_hybrid_f32_s8.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"

#include <limits>

using namespace mlir;
using namespace ingot;
using namespace ingot::quanttypes;

//===----------------------------------------------------------------------===//
// Type helpers
//===----------------------------------------------------------------------===//

QuantStorageTypeConverter::QuantStorageTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> Type {
    if (auto quantized =
            dyn_cast<mlir::quant::QuantizedType>(type.getElementType())) {
      // Kernels see plain integers; an unsigned one keeps its signedness so
      // that the C++ says uint8_t.
      Type storage = quantized.getStorageType();
      if (!quantized.isSigned())
        storage =
            IntegerType::get(type.getContext(), storage.getIntOrFloatBitWidth(),
                             IntegerType::Unsigned);
      return RankedTensorType::get(type.getShape(), storage);
    }
    return type;
  });
}

namespace {

/// A uint8 model input or output (inference_input_type uint8).
bool isPerTensorUint8(Value value) {
  auto quantized =
      dyn_cast<mlir::quant::UniformQuantizedType>(elementTypeOf(value));
  return quantized && quantized.getStorageTypeIntegralWidth() == 8 &&
         !quantized.isSigned();
}

bool hasZeroZeroPoints(Value value) {
  Type element = elementTypeOf(value);
  if (auto axis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return llvm::all_of(axis.getZeroPoints(), [](int64_t z) { return z == 0; });
  return cast<mlir::quant::UniformQuantizedType>(element).getZeroPoint() == 0;
}

bool isInt8Weight(Value value, std::optional<int32_t> axis) {
  Type element = elementTypeOf(value);
  if (auto perAxis =
          dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return perAxis.getStorageTypeIntegralWidth() == 8 && axis &&
           perAxis.getQuantizedDimension() == *axis;
  if (auto tensor = dyn_cast<mlir::quant::UniformQuantizedType>(element))
    return tensor.getStorageTypeIntegralWidth() == 8;
  return false;
}

bool isInt32BiasOrNone(Value bias) {
  if (!bias)
    return true;
  Type element = elementTypeOf(bias);
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element))
    return quantized.getStorageTypeIntegralWidth() == 32;
  return element.isInteger(32);
}

bool isF32(Value value) { return value && elementTypeOf(value).isF32(); }

bool isInt64BiasOrNone(Value bias) {
  if (!bias)
    return true;
  Type element = elementTypeOf(bias);
  if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(element))
    return quantized.getStorageTypeIntegralWidth() == 64;
  return element.isInteger(64);
}

std::vector<int32_t> shape32(Value value) {
  auto shape = cast<RankedTensorType>(value.getType()).getShape();
  return std::vector<int32_t>(shape.begin(), shape.end());
}

/// Why the int16 ADD/SUB kernel cannot walk this broadcast (empty if it can).
std::string broadcastS16Blocker(Value lhs, Value rhs) {
  if (ingot::quant::broadcastStrides(shape32(lhs), shape32(rhs))
          .outputShape.empty())
    return "broadcasts over more than 6 dimensions, more than the int16 "
           "kernels walk";
  return "";
}

/// The int16x8 operand types of TFLite's 16-bit convolutions and fully
/// connected layers (filter quantized along `channelAxis`, or per tensor when
/// it is empty). Their kernels apply no zero-point offsets (TFLite's int16
/// activations are symmetric).
bool isS16Weighted(Value input, Value filter, Value bias, Value output,
                   std::optional<int32_t> channelAxis = 0) {
  return isPerTensorInt(input, 16) && isPerTensorInt(output, 16) &&
         zeroPointOf(input) == 0 && zeroPointOf(output) == 0 &&
         isInt8Weight(filter, channelAxis) && hasZeroZeroPoints(filter) &&
         isInt64BiasOrNone(bias);
}

bool allF32(std::initializer_list<Value> values) {
  return llvm::all_of(values, [](Value v) { return !v || isF32(v); });
}

/// TFLite's float activation bounds (CalculateActivationRange<float>).
std::pair<float, float> floatRange(graph::Activation activation) {
  constexpr float kMax = std::numeric_limits<float>::max();
  switch (activation) {
  case graph::Activation::None:
    return {std::numeric_limits<float>::lowest(), kMax};
  case graph::Activation::Relu:
    return {0.0f, kMax};
  case graph::Activation::ReluN1To1:
    return {-1.0f, 1.0f};
  case graph::Activation::Relu6:
    return {0.0f, 6.0f};
  }
  return {std::numeric_limits<float>::lowest(), kMax};
}

int32_t dim(Value value, unsigned index) {
  return static_cast<int32_t>(
      cast<RankedTensorType>(value.getType()).getDimSize(index));
}

/// SAME/VALID padding of a windowed op; outputH/W of 0 mean "invalid".
ingot::quant::PaddingValues paddingOf(graph::Padding padding, Value input,
                                      int64_t filterH, int64_t filterW,
                                      int64_t strideH, int64_t strideW,
                                      int64_t dilationH, int64_t dilationW) {
  return ingot::quant::computePadding(
      padding == graph::Padding::Same, dim(input, 1), dim(input, 2), filterH,
      filterW, strideH, strideW, dilationH, dilationW);
}

/// Attributes that travel from graph ops to kernel ops (layer name, TFLite
/// operator name).
void copyIngotAttributes(Operation *from, Operation *to) {
  for (NamedAttribute attr : from->getDiscardableAttrs())
    if (attr.getName().strref().starts_with("ingot.") &&
        attr.getName() != kRequantAttr)
      to->setAttr(attr.getName(), attr.getValue());
}

constexpr const char *kInt8Only =
    "; ingot compiles float32, int8 (int8 weights, int32 biases) and "
    "int16x8 tensors, and hybrid CONV_2D, DEPTHWISE_CONV_2D and "
    "FULLY_CONNECTED (float "
    "activations, int8 weights); docs/ops.md lists each operator's types";

std::string convBlocker(Value input, Value filter, Value bias, Value output,
                        int32_t channelAxis,
                        ingot::quant::PaddingValues padding) {
  // Hybrid (dynamic-range) convolutions: float activations, int8 weights.
  bool hybrid = allF32({input, bias, output}) &&
                isInt8Weight(filter, channelAxis) && hasZeroZeroPoints(filter);
  bool s16 = isS16Weighted(input, filter, bias, output, channelAxis);
  if (hybrid || s16 || allF32({input, filter, bias, output})) {
    if (padding.outputH != dim(output, 1) || padding.outputW != dim(output, 2))
      return "has an output shape that does not follow from its padding, "
             "strides and dilations";
    return "";
  }
  if (!isPerTensorInt(input, 8) || !isPerTensorInt(output, 8) ||
      !isInt8Weight(filter, channelAxis) || !isInt32BiasOrNone(bias))
    return std::string("has tensor types without an int8 kernel") + kInt8Only;
  if (!hasZeroZeroPoints(filter))
    return "has a filter with non-zero zero points; TFLite's int8 "
           "convolutions need symmetric filters";
  if (padding.outputH != dim(output, 1) || padding.outputW != dim(output, 2))
    return "has an output shape that does not follow from its padding, "
           "strides and dilations";
  return "";
}

} // namespace

/// TFLite's resolution of a strided slice's begin/end/masks.
static ingot::quant::StridedSliceS16Params
stridedSliceParams(graph::StridedSliceOp op) {
  auto toVector = [](ArrayRef<int64_t> values) {
    return std::vector<int32_t>(values.begin(), values.end());
  };
  return ingot::quant::stridedSliceS16Params(
      shape32(op.getInput()), toVector(op.getBegin()), toVector(op.getEnd()),
      toVector(op.getStrides()), op.getBeginMask(), op.getEndMask(),
      op.getShrinkAxisMask());
}

/// Whether `op` lowers to an integer kernel whose parameters come from
/// ingot-compute-requant-params.
static bool needsRequantParams(Operation *op) {
  if (isa<graph::QuantizeOp>(op))
    return !isF32(op->getOperand(0));
  if (!isa<graph::Conv2DOp, graph::DepthwiseConv2DOp, graph::FullyConnectedOp,
           graph::AddOp, graph::SubOp, graph::AveragePool2DOp,
           graph::MaxPool2DOp, graph::SoftmaxOp, graph::SvdfOp,
           graph::LeakyReluOp>(op))
    return false;
  return !isF32(op->getOperand(0));
}

/// Whether `op` lowers to an int16x8 kernel op that rescales its int64 sums
/// (kernel.conv2d_s16, depthwise_conv2d_s16, fully_connected_s16).
static bool rescalesInInt64(Operation *op) {
  if (!isa<graph::Conv2DOp, graph::DepthwiseConv2DOp, graph::FullyConnectedOp>(
          op) ||
      !op->hasAttr(kRequantAttr))
    return false;
  auto quantized = dyn_cast<mlir::quant::UniformQuantizedType>(
      cast<ShapedType>(op->getResult(0).getType()).getElementType());
  return quantized && quantized.getStorageTypeIntegralWidth() == 16;
}

static std::string typeBlocker(Operation *op);

std::string ingot::graphOpLoweringBlocker(Operation *op) {
  if (std::optional<calls::KernelCall> plan = calls::planKernelCall(op))
    return plan->blocker;
  std::string reason = typeBlocker(op);
  if (reason.empty() && needsRequantParams(op) && !op->hasAttr(kRequantAttr))
    return "has no requantization parameters; run "
           "ingot-compute-requant-params before lowering";
  if (reason.empty() && rescalesInInt64(op))
    for (NamedAttribute entry : op->getAttrOfType<DictionaryAttr>(kRequantAttr))
      if (ingot::quant::isUnrepresentableShift(
              entry.getName(), entry.getValue(),
              ingot::quant::kMaxWideKernelShift))
        return ingot::quant::unrepresentableShiftMessage(
            entry.getName(), ingot::quant::kMaxWideKernelShift);
  return reason;
}

static std::string typeBlocker(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::string>(op)
      .Case([](graph::Conv2DOp conv) {
        auto filter = cast<RankedTensorType>(conv.getFilter().getType());
        return convBlocker(conv.getInput(), conv.getFilter(), conv.getBias(),
                           conv.getOutput(), 0,
                           paddingOf(conv.getPadding(), conv.getInput(),
                                     filter.getDimSize(1), filter.getDimSize(2),
                                     conv.getStrideH(), conv.getStrideW(),
                                     conv.getDilationH(), conv.getDilationW()));
      })
      .Case([](graph::DepthwiseConv2DOp conv) {
        auto filter = cast<RankedTensorType>(conv.getFilter().getType());
        return convBlocker(conv.getInput(), conv.getFilter(), conv.getBias(),
                           conv.getOutput(), 3,
                           paddingOf(conv.getPadding(), conv.getInput(),
                                     filter.getDimSize(1), filter.getDimSize(2),
                                     conv.getStrideH(), conv.getStrideW(),
                                     conv.getDilationH(), conv.getDilationW()));
      })
      .Case([](graph::FullyConnectedOp fc) -> std::string {
        if (allF32(
                {fc.getInput(), fc.getFilter(), fc.getBias(), fc.getOutput()}))
          return "";
        // Hybrid: int8 weights, one scale or one per output unit.
        if (allF32({fc.getInput(), fc.getBias(), fc.getOutput()}) &&
            isInt8Weight(fc.getFilter(), 0) &&
            hasZeroZeroPoints(fc.getFilter()))
          return "";
        if (isS16Weighted(fc.getInput(), fc.getFilter(), fc.getBias(),
                          fc.getOutput(), std::nullopt))
          return "";
        if (!isPerTensorInt(fc.getInput(), 8) ||
            !isPerTensorInt(fc.getOutput(), 8) ||
            !isInt8Weight(fc.getFilter(), std::nullopt) ||
            !isInt32BiasOrNone(fc.getBias()))
          return std::string("has tensor types without an int8 kernel") +
                 kInt8Only;
        return "";
      })
      .Case([](graph::AddOp add) -> std::string {
        if (isPerTensorInt(add.getLhs(), 16) &&
            isPerTensorInt(add.getRhs(), 16) &&
            isPerTensorInt(add.getOutput(), 16))
          return broadcastS16Blocker(add.getLhs(), add.getRhs());
        if (shape32(add.getLhs()) != shape32(add.getRhs()) ||
            shape32(add.getLhs()) != shape32(add.getOutput()))
          return "broadcasts its inputs, which ingot supports for int16 "
                 "only (int8 and float32 ADD need equal shapes)";
        if (allF32({add.getLhs(), add.getRhs(), add.getOutput()}))
          return "";
        if (!isPerTensorInt(add.getLhs(), 8) ||
            !isPerTensorInt(add.getRhs(), 8) ||
            !isPerTensorInt(add.getOutput(), 8))
          return std::string("has tensor types without an int8 kernel") +
                 kInt8Only;
        return "";
      })
      .Case<graph::AveragePool2DOp, graph::MaxPool2DOp>(
          [](auto pool) -> std::string {
            bool isFloat = allF32({pool.getInput(), pool.getOutput()});
            bool isS16 = isPerTensorInt(pool.getInput(), 16) &&
                         isPerTensorInt(pool.getOutput(), 16);
            if (!isFloat && !isS16 &&
                (!isPerTensorInt(pool.getInput(), 8) ||
                 !isPerTensorInt(pool.getOutput(), 8)))
              return std::string("has tensor types without an int8 kernel") +
                     kInt8Only;
            if (!isFloat &&
                perTensor(pool.getInput()) != perTensor(pool.getOutput()))
              return "rescales its input, which TFLite's int8 pooling does "
                     "not do; the model is malformed";
            ingot::quant::PaddingValues padding = paddingOf(
                pool.getPadding(), pool.getInput(), pool.getFilterH(),
                pool.getFilterW(), pool.getStrideH(), pool.getStrideW(), 1, 1);
            if (padding.outputH != dim(pool.getOutput(), 1) ||
                padding.outputW != dim(pool.getOutput(), 2))
              return "has an output shape that does not follow from its "
                     "padding and strides";
            return "";
          })
      .Case([](graph::SoftmaxOp softmax) -> std::string {
        Value output = softmax.getOutput();
        if (allF32({softmax.getInput(), output}))
          return "";
        if (isPerTensorInt(softmax.getInput(), 16)) {
          ingot::quant::SoftmaxParams params;
          if (zeroPointOf(softmax.getInput()) != 0)
            return "has an int16 input with a zero point other than 0, "
                   "which TFLite's int16 softmax does not take";
          if (!ingot::quant::computeSoftmaxParamsS16(
                  scaleOf(softmax.getInput()),
                  softmax.getBeta().convertToFloat(), params))
            return "has an input scale and beta outside what TFLite's int16 "
                   "softmax can rescale (input scale x beta must be positive "
                   "and below about 5.0)";
          ArrayRef<int64_t> shape =
              cast<RankedTensorType>(softmax.getInput().getType()).getShape();
          if (!shape.empty() && shape.back() > 65536)
            return "has rows of more than 65536 elements, whose sum of "
                   "exponentials overflows TFLite's int16 softmax";
          if (isPerTensorInt(output, 16) &&
              ingot::quant::isValidSoftmaxOutputS16FromS16(scaleOf(output),
                                                           zeroPointOf(output)))
            return "";
          return "has an output quantization TFLite's int16 softmax does "
                 "not produce (int16 with scale 1/32768 and zero point 0)";
        }
        if (!isPerTensorInt(softmax.getInput(), 8))
          return std::string("has a non-int8 input") + kInt8Only;
        // TFLite Micro rejects these too; the kernel only shifts left.
        ingot::quant::SoftmaxParams params;
        if (!ingot::quant::computeSoftmaxParams(
                scaleOf(softmax.getInput()), softmax.getBeta().convertToFloat(),
                params))
          return "has an input scale and beta too small for TFLite's int8 "
                 "softmax (beta x input scale x 2^26 must exceed 1)";
        if (isPerTensorInt(output, 8) &&
            ingot::quant::isValidSoftmaxOutputS8(scaleOf(output),
                                                 zeroPointOf(output)))
          return "";
        if (isPerTensorInt(output, 16) &&
            ingot::quant::isValidSoftmaxOutputS16(scaleOf(output),
                                                  zeroPointOf(output)))
          return "";
        return "has an output quantization TFLite's int8 softmax does not "
               "produce (int8 needs scale 1/256 and zero point -128; int16 "
               "scale 1/65536 and zero point -32768)";
      })
      .Case([](graph::QuantizeOp quantize) -> std::string {
        Value input = quantize.getInput(), output = quantize.getOutput();
        bool supported =
            (elementTypeOf(input).isF32() &&
             (isPerTensorInt(output, 8) || isPerTensorInt(output, 16))) ||
            (isPerTensorInt(input, 16) &&
             (isPerTensorInt(output, 8) || isPerTensorInt(output, 32))) ||
            (isPerTensorInt(input, 8) && isPerTensorInt(output, 8)) ||
            (isPerTensorUint8(input) && isPerTensorInt(output, 8)) ||
            (isPerTensorInt(input, 8) && isPerTensorUint8(output)) ||
            (isPerTensorInt(input, 32) && isPerTensorInt(output, 16));
        if (!supported)
          return "converts between types ingot has no kernel for (supported: "
                 "float32->int8, float32->int16, int16->int8, int16->int16, "
                 "int16->int32, int32->int16, int8->int8, int8->int16, "
                 "uint8->int8, int8->uint8)";
        return "";
      })
      .Case([](graph::DequantizeOp dequantize) -> std::string {
        if (elementTypeOf(dequantize.getInput()).isF16())
          return "widens a float16 tensor that is not a constant; ingot "
                 "supports float16 weights, not float16 activations";
        if ((!isPerTensorInt(dequantize.getInput(), 8) &&
             !isPerTensorInt(dequantize.getInput(), 16)) ||
            !elementTypeOf(dequantize.getOutput()).isF32())
          return "converts between types ingot has no kernel for (supported: "
                 "int8->float32, int16->float32, uint8->float32)";
        return "";
      })
      .Case([](graph::SvdfOp svdf) -> std::string {
        if (!isPerTensorInt(svdf.getInput(), 8) ||
            !isPerTensorInt(svdf.getOutput(), 8) ||
            !isPerTensorInt(svdf.getWeightsFeature(), 8) ||
            !isPerTensorInt(svdf.getWeightsTime(), 8) ||
            !isPerTensorInt(svdf.getActivationState(), 8) ||
            !isInt32BiasOrNone(svdf.getBias()))
          return "has tensor types without a kernel (supported: int8 input, "
                 "weights and state, int32 bias)";
        return "";
      })
      .Case([](graph::SubOp sub) -> std::string {
        if (isPerTensorInt(sub.getLhs(), 16) &&
            isPerTensorInt(sub.getRhs(), 16) &&
            isPerTensorInt(sub.getOutput(), 16))
          return broadcastS16Blocker(sub.getLhs(), sub.getRhs());
        return "has types without a kernel (SUB is supported on int16)";
      })
      .Case([](graph::LeakyReluOp op) -> std::string {
        if (allF32({op.getInput(), op.getOutput()}))
          return "";
        if (isPerTensorInt(op.getInput(), 16) &&
            isPerTensorInt(op.getOutput(), 16))
          return "";
        return "has types without a kernel (LEAKY_RELU is supported on "
               "float32 and int16)";
      })
      .Case([](graph::PadOp op) -> std::string {
        if (!isPerTensorInt(op.getInput(), 16) ||
            perTensor(op.getInput()) != perTensor(op.getOutput()))
          return "has types without a kernel (PAD is supported on int16 "
                 "with equal input and output quantization)";
        if (cast<RankedTensorType>(op.getInput().getType()).getRank() > 5)
          return "pads more than 5 dimensions";
        return "";
      })
      .Case([](graph::StridedSliceOp op) -> std::string {
        if (!isPerTensorInt(op.getInput(), 16) ||
            perTensor(op.getInput()) != perTensor(op.getOutput()))
          return "has types without a kernel (STRIDED_SLICE is supported on "
                 "int16 with equal input and output quantization)";
        if (op.getEllipsisMask() || op.getNewAxisMask() || op.getOffset())
          return "uses ellipsis_mask, new_axis_mask or offset, which ingot "
                 "does not support";
        ingot::quant::StridedSliceS16Params params = stridedSliceParams(op);
        int64_t elements = 1;
        for (int32_t extent : params.outputShape)
          elements *= extent;
        if (params.outputShape.empty() ||
            elements != cast<RankedTensorType>(op.getOutput().getType())
                            .getNumElements())
          return "has begin, end and strides that do not produce its output "
                 "shape";
        return "";
      })
      .Case<graph::ReluOp, graph::Relu6Op>([](auto) -> std::string {
        return "is a standalone activation that could not be fused into its "
               "producer, and ingot has no standalone activation kernel yet";
      })
      .Case<graph::ConstOp, graph::VariableOp, graph::ReshapeOp>(
          [](auto) { return std::string(); })
      .Default([](Operation *) { return std::string(); });
}

//===----------------------------------------------------------------------===//
// Patterns
//===----------------------------------------------------------------------===//

namespace {

/// Base for patterns that replace a graph op with one kernel op and carry
/// its layer attributes over.
template <typename SourceOp>
struct LoweringPattern : OpConversionPattern<SourceOp> {
  using OpConversionPattern<SourceOp>::OpConversionPattern;
  using OpAdaptor = typename SourceOp::Adaptor;

  Type convertedResultType(SourceOp op) const {
    return this->getTypeConverter()->convertType(op->getResult(0).getType());
  }

  template <typename TargetOp, typename... Args>
  LogicalResult replace(SourceOp op, ConversionPatternRewriter &rewriter,
                        Args &&...args) const {
    auto lowered =
        TargetOp::create(rewriter, op.getLoc(), convertedResultType(op),
                         std::forward<Args>(args)...);
    copyIngotAttributes(op, lowered);
    rewriter.replaceOp(op, lowered->getResults());
    return success();
  }
};

struct LowerConst : LoweringPattern<graph::ConstOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::ConstOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto name = op->getAttrOfType<StringAttr>("ingot.weight_name");
    if (!name)
      return rewriter.notifyMatchFailure(op, "weight has no assigned name");
    return replace<kernel::WeightOp>(op, rewriter, name,
                                     cast<ElementsAttr>(op.getValue()));
  }
};

struct LowerVariable : LoweringPattern<graph::VariableOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::VariableOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    // TFLite Micro resets variable tensors to their zero point.
    int64_t fill = perTensor(op.getOutput()) ? zeroPointOf(op.getOutput()) : 0;
    return replace<kernel::StateOp>(op, rewriter, op.getNameAttr(),
                                    rewriter.getI64IntegerAttr(fill));
  }
};

/// Creates `TargetOp` with the converted operands (absent ones dropped) and
/// `attrs`, carrying the layer attributes over.
template <typename TargetOp>
TargetOp createKernel(Operation *op, const TypeConverter &converter,
                      ValueRange operands, ArrayRef<NamedAttribute> attrs,
                      ConversionPatternRewriter &rewriter) {
  SmallVector<Value> present;
  for (Value operand : operands)
    if (operand)
      present.push_back(operand);
  auto lowered = TargetOp::create(
      rewriter, op->getLoc(),
      TypeRange{converter.convertType(op->getResult(0).getType())}, present,
      attrs);
  copyIngotAttributes(op, lowered);
  rewriter.replaceOp(op, lowered->getResults());
  return lowered;
}

/// The kernel attributes ingot-compute-requant-params attached to `op`.
FailureOr<SmallVector<NamedAttribute>> requantAttributes(Operation *op) {
  auto params = op->getAttrOfType<DictionaryAttr>(kRequantAttr);
  if (!params)
    return failure();
  return SmallVector<NamedAttribute>(params.begin(), params.end());
}

/// Creates `TargetOp` from the converted operands, structural attributes and
/// the op's requantization parameters.
template <typename TargetOp, typename SourceOp>
LogicalResult replaceWithKernel(SourceOp op, const TypeConverter &converter,
                                ValueRange operands,
                                ArrayRef<NamedAttribute> structure,
                                ConversionPatternRewriter &rewriter) {
  FailureOr<SmallVector<NamedAttribute>> attrs = requantAttributes(op);
  if (failed(attrs))
    return rewriter.notifyMatchFailure(
        op, "no requantization parameters; run ingot-compute-requant-params");
  attrs->append(structure.begin(), structure.end());
  createKernel<TargetOp>(op, converter, operands, *attrs, rewriter);
  return success();
}

SmallVector<NamedAttribute>
windowAttributes(Builder &builder, ArrayRef<int64_t> strides,
                 ArrayRef<int64_t> dilations,
                 ingot::quant::PaddingValues padding) {
  return {
      builder.getNamedAttr("strides", builder.getDenseI64ArrayAttr(strides)),
      builder.getNamedAttr("dilations",
                           builder.getDenseI64ArrayAttr(dilations)),
      builder.getNamedAttr("padding", builder.getDenseI64ArrayAttr(
                                          {padding.top, padding.left}))};
}

/// Strides, dilations, resolved padding (and the depth multiplier) of a
/// CONV_2D or DEPTHWISE_CONV_2D: what every convolution kernel op carries.
template <typename ConvOp>
SmallVector<NamedAttribute> convolutionStructure(ConvOp op, Builder &builder) {
  auto filter = cast<RankedTensorType>(op.getFilter().getType());
  ingot::quant::PaddingValues padding =
      paddingOf(op.getPadding(), op.getInput(), filter.getDimSize(1),
                filter.getDimSize(2), op.getStrideH(), op.getStrideW(),
                op.getDilationH(), op.getDilationW());
  SmallVector<NamedAttribute> structure =
      windowAttributes(builder,
                       {static_cast<int64_t>(op.getStrideH()),
                        static_cast<int64_t>(op.getStrideW())},
                       {static_cast<int64_t>(op.getDilationH()),
                        static_cast<int64_t>(op.getDilationW())},
                       padding);
  if constexpr (std::is_same_v<ConvOp, graph::DepthwiseConv2DOp>)
    structure.push_back(builder.getNamedAttr(
        "depth_multiplier",
        builder.getI64IntegerAttr(op.getDepthMultiplier())));
  return structure;
}

/// The clamp bounds of a float kernel's fused activation.
SmallVector<NamedAttribute> floatClampAttributes(graph::Activation activation,
                                                 Builder &builder) {
  auto [low, high] = floatRange(activation);
  return {
      builder.getNamedAttr("activation_min", builder.getF32FloatAttr(low)),
      builder.getNamedAttr("activation_max", builder.getF32FloatAttr(high))};
}

template <typename SourceOp, typename TargetOp>
struct LowerConvolution : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;

  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isF32(op.getInput()) || isPerTensorInt(op.getInput(), 16))
      return rewriter.notifyMatchFailure(op, "float32 and int16 have their "
                                             "own patterns");
    SmallVector<NamedAttribute> structure = convolutionStructure(op, rewriter);
    return replaceWithKernel<TargetOp>(
        op, *this->getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, structure,
        rewriter);
  }
};

using LowerConv2D = LowerConvolution<graph::Conv2DOp, kernel::Conv2DOp>;
using LowerDepthwiseConv2D =
    LowerConvolution<graph::DepthwiseConv2DOp, kernel::DepthwiseConv2DOp>;

struct LowerFullyConnected : LoweringPattern<graph::FullyConnectedOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isF32(op.getInput()) || isPerTensorInt(op.getInput(), 16))
      return rewriter.notifyMatchFailure(op, "float32 and int16 have their "
                                             "own patterns");
    return replaceWithKernel<kernel::FullyConnectedOp>(
        op, *getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, {},
        rewriter);
  }
};

struct LowerAdd : LoweringPattern<graph::AddOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isF32(op.getLhs()) || isPerTensorInt(op.getLhs(), 16))
      return rewriter.notifyMatchFailure(op, "float32 and int16 have their "
                                             "own patterns");
    return replaceWithKernel<kernel::AddOp>(
        op, *getTypeConverter(), {adaptor.getLhs(), adaptor.getRhs()}, {},
        rewriter);
  }
};

/// Integer pooling; `TargetS8` or `TargetS16` by the input's width.
template <typename SourceOp, typename TargetS8, typename TargetS16>
struct LowerPool : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;
  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isF32(op.getInput()))
      return rewriter.notifyMatchFailure(op, "float32 has its own pattern");
    bool wide = isPerTensorInt(op.getInput(), 16);
    ingot::quant::PaddingValues padding =
        paddingOf(op.getPadding(), op.getInput(), op.getFilterH(),
                  op.getFilterW(), op.getStrideH(), op.getStrideW(), 1, 1);
    auto pair = [&](int64_t h, int64_t w) {
      return rewriter.getDenseI64ArrayAttr({h, w});
    };
    SmallVector<NamedAttribute> structure = {
        rewriter.getNamedAttr("filter", pair(op.getFilterH(), op.getFilterW())),
        rewriter.getNamedAttr("strides",
                              pair(op.getStrideH(), op.getStrideW())),
        rewriter.getNamedAttr("padding", pair(padding.top, padding.left))};
    if (wide)
      return replaceWithKernel<TargetS16>(op, *this->getTypeConverter(),
                                          {adaptor.getInput()}, structure,
                                          rewriter);
    return replaceWithKernel<TargetS8>(op, *this->getTypeConverter(),
                                       {adaptor.getInput()}, structure,
                                       rewriter);
  }
};

struct LowerReshape : LoweringPattern<graph::ReshapeOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return replace<kernel::CopyOp>(op, rewriter, adaptor.getInput());
  }
};

struct LowerSoftmax : LoweringPattern<graph::SoftmaxOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isF32(op.getInput()))
      return rewriter.notifyMatchFailure(op, "float32 has its own pattern");
    if (isPerTensorInt(op.getInput(), 16)) {
      // The int16 kernel's exp and reciprocal tables go to flash beside the
      // weights, named after the layer.
      auto layer = op->getAttrOfType<StringAttr>("ingot.layer");
      std::string prefix = layer ? layer.str() : std::string("softmax");
      auto tableType = RankedTensorType::get({ingot::quant::kSoftmaxS16LutSize},
                                             rewriter.getIntegerType(16));
      auto table = [&](StringRef suffix,
                       const ingot::quant::SoftmaxS16Lut &values) {
        return kernel::WeightOp::create(
            rewriter, op.getLoc(), tableType,
            rewriter.getStringAttr(prefix + "_" + suffix.str()),
            DenseElementsAttr::get(tableType, ArrayRef<int16_t>(values)));
      };
      Value expTable = table("exp_table", ingot::quant::softmaxS16ExpLut());
      Value reciprocalTable =
          table("reciprocal_table", ingot::quant::softmaxS16ReciprocalLut());
      return replaceWithKernel<kernel::SoftmaxS16Op>(
          op, *getTypeConverter(),
          {adaptor.getInput(), expTable, reciprocalTable}, {}, rewriter);
    }
    return replaceWithKernel<kernel::SoftmaxOp>(
        op, *getTypeConverter(), {adaptor.getInput()}, {}, rewriter);
  }
};

struct LowerQuantize : LoweringPattern<graph::QuantizeOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::QuantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Value output = op.getOutput();
    if (elementTypeOf(op.getInput()).isF32())
      return replace<kernel::QuantizeOp>(
          op, rewriter, adaptor.getInput(),
          rewriter.getF32FloatAttr(scaleOf(output)),
          rewriter.getI32IntegerAttr(zeroPointOf(output)));
    return replaceWithKernel<kernel::RequantizeOp>(
        op, *getTypeConverter(), {adaptor.getInput()}, {}, rewriter);
  }
};

struct LowerDequantize : LoweringPattern<graph::DequantizeOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::DequantizeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return replace<kernel::DequantizeOp>(
        op, rewriter, adaptor.getInput(),
        rewriter.getF32FloatAttr(scaleOf(op.getInput())),
        rewriter.getI32IntegerAttr(zeroPointOf(op.getInput())));
  }
};

struct LowerSvdf : LoweringPattern<graph::SvdfOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::SvdfOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return replaceWithKernel<kernel::SvdfOp>(
        op, *getTypeConverter(),
        {adaptor.getInput(), adaptor.getWeightsFeature(),
         adaptor.getWeightsTime(), adaptor.getBias(),
         adaptor.getActivationState()},
        {rewriter.getNamedAttr("rank", op.getRankAttr())}, rewriter);
  }
};

//===----------------------------------------------------------------------===//
// float32 patterns: no quantization, only shapes and clamp bounds.
//===----------------------------------------------------------------------===//

template <typename SourceOp, typename TargetOp>
struct LowerFloatConvolution : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;

  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()) || !isF32(op.getFilter()))
      return rewriter.notifyMatchFailure(op, "not a float32 convolution");
    SmallVector<NamedAttribute> attrs = convolutionStructure(op, rewriter);
    attrs.append(floatClampAttributes(op.getFusedActivation(), rewriter));
    createKernel<TargetOp>(
        op, *this->getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, attrs,
        rewriter);
    return success();
  }
};

struct LowerFloatFullyConnected : LoweringPattern<graph::FullyConnectedOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()) || !isF32(op.getFilter()))
      return rewriter.notifyMatchFailure(op, "not float32");
    auto [low, high] = floatRange(op.getFusedActivation());
    return replace<kernel::FullyConnectedF32Op>(
        op, rewriter, adaptor.getInput(), adaptor.getFilter(),
        adaptor.getBias(), rewriter.getF32FloatAttr(low),
        rewriter.getF32FloatAttr(high));
  }
};

struct LowerFloatAdd : LoweringPattern<graph::AddOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getLhs()))
      return rewriter.notifyMatchFailure(op, "not float32");
    auto [low, high] = floatRange(op.getFusedActivation());
    return replace<kernel::AddF32Op>(
        op, rewriter, adaptor.getLhs(), adaptor.getRhs(),
        rewriter.getF32FloatAttr(low), rewriter.getF32FloatAttr(high));
  }
};

template <typename SourceOp, typename TargetOp>
struct LowerFloatPool : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;
  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()))
      return rewriter.notifyMatchFailure(op, "not float32");
    ingot::quant::PaddingValues padding =
        paddingOf(op.getPadding(), op.getInput(), op.getFilterH(),
                  op.getFilterW(), op.getStrideH(), op.getStrideW(), 1, 1);
    auto [low, high] = floatRange(op.getFusedActivation());
    auto pair = [&](int64_t h, int64_t w) {
      return rewriter.getDenseI64ArrayAttr({h, w});
    };
    return this->template replace<TargetOp>(
        op, rewriter, adaptor.getInput(),
        pair(op.getFilterH(), op.getFilterW()),
        pair(op.getStrideH(), op.getStrideW()), pair(padding.top, padding.left),
        rewriter.getF32FloatAttr(low), rewriter.getF32FloatAttr(high));
  }
};

struct LowerFloatSoftmax : LoweringPattern<graph::SoftmaxOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()))
      return rewriter.notifyMatchFailure(op, "not float32");
    return replace<kernel::SoftmaxF32Op>(op, rewriter, adaptor.getInput(),
                                         op.getBetaAttr());
  }
};

/// TFLite's hybrid CONV_2D: float input and output, int8 weights.
struct LowerHybridConv2D : LoweringPattern<graph::Conv2DOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::Conv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()) || isF32(op.getFilter()))
      return rewriter.notifyMatchFailure(op, "not a hybrid convolution");
    auto input = cast<RankedTensorType>(op.getInput().getType());
    std::vector<float> scales = channelScales(op.getFilter());
    SmallVector<NamedAttribute> attrs = convolutionStructure(op, rewriter);
    attrs.push_back(rewriter.getNamedAttr(
        "filter_scales", rewriter.getDenseF32ArrayAttr(scales)));
    attrs.append(floatClampAttributes(op.getFusedActivation(), rewriter));
    auto lowered = createKernel<kernel::Conv2DHybridOp>(
        op, *getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, attrs,
        rewriter);
    // The runtime header defines how much scratch the kernel needs.
    lowered->setAttr(kernel::kScratchBytesAttr,
                     rewriter.getI64IntegerAttr(
                         ingot::ref::conv2d_hybrid_f32_s8_scratch_bytes(
                             input.getDimSize(0), input.getDimSize(1),
                             input.getDimSize(2), input.getDimSize(3))));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// int16x8 patterns
//===----------------------------------------------------------------------===//

template <typename SourceOp, typename TargetOp>
struct LowerConvolutionS16 : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;
  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isPerTensorInt(op.getInput(), 16))
      return rewriter.notifyMatchFailure(op, "not int16");
    SmallVector<NamedAttribute> structure = convolutionStructure(op, rewriter);
    return replaceWithKernel<TargetOp>(
        op, *this->getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, structure,
        rewriter);
  }
};

struct LowerFullyConnectedS16 : LoweringPattern<graph::FullyConnectedOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isPerTensorInt(op.getInput(), 16))
      return rewriter.notifyMatchFailure(op, "not int16");
    return replaceWithKernel<kernel::FullyConnectedS16Op>(
        op, *getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, {},
        rewriter);
  }
};

template <typename SourceOp, typename TargetOp>
struct LowerBinaryS16 : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;
  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isPerTensorInt(op.getLhs(), 16))
      return rewriter.notifyMatchFailure(op, "not int16");
    ingot::quant::BroadcastStrides broadcast = ingot::quant::broadcastStrides(
        shape32(op.getLhs()), shape32(op.getRhs()));
    if (broadcast.outputShape.empty())
      return rewriter.notifyMatchFailure(op, "shapes do not broadcast");
    SmallVector<NamedAttribute> structure = {
        rewriter.getNamedAttr("output_shape", rewriter.getDenseI32ArrayAttr(
                                                  broadcast.outputShape)),
        rewriter.getNamedAttr("input1_strides", rewriter.getDenseI32ArrayAttr(
                                                    broadcast.input1Strides)),
        rewriter.getNamedAttr("input2_strides", rewriter.getDenseI32ArrayAttr(
                                                    broadcast.input2Strides))};
    return replaceWithKernel<TargetOp>(op, *this->getTypeConverter(),
                                       {adaptor.getLhs(), adaptor.getRhs()},
                                       structure, rewriter);
  }
};

struct LowerLeakyRelu : LoweringPattern<graph::LeakyReluOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::LeakyReluOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (isF32(op.getInput()))
      return replace<kernel::LeakyReluF32Op>(op, rewriter, adaptor.getInput(),
                                             op.getAlphaAttr());
    return replaceWithKernel<kernel::LeakyReluS16Op>(
        op, *getTypeConverter(), {adaptor.getInput()}, {}, rewriter);
  }
};

struct LowerPad : LoweringPattern<graph::PadOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::PadOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    SmallVector<int32_t> before, after;
    ArrayRef<int64_t> paddings = op.getPaddings();
    for (size_t d = 0; d < paddings.size() / 2; ++d) {
      before.push_back(static_cast<int32_t>(paddings[2 * d]));
      after.push_back(static_cast<int32_t>(paddings[2 * d + 1]));
    }
    // TFLite Micro pads int16 with 0 (not the zero point) unless PADV2
    // gives a value.
    int32_t value =
        op.getConstant() ? static_cast<int32_t>(*op.getConstant()) : 0;
    return replace<kernel::PadS16Op>(op, rewriter, adaptor.getInput(),
                                     rewriter.getDenseI32ArrayAttr(before),
                                     rewriter.getDenseI32ArrayAttr(after),
                                     rewriter.getI32IntegerAttr(value));
  }
};

struct LowerStridedSlice : LoweringPattern<graph::StridedSliceOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::StridedSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ingot::quant::StridedSliceS16Params params = stridedSliceParams(op);
    return replace<kernel::StridedSliceS16Op>(
        op, rewriter, adaptor.getInput(),
        rewriter.getDenseI32ArrayAttr(params.start),
        rewriter.getDenseI32ArrayAttr(params.stride),
        rewriter.getDenseI32ArrayAttr(params.outputShape));
  }
};

/// Hybrid DEPTHWISE_CONV_2D: float input and output, int8 weights.
struct LowerHybridDepthwiseConv2D : LoweringPattern<graph::DepthwiseConv2DOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::DepthwiseConv2DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()) || isF32(op.getFilter()))
      return rewriter.notifyMatchFailure(op, "not a hybrid convolution");
    auto input = cast<RankedTensorType>(op.getInput().getType());
    SmallVector<NamedAttribute> attrs = convolutionStructure(op, rewriter);
    attrs.push_back(rewriter.getNamedAttr(
        "filter_scales",
        rewriter.getDenseF32ArrayAttr(channelScales(op.getFilter()))));
    attrs.append(floatClampAttributes(op.getFusedActivation(), rewriter));
    auto lowered = createKernel<kernel::DepthwiseConv2DHybridOp>(
        op, *getTypeConverter(),
        {adaptor.getInput(), adaptor.getFilter(), adaptor.getBias()}, attrs,
        rewriter);
    lowered->setAttr(
        kernel::kScratchBytesAttr,
        rewriter.getI64IntegerAttr(
            ingot::ref::depthwise_conv2d_hybrid_f32_s8_scratch_bytes(
                input.getDimSize(0), input.getDimSize(1), input.getDimSize(2),
                input.getDimSize(3))));
    return success();
  }
};

/// Set by the importer on a FULLY_CONNECTED whose options ask for
/// asymmetric_quantize_inputs.
constexpr llvm::StringLiteral kAsymmetricQuantizeInputsAttr =
    "ingot.asymmetric_quantize_inputs";

/// TFLite's hybrid FULLY_CONNECTED: float input and output, int8 weights with
/// one scale (FULLY_CONNECTED up to version 11) or one scale per output unit
/// (version 12); the kernel takes one per unit either way.
struct LowerHybridFullyConnected : LoweringPattern<graph::FullyConnectedOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::FullyConnectedOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    if (!isF32(op.getInput()) || isF32(op.getFilter()))
      return rewriter.notifyMatchFailure(op, "not a hybrid fully connected");
    int32_t units = dim(op.getFilter(), 0);
    int32_t depth = dim(op.getFilter(), 1);
    std::vector<float> scales = channelScales(op.getFilter());
    if (auto perAxis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(
            cast<ShapedType>(op.getFilter().getType()).getElementType())) {
      if (perAxis.getQuantizedDimension() != 0 ||
          static_cast<int32_t>(scales.size()) != units)
        return op.emitOpError(
                   "has per-channel weights quantized along dimension ")
               << perAxis.getQuantizedDimension() << " with " << scales.size()
               << " scales; a hybrid FULLY_CONNECTED needs one scale per "
                  "output unit (dimension 0, "
               << units << " scales)";
    } else {
      scales.assign(units, scales.front());
    }
    UnitAttr asymmetric = op->hasAttr(kAsymmetricQuantizeInputsAttr)
                              ? rewriter.getUnitAttr()
                              : nullptr;
    auto [low, high] = floatRange(op.getFusedActivation());
    auto lowered = kernel::FullyConnectedHybridOp::create(
        rewriter, op.getLoc(), convertedResultType(op), adaptor.getInput(),
        adaptor.getFilter(), adaptor.getBias(),
        rewriter.getDenseF32ArrayAttr(scales), asymmetric,
        rewriter.getF32FloatAttr(low), rewriter.getF32FloatAttr(high));
    copyIngotAttributes(op, lowered);
    lowered->removeAttr(kAsymmetricQuantizeInputsAttr);
    lowered->setAttr(
        kernel::kScratchBytesAttr,
        rewriter.getI64IntegerAttr(
            ingot::ref::fully_connected_hybrid_f32_s8_scratch_bytes(depth)));
    rewriter.replaceOp(op, lowered->getResults());
    return success();
  }
};

} // namespace

void ingot::populateGraphToKernelPatterns(TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<
      LowerConst, LowerVariable, LowerConv2D, LowerDepthwiseConv2D,
      LowerFullyConnected, LowerAdd,
      LowerPool<graph::AveragePool2DOp, kernel::AveragePool2DOp,
                kernel::AveragePool2DS16Op>,
      LowerPool<graph::MaxPool2DOp, kernel::MaxPool2DOp,
                kernel::MaxPool2DS16Op>,
      LowerReshape, LowerSoftmax, LowerQuantize, LowerDequantize, LowerSvdf,
      LowerFloatConvolution<graph::Conv2DOp, kernel::Conv2DF32Op>,
      LowerFloatConvolution<graph::DepthwiseConv2DOp,
                            kernel::DepthwiseConv2DF32Op>,
      LowerFloatFullyConnected, LowerFloatAdd,
      LowerFloatPool<graph::AveragePool2DOp, kernel::AveragePool2DF32Op>,
      LowerFloatPool<graph::MaxPool2DOp, kernel::MaxPool2DF32Op>,
      LowerFloatSoftmax, LowerHybridConv2D, LowerHybridDepthwiseConv2D,
      LowerHybridFullyConnected,
      LowerConvolutionS16<graph::Conv2DOp, kernel::Conv2DS16Op>,
      LowerConvolutionS16<graph::DepthwiseConv2DOp,
                          kernel::DepthwiseConv2DS16Op>,
      LowerFullyConnectedS16, LowerBinaryS16<graph::AddOp, kernel::AddS16Op>,
      LowerBinaryS16<graph::SubOp, kernel::SubS16Op>, LowerLeakyRelu, LowerPad,
      LowerStridedSlice>(converter, patterns.getContext());
}
