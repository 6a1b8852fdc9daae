//===- GraphOps.cpp - ingot graph dialect operations ----------------------===//
//
// This file implements the verifiers and folders of the graph dialect. The
// verifiers check what TensorFlow Lite's own Prepare functions check (ranks,
// channel counts, matching element counts), so that a malformed model is
// rejected at import with a diagnostic rather than reaching a kernel.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Graph/IR/Graph.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

using namespace mlir;
using namespace ingot::graph;

/// The integer or float type a tensor's elements are stored as.
static Type storageElementType(Type type) {
  Type element = cast<ShapedType>(type).getElementType();
  if (auto quantized = dyn_cast<quant::QuantizedType>(element))
    return quantized.getStorageType();
  return element;
}

static LogicalResult verifyRank(Operation *op, Value value, int64_t rank,
                                StringRef what) {
  auto type = cast<RankedTensorType>(value.getType());
  if (type.getRank() != rank)
    return op->emitOpError()
           << what << " must have rank " << rank << ", got " << type;
  if (!type.hasStaticShape())
    return op->emitOpError()
           << what << " must have a static shape, got " << type;
  return success();
}

static LogicalResult verifyPositive(Operation *op, int64_t value,
                                    StringRef what) {
  if (value < 1)
    return op->emitOpError() << what << " must be at least 1, got " << value;
  return success();
}

//===----------------------------------------------------------------------===//
// ConstOp
//===----------------------------------------------------------------------===//

LogicalResult ConstOp::verify() {
  auto valueType = cast<ShapedType>(getValue().getType());
  auto resultType = getOutput().getType();
  if (valueType.getShape() != resultType.getShape())
    return emitOpError("value shape does not match the result shape");
  if (valueType.getElementType() != storageElementType(resultType))
    return emitOpError("value element type ")
           << valueType.getElementType() << " is not the result's storage type "
           << storageElementType(resultType);
  return success();
}

OpFoldResult ConstOp::fold(FoldAdaptor) { return getValue(); }

//===----------------------------------------------------------------------===//
// Convolutions
//===----------------------------------------------------------------------===//

template <typename ConvOp> static LogicalResult verifyConvCommon(ConvOp op) {
  Operation *raw = op.getOperation();
  if (failed(verifyRank(raw, op.getInput(), 4, "input")) ||
      failed(verifyRank(raw, op.getFilter(), 4, "filter")) ||
      failed(verifyRank(raw, op.getOutput(), 4, "output")) ||
      failed(verifyPositive(raw, op.getStrideH(), "stride_h")) ||
      failed(verifyPositive(raw, op.getStrideW(), "stride_w")) ||
      failed(verifyPositive(raw, op.getDilationH(), "dilation_h")) ||
      failed(verifyPositive(raw, op.getDilationW(), "dilation_w")))
    return failure();
  auto output = cast<RankedTensorType>(op.getOutput().getType());
  if (Value bias = op.getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (biasType.getRank() != 1 ||
        biasType.getDimSize(0) != output.getDimSize(3))
      return op.emitOpError("bias must have one element per output channel");
  }
  auto input = cast<RankedTensorType>(op.getInput().getType());
  if (input.getDimSize(0) != output.getDimSize(0))
    return op.emitOpError("input and output batch sizes differ");
  return success();
}

LogicalResult Conv2DOp::verify() {
  if (failed(verifyConvCommon(*this)))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto filter = cast<RankedTensorType>(getFilter().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (filter.getDimSize(3) != input.getDimSize(3))
    return emitOpError("filter depth ")
           << filter.getDimSize(3) << " does not match input channels "
           << input.getDimSize(3) << " (grouped convolution is unsupported)";
  if (filter.getDimSize(0) != output.getDimSize(3))
    return emitOpError("filter count does not match output channels");
  return success();
}

LogicalResult DepthwiseConv2DOp::verify() {
  if (failed(verifyConvCommon(*this)) ||
      failed(verifyPositive(*this, getDepthMultiplier(), "depth_multiplier")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto filter = cast<RankedTensorType>(getFilter().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (filter.getDimSize(0) != 1)
    return emitOpError("filter must have a leading dimension of 1");
  if (filter.getDimSize(3) != output.getDimSize(3) ||
      output.getDimSize(3) !=
          input.getDimSize(3) * static_cast<int64_t>(getDepthMultiplier()))
    return emitOpError("output channels must equal input channels times "
                       "depth_multiplier and match the filter");
  return success();
}

//===----------------------------------------------------------------------===//
// FullyConnectedOp
//===----------------------------------------------------------------------===//

LogicalResult FullyConnectedOp::verify() {
  if (failed(verifyRank(*this, getFilter(), 2, "filter")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto filter = cast<RankedTensorType>(getFilter().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (!input.hasStaticShape() || !output.hasStaticShape())
    return emitOpError("input and output must have static shapes");
  int64_t depth = filter.getDimSize(1);
  if (depth == 0 || input.getNumElements() % depth != 0)
    return emitOpError("input size ")
           << input.getNumElements()
           << " is not a multiple of the filter depth " << depth;
  int64_t batches = input.getNumElements() / depth;
  if (output.getNumElements() != batches * filter.getDimSize(0))
    return emitOpError("output must have batches x units elements");
  if (Value bias = getBias()) {
    auto biasType = cast<RankedTensorType>(bias.getType());
    if (biasType.getRank() != 1 ||
        biasType.getDimSize(0) != filter.getDimSize(0))
      return emitOpError("bias must have one element per unit");
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Elementwise, pooling, reshape, softmax
//===----------------------------------------------------------------------===//

/// Checks numpy-style broadcasting of two operands to the result shape.
static LogicalResult verifyBroadcast(Operation *op, Value lhs, Value rhs,
                                     Value output) {
  auto lhsShape = cast<RankedTensorType>(lhs.getType()).getShape();
  auto rhsShape = cast<RankedTensorType>(rhs.getType()).getShape();
  auto outShape = cast<RankedTensorType>(output.getType()).getShape();
  size_t rank = std::max(lhsShape.size(), rhsShape.size());
  if (outShape.size() != rank)
    return op->emitOpError("result rank must be the larger operand rank");
  for (size_t i = 0; i < rank; ++i) {
    auto dimAt = [&](ArrayRef<int64_t> shape) -> int64_t {
      size_t lead = rank - shape.size();
      return i < lead ? 1 : shape[i - lead];
    };
    int64_t a = dimAt(lhsShape), b = dimAt(rhsShape);
    if (a != b && a != 1 && b != 1)
      return op->emitOpError("operand shapes do not broadcast");
    if (outShape[i] != std::max(a, b))
      return op->emitOpError("result shape is not the broadcast shape");
  }
  return success();
}

LogicalResult AddOp::verify() {
  return verifyBroadcast(*this, getLhs(), getRhs(), getOutput());
}

LogicalResult SubOp::verify() {
  return verifyBroadcast(*this, getLhs(), getRhs(), getOutput());
}

LogicalResult LeakyReluOp::verify() {
  if (cast<RankedTensorType>(getInput().getType()).getShape() !=
      cast<RankedTensorType>(getOutput().getType()).getShape())
    return emitOpError("leaky_relu must keep the shape");
  return success();
}

LogicalResult PadOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  ArrayRef<int64_t> paddings = getPaddings();
  if (static_cast<int64_t>(paddings.size()) != 2 * input.getRank() ||
      output.getRank() != input.getRank())
    return emitOpError("needs (before, after) paddings for every dimension");
  for (int64_t d = 0; d < input.getRank(); ++d) {
    if (paddings[2 * d] < 0 || paddings[2 * d + 1] < 0)
      return emitOpError("paddings must not be negative");
    if (output.getDimSize(d) !=
        input.getDimSize(d) + paddings[2 * d] + paddings[2 * d + 1])
      return emitOpError("result shape does not match the paddings");
  }
  return success();
}

LogicalResult StridedSliceOp::verify() {
  int64_t rank = cast<RankedTensorType>(getInput().getType()).getRank();
  if (static_cast<int64_t>(getBegin().size()) != rank ||
      static_cast<int64_t>(getEnd().size()) != rank ||
      static_cast<int64_t>(getStrides().size()) != rank)
    return emitOpError("begin, end and strides need one entry per dimension");
  if (llvm::is_contained(getStrides(), 0))
    return emitOpError("strides must not be zero");
  return success();
}

LogicalResult TransposeConvOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getFilter(), 4, "filter")) ||
      failed(verifyRank(*this, getOutput(), 4, "output")) ||
      failed(verifyPositive(*this, getStrideH(), "stride_h")) ||
      failed(verifyPositive(*this, getStrideW(), "stride_w")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto filter = cast<RankedTensorType>(getFilter().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (filter.getDimSize(3) != input.getDimSize(3) ||
      filter.getDimSize(0) != output.getDimSize(3))
    return emitOpError(
        "filter must be [output channels, h, w, input channels]");
  return success();
}

template <typename PoolOp> static LogicalResult verifyPool(PoolOp op) {
  Operation *raw = op.getOperation();
  if (failed(verifyRank(raw, op.getInput(), 4, "input")) ||
      failed(verifyRank(raw, op.getOutput(), 4, "output")) ||
      failed(verifyPositive(raw, op.getFilterH(), "filter_h")) ||
      failed(verifyPositive(raw, op.getFilterW(), "filter_w")) ||
      failed(verifyPositive(raw, op.getStrideH(), "stride_h")) ||
      failed(verifyPositive(raw, op.getStrideW(), "stride_w")))
    return failure();
  auto input = cast<RankedTensorType>(op.getInput().getType());
  auto output = cast<RankedTensorType>(op.getOutput().getType());
  if (input.getDimSize(3) != output.getDimSize(3) ||
      input.getDimSize(0) != output.getDimSize(0))
    return op.emitOpError("pooling must keep batches and channels");
  return success();
}

LogicalResult AveragePool2DOp::verify() { return verifyPool(*this); }
LogicalResult MaxPool2DOp::verify() { return verifyPool(*this); }

LogicalResult ReshapeOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (!input.hasStaticShape() || !output.hasStaticShape())
    return emitOpError("reshape needs static shapes");
  if (input.getNumElements() != output.getNumElements())
    return emitOpError("reshape must keep the element count (")
           << input.getNumElements() << " vs " << output.getNumElements()
           << ")";
  if (input.getElementType() != output.getElementType())
    return emitOpError("reshape must keep the element type");
  return success();
}

LogicalResult SoftmaxOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (input.getShape() != output.getShape())
    return emitOpError("softmax must keep the shape");
  if (!(getBeta().convertToFloat() > 0.0f))
    return emitOpError("beta must be positive");
  return success();
}

LogicalResult QuantizeOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (input.getShape() != output.getShape())
    return emitOpError("quantize must keep the shape");
  if (!isa<quant::UniformQuantizedType>(output.getElementType()))
    return emitOpError("result must have a per-tensor !quant.uniform type");
  return success();
}

LogicalResult DequantizeOp::verify() {
  auto input = cast<RankedTensorType>(getInput().getType());
  auto output = cast<RankedTensorType>(getOutput().getType());
  if (input.getShape() != output.getShape())
    return emitOpError("dequantize must keep the shape");
  bool widensHalf =
      input.getElementType().isF16() && output.getElementType().isF32();
  if (!widensHalf && (!isa<quant::QuantizedType>(input.getElementType()) ||
                      !isa<FloatType>(output.getElementType())))
    return emitOpError("dequantize goes from a quantized (or float16) to a "
                       "float type");
  return success();
}

LogicalResult SvdfOp::verify() {
  if (failed(verifyRank(*this, getInput(), 2, "input")) ||
      failed(verifyRank(*this, getWeightsFeature(), 2, "weights_feature")) ||
      failed(verifyRank(*this, getWeightsTime(), 2, "weights_time")) ||
      failed(verifyRank(*this, getActivationState(), 2, "activation_state")) ||
      failed(verifyPositive(*this, getRank(), "rank")))
    return failure();
  auto input = cast<RankedTensorType>(getInput().getType());
  auto feature = cast<RankedTensorType>(getWeightsFeature().getType());
  auto time = cast<RankedTensorType>(getWeightsTime().getType());
  auto state = cast<RankedTensorType>(getActivationState().getType());
  int64_t filters = feature.getDimSize(0);
  if (feature.getDimSize(1) != input.getDimSize(1))
    return emitOpError("weights_feature depth must match the input size");
  if (time.getDimSize(0) != filters)
    return emitOpError("weights_time must have one row per filter");
  if (filters % getRank() != 0)
    return emitOpError("filter count must be a multiple of rank");
  if (state.getDimSize(0) != input.getDimSize(0) ||
      state.getDimSize(1) != filters * time.getDimSize(1))
    return emitOpError("activation_state must be [batches, filters * memory]");
  return success();
}

#define GET_OP_CLASSES
#include "ingot/Dialect/Graph/IR/GraphOps.cpp.inc"
