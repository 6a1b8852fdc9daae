//===- DataMovementCalls.cpp - Kernels of operators that move data --------===//
//
// This file implements the planner of the operators that only rearrange
// elements (graph.transpose, graph.concatenation, graph.slice, ...). Their
// kernels copy elements without reading them, so each is one function
// template for every element type (`ingot::ref::transpose<T>`), deduced
// from the tensor pointers the generated call passes.
//
// Most of them read every output element at an affine offset of the input:
// SLICE, STRIDED_SLICE, BROADCAST_TO, REVERSE_V2, SPACE_TO_DEPTH and
// DEPTH_TO_SPACE all become `strided_copy` with steps computed here.
//
// Quantized tensors are copied as stored, as TensorFlow Lite Micro does; the
// planner refuses an op whose output quantization differs from its input's
// rather than silently reinterpret the values.
//
//===----------------------------------------------------------------------===//
#include "Conversion/GraphToKernel/KernelCall.h"

#include "Int16Params.h"

#include "mlir/Dialect/Quant/IR/QuantTypes.h"
#include "llvm/ADT/TypeSwitch.h"

#include <algorithm>
#include <cmath>

using namespace mlir;
using namespace ingot::graph;

namespace ingot::calls {
namespace {

constexpr int64_t kMaxCopyRank = 6;

Type elementTypeOf(Value value) {
  return cast<ShapedType>(value.getType()).getElementType();
}

/// Whether the kernels' element templates have an instance for `value`.
bool isCopyableType(Value value) {
  std::string tag = typeTag(value);
  return tag == "bool" || tag == "int8" || tag == "uint8" || tag == "int16" ||
         tag == "int32" || tag == "float32";
}

/// Why `input` cannot be copied into `output` as stored; empty when it can.
std::string copyBlocker(Value input, Value output, llvm::StringRef opName) {
  if (!isCopyableType(input))
    return "has type " + typeTag(input) + ", which " + opName.str() +
           " does not support (bool, int8, uint8, int16, int32, float32)";
  if (elementTypeOf(input) != elementTypeOf(output)) {
    if (isQuantized(input) && isQuantized(output) &&
        typeTag(input) == typeTag(output))
      return "has an output quantization that differs from its input's; " +
             opName.str() + " copies stored values, so they must be equal";
    return "has an output type that differs from its input's";
  }
  return "";
}

/// Row-major element strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// `strided_copy(input, output, rank, output_shape, input_step, offset)`.
KernelCall stridedCopy(Value input, ArrayRef<int64_t> outputShape,
                       ArrayRef<int64_t> steps, int64_t offset) {
  KernelCall call(input.getContext());
  if (outputShape.size() > static_cast<size_t>(kMaxCopyRank))
    return KernelCall::blocked(input.getContext(),
                               "has more than 6 dimensions");
  call.callee = "strided_copy";
  // A scalar is a one-element vector.
  SmallVector<int64_t> shape(outputShape), step(steps);
  if (shape.empty()) {
    shape.push_back(1);
    step.push_back(0);
  }
  call.operand(input)
      .i32("rank", shape.size())
      .i32s("output_shape", shape)
      .i32s("input_step", step)
      .i32("input_offset", offset);
  return call;
}

std::optional<KernelCall> planTranspose(TransposeOp op) {
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(op.getContext(), why);
  KernelCall call(op.getContext());
  call.callee = "transpose";
  call.header = "ref/transpose";
  call.operand(op.getInput())
      .i32("rank", shapeOf(op.getInput()).size())
      .i32s("input_shape", shapeOf(op.getInput()))
      .i32s("perm", op.getPerm());
  return call;
}

std::optional<KernelCall> planConcatenation(ConcatenationOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  // TFLM rejects a fused activation on CONCATENATION.
  if (op.getFusedActivation() != Activation::None)
    return KernelCall::blocked(
        ctx, "has a fused activation, which TFLite Micro's CONCATENATION "
             "does not support");
  ArrayRef<int64_t> outputShape = shapeOf(op.getOutput());
  int64_t axis = op.getAxis();
  if (axis < 0 || axis >= static_cast<int64_t>(outputShape.size()))
    return KernelCall::blocked(ctx, "has an axis outside the output's rank");
  KernelCall call(ctx);
  call.callee = "concatenation";
  SmallVector<int64_t> extents;
  for (Value input : op.getInputs()) {
    if (std::string why = copyBlocker(input, op.getOutput(), "CONCATENATION");
        !why.empty())
      return KernelCall::blocked(ctx, why);
    call.operand(input);
    extents.push_back(shapeOf(input)[axis]);
  }
  int64_t outer = 1, inner = 1;
  for (int64_t d = 0; d < axis; ++d)
    outer *= outputShape[d];
  for (int64_t d = axis + 1; d < static_cast<int64_t>(outputShape.size()); ++d)
    inner *= outputShape[d];
  call.i32("outer", outer).i32("inner", inner).i32s("axis_extent", extents);
  return call;
}

std::optional<KernelCall> planSlice(SliceOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why = copyBlocker(op.getInput(), op.getOutput(), "SLICE");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> inputShape = shapeOf(op.getInput());
  ArrayRef<int64_t> outputShape = shapeOf(op.getOutput());
  ArrayRef<int64_t> begin = op.getBegin();
  if (begin.size() != inputShape.size() ||
      outputShape.size() != inputShape.size())
    return KernelCall::blocked(ctx, "has a begin of another rank than its "
                                    "input");
  SmallVector<int64_t> strides = stridesOf(inputShape);
  int64_t offset = 0;
  for (size_t d = 0; d < begin.size(); ++d) {
    if (begin[d] < 0 || begin[d] + outputShape[d] > inputShape[d])
      return KernelCall::blocked(ctx, "reads outside its input");
    offset += begin[d] * strides[d];
  }
  return stridedCopy(op.getInput(), outputShape, strides, offset);
}

std::optional<KernelCall> planStridedSlice(StridedSliceOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why =
          copyBlocker(op.getInput(), op.getOutput(), "STRIDED_SLICE");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  if (op.getEllipsisMask() || op.getNewAxisMask() || op.getOffset())
    return KernelCall::blocked(ctx, "uses ellipsis_mask, new_axis_mask or "
                                    "offset, which ingot does not support");
  ArrayRef<int64_t> inputShape = shapeOf(op.getInput());
  auto narrow = [](ArrayRef<int64_t> values) {
    return std::vector<int32_t>(values.begin(), values.end());
  };
  ingot::quant::StridedSliceS16Params params =
      ingot::quant::stridedSliceS16Params(
          narrow(inputShape), narrow(op.getBegin()), narrow(op.getEnd()),
          narrow(op.getStrides()), op.getBeginMask(), op.getEndMask(),
          op.getShrinkAxisMask());
  int64_t elements = 1;
  for (int32_t extent : params.outputShape)
    elements *= extent;
  if (params.outputShape.empty() || elements != elementsOf(op.getOutput()))
    return KernelCall::blocked(ctx, "has begin, end and strides that do not "
                                    "produce its output shape");
  SmallVector<int64_t> strides = stridesOf(inputShape);
  SmallVector<int64_t> shape, steps;
  int64_t offset = 0;
  for (size_t d = 0; d < inputShape.size(); ++d) {
    offset += int64_t{params.start[d]} * strides[d];
    shape.push_back(params.outputShape[d]);
    steps.push_back(int64_t{params.stride[d]} * strides[d]);
  }
  return stridedCopy(op.getInput(), shape, steps, offset);
}

std::optional<KernelCall> planBroadcastTo(BroadcastToOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why =
          copyBlocker(op.getInput(), op.getOutput(), "BROADCAST_TO");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> outputShape = shapeOf(op.getOutput());
  ArrayRef<int64_t> inputShape = shapeOf(op.getInput());
  if (inputShape.size() > outputShape.size())
    return KernelCall::blocked(ctx, "has an input of higher rank than its "
                                    "output");
  size_t lead = outputShape.size() - inputShape.size();
  for (size_t d = 0; d < inputShape.size(); ++d)
    if (inputShape[d] != 1 && inputShape[d] != outputShape[lead + d])
      return KernelCall::blocked(ctx, "has an input that does not broadcast "
                                      "to its output shape");
  return stridedCopy(op.getInput(), outputShape,
                     broadcastStrides(op.getInput(), outputShape), 0);
}

std::optional<KernelCall> planReverse(ReverseOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why = copyBlocker(op.getInput(), op.getOutput(), "REVERSE");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  SmallVector<int64_t> steps = stridesOf(shape);
  int64_t offset = 0;
  SmallVector<bool> reversed(shape.size(), false);
  for (int64_t axis : op.getAxes()) {
    if (axis < 0 || axis >= static_cast<int64_t>(shape.size()))
      return KernelCall::blocked(ctx, "has an axis outside its input's rank");
    // Reversing an axis twice (a repeated axis) is TFLite's single reverse.
    if (reversed[axis])
      continue;
    reversed[axis] = true;
    offset += (shape[axis] - 1) * steps[axis];
    steps[axis] = -steps[axis];
  }
  return stridedCopy(op.getInput(), shape, steps, offset);
}

std::optional<KernelCall> planSpaceToDepth(SpaceToDepthOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  llvm::StringRef name = op.getInverse() ? "DEPTH_TO_SPACE" : "SPACE_TO_DEPTH";
  if (std::string why = copyBlocker(op.getInput(), op.getOutput(), name);
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> in = shapeOf(op.getInput());
  ArrayRef<int64_t> out = shapeOf(op.getOutput());
  int64_t block = op.getBlockSize();
  if (in.size() != 4 || out.size() != 4 || block < 1)
    return KernelCall::blocked(ctx, "needs NHWC input and output and a "
                                    "positive block size");
  // Both are a 6-dimensional transposition: the output viewed with its
  // blocks split out, each element read from its input position.
  SmallVector<int64_t> shape, steps;
  if (!op.getInverse()) {
    int64_t n = in[0], h = in[1], w = in[2], c = in[3];
    if (h % block || w % block || out[0] != n || out[1] != h / block ||
        out[2] != w / block || out[3] != c * block * block)
      return KernelCall::blocked(ctx, "has an output shape that does not "
                                      "follow from its block size");
    // Output [n, h/b, w/b, (by * b + bx) * c + ch] = input [n, h, w, ch].
    shape = {n, h / block, w / block, block, block, c};
    steps = {h * w * c, block * w * c, block * c, w * c, c, 1};
  } else {
    int64_t n = in[0], h = in[1], w = in[2], c = in[3];
    int64_t depth = c / (block * block);
    if (c % (block * block) || out[0] != n || out[1] != h * block ||
        out[2] != w * block || out[3] != depth)
      return KernelCall::blocked(ctx, "has an output shape that does not "
                                      "follow from its block size");
    // Output [n, y * b + by, x * b + bx, ch] = input
    // [n, y, x, (by * b + bx) * depth + ch].
    shape = {n, h, block, w, block, depth};
    steps = {h * w * c, w * c, block * depth, c, depth, 1};
  }
  return stridedCopy(op.getInput(), shape, steps, 0);
}

std::optional<KernelCall> planFill(FillOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why = copyBlocker(op.getValue(), op.getOutput(), "FILL");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  if (elementsOf(op.getValue()) != 1)
    return KernelCall::blocked(ctx, "needs a one-element value");
  KernelCall call(ctx);
  call.callee = "fill";
  call.operand(op.getValue()).i32("count", elementsOf(op.getOutput()));
  return call;
}

std::optional<KernelCall> planPad(PadOp op) {
  // int16 keeps its own kernel (pad_s16) in GraphToKernel.cpp.
  if (typeTag(op.getInput()) == "int16")
    return std::nullopt;
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  llvm::StringRef name =
      op.getConstant() || op.getFloatConstant() ? "PADV2" : "PAD";
  std::string tag = typeTag(op.getInput());
  if (tag != "int8" && tag != "int32" && tag != "float32")
    return KernelCall::blocked(ctx, "has type " + tag + ", which " +
                                        name.str() +
                                        " does not support (int8, int16, "
                                        "int32, float32)");
  if (std::string why = copyBlocker(op.getInput(), op.getOutput(), name);
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> shape = shapeOf(op.getInput());
  ArrayRef<int64_t> paddings = op.getPaddings();
  if (shape.empty() || shape.size() > 5 || paddings.size() != 2 * shape.size())
    return KernelCall::blocked(ctx, "pads 0 or more than 5 dimensions");
  SmallVector<int64_t> before, after;
  for (size_t d = 0; d < shape.size(); ++d) {
    if (paddings[2 * d] < 0 || paddings[2 * d + 1] < 0)
      return KernelCall::blocked(ctx, "has a negative padding");
    if (shape[d] + paddings[2 * d] + paddings[2 * d + 1] !=
        shapeOf(op.getOutput())[d])
      return KernelCall::blocked(ctx, "has an output shape that does not "
                                      "follow from its paddings");
    before.push_back(paddings[2 * d]);
    after.push_back(paddings[2 * d + 1]);
  }
  KernelCall call(ctx);
  call.callee = "pad";
  call.operand(op.getInput())
      .i32("rank", shape.size())
      .i32s("input_shape", shape)
      .i32s("pad_before", before)
      .i32s("pad_after", after);
  if (tag == "float32") {
    if (op.getConstant())
      return KernelCall::blocked(ctx, "has a float PADV2 constant stored as "
                                      "an integer");
    call.f32("pad_value", op.getFloatConstant()
                              ? op.getFloatConstant()->convertToFloat()
                              : 0.0f);
  } else if (op.getFloatConstant()) {
    return KernelCall::blocked(ctx, "has a float PADV2 constant for an "
                                    "integer tensor");
  } else if (op.getConstant()) {
    call.i32("pad_value", *op.getConstant());
  } else {
    // TFLM pads int8 with the output zero point, other integers with 0.
    call.i32("pad_value",
             isQuantized(op.getOutput()) ? zeroPointOf(op.getOutput()) : 0);
  }
  return call;
}

bool isIndexType(Value value) {
  std::string tag = typeTag(value);
  return tag == "int32" || tag == "int64";
}

int64_t productOf(ArrayRef<int64_t> extents) {
  int64_t product = 1;
  for (int64_t extent : extents)
    product *= extent;
  return product;
}

std::optional<KernelCall> planGather(GatherOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (!isIndexType(op.getIndices()))
    return KernelCall::blocked(ctx, "has " + typeTag(op.getIndices()) +
                                        " indices; GATHER takes int32 or "
                                        "int64 indices");
  ArrayRef<int64_t> params = shapeOf(op.getParams());
  ArrayRef<int64_t> indices = shapeOf(op.getIndices());
  int64_t axis = op.getAxis(), batchDims = op.getBatchDims();
  if (axis < 0 || axis >= static_cast<int64_t>(params.size()) ||
      batchDims < 0 || batchDims > axis ||
      batchDims > static_cast<int64_t>(indices.size()))
    return KernelCall::blocked(ctx, "has an axis or batch_dims outside its "
                                    "tensors' ranks (0 <= batch_dims <= axis "
                                    "< params rank)");
  for (int64_t d = 0; d < batchDims; ++d)
    if (params[d] != indices[d])
      return KernelCall::blocked(ctx, "has params and indices whose batch "
                                      "dimensions differ");
  int64_t batch = productOf(params.take_front(batchDims));
  int64_t outer = productOf(params.slice(batchDims, axis - batchDims));
  int64_t inner = productOf(params.drop_front(axis + 1));
  int64_t coords = productOf(indices.drop_front(batchDims));
  if (batch * outer * coords * inner != elementsOf(op.getOutput()))
    return KernelCall::blocked(ctx, "has an output shape that does not "
                                    "follow from its params and indices");
  KernelCall call(ctx);
  call.header = "ref/gather";
  call.operand(op.getParams()).operand(op.getIndices());
  // EMBEDDING_LOOKUP of int8 rows into float32: TFLM's hybrid lookup.
  if (typeTag(op.getParams()) == "int8" && isQuantized(op.getParams()) &&
      typeTag(op.getOutput()) == "float32") {
    if (zeroPointOf(op.getParams()) != 0)
      return KernelCall::blocked(ctx, "dequantizes int8 params with a nonzero "
                                      "zero point; TFLite Micro's hybrid "
                                      "EMBEDDING_LOOKUP needs zero point 0");
    if (batch != 1 || outer != 1)
      return KernelCall::blocked(ctx, "dequantizes along an axis other than "
                                      "0; only EMBEDDING_LOOKUP is hybrid");
    call.callee = "gather_dequantize";
    call.i32("axis_size", params[axis])
        .i32("inner", inner)
        .i32("coords", coords)
        .f32("scale", scaleOf(op.getParams()));
    return call;
  }
  if (std::string why = copyBlocker(op.getParams(), op.getOutput(), "GATHER");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  call.callee = "gather";
  call.i32("batch", batch)
      .i32("outer", outer)
      .i32("axis_size", params[axis])
      .i32("inner", inner)
      .i32("coords", coords);
  return call;
}

std::optional<KernelCall> planGatherNd(GatherNdOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (!isIndexType(op.getIndices()))
    return KernelCall::blocked(ctx, "has " + typeTag(op.getIndices()) +
                                        " indices; GATHER_ND takes int32 or "
                                        "int64 indices");
  if (std::string why =
          copyBlocker(op.getParams(), op.getOutput(), "GATHER_ND");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> params = shapeOf(op.getParams());
  ArrayRef<int64_t> indices = shapeOf(op.getIndices());
  if (indices.empty() || indices.back() < 1 ||
      indices.back() > static_cast<int64_t>(params.size()))
    return KernelCall::blocked(ctx, "has an index depth (last indices "
                                    "dimension) outside [1, params rank]");
  int64_t depth = indices.back();
  int64_t slices = elementsOf(op.getIndices()) / depth;
  int64_t sliceSize = productOf(params.drop_front(depth));
  if (slices * sliceSize != elementsOf(op.getOutput()))
    return KernelCall::blocked(ctx, "has an output shape that does not "
                                    "follow from its params and indices");
  SmallVector<int64_t> strides = stridesOf(params);
  KernelCall call(ctx);
  call.callee = "gather_nd";
  call.header = "ref/gather";
  call.operand(op.getParams())
      .operand(op.getIndices())
      .i32("slices", slices)
      .i32("index_depth", depth)
      .i32s("params_shape", params.take_front(depth))
      .i32s("params_stride", ArrayRef<int64_t>(strides).take_front(depth))
      .i32("slice_size", sliceSize);
  return call;
}

std::optional<KernelCall> planDynamicUpdateSlice(DynamicUpdateSliceOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why =
          copyBlocker(op.getOperand(), op.getOutput(), "DYNAMIC_UPDATE_SLICE");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  if (elementTypeOf(op.getUpdate()) != elementTypeOf(op.getOperand()))
    return KernelCall::blocked(ctx, "has an update whose type differs from "
                                    "its operand's");
  if (!isIndexType(op.getStartIndices()))
    return KernelCall::blocked(ctx, "has " + typeTag(op.getStartIndices()) +
                                        " start indices; "
                                        "DYNAMIC_UPDATE_SLICE takes int32 or "
                                        "int64 indices");
  ArrayRef<int64_t> operand = shapeOf(op.getOperand());
  ArrayRef<int64_t> update = shapeOf(op.getUpdate());
  if (operand.empty() || operand.size() > static_cast<size_t>(kMaxCopyRank) ||
      update.size() != operand.size() ||
      elementsOf(op.getStartIndices()) !=
          static_cast<int64_t>(operand.size()) ||
      shapeOf(op.getOutput()) != operand)
    return KernelCall::blocked(ctx, "needs an operand of rank 1 to 6, an "
                                    "update and an output of its rank and "
                                    "one start index per dimension");
  for (size_t d = 0; d < operand.size(); ++d)
    if (update[d] > operand[d])
      return KernelCall::blocked(ctx, "has an update larger than its operand");
  KernelCall call(ctx);
  call.callee = "dynamic_update_slice";
  call.operand(op.getOperand())
      .operand(op.getUpdate())
      .operand(op.getStartIndices())
      .i32("rank", operand.size())
      .i32s("operand_shape", operand)
      .i32s("update_shape", update);
  return call;
}

std::optional<KernelCall> planBroadcastArgs(BroadcastArgsOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (!isIndexType(op.getLhs()) ||
      elementTypeOf(op.getLhs()) != elementTypeOf(op.getRhs()) ||
      elementTypeOf(op.getLhs()) != elementTypeOf(op.getOutput()))
    return KernelCall::blocked(ctx, "needs int32 or int64 shapes and output "
                                    "of one type");
  int64_t lhs = elementsOf(op.getLhs()), rhs = elementsOf(op.getRhs());
  if (shapeOf(op.getLhs()).size() != 1 || shapeOf(op.getRhs()).size() != 1 ||
      elementsOf(op.getOutput()) != std::max(lhs, rhs))
    return KernelCall::blocked(ctx, "needs shape vectors and an output as "
                                    "long as the longer");
  KernelCall call(ctx);
  call.callee = "broadcast_args";
  call.operand(op.getLhs())
      .operand(op.getRhs())
      .i32("lhs_length", lhs)
      .i32("rhs_length", rhs);
  return call;
}

std::optional<KernelCall> planMirrorPad(MirrorPadOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  if (std::string why =
          copyBlocker(op.getInput(), op.getOutput(), "MIRROR_PAD");
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> in = shapeOf(op.getInput());
  ArrayRef<int64_t> out = shapeOf(op.getOutput());
  ArrayRef<int64_t> paddings = op.getPaddings();
  if (in.empty() || in.size() > static_cast<size_t>(kMaxCopyRank) ||
      paddings.size() != 2 * in.size() || out.size() != in.size())
    return KernelCall::blocked(ctx, "needs a rank of 1 to 6 and (before, "
                                    "after) paddings for every dimension");
  int64_t edgeOffset = op.getReflect() ? 1 : 0;
  SmallVector<int64_t> before;
  for (size_t d = 0; d < in.size(); ++d) {
    int64_t low = paddings[2 * d], high = paddings[2 * d + 1];
    // One reflection must land inside the input.
    if (low < 0 || high < 0 || low > in[d] - edgeOffset ||
        high > in[d] - edgeOffset)
      return KernelCall::blocked(
          ctx, "has a padding wider than its input allows (REFLECT pads at "
               "most size - 1, SYMMETRIC at most size)");
    if (in[d] + low + high != out[d])
      return KernelCall::blocked(ctx, "has an output shape that does not "
                                      "follow from its paddings");
    before.push_back(low);
  }
  KernelCall call(ctx);
  call.callee = "mirror_pad";
  call.operand(op.getInput())
      .i32("rank", in.size())
      .i32s("input_shape", in)
      .i32s("output_shape", out)
      .i32s("pad_before", before)
      .i32("edge_offset", edgeOffset);
  return call;
}

std::optional<KernelCall> planSpaceToBatch(SpaceToBatchOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  llvm::StringRef name =
      op.getInverse() ? "BATCH_TO_SPACE_ND" : "SPACE_TO_BATCH_ND";
  if (std::string why = copyBlocker(op.getInput(), op.getOutput(), name);
      !why.empty())
    return KernelCall::blocked(ctx, why);
  SmallVector<int64_t> in(shapeOf(op.getInput()));
  SmallVector<int64_t> out(shapeOf(op.getOutput()));
  SmallVector<int64_t> block(op.getBlockShape());
  SmallVector<int64_t> paddings(op.getPaddings());
  // TFLite treats [N, H, C] as [N, H, 1, C] with block width 1.
  if (in.size() == 3 && out.size() == 3 && block.size() == 1 &&
      paddings.size() == 2) {
    in.insert(in.begin() + 2, 1);
    out.insert(out.begin() + 2, 1);
    block.push_back(1);
    paddings.append({0, 0});
  }
  if (in.size() != 4 || out.size() != 4 || block.size() != 2 ||
      paddings.size() != 4)
    return KernelCall::blocked(ctx, "needs NHWC (or NHC) tensors and two "
                                    "(one) spatial block sizes");
  for (int64_t value : llvm::concat<int64_t>(block, paddings))
    if (value < 0)
      return KernelCall::blocked(ctx, "has a negative block size, padding "
                                      "or crop");
  if (block[0] < 1 || block[1] < 1)
    return KernelCall::blocked(ctx, "has a block size below 1");
  // Space side: output of SPACE_TO_BATCH_ND's input, padded; or
  // BATCH_TO_SPACE_ND's output, cropped.
  ArrayRef<int64_t> space = op.getInverse() ? out : in;
  ArrayRef<int64_t> batch = op.getInverse() ? in : out;
  int64_t sign = op.getInverse() ? -1 : 1;
  int64_t paddedH = space[1] + sign * (paddings[0] + paddings[1]);
  int64_t paddedW = space[2] + sign * (paddings[2] + paddings[3]);
  if (op.getInverse()) {
    paddedH = batch[1] * block[0];
    paddedW = batch[2] * block[1];
    if (paddedH - paddings[0] - paddings[1] != space[1] ||
        paddedW - paddings[2] - paddings[3] != space[2])
      return KernelCall::blocked(ctx, "has an output shape that does not "
                                      "follow from its block and crops");
  }
  if (paddedH % block[0] || paddedW % block[1] ||
      batch[0] != space[0] * block[0] * block[1] ||
      batch[1] != paddedH / block[0] || batch[2] != paddedW / block[1] ||
      batch[3] != space[3])
    return KernelCall::blocked(ctx, "has shapes that do not follow from its "
                                    "block and paddings");
  KernelCall call(ctx);
  call.callee = op.getInverse() ? "batch_to_space" : "space_to_batch";
  call.header = "ref/space_to_batch";
  call.operand(op.getInput())
      .i32s("input_shape", in)
      .i32s("output_shape", out)
      .i32s("block", block)
      .i32s(op.getInverse() ? "crop_before" : "pad_before",
            ArrayRef<int64_t>{paddings[0], paddings[2]});
  // Padding is a real 0: the zero point of a quantized output.
  if (!op.getInverse())
    call.i32("pad_value",
             isQuantized(op.getOutput()) ? zeroPointOf(op.getOutput()) : 0);
  return call;
}

/// TFLM's nearest input index for output index `out` along one axis.
int32_t nearestSource(int32_t out, int32_t inSize, int32_t outSize,
                      bool alignCorners, bool halfPixel) {
  float scale =
      (alignCorners && outSize > 1)
          ? static_cast<float>(inSize - 1) / static_cast<float>(outSize - 1)
          : static_cast<float>(inSize) / static_cast<float>(outSize);
  float offset = halfPixel ? 0.5f : 0.0f;
  float position = (static_cast<float>(out) + offset) * scale;
  int32_t source = static_cast<int32_t>(alignCorners ? std::round(position)
                                                     : std::floor(position));
  source = std::min(source, inSize - 1);
  if (halfPixel)
    source = std::max(source, 0);
  return source;
}

std::optional<KernelCall> planResize(ResizeOp op) {
  MLIRContext *ctx = op.getContext();
  if (std::string why = sizeBlocker(op); !why.empty())
    return KernelCall::blocked(ctx, why);
  llvm::StringRef name =
      op.getNearest() ? "RESIZE_NEAREST_NEIGHBOR" : "RESIZE_BILINEAR";
  if (std::string why = copyBlocker(op.getInput(), op.getOutput(), name);
      !why.empty())
    return KernelCall::blocked(ctx, why);
  ArrayRef<int64_t> in = shapeOf(op.getInput());
  ArrayRef<int64_t> out = shapeOf(op.getOutput());
  if (in.size() != 4 || out.size() != 4 || in[0] != out[0] || in[3] != out[3])
    return KernelCall::blocked(ctx, "needs NHWC tensors of equal batch and "
                                    "depth");
  // The kernels read per-row and per-column tables that the generated code
  // holds as constant arrays; a hostile model asking for 14 million output
  // rows made a 347 MB source file (found by the coverage-guided fuzzer).
  for (int64_t extent : {in[1], in[2], out[1], out[2]})
    if (extent >= (int64_t{1} << 16))
      return KernelCall::blocked(ctx, "has a spatial extent of 2^16 or more; "
                                      "ingot's resize tables hold one entry "
                                      "per output row and column");
  bool align = op.getAlignCorners(), halfPixel = op.getHalfPixelCenters();
  if (align && halfPixel)
    return KernelCall::blocked(ctx, "sets both align_corners and "
                                    "half_pixel_centers, which TFLite "
                                    "forbids");
  KernelCall call(ctx);
  call.header = "ref/resize";
  call.operand(op.getInput())
      .i32("batches", in[0])
      .i32("input_height", in[1])
      .i32("input_width", in[2])
      .i32("depth", in[3])
      .i32("output_height", out[1])
      .i32("output_width", out[2]);
  std::string tag = typeTag(op.getInput());
  if (op.getNearest()) {
    SmallVector<int32_t> rows, cols;
    for (int64_t y = 0; y < out[1]; ++y)
      rows.push_back(nearestSource(y, in[1], out[1], align, halfPixel));
    for (int64_t x = 0; x < out[2]; ++x)
      cols.push_back(nearestSource(x, in[2], out[2], align, halfPixel));
    call.callee = "resize_nearest";
    call.i32s("source_row", rows).i32s("source_col", cols);
    return call;
  }
  if (tag == "float32") {
    // TFLM's ComputeInterpolationValues, in float.
    auto axis = [&](int64_t inSize, int64_t outSize, SmallVector<int32_t> &low,
                    SmallVector<int32_t> &high, SmallVector<float> &fraction) {
      float scale = static_cast<float>(inSize) / static_cast<float>(outSize);
      if (align && outSize > 1)
        scale =
            static_cast<float>(inSize - 1) / static_cast<float>(outSize - 1);
      for (int64_t i = 0; i < outSize; ++i) {
        float value = static_cast<float>(i);
        float scaled =
            halfPixel ? (value + 0.5f) * scale - 0.5f : value * scale;
        int32_t lower = std::max(static_cast<int32_t>(std::floor(scaled)), 0);
        int32_t upper = std::min(static_cast<int32_t>(std::ceil(scaled)),
                                 static_cast<int32_t>(inSize - 1));
        low.push_back(lower);
        high.push_back(upper);
        fraction.push_back(scaled - static_cast<float>(lower));
      }
    };
    SmallVector<int32_t> lowRow, highRow, lowCol, highCol;
    SmallVector<float> rowFraction, colFraction;
    axis(in[1], out[1], lowRow, highRow, rowFraction);
    axis(in[2], out[2], lowCol, highCol, colFraction);
    call.callee = "resize_bilinear_f32";
    call.i32s("low_row", lowRow)
        .i32s("high_row", highRow)
        .f32s("row_fraction", rowFraction)
        .i32s("low_col", lowCol)
        .i32s("high_col", highCol)
        .f32s("col_fraction", colFraction);
    return call;
  }
  if (tag != "int8")
    return KernelCall::blocked(ctx, "has type " + tag +
                                        ", which RESIZE_BILINEAR does not "
                                        "support (float32, int8)");
  // TFLM's ComputeInterpolationValuesInteger: positions in 2^-10 units,
  // C++ integer division (toward zero) included. Extents below 2^16
  // (checked above) keep every product below 2^27 (found by the
  // coverage-guided fuzzer: a hostile size overflowed int32 here).
  auto axis = [&](int32_t inSize, int32_t outSize, SmallVector<int32_t> &low,
                  SmallVector<int32_t> &high, SmallVector<int32_t> &fraction) {
    int32_t scale10 = ((1 << 10) * inSize + outSize / 2) / outSize;
    if (align && outSize > 1)
      scale10 = ((1 << 10) * (inSize - 1) + (outSize - 1) / 2) / (outSize - 1);
    for (int32_t i = 0; i < outSize; ++i) {
      int32_t scaled =
          halfPixel ? i * scale10 + scale10 / 2 - (1 << 9) : i * scale10;
      int32_t lower = std::max(scaled / (1 << 10), 0);
      int32_t upper =
          std::min((scaled + (1 << 10) - 1) / (1 << 10), inSize - 1);
      low.push_back(lower);
      high.push_back(upper);
      fraction.push_back(scaled - (1 << 10) * lower);
    }
  };
  SmallVector<int32_t> lowRow, highRow, rowFraction, lowCol, highCol,
      colFraction;
  axis(in[1], out[1], lowRow, highRow, rowFraction);
  axis(in[2], out[2], lowCol, highCol, colFraction);
  call.callee = "resize_bilinear_integer";
  call.i32s("low_row", lowRow)
      .i32s("high_row", highRow)
      .i32s("row_fraction", rowFraction)
      .i32s("low_col", lowCol)
      .i32s("high_col", highCol)
      .i32s("col_fraction", colFraction);
  return call;
}

} // namespace

std::optional<KernelCall> planDataMovementCall(Operation *op) {
  return llvm::TypeSwitch<Operation *, std::optional<KernelCall>>(op)
      .Case([](TransposeOp transpose) { return planTranspose(transpose); })
      .Case([](ConcatenationOp concat) { return planConcatenation(concat); })
      .Case([](SliceOp slice) { return planSlice(slice); })
      .Case([](StridedSliceOp slice) -> std::optional<KernelCall> {
        // int16 keeps its own kernel (strided_slice_s16) in GraphToKernel.cpp.
        if (typeTag(slice.getInput()) == "int16")
          return std::nullopt;
        return planStridedSlice(slice);
      })
      .Case([](BroadcastToOp broadcast) { return planBroadcastTo(broadcast); })
      .Case([](ReverseOp reverse) { return planReverse(reverse); })
      .Case([](SpaceToDepthOp space) { return planSpaceToDepth(space); })
      .Case([](FillOp fill) { return planFill(fill); })
      .Case([](PadOp pad) { return planPad(pad); })
      .Case([](GatherOp gather) { return planGather(gather); })
      .Case([](GatherNdOp gather) { return planGatherNd(gather); })
      .Case([](DynamicUpdateSliceOp update) {
        return planDynamicUpdateSlice(update);
      })
      .Case([](BroadcastArgsOp args) { return planBroadcastArgs(args); })
      .Case([](MirrorPadOp pad) { return planMirrorPad(pad); })
      .Case([](SpaceToBatchOp space) { return planSpaceToBatch(space); })
      .Case([](ResizeOp resize) { return planResize(resize); })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
