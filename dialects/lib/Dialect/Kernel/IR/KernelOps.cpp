//===- KernelOps.cpp - ingot kernel dialect operations --------------------===//
//
// This file implements the kernel dialect's verifiers. They check the
// invariants the C++ kernels rely on without checking at run time: array
// lengths match channel counts, clamp bounds are ordered and within the
// output type, shifts are in the range the fixed-point code handles.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Kernel/IR/Kernel.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace ingot::kernel;

static int64_t numElements(Value value) {
  return cast<RankedTensorType>(value.getType()).getNumElements();
}

static LogicalResult verifyClamp(Operation *op, int32_t low, int32_t high,
                                 Value output) {
  if (low > high)
    return op->emitOpError("activation_min ")
           << low << " exceeds activation_max " << high;
  auto outputType = cast<RankedTensorType>(output.getType());
  auto element = dyn_cast<IntegerType>(outputType.getElementType());
  if (!element)
    return op->emitOpError("output must have an integer element type, got ")
           << outputType;
  int64_t typeMin = -(int64_t{1} << (element.getWidth() - 1));
  int64_t typeMax = (int64_t{1} << (element.getWidth() - 1)) - 1;
  if (low < typeMin || high > typeMax)
    return op->emitOpError("activation range [")
           << low << ", " << high << "] exceeds the output type " << element;
  return success();
}

static LogicalResult verifyShift(Operation *op, int32_t shift) {
  if (shift < -31 || shift > 30)
    return op->emitOpError("shift ") << shift << " is outside [-31, 30]";
  return success();
}

static LogicalResult verifyPair(Operation *op, ArrayRef<int64_t> values,
                                StringRef name, int64_t minimum) {
  if (values.size() != 2)
    return op->emitOpError() << name << " must have two entries (h, w)";
  for (int64_t value : values)
    if (value < minimum)
      return op->emitOpError()
             << name << " entries must be at least " << minimum;
  return success();
}

template <typename ConvOp> static LogicalResult verifyConv(ConvOp op) {
  Operation *raw = op.getOperation();
  if (failed(verifyPair(raw, op.getStrides(), "strides", 1)) ||
      failed(verifyPair(raw, op.getDilations(), "dilations", 1)) ||
      failed(verifyPair(raw, op.getPadding(), "padding", 0)) ||
      failed(verifyClamp(raw, op.getActivationMin(), op.getActivationMax(),
                         op.getOutput())))
    return failure();
  auto output = cast<RankedTensorType>(op.getOutput().getType());
  if (output.getRank() != 4)
    return op.emitOpError("output must be NHWC");
  size_t channels = output.getDimSize(3);
  if (op.getOutputMultiplier().size() != channels ||
      op.getOutputShift().size() != channels)
    return op.emitOpError("needs one multiplier and shift per output channel");
  for (int32_t shift : op.getOutputShift())
    if (failed(verifyShift(raw, shift)))
      return failure();
  return success();
}

LogicalResult Conv2DOp::verify() { return verifyConv(*this); }
LogicalResult DepthwiseConv2DOp::verify() { return verifyConv(*this); }

LogicalResult FullyConnectedOp::verify() {
  if (failed(verifyShift(*this, getOutputShift())))
    return failure();
  return verifyClamp(*this, getActivationMin(), getActivationMax(),
                     getOutput());
}

LogicalResult PackedConv2DOp::verify() {
  if (failed(verifyConv(*this)))
    return failure();
  if (getFilterShape().size() != 4)
    return emitOpError("filter_shape must have four entries (o, h, w, i)");
  if (cast<RankedTensorType>(getInput().getType()).getRank() != 4)
    return emitOpError("input must be NHWC");
  if (getImplementation().empty())
    return emitOpError("needs an implementation");
  int64_t channels =
      cast<RankedTensorType>(getOutput().getType()).getDimSize(3);
  if (numElements(getFoldedBias()) != channels)
    return emitOpError("needs one folded bias per output channel");
  // The records' layout is the kernel family's; each channel has the same
  // number of words.
  if (getRescale() &&
      (numElements(getRescale()) == 0 || numElements(getRescale()) % channels))
    return emitOpError("needs the same number of rescale words per output "
                       "channel");
  return success();
}

LogicalResult PackedFullyConnectedOp::verify() {
  if (failed(verifyShift(*this, getOutputShift())))
    return failure();
  if (getFilterShape().size() != 2)
    return emitOpError("filter_shape must have two entries (output, input)");
  if (numElements(getFoldedBias()) != getFilterShape()[0])
    return emitOpError("needs one folded bias per output channel");
  return verifyClamp(*this, getActivationMin(), getActivationMax(),
                     getOutput());
}

LogicalResult AddOp::verify() {
  if (numElements(getLhs()) != numElements(getOutput()) ||
      numElements(getRhs()) != numElements(getOutput()))
    return emitOpError("operands and result must have equal element counts");
  if (failed(verifyShift(*this, getInput1Shift())) ||
      failed(verifyShift(*this, getInput2Shift())) ||
      failed(verifyShift(*this, getOutputShift())))
    return failure();
  return verifyClamp(*this, getActivationMin(), getActivationMax(),
                     getOutput());
}

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  Operation *raw = op.getOperation();
  if (failed(verifyPair(raw, op.getFilter(), "filter", 1)) ||
      failed(verifyPair(raw, op.getStrides(), "strides", 1)) ||
      failed(verifyPair(raw, op.getPadding(), "padding", 0)))
    return failure();
  return verifyClamp(raw, op.getActivationMin(), op.getActivationMax(),
                     op.getOutput());
}

LogicalResult AveragePool2DOp::verify() { return verifyPool(*this); }
LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }

LogicalResult SoftmaxOp::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("softmax must keep the element count");
  auto element = cast<RankedTensorType>(getOutput().getType()).getElementType();
  if (!element.isInteger(8) && !element.isInteger(16))
    return emitOpError("softmax output must be i8 or i16");
  return success();
}

LogicalResult SoftmaxS16Op::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("softmax must keep the element count");
  auto input = cast<RankedTensorType>(getInput().getType());
  if (!input.getElementType().isInteger(16) ||
      !cast<RankedTensorType>(getOutput().getType())
           .getElementType()
           .isInteger(16))
    return emitOpError("softmax_s16 takes and returns i16");
  if (input.getRank() > 0 && input.getShape().back() > 65536)
    return emitOpError("rows of more than 65536 elements overflow the sum");
  for (Value table : {getExpTable(), getReciprocalTable()}) {
    auto type = cast<RankedTensorType>(table.getType());
    if (type.getRank() != 1 || type.getDimSize(0) != 513 ||
        !type.getElementType().isInteger(16))
      return emitOpError("tables must be tensor<513xi16>");
  }
  return verifyShift(*this, getInputLeftShift());
}

LogicalResult RequantizeOp::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("requantize must keep the element count");
  return verifyShift(*this, getShift());
}

LogicalResult QuantizeOp::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("quantize must keep the element count");
  return success();
}

LogicalResult DequantizeOp::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("dequantize must keep the element count");
  return success();
}

LogicalResult SvdfOp::verify() {
  if (failed(verifyShift(*this, getFeatureShift())) ||
      failed(verifyShift(*this, getTimeShift())))
    return failure();
  return verifyClamp(*this, getActivationMin(), getActivationMax(),
                     getOutput());
}

LogicalResult WeightOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  if (valueType != getOutput().getType())
    return emitOpError("value type must equal the result type");
  if (getName().empty())
    return emitOpError("weights need a name");
  return success();
}

OpFoldResult WeightOp::fold(FoldAdaptor) { return getValue(); }

LogicalResult AliasOp::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("alias must keep the element count");
  return success();
}

LogicalResult CopyOp::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("copy must keep the element count");
  return success();
}

//===----------------------------------------------------------------------===//
// float32 kernels
//===----------------------------------------------------------------------===//

static LogicalResult verifyFloatClamp(Operation *op, APFloat low,
                                      APFloat high) {
  if (low.isNaN() || high.isNaN() ||
      low.compare(high) == APFloat::cmpGreaterThan)
    return op->emitOpError("activation_min must not exceed activation_max");
  return success();
}

template <typename ConvOp> static LogicalResult verifyFloatConv(ConvOp op) {
  Operation *raw = op.getOperation();
  for (Value tensor : {op.getInput(), op.getFilter(), op.getOutput()})
    if (cast<RankedTensorType>(tensor.getType()).getRank() != 4)
      return op.emitOpError("input, filter and output must be 4-D");
  if (failed(verifyPair(raw, op.getStrides(), "strides", 1)) ||
      failed(verifyPair(raw, op.getDilations(), "dilations", 1)) ||
      failed(verifyPair(raw, op.getPadding(), "padding", 0)))
    return failure();
  return verifyFloatClamp(raw, op.getActivationMinAttr().getValue(),
                          op.getActivationMaxAttr().getValue());
}

LogicalResult Conv2DF32Op::verify() { return verifyFloatConv(*this); }

LogicalResult DepthwiseConv2DHybridOp::verify() {
  if (failed(verifyFloatConv(*this)))
    return failure();
  int64_t channels =
      cast<RankedTensorType>(getOutput().getType()).getDimSize(3);
  int64_t scales = getFilterScales().size();
  if (scales != 1 && scales != channels)
    return emitOpError("needs one filter scale or one per output channel");
  return success();
}

LogicalResult Conv2DHybridOp::verify() {
  if (failed(verifyFloatConv(*this)))
    return failure();
  int64_t channels =
      cast<RankedTensorType>(getOutput().getType()).getDimSize(3);
  int64_t scales = getFilterScales().size();
  if (scales != 1 && scales != channels)
    return emitOpError("needs one filter scale or one per output channel");
  return success();
}
LogicalResult DepthwiseConv2DF32Op::verify() { return verifyFloatConv(*this); }

LogicalResult FullyConnectedF32Op::verify() {
  return verifyFloatClamp(*this, getActivationMinAttr().getValue(),
                          getActivationMaxAttr().getValue());
}

LogicalResult FullyConnectedHybridOp::verify() {
  auto filter = cast<RankedTensorType>(getFilter().getType());
  if (filter.getRank() != 2 ||
      static_cast<int64_t>(getFilterScales().size()) != filter.getDimSize(0))
    return emitOpError("needs a 2-D filter and one filter scale per output "
                       "unit (its first dimension)");
  for (float scale : getFilterScales())
    if (!(scale > 0.0f))
      return emitOpError("filter scales must be positive");
  return verifyFloatClamp(*this, getActivationMinAttr().getValue(),
                          getActivationMaxAttr().getValue());
}

LogicalResult AddF32Op::verify() {
  if (numElements(getLhs()) != numElements(getOutput()) ||
      numElements(getRhs()) != numElements(getOutput()))
    return emitOpError("operands and result must have equal element counts");
  return verifyFloatClamp(*this, getActivationMinAttr().getValue(),
                          getActivationMaxAttr().getValue());
}

template <typename PoolOp> static LogicalResult verifyFloatPool(PoolOp op) {
  Operation *raw = op.getOperation();
  if (failed(verifyPair(raw, op.getFilter(), "filter", 1)) ||
      failed(verifyPair(raw, op.getStrides(), "strides", 1)) ||
      failed(verifyPair(raw, op.getPadding(), "padding", 0)))
    return failure();
  return verifyFloatClamp(raw, op.getActivationMinAttr().getValue(),
                          op.getActivationMaxAttr().getValue());
}

LogicalResult AveragePool2DF32Op::verify() { return verifyFloatPool(*this); }
LogicalResult MaxPool2DF32Op::verify() { return verifyFloatPool(*this); }

LogicalResult LeakyReluF32Op::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("leaky_relu must keep the element count");
  return success();
}

LogicalResult SoftmaxF32Op::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("softmax must keep the element count");
  if (!(getBeta().convertToFloat() > 0.0f))
    return emitOpError("beta must be positive");
  return success();
}

//===----------------------------------------------------------------------===//
// int16x8 kernels
//===----------------------------------------------------------------------===//

LogicalResult Conv2DS16Op::verify() { return verifyConv(*this); }
LogicalResult DepthwiseConv2DS16Op::verify() { return verifyConv(*this); }
LogicalResult AveragePool2DS16Op::verify() { return verifyPool(*this); }
LogicalResult MaxPool2DS16Op::verify() { return verifyPool(*this); }

LogicalResult FullyConnectedS16Op::verify() {
  if (failed(verifyShift(*this, getOutputShift())))
    return failure();
  return verifyClamp(*this, getActivationMin(), getActivationMax(),
                     getOutput());
}

template <typename BinaryOp> static LogicalResult verifyBinaryS16(BinaryOp op) {
  size_t rank = op.getOutputShape().size();
  if (rank == 0 || rank > 6 || op.getInput1Strides().size() != rank ||
      op.getInput2Strides().size() != rank)
    return op.emitOpError("needs output shape and strides of one rank <= 6");
  return verifyClamp(op, op.getActivationMin(), op.getActivationMax(),
                     op.getOutput());
}

LogicalResult AddS16Op::verify() { return verifyBinaryS16(*this); }
LogicalResult SubS16Op::verify() { return verifyBinaryS16(*this); }

LogicalResult LeakyReluS16Op::verify() {
  if (numElements(getInput()) != numElements(getOutput()))
    return emitOpError("leaky_relu must keep the element count");
  if (failed(verifyShift(*this, getIdentityShift())))
    return failure();
  return verifyShift(*this, getAlphaShift());
}

LogicalResult PadS16Op::verify() {
  int64_t rank = cast<RankedTensorType>(getInput().getType()).getRank();
  if (static_cast<int64_t>(getPadBefore().size()) != rank ||
      static_cast<int64_t>(getPadAfter().size()) != rank || rank > 5)
    return emitOpError("needs paddings for each of at most 5 dimensions");
  return success();
}

LogicalResult StridedSliceS16Op::verify() {
  int64_t rank = cast<RankedTensorType>(getInput().getType()).getRank();
  if (static_cast<int64_t>(getStart().size()) != rank ||
      static_cast<int64_t>(getStride().size()) != rank ||
      static_cast<int64_t>(getSliceShape().size()) != rank || rank > 5)
    return emitOpError("needs start, stride and shape for each of at most 5 "
                       "dimensions");
  int64_t elements = 1;
  for (int32_t extent : getSliceShape())
    elements *= extent;
  if (elements != numElements(getOutput()))
    return emitOpError("slice shape does not match the result");
  return success();
}

LogicalResult CallOp::verify() {
  if (getCallee().empty())
    return emitOpError("needs a callee");
  if (getArgs().size() != getArgNames().size())
    return emitOpError("needs one name per argument");
  for (Attribute arg : getArgs())
    if (!isa<IntegerAttr, FloatAttr, DenseI32ArrayAttr, DenseF32ArrayAttr>(arg))
      return emitOpError("takes integer, float and int32 or float array "
                         "arguments only");
  return success();
}

#define GET_OP_CLASSES
#include "ingot/Dialect/Kernel/IR/KernelOps.cpp.inc"
