//===- GraphToKernel.cpp - Graph ops to runtime kernel calls --------------===//
//
// This file implements the patterns that lower each graph op to the kernel op
// of the runtime function that computes it. All arithmetic on scales happens
// here, through the functions in compiler/Quantization that reproduce
// TensorFlow Lite's Prepare code; the kernels then only do integer math.
//
//===----------------------------------------------------------------------===//
#include "Conversion/Passes.h"

#include "KernelParams.h"
#include "RequantizeParams.h"
#include "SoftmaxParams.h"
#include "SvdfParams.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace ingot;

//===----------------------------------------------------------------------===//
// Type helpers
//===----------------------------------------------------------------------===//

QuantStorageTypeConverter::QuantStorageTypeConverter() {
  addConversion([](Type type) { return type; });
  addConversion([](RankedTensorType type) -> Type {
    if (auto quantized = dyn_cast<mlir::quant::QuantizedType>(type.getElementType()))
      return RankedTensorType::get(type.getShape(),
                                   quantized.getStorageType());
    return type;
  });
}

namespace {

Type elementTypeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getElementType();
}

mlir::quant::UniformQuantizedType perTensor(Value value) {
  return dyn_cast<mlir::quant::UniformQuantizedType>(elementTypeOf(value));
}

bool isPerTensorInt(Value value, unsigned width) {
  auto type = perTensor(value);
  return type && type.getStorageTypeIntegralWidth() == width &&
         type.isSigned();
}

/// TFLite stores scales as float32; the quant types hold them exactly as
/// doubles, so converting back to float is exact.
float scaleOf(Value value) { return static_cast<float>(perTensor(value).getScale()); }
int32_t zeroPointOf(Value value) {
  return static_cast<int32_t>(perTensor(value).getZeroPoint());
}

/// Per-channel (or broadcast per-tensor) scales of a weight operand.
std::vector<float> channelScales(Value value) {
  Type element = elementTypeOf(value);
  if (auto axis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return std::vector<float>(axis.getScales().begin(), axis.getScales().end());
  return {static_cast<float>(cast<mlir::quant::UniformQuantizedType>(element).getScale())};
}

bool hasZeroZeroPoints(Value value) {
  Type element = elementTypeOf(value);
  if (auto axis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
    return llvm::all_of(axis.getZeroPoints(), [](int64_t z) { return z == 0; });
  return cast<mlir::quant::UniformQuantizedType>(element).getZeroPoint() == 0;
}

bool isInt8Weight(Value value, std::optional<int32_t> axis) {
  Type element = elementTypeOf(value);
  if (auto perAxis = dyn_cast<mlir::quant::UniformQuantizedPerAxisType>(element))
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

ingot::quant::FusedActivation toQuant(graph::Activation activation) {
  switch (activation) {
  case graph::Activation::None:
    return ingot::quant::FusedActivation::None;
  case graph::Activation::Relu:
    return ingot::quant::FusedActivation::Relu;
  case graph::Activation::ReluN1To1:
    return ingot::quant::FusedActivation::ReluN1To1;
  case graph::Activation::Relu6:
    return ingot::quant::FusedActivation::Relu6;
  }
  return ingot::quant::FusedActivation::None;
}

ingot::quant::ActivationRange int8Range(graph::Activation activation, Value output) {
  return ingot::quant::quantizedActivationRange(toQuant(activation), scaleOf(output),
                                         zeroPointOf(output), -128, 127);
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
  return ingot::quant::computePadding(padding == graph::Padding::Same, dim(input, 1),
                               dim(input, 2), filterH, filterW, strideH,
                               strideW, dilationH, dilationW);
}

/// Attributes that travel from graph ops to kernel ops (layer name, TFLite
/// operator name).
void copyIngotAttributes(Operation *from, Operation *to) {
  for (NamedAttribute attr : from->getDiscardableAttrs())
    if (attr.getName().strref().starts_with("ingot."))
      to->setAttr(attr.getName(), attr.getValue());
}

constexpr const char *kInt8Only =
    "; ingot compiles int8 models with int8 weights and int32 biases "
    "(float and hybrid models are on the roadmap)";

std::string convBlocker(Value input, Value filter, Value bias, Value output,
                        int32_t channelAxis, ingot::quant::PaddingValues padding) {
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

std::string ingot::graphOpLoweringBlocker(Operation *op) {
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
        if (!isPerTensorInt(fc.getInput(), 8) ||
            !isPerTensorInt(fc.getOutput(), 8) ||
            !isInt8Weight(fc.getFilter(), std::nullopt) ||
            !isInt32BiasOrNone(fc.getBias()))
          return std::string("has tensor types without an int8 kernel") +
                 kInt8Only;
        return "";
      })
      .Case([](graph::AddOp add) -> std::string {
        if (!isPerTensorInt(add.getLhs(), 8) ||
            !isPerTensorInt(add.getRhs(), 8) ||
            !isPerTensorInt(add.getOutput(), 8))
          return std::string("has tensor types without an int8 kernel") +
                 kInt8Only;
        return "";
      })
      .Case<graph::AveragePool2DOp, graph::MaxPool2DOp>(
          [](auto pool) -> std::string {
            if (!isPerTensorInt(pool.getInput(), 8) ||
                !isPerTensorInt(pool.getOutput(), 8))
              return std::string("has tensor types without an int8 kernel") +
                     kInt8Only;
            if (perTensor(pool.getInput()) != perTensor(pool.getOutput()))
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
        if (!isPerTensorInt(softmax.getInput(), 8))
          return std::string("has a non-int8 input") + kInt8Only;
        if (isPerTensorInt(output, 8) &&
            ingot::quant::isValidSoftmaxOutputS8(scaleOf(output), zeroPointOf(output)))
          return "";
        if (isPerTensorInt(output, 16) &&
            ingot::quant::isValidSoftmaxOutputS16(scaleOf(output),
                                           zeroPointOf(output)))
          return "";
        return "has an output quantization TFLite's int8 softmax does not "
               "produce (int8 needs scale 1/256 and zero point -128; int16 "
               "scale 1/32768 or 1/65536)";
      })
      .Case([](graph::QuantizeOp quantize) -> std::string {
        Value input = quantize.getInput(), output = quantize.getOutput();
        bool supported =
            (elementTypeOf(input).isF32() && isPerTensorInt(output, 8)) ||
            (isPerTensorInt(input, 16) &&
             (isPerTensorInt(output, 8) || isPerTensorInt(output, 32))) ||
            (isPerTensorInt(input, 8) && isPerTensorInt(output, 8));
        if (!supported)
          return "converts between types ingot has no kernel for (supported: "
                 "float32->int8, int16->int8, int16->int32, int8->int8)";
        return "";
      })
      .Case([](graph::DequantizeOp dequantize) -> std::string {
        if (!isPerTensorInt(dequantize.getInput(), 8) ||
            !elementTypeOf(dequantize.getOutput()).isF32())
          return "converts between types ingot has no kernel for (supported: "
                 "int8->float32)";
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
    auto lowered = TargetOp::create(rewriter, op.getLoc(),
                                    convertedResultType(op),
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

template <typename SourceOp, typename TargetOp>
struct LowerConvolution : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;

  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto filter = cast<RankedTensorType>(op.getFilter().getType());
    ingot::quant::PaddingValues padding = paddingOf(
        op.getPadding(), op.getInput(), filter.getDimSize(1),
        filter.getDimSize(2), op.getStrideH(), op.getStrideW(),
        op.getDilationH(), op.getDilationW());
    int32_t channels = dim(op.getOutput(), 3);
    auto multipliers = ingot::quant::convPerChannelMultipliers(
        scaleOf(op.getInput()), channelScales(op.getFilter()),
        scaleOf(op.getOutput()), channels);
    SmallVector<int32_t> multiplier, shift;
    for (const ingot::quant::QuantizedMultiplier &m : multipliers) {
      multiplier.push_back(m.multiplier);
      shift.push_back(m.shift);
    }
    ingot::quant::ActivationRange range =
        int8Range(op.getFusedActivation(), op.getOutput());
    SmallVector<NamedAttribute> attrs = {
        rewriter.getNamedAttr("strides", rewriter.getDenseI64ArrayAttr(
                                             {static_cast<int64_t>(op.getStrideH()),
                                              static_cast<int64_t>(op.getStrideW())})),
        rewriter.getNamedAttr(
            "dilations",
            rewriter.getDenseI64ArrayAttr(
                {static_cast<int64_t>(op.getDilationH()),
                 static_cast<int64_t>(op.getDilationW())})),
        rewriter.getNamedAttr("padding", rewriter.getDenseI64ArrayAttr(
                                             {padding.top, padding.left})),
        rewriter.getNamedAttr("input_offset",
                              rewriter.getI32IntegerAttr(-zeroPointOf(op.getInput()))),
        rewriter.getNamedAttr("output_offset",
                              rewriter.getI32IntegerAttr(zeroPointOf(op.getOutput()))),
        rewriter.getNamedAttr("output_multiplier",
                              rewriter.getDenseI32ArrayAttr(multiplier)),
        rewriter.getNamedAttr("output_shift", rewriter.getDenseI32ArrayAttr(shift)),
        rewriter.getNamedAttr("activation_min", rewriter.getI32IntegerAttr(range.min)),
        rewriter.getNamedAttr("activation_max", rewriter.getI32IntegerAttr(range.max)),
    };
    if constexpr (std::is_same_v<SourceOp, graph::DepthwiseConv2DOp>)
      attrs.push_back(rewriter.getNamedAttr(
          "depth_multiplier",
          rewriter.getI64IntegerAttr(op.getDepthMultiplier())));
    SmallVector<Value> operands = {adaptor.getInput(), adaptor.getFilter()};
    if (adaptor.getBias())
      operands.push_back(adaptor.getBias());
    auto lowered = TargetOp::create(rewriter, op.getLoc(),
                                    TypeRange{this->convertedResultType(op)},
                                    operands, attrs);
    copyIngotAttributes(op, lowered);
    rewriter.replaceOp(op, lowered->getResults());
    return success();
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
    ingot::quant::QuantizedMultiplier multiplier = ingot::quant::fullyConnectedMultiplier(
        scaleOf(op.getInput()), channelScales(op.getFilter()).front(),
        scaleOf(op.getOutput()));
    ingot::quant::ActivationRange range =
        int8Range(op.getFusedActivation(), op.getOutput());
    auto filterType = cast<mlir::quant::UniformQuantizedType>(elementTypeOf(op.getFilter()));
    return replace<kernel::FullyConnectedOp>(
        op, rewriter, adaptor.getInput(), adaptor.getFilter(),
        adaptor.getBias(), -zeroPointOf(op.getInput()),
        -static_cast<int32_t>(filterType.getZeroPoint()),
        zeroPointOf(op.getOutput()), multiplier.multiplier, multiplier.shift,
        range.min, range.max);
  }
};

struct LowerAdd : LoweringPattern<graph::AddOp> {
  using LoweringPattern::LoweringPattern;
  LogicalResult
  matchAndRewrite(graph::AddOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ingot::quant::AddParams params = ingot::quant::computeAddParams(
        scaleOf(op.getLhs()), zeroPointOf(op.getLhs()), scaleOf(op.getRhs()),
        zeroPointOf(op.getRhs()), scaleOf(op.getOutput()),
        zeroPointOf(op.getOutput()));
    ingot::quant::ActivationRange range =
        int8Range(op.getFusedActivation(), op.getOutput());
    return replace<kernel::AddOp>(
        op, rewriter, adaptor.getLhs(), adaptor.getRhs(), params.input1Offset,
        params.input1Multiplier, params.input1Shift, params.input2Offset,
        params.input2Multiplier, params.input2Shift, params.leftShift,
        params.outputOffset, params.outputMultiplier, params.outputShift,
        range.min, range.max);
  }
};

template <typename SourceOp, typename TargetOp>
struct LowerPool : LoweringPattern<SourceOp> {
  using LoweringPattern<SourceOp>::LoweringPattern;
  using OpAdaptor = typename SourceOp::Adaptor;
  LogicalResult
  matchAndRewrite(SourceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ingot::quant::PaddingValues padding =
        paddingOf(op.getPadding(), op.getInput(), op.getFilterH(),
                  op.getFilterW(), op.getStrideH(), op.getStrideW(), 1, 1);
    ingot::quant::ActivationRange range =
        int8Range(op.getFusedActivation(), op.getOutput());
    auto pair = [&](int64_t h, int64_t w) {
      return rewriter.getDenseI64ArrayAttr({h, w});
    };
    return this->template replace<TargetOp>(
        op, rewriter, adaptor.getInput(),
        pair(op.getFilterH(), op.getFilterW()),
        pair(op.getStrideH(), op.getStrideW()),
        pair(padding.top, padding.left), range.min, range.max);
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
    ingot::quant::SoftmaxParams params = ingot::quant::computeSoftmaxParams(
        scaleOf(op.getInput()), op.getBeta().convertToFloat());
    return replace<kernel::SoftmaxOp>(op, rewriter, adaptor.getInput(),
                                      params.inputMultiplier,
                                      params.inputLeftShift, params.diffMin);
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
    ingot::quant::QuantizedMultiplier multiplier =
        ingot::quant::requantizeMultiplier(scaleOf(op.getInput()), scaleOf(output));
    return replace<kernel::RequantizeOp>(
        op, rewriter, adaptor.getInput(), zeroPointOf(op.getInput()),
        zeroPointOf(output), multiplier.multiplier, multiplier.shift);
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
    ingot::quant::SvdfParams params = ingot::quant::computeSvdfParams(
        scaleOf(op.getInput()), scaleOf(op.getWeightsFeature()),
        scaleOf(op.getActivationState()), scaleOf(op.getWeightsTime()),
        scaleOf(op.getOutput()));
    auto lowered = kernel::SvdfOp::create(
        rewriter, op.getLoc(), convertedResultType(op), adaptor.getInput(),
        adaptor.getWeightsFeature(), adaptor.getWeightsTime(),
        adaptor.getBias(), adaptor.getActivationState(), op.getRank(),
        zeroPointOf(op.getInput()), zeroPointOf(op.getActivationState()),
        zeroPointOf(op.getOutput()), params.feature.multiplier,
        params.feature.shift, params.output.multiplier, params.output.shift,
        params.activationMin, params.activationMax);
    copyIngotAttributes(op, lowered);
    rewriter.replaceOp(op, lowered->getResults());
    return success();
  }
};

} // namespace

void ingot::populateGraphToKernelPatterns(TypeConverter &converter,
                                          RewritePatternSet &patterns) {
  patterns.add<LowerConst, LowerVariable, LowerConv2D, LowerDepthwiseConv2D,
               LowerFullyConnected, LowerAdd,
               LowerPool<graph::AveragePool2DOp, kernel::AveragePool2DOp>,
               LowerPool<graph::MaxPool2DOp, kernel::MaxPool2DOp>,
               LowerReshape, LowerSoftmax, LowerQuantize, LowerDequantize,
               LowerSvdf>(converter, patterns.getContext());
}
