//===- ShapeHandlers.cpp - Import of data-movement operators --------------===//
//
// This file implements the import of PAD, PADV2 and STRIDED_SLICE, whose
// shape operands must be constants and become attributes.
//
//===----------------------------------------------------------------------===//
#include "OperatorImport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::import {
namespace {

FailureOr<Value> importPad(OperatorContext &ctx, bool hasConstant) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> paddings = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(paddings) || failed(outputType))
    return failure();
  IntegerAttr constant;
  FloatAttr floatConstant;
  FailureOr<Value> constantInput =
      hasConstant ? ctx.optionalInput(2) : FailureOr<Value>(Value());
  if (failed(constantInput))
    return failure();
  auto floatValues =
      *constantInput && (*constantInput).getDefiningOp<ConstOp>()
          ? dyn_cast<DenseFPElementsAttr>(
                (*constantInput).getDefiningOp<ConstOp>().getValue())
          : nullptr;
  if (floatValues) {
    if (floatValues.getNumElements() != 1 ||
        !floatValues.getElementType().isF32())
      return ctx.fail("needs a single float32 constant value");
    floatConstant = ctx.builder.getF32FloatAttr(
        (*floatValues.getValues<APFloat>().begin()).convertToFloat());
  } else if (hasConstant && ctx.numInputs() > 2) {
    FailureOr<SmallVector<int64_t>> value = ctx.constantInts(2);
    if (failed(value))
      return failure();
    if (value->size() != 1)
      return ctx.fail("needs a single constant value");
    constant = ctx.builder.getI64IntegerAttr(value->front());
  }
  return PadOp::create(ctx.builder, ctx.loc, *outputType, *input,
                       ctx.builder.getDenseI64ArrayAttr(*paddings), constant,
                       floatConstant)
      .getResult();
}

FailureOr<Value> importPadV1(OperatorContext &ctx) {
  return importPad(ctx, /*hasConstant=*/false);
}
FailureOr<Value> importPadV2(OperatorContext &ctx) {
  return importPad(ctx, /*hasConstant=*/true);
}

FailureOr<Value> importStridedSlice(OperatorContext &ctx) {
  auto options = ctx.options<tflite::StridedSliceOptions>();
  if (failed(options))
    return failure();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> begin = ctx.constantInts(1);
  FailureOr<SmallVector<int64_t>> end = ctx.constantInts(2);
  FailureOr<SmallVector<int64_t>> strides = ctx.constantInts(3);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(begin) || failed(end) || failed(strides) ||
      failed(outputType))
    return failure();
  const tflite::StridedSliceOptions &o = **options;
  return StridedSliceOp::create(ctx.builder, ctx.loc, *outputType, *input,
                                ctx.builder.getDenseI64ArrayAttr(*begin),
                                ctx.builder.getDenseI64ArrayAttr(*end),
                                ctx.builder.getDenseI64ArrayAttr(*strides),
                                o.begin_mask(), o.end_mask(), o.ellipsis_mask(),
                                o.new_axis_mask(), o.shrink_axis_mask(),
                                o.offset())
      .getResult();
}

RankedTensorType withShape(Value value, ArrayRef<int64_t> shape) {
  return cast<RankedTensorType>(value.getType()).clone(shape);
}
ArrayRef<int64_t> shapeOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getShape();
}
ArrayRef<int64_t> shapeOf(RankedTensorType type) { return type.getShape(); }

/// Operators that keep the data and change the shape (SQUEEZE, EXPAND_DIMS)
/// are reshapes to their output's type.
FailureOr<Value> importAsReshape(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return ReshapeOp::create(ctx.builder, ctx.loc, *outputType, *input)
      .getResult();
}

FailureOr<Value> importTranspose(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> perm = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(perm) || failed(outputType))
    return failure();
  return TransposeOp::create(ctx.builder, ctx.loc, *outputType, *input,
                             ctx.builder.getDenseI64ArrayAttr(*perm))
      .getResult();
}

/// Normalizes `axis` of a `rank`-dimensional tensor to [0, rank).
FailureOr<int64_t> normalizeAxis(OperatorContext &ctx, int64_t axis,
                                 int64_t rank) {
  if (axis < -rank || axis >= rank)
    return ctx.fail("has axis " + llvm::Twine(axis) + ", outside [" +
                    llvm::Twine(-rank) + ", " + llvm::Twine(rank) + ")");
  return axis < 0 ? axis + rank : axis;
}

FailureOr<Value> importConcatenation(OperatorContext &ctx) {
  auto options = ctx.options<tflite::ConcatenationOptions>();
  if (failed(options))
    return failure();
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < ctx.numInputs(); ++i) {
    // An input that is empty in this iteration of a loop adds nothing.
    if (ctx.isEmptyInput(i))
      continue;
    FailureOr<Value> input = ctx.input(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  if (inputs.empty())
    return ctx.fail("has only inputs that are empty in this loop iteration");
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(outputType) || failed(activation))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(ctx, (*options)->axis(), outputType->getRank());
  if (failed(axis))
    return failure();
  return ConcatenationOp::create(ctx.builder, ctx.loc, *outputType, inputs,
                                 *axis, *activation)
      .getResult();
}

/// PACK: each input gains a dimension of 1 at the axis (a reshape), then
/// the inputs are concatenated along it.
FailureOr<Value> importPack(OperatorContext &ctx) {
  auto options = ctx.options<tflite::PackOptions>();
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(options) || failed(outputType))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(ctx, (*options)->axis(), outputType->getRank());
  if (failed(axis))
    return failure();
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < ctx.numInputs(); ++i) {
    FailureOr<Value> input = ctx.input(i);
    if (failed(input))
      return failure();
    SmallVector<int64_t> shape(shapeOf(*input));
    if (static_cast<int64_t>(shape.size()) + 1 != outputType->getRank())
      return ctx.fail("has inputs whose rank is not one less than the "
                      "output's");
    shape.insert(shape.begin() + *axis, 1);
    inputs.push_back(ReshapeOp::create(ctx.builder, ctx.loc,
                                       withShape(*input, shape), *input));
  }
  return ConcatenationOp::create(ctx.builder, ctx.loc, *outputType, inputs,
                                 *axis, Activation::None)
      .getResult();
}

/// One `graph.slice` per output along `axis`, each as long as its output
/// (SPLIT, SPLIT_V); with `dropAxis` (UNPACK) each slice is reshaped to the
/// output, which lacks the axis.
FailureOr<Value> importSlices(OperatorContext &ctx, Value input, int64_t axis,
                              bool dropAxis) {
  int64_t rank = cast<RankedTensorType>(input.getType()).getRank();
  int64_t offset = 0;
  SmallVector<Value> results;
  for (unsigned i = 0; i < ctx.numOutputs(); ++i) {
    FailureOr<RankedTensorType> outputType = ctx.outputType(i);
    if (failed(outputType))
      return failure();
    SmallVector<int64_t> shape(shapeOf(*outputType));
    if (dropAxis) {
      if (static_cast<int64_t>(shape.size()) + 1 != rank)
        return ctx.fail("has outputs whose rank is not one less than the "
                        "input's");
      shape.insert(shape.begin() + axis, 1);
    }
    if (static_cast<int64_t>(shape.size()) != rank)
      return ctx.fail("has outputs of another rank than its input");
    SmallVector<int64_t> begin(rank, 0);
    begin[axis] = offset;
    offset += shape[axis];
    Value slice =
        SliceOp::create(ctx.builder, ctx.loc, withShape(input, shape), input,
                        ctx.builder.getDenseI64ArrayAttr(begin));
    if (dropAxis)
      slice = ReshapeOp::create(ctx.builder, ctx.loc, *outputType, slice);
    results.push_back(slice);
  }
  if (offset != shapeOf(input)[axis])
    return ctx.fail("has outputs that do not cover the input along the axis");
  ctx.moreResults.assign(results.begin() + 1, results.end());
  return results.front();
}

FailureOr<Value> importSplit(OperatorContext &ctx) {
  FailureOr<SmallVector<int64_t>> axis = ctx.constantInts(0);
  FailureOr<Value> input = ctx.input(1);
  if (failed(axis) || failed(input))
    return failure();
  if (axis->size() != 1)
    return ctx.fail("needs one axis");
  FailureOr<int64_t> normalized =
      normalizeAxis(ctx, axis->front(), shapeOf(*input).size());
  if (failed(normalized))
    return failure();
  return importSlices(ctx, *input, *normalized, /*dropAxis=*/false);
}

FailureOr<Value> importSplitV(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> axis = ctx.constantInts(2);
  if (failed(input) || failed(axis))
    return failure();
  if (axis->size() != 1)
    return ctx.fail("needs one axis");
  FailureOr<int64_t> normalized =
      normalizeAxis(ctx, axis->front(), shapeOf(*input).size());
  if (failed(normalized))
    return failure();
  return importSlices(ctx, *input, *normalized, /*dropAxis=*/false);
}

FailureOr<Value> importUnpack(OperatorContext &ctx) {
  auto options = ctx.options<tflite::UnpackOptions>();
  FailureOr<Value> input = ctx.input(0);
  if (failed(options) || failed(input))
    return failure();
  FailureOr<int64_t> axis =
      normalizeAxis(ctx, (*options)->axis(), shapeOf(*input).size());
  if (failed(axis))
    return failure();
  return importSlices(ctx, *input, *axis, /*dropAxis=*/true);
}

FailureOr<Value> importSlice(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> begin = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(begin) || failed(outputType))
    return failure();
  return SliceOp::create(ctx.builder, ctx.loc, *outputType, *input,
                         ctx.builder.getDenseI64ArrayAttr(*begin))
      .getResult();
}

FailureOr<Value> importGather(OperatorContext &ctx) {
  FailureOr<Value> params = ctx.input(0);
  FailureOr<Value> indices = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(params) || failed(indices) || failed(outputType))
    return failure();
  int64_t axis = 0, batchDims = 0;
  if (auto *options = ctx.op.builtin_options_as<tflite::GatherOptions>()) {
    axis = options->axis();
    batchDims = options->batch_dims();
  }
  FailureOr<int64_t> normalized =
      normalizeAxis(ctx, axis, shapeOf(*params).size());
  if (failed(normalized))
    return failure();
  if (batchDims < 0)
    batchDims += shapeOf(*indices).size();
  return GatherOp::create(ctx.builder, ctx.loc, *outputType, *params, *indices,
                          *normalized, batchDims)
      .getResult();
}

/// EMBEDDING_LOOKUP(ids, params) is GATHER(params, ids) on axis 0.
FailureOr<Value> importEmbeddingLookup(OperatorContext &ctx) {
  FailureOr<Value> ids = ctx.input(0);
  FailureOr<Value> params = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(ids) || failed(params) || failed(outputType))
    return failure();
  return GatherOp::create(ctx.builder, ctx.loc, *outputType, *params, *ids, 0,
                          0)
      .getResult();
}

FailureOr<Value> importGatherNd(OperatorContext &ctx) {
  FailureOr<Value> params = ctx.input(0);
  FailureOr<Value> indices = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(params) || failed(indices) || failed(outputType))
    return failure();
  return GatherNdOp::create(ctx.builder, ctx.loc, *outputType, *params,
                            *indices)
      .getResult();
}

FailureOr<Value> importMirrorPad(OperatorContext &ctx) {
  auto options = ctx.options<tflite::MirrorPadOptions>();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> paddings = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(options) || failed(input) || failed(paddings) ||
      failed(outputType))
    return failure();
  bool reflect = (*options)->mode() == tflite::MirrorPadMode_REFLECT;
  return MirrorPadOp::create(ctx.builder, ctx.loc, *outputType, *input,
                             ctx.builder.getDenseI64ArrayAttr(*paddings),
                             reflect)
      .getResult();
}

template <typename OptionsT, bool inverse>
FailureOr<Value> importSpaceToDepth(OperatorContext &ctx) {
  auto options = ctx.options<OptionsT>();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(options) || failed(input) || failed(outputType))
    return failure();
  return SpaceToDepthOp::create(ctx.builder, ctx.loc, *outputType, *input,
                                (*options)->block_size(), inverse)
      .getResult();
}

template <bool inverse>
FailureOr<Value> importSpaceToBatch(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> blockShape = ctx.constantInts(1);
  FailureOr<SmallVector<int64_t>> paddings = ctx.constantInts(2);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(blockShape) || failed(paddings) ||
      failed(outputType))
    return failure();
  return SpaceToBatchOp::create(ctx.builder, ctx.loc, *outputType, *input,
                                ctx.builder.getDenseI64ArrayAttr(*blockShape),
                                ctx.builder.getDenseI64ArrayAttr(*paddings),
                                inverse)
      .getResult();
}

FailureOr<Value> importBroadcastTo(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return BroadcastToOp::create(ctx.builder, ctx.loc, *outputType, *input)
      .getResult();
}

FailureOr<Value> importBroadcastArgs(OperatorContext &ctx) {
  FailureOr<Value> lhs = ctx.input(0);
  FailureOr<Value> rhs = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(lhs) || failed(rhs) || failed(outputType))
    return failure();
  return BroadcastArgsOp::create(ctx.builder, ctx.loc, *outputType, *lhs, *rhs)
      .getResult();
}

FailureOr<Value> importReverse(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> axes = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(axes) || failed(outputType))
    return failure();
  int64_t rank = shapeOf(*input).size();
  SmallVector<int64_t> normalized;
  for (int64_t axis : *axes) {
    FailureOr<int64_t> positive = normalizeAxis(ctx, axis, rank);
    if (failed(positive))
      return failure();
    normalized.push_back(*positive);
  }
  return ReverseOp::create(ctx.builder, ctx.loc, *outputType, *input,
                           ctx.builder.getDenseI64ArrayAttr(normalized))
      .getResult();
}

FailureOr<Value> importDynamicUpdateSlice(OperatorContext &ctx) {
  FailureOr<Value> operand = ctx.input(0);
  FailureOr<Value> update = ctx.input(1);
  FailureOr<Value> indices = ctx.input(2);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(operand) || failed(update) || failed(indices) ||
      failed(outputType))
    return failure();
  return DynamicUpdateSliceOp::create(ctx.builder, ctx.loc, *outputType,
                                      *operand, *update, *indices)
      .getResult();
}

template <typename OptionsT, bool nearest>
FailureOr<Value> importResize(OperatorContext &ctx) {
  auto options = ctx.options<OptionsT>();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(options) || failed(input) || failed(outputType))
    return failure();
  return ResizeOp::create(ctx.builder, ctx.loc, *outputType, *input, nearest,
                          (*options)->align_corners(),
                          (*options)->half_pixel_centers())
      .getResult();
}

FailureOr<Value> importFill(OperatorContext &ctx) {
  FailureOr<Value> value = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(value) || failed(outputType))
    return failure();
  return FillOp::create(ctx.builder, ctx.loc, *outputType, *value).getResult();
}

/// SHAPE of a static tensor is a constant.
FailureOr<Value> importShape(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  auto element = dyn_cast<IntegerType>(outputType->getElementType());
  if (!element || outputType->getRank() != 1 ||
      outputType->getDimSize(0) != static_cast<int64_t>(shapeOf(*input).size()))
    return ctx.fail("needs an int32 or int64 output with one element per "
                    "input dimension");
  SmallVector<APInt> dims;
  for (int64_t extent : shapeOf(*input))
    dims.push_back(APInt(element.getWidth(), extent));
  return ConstOp::create(ctx.builder, ctx.loc, *outputType,
                         DenseElementsAttr::get(*outputType, dims))
      .getResult();
}

/// TILE: the input repeated along each axis, as one CONCATENATION of copies
/// per tiled axis (TFLite Micro has no TILE; Keras writes it for UpSampling2D
/// in some converter modes).
FailureOr<Value> importTile(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> multiples = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(multiples) || failed(outputType))
    return failure();
  ArrayRef<int64_t> inputShape = shapeOf(*input);
  if (multiples->size() != inputShape.size() ||
      outputType->getRank() != static_cast<int64_t>(inputShape.size()))
    return ctx.fail("has " + llvm::Twine(multiples->size()) +
                    " multiples and an output of rank " +
                    llvm::Twine(outputType->getRank()) +
                    " for an input of rank " + llvm::Twine(inputShape.size()));
  // A copy, so input and output share their type and quantization.
  if (outputType->getElementType() !=
      cast<RankedTensorType>(input->getType()).getElementType())
    return ctx.fail("has an output type or quantization that differs from "
                    "its input's");
  // Each tiled axis becomes a CONCATENATION of `multiple` operands.
  constexpr int64_t kMaxCopies = 4096;
  int64_t copies = 0;
  for (auto [axis, multiple] : llvm::enumerate(*multiples)) {
    int64_t extent = outputType->getDimSize(axis);
    if (multiple < 1 || multiple > kMaxCopies ||
        extent % inputShape[axis] != 0 || extent / inputShape[axis] != multiple)
      return ctx.fail("has multiple " + llvm::Twine(multiple) + " on axis " +
                      llvm::Twine(axis) +
                      " that does not match its output shape");
    copies += multiple;
  }
  if (copies > kMaxCopies)
    return ctx.fail("repeats its input more than " + llvm::Twine(kMaxCopies) +
                    " times; ingot compiles TILE as CONCATENATIONs of copies");
  Value tiled = *input;
  SmallVector<int64_t> shape(inputShape);
  for (auto [axis, multiple] : llvm::enumerate(*multiples)) {
    if (multiple == 1)
      continue;
    shape[axis] *= multiple;
    auto type = RankedTensorType::get(shape, outputType->getElementType());
    SmallVector<Value> copies(multiple, tiled);
    tiled = ConcatenationOp::create(ctx.builder, ctx.loc, type, copies, axis,
                                    Activation::None)
                .getResult();
  }
  if (tiled == *input)
    return ReshapeOp::create(ctx.builder, ctx.loc, *outputType, tiled)
        .getResult();
  return tiled;
}

} // namespace

void appendShapeHandlers(std::vector<HandlerEntry> &table) {
  table.push_back({/*PAD*/ 34, 4, importPadV1});
  table.push_back({/*PADV2*/ 60, 4, importPadV2});
  table.push_back({/*STRIDED_SLICE*/ 45, 8, importStridedSlice});
  table.push_back({/*SQUEEZE*/ 43, 2, importAsReshape});
  table.push_back({/*EXPAND_DIMS*/ 70, 2, importAsReshape});
  table.push_back({/*TRANSPOSE*/ 39, 6, importTranspose});
  table.push_back({/*CONCATENATION*/ 2, 4, importConcatenation});
  table.push_back({/*TILE*/ 69, 3, importTile});
  table.push_back({/*PACK*/ 83, 4, importPack});
  table.push_back({/*UNPACK*/ 88, 4, importUnpack});
  table.push_back({/*SPLIT*/ 49, 4, importSplit});
  table.push_back({/*SPLIT_V*/ 102, 2, importSplitV});
  table.push_back({/*SLICE*/ 65, 6, importSlice});
  table.push_back({/*GATHER*/ 36, 7, importGather});
  table.push_back({/*EMBEDDING_LOOKUP*/ 7, 4, importEmbeddingLookup});
  table.push_back({/*GATHER_ND*/ 107, 5, importGatherNd});
  table.push_back({/*MIRROR_PAD*/ 100, 3, importMirrorPad});
  table.push_back(
      {/*SPACE_TO_DEPTH*/ 26, 2,
       importSpaceToDepth<tflite::SpaceToDepthOptions, /*inverse=*/false>});
  table.push_back(
      {/*DEPTH_TO_SPACE*/ 5, 2,
       importSpaceToDepth<tflite::DepthToSpaceOptions, /*inverse=*/true>});
  table.push_back({/*SPACE_TO_BATCH_ND*/ 38, 4, importSpaceToBatch<false>});
  table.push_back({/*BATCH_TO_SPACE_ND*/ 37, 4, importSpaceToBatch<true>});
  table.push_back({/*BROADCAST_TO*/ 130, 3, importBroadcastTo});
  table.push_back({/*BROADCAST_ARGS*/ 145, 1, importBroadcastArgs});
  table.push_back({/*REVERSE_V2*/ 105, 3, importReverse});
  table.push_back({/*DYNAMIC_UPDATE_SLICE*/ 151, 2, importDynamicUpdateSlice});
  table.push_back(
      {/*RESIZE_BILINEAR*/ 23, 4,
       importResize<tflite::ResizeBilinearOptions, /*nearest=*/false>});
  table.push_back(
      {/*RESIZE_NEAREST_NEIGHBOR*/ 97, 4,
       importResize<tflite::ResizeNearestNeighborOptions, /*nearest=*/true>});
  table.push_back({/*FILL*/ 94, 4, importFill});
  table.push_back({/*SHAPE*/ 77, 1, importShape});
}

} // namespace ingot::import
