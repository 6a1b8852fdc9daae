//===- GraphOps.cpp - ingot graph dialect operations ----------------------===//
//
// This file implements the verifiers and folders of the graph dialect. The
// verifiers check what TensorFlow Lite's own Prepare functions check (ranks,
// channel counts, matching element counts), so that a malformed model is
// rejected at import with a diagnostic rather than reaching a kernel.
//
//===----------------------------------------------------------------------===//
#include "ingot/Dialect/Graph/IR/Graph.h"

#include "mlir/Dialect/Traits.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"

#include <limits>

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

static LogicalResult verifyStaticShapes(Operation *op, int64_t maxRank = 6);

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
    // Checked before the sum below, which must not overflow.
    constexpr int64_t kMaxPadding = std::numeric_limits<int32_t>::max();
    if (paddings[2 * d] > kMaxPadding || paddings[2 * d + 1] > kMaxPadding)
      return emitOpError("paddings must be below 2^31");
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
  if (failed(verifyStaticShapes(*this)))
    return failure();
  // The kernels run over rows of the innermost dimension.
  if (input.getRank() < 1 || input.getNumElements() == 0)
    return emitOpError("needs at least one dimension and one element");
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

//===----------------------------------------------------------------------===//
// Elementwise, reduction and data movement operators
//===----------------------------------------------------------------------===//

static ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}
static int64_t rankOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getRank();
}

/// Every operand and the result must have static shapes of at most
/// `maxRank` dimensions, as the runtime's kernels index at most that many.
static LogicalResult verifyStaticShapes(Operation *op, int64_t maxRank) {
  for (Value value : llvm::concat<Value>(op->getOperands(), op->getResults())) {
    auto type = cast<RankedTensorType>(value.getType());
    if (!type.hasStaticShape())
      return op->emitOpError() << "needs static shapes, got " << type;
    if (type.getRank() > maxRank)
      return op->emitOpError()
             << "supports at most " << maxRank << " dimensions, got " << type;
  }
  return success();
}

LogicalResult UnaryOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (shapeOf(getInput()) != shapeOf(getOutput()))
    return emitOpError("must keep its input's shape");
  return success();
}

LogicalResult BinaryOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  return verifyBroadcast(*this, getLhs(), getRhs(), getOutput());
}

LogicalResult SelectOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(shapeOf(getX()), shapeOf(getY()),
                                          shape) ||
      !OpTrait::util::getBroadcastedShape(SmallVector<int64_t>(shape),
                                          shapeOf(getCondition()), shape) ||
      ArrayRef<int64_t>(shape) != shapeOf(getOutput()))
    return emitOpError("operand shapes do not broadcast to the result's");
  return success();
}

LogicalResult AddNOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  for (Value input : getInputs())
    if (shapeOf(input) != shapeOf(getOutput()))
      return emitOpError("inputs must all have the result's shape");
  return success();
}

LogicalResult ReduceOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getInput());
  SmallVector<int64_t> expected;
  for (int64_t d = 0; d < rank; ++d) {
    if (!llvm::is_contained(getAxes(), d))
      expected.push_back(shapeOf(getInput())[d]);
    else if (getKeepDims())
      expected.push_back(1);
  }
  for (int64_t axis : getAxes())
    if (axis < 0 || axis >= rank)
      return emitOpError() << "axis " << axis << " is outside [0, " << rank
                           << ")";
  if (ArrayRef<int64_t>(expected) != shapeOf(getOutput()))
    return emitOpError("result shape does not match the reduced axes");
  return success();
}

LogicalResult ArgReduceOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getInput());
  if (static_cast<int64_t>(getAxis()) < 0 ||
      static_cast<int64_t>(getAxis()) >= rank)
    return emitOpError("axis is outside the input's dimensions");
  SmallVector<int64_t> expected(shapeOf(getInput()));
  expected.erase(expected.begin() + static_cast<int64_t>(getAxis()));
  if (ArrayRef<int64_t>(expected) != shapeOf(getOutput()))
    return emitOpError("result shape must be the input's without the axis");
  return success();
}

LogicalResult CumsumOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (static_cast<int64_t>(getAxis()) < 0 ||
      static_cast<int64_t>(getAxis()) >= rankOf(getInput()))
    return emitOpError("axis is outside the input's dimensions");
  if (shapeOf(getInput()) != shapeOf(getOutput()))
    return emitOpError("must keep its input's shape");
  return success();
}

LogicalResult TransposeOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getInput());
  ArrayRef<int64_t> perm = getPerm();
  if (static_cast<int64_t>(perm.size()) != rank)
    return emitOpError("needs one permutation entry per dimension");
  if (rankOf(getOutput()) != rank)
    return emitOpError("result must have the input's rank");
  SmallVector<bool> seen(rank, false);
  for (int64_t d = 0; d < rank; ++d) {
    if (perm[d] < 0 || perm[d] >= rank || seen[perm[d]])
      return emitOpError("perm is not a permutation");
    seen[perm[d]] = true;
    if (shapeOf(getOutput())[d] != shapeOf(getInput())[perm[d]])
      return emitOpError("result shape does not match the permutation");
  }
  return success();
}

LogicalResult ConcatenationOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (getInputs().empty())
    return emitOpError("needs at least one input");
  int64_t rank = rankOf(getOutput());
  if (static_cast<int64_t>(getAxis()) < 0 ||
      static_cast<int64_t>(getAxis()) >= rank)
    return emitOpError("axis is outside the result's dimensions");
  int64_t extent = 0;
  for (Value input : getInputs()) {
    if (rankOf(input) != rank)
      return emitOpError("inputs must have the result's rank");
    for (int64_t d = 0; d < rank; ++d)
      if (d != static_cast<int64_t>(getAxis()) &&
          shapeOf(input)[d] != shapeOf(getOutput())[d])
        return emitOpError("inputs differ from the result off the axis");
    extent += shapeOf(input)[static_cast<int64_t>(getAxis())];
  }
  if (extent != shapeOf(getOutput())[static_cast<int64_t>(getAxis())])
    return emitOpError("inputs do not add up to the result along the axis");
  return success();
}

LogicalResult SliceOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getInput());
  if (rankOf(getOutput()) != rank ||
      static_cast<int64_t>(getBegin().size()) != rank)
    return emitOpError("needs a begin and a result extent per dimension");
  for (int64_t d = 0; d < rank; ++d) {
    int64_t begin = getBegin()[d], size = shapeOf(getOutput())[d];
    if (begin < 0 || begin > shapeOf(getInput())[d] ||
        size > shapeOf(getInput())[d] - begin)
      return emitOpError() << "slice of dimension " << d
                           << " is outside the input";
  }
  return success();
}

LogicalResult GatherOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getParams());
  if (static_cast<int64_t>(getAxis()) < 0 ||
      static_cast<int64_t>(getAxis()) >= rank)
    return emitOpError("axis is outside the params' dimensions");
  if (static_cast<int64_t>(getBatchDims()) < 0 ||
      static_cast<int64_t>(getBatchDims()) > static_cast<int64_t>(getAxis()) ||
      static_cast<int64_t>(getBatchDims()) > rankOf(getIndices()))
    return emitOpError("batch_dims must be at most the axis and the "
                       "indices' rank");
  SmallVector<int64_t> expected(
      shapeOf(getParams()).take_front(static_cast<int64_t>(getAxis())));
  llvm::append_range(
      expected,
      shapeOf(getIndices()).drop_front(static_cast<int64_t>(getBatchDims())));
  llvm::append_range(
      expected,
      shapeOf(getParams()).drop_front(static_cast<int64_t>(getAxis()) + 1));
  if (ArrayRef<int64_t>(expected) != shapeOf(getOutput()))
    return emitOpError("result shape does not match params and indices");
  return success();
}

LogicalResult GatherNdOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  ArrayRef<int64_t> indices = shapeOf(getIndices());
  if (indices.empty() || indices.back() > rankOf(getParams()))
    return emitOpError("the indices' last dimension must be at most the "
                       "params' rank");
  SmallVector<int64_t> expected(indices.drop_back());
  llvm::append_range(expected, shapeOf(getParams()).drop_front(indices.back()));
  if (ArrayRef<int64_t>(expected) != shapeOf(getOutput()))
    return emitOpError("result shape does not match params and indices");
  return success();
}

LogicalResult MirrorPadOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getInput());
  ArrayRef<int64_t> paddings = getPaddings();
  if (static_cast<int64_t>(paddings.size()) != 2 * rank ||
      rankOf(getOutput()) != rank)
    return emitOpError("needs (before, after) paddings for every dimension");
  for (int64_t d = 0; d < rank; ++d) {
    int64_t extent = shapeOf(getInput())[d];
    int64_t limit = getReflect() ? extent - 1 : extent;
    if (paddings[2 * d] < 0 || paddings[2 * d + 1] < 0 ||
        paddings[2 * d] > limit || paddings[2 * d + 1] > limit)
      return emitOpError() << "paddings of dimension " << d
                           << " must be in [0, " << limit << "]";
    if (shapeOf(getOutput())[d] !=
        extent + paddings[2 * d] + paddings[2 * d + 1])
      return emitOpError("result shape does not match the paddings");
  }
  return success();
}

LogicalResult SpaceToDepthOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getOutput(), 4, "output")) ||
      failed(verifyPositive(*this, static_cast<int64_t>(getBlockSize()),
                            "block_size")))
    return failure();
  if (static_cast<int64_t>(getBlockSize()) > 1024)
    return emitOpError("block_size is implausibly large");
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> space = getInverse() ? out : in;
  ArrayRef<int64_t> depth = getInverse() ? in : out;
  int64_t block = static_cast<int64_t>(getBlockSize());
  if (space[0] != depth[0] || space[1] != depth[1] * block ||
      space[2] != depth[2] * block || depth[3] != space[3] * block * block)
    return emitOpError("shapes do not match the block size");
  return success();
}

LogicalResult SpaceToBatchOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t spatial = getBlockShape().size();
  int64_t rank = rankOf(getInput());
  if (spatial < 1 || rank < spatial + 1 || rankOf(getOutput()) != rank ||
      static_cast<int64_t>(getPaddings().size()) != 2 * spatial)
    return emitOpError("needs a block size and two paddings per spatial "
                       "dimension");
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  ArrayRef<int64_t> space = getInverse() ? out : in;
  ArrayRef<int64_t> batch = getInverse() ? in : out;
  int64_t blocks = 1;
  for (int64_t d = 0; d < spatial; ++d) {
    int64_t block = getBlockShape()[d];
    int64_t before = getPaddings()[2 * d], after = getPaddings()[2 * d + 1];
    if (block < 1 || block > 1024 || before < 0 || after < 0 ||
        before > (int64_t{1} << 31) || after > (int64_t{1} << 31))
      return emitOpError("block sizes must be positive and paddings "
                         "non-negative");
    int64_t padded =
        getInverse() ? batch[d + 1] * block : space[d + 1] + before + after;
    int64_t other =
        getInverse() ? space[d + 1] + before + after : batch[d + 1] * block;
    if (padded != other || padded % block)
      return emitOpError("shapes do not match the block shape and paddings");
    blocks *= block;
  }
  if (batch[0] != space[0] * blocks)
    return emitOpError("batch does not match the block shape");
  for (int64_t d = spatial + 1; d < rank; ++d)
    if (in[d] != out[d])
      return emitOpError("remaining dimensions must be kept");
  return success();
}

LogicalResult BroadcastToOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  SmallVector<int64_t> shape;
  if (!OpTrait::util::getBroadcastedShape(shapeOf(getInput()),
                                          shapeOf(getOutput()), shape) ||
      ArrayRef<int64_t>(shape) != shapeOf(getOutput()))
    return emitOpError("input does not broadcast to the result's shape");
  return success();
}

LogicalResult BroadcastArgsOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (rankOf(getLhs()) != 1 || rankOf(getRhs()) != 1 ||
      rankOf(getOutput()) != 1 ||
      shapeOf(getOutput())[0] !=
          std::max(shapeOf(getLhs())[0], shapeOf(getRhs())[0]))
    return emitOpError("takes two shape vectors and returns the longer's "
                       "length");
  return success();
}

LogicalResult ReverseOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  for (int64_t axis : getAxes())
    if (axis < 0 || axis >= rankOf(getInput()))
      return emitOpError("axis is outside the input's dimensions");
  if (shapeOf(getInput()) != shapeOf(getOutput()))
    return emitOpError("must keep its input's shape");
  return success();
}

LogicalResult DynamicUpdateSliceOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  int64_t rank = rankOf(getOperand());
  if (shapeOf(getOperand()) != shapeOf(getOutput()) ||
      rankOf(getUpdate()) != rank || rankOf(getStartIndices()) != 1 ||
      shapeOf(getStartIndices())[0] != rank)
    return emitOpError("needs an update of the operand's rank and one start "
                       "index per dimension");
  for (int64_t d = 0; d < rank; ++d)
    if (shapeOf(getUpdate())[d] > shapeOf(getOperand())[d])
      return emitOpError("update is larger than the operand");
  return success();
}

LogicalResult ResizeOp::verify() {
  if (failed(verifyRank(*this, getInput(), 4, "input")) ||
      failed(verifyRank(*this, getOutput(), 4, "output")))
    return failure();
  if (getAlignCorners() && getHalfPixelCenters())
    return emitOpError("align_corners and half_pixel_centers exclude each "
                       "other");
  ArrayRef<int64_t> in = shapeOf(getInput()), out = shapeOf(getOutput());
  if (in[0] != out[0] || in[3] != out[3])
    return emitOpError("must keep batches and channels");
  return success();
}

LogicalResult FillOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (cast<RankedTensorType>(getValue().getType()).getNumElements() != 1)
    return emitOpError("value must have one element");
  return success();
}

LogicalResult BatchMatMulOp::verify() {
  if (failed(verifyStaticShapes(*this, 5)))
    return failure();
  ArrayRef<int64_t> lhs = shapeOf(getLhs()), rhs = shapeOf(getRhs());
  if (lhs.size() < 2 || rhs.size() < 2 || shapeOf(getOutput()).size() < 2)
    return emitOpError("operands need at least two dimensions");
  int64_t rows = lhs[lhs.size() - (getAdjX() ? 1 : 2)];
  int64_t depth = lhs[lhs.size() - (getAdjX() ? 2 : 1)];
  int64_t rhsDepth = rhs[rhs.size() - (getAdjY() ? 1 : 2)];
  int64_t cols = rhs[rhs.size() - (getAdjY() ? 2 : 1)];
  SmallVector<int64_t> batch;
  if (depth != rhsDepth || !OpTrait::util::getBroadcastedShape(
                               lhs.drop_back(2), rhs.drop_back(2), batch))
    return emitOpError("operand shapes do not multiply");
  batch.push_back(rows);
  batch.push_back(cols);
  if (ArrayRef<int64_t>(batch) != shapeOf(getOutput()))
    return emitOpError("result shape does not match the product");
  return success();
}

LogicalResult L2Pool2DOp::verify() { return verifyPool(*this); }

LogicalResult L2NormalizationOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (shapeOf(getInput()) != shapeOf(getOutput()) || rankOf(getInput()) < 1)
    return emitOpError("must keep its input's shape");
  return success();
}

LogicalResult LogSoftmaxOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  if (shapeOf(getInput()) != shapeOf(getOutput()) || rankOf(getInput()) < 1)
    return emitOpError("must keep its input's shape");
  return success();
}

LogicalResult UnidirectionalSequenceLstmOp::verify() {
  if (failed(verifyStaticShapes(*this)))
    return failure();
  ArrayRef<int64_t> input = shapeOf(getInput());
  ArrayRef<int64_t> output = shapeOf(getOutput());
  if (input.size() != 3 || output.size() != 3)
    return emitOpError("input and output must be [batch, time, features] "
                       "(or time-major)");
  ArrayRef<int64_t> forget = shapeOf(getInputToForgetWeights());
  ArrayRef<int64_t> recurrent = shapeOf(getRecurrentToForgetWeights());
  if (forget.size() != 2 || recurrent.size() != 2 || forget[1] != input[2] ||
      recurrent[0] != forget[0])
    return emitOpError("weights must be [cells, inputs] and [cells, outputs]");
  for (Value weights : {getInputToCellWeights(), getInputToOutputWeights()})
    if (shapeOf(weights) != forget)
      return emitOpError("input weights of every gate must have one shape");
  for (Value weights :
       {getRecurrentToCellWeights(), getRecurrentToOutputWeights()})
    if (shapeOf(weights) != recurrent)
      return emitOpError("recurrent weights of every gate must have one "
                         "shape");
  if (input[0] != output[0] || input[1] != output[1] ||
      output[2] != recurrent[1])
    return emitOpError("output must be [batch, time, outputs]");
  return success();
}
