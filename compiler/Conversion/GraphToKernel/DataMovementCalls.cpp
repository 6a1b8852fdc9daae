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
  llvm::StringRef name = op.getConstant() ? "PADV2" : "PAD";
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
    call.f32("pad_value", 0.0);
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
      .Case<MirrorPadOp, SpaceToBatchOp, ResizeOp>([](Operation *op) {
        return KernelCall::blocked(op->getContext(),
                                   "has no kernel in ingot yet");
      })
      .Default([](Operation *) { return std::nullopt; });
}

} // namespace ingot::calls
