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
  if (hasConstant && ctx.numInputs() > 2) {
    FailureOr<SmallVector<int64_t>> value = ctx.constantInts(2);
    if (failed(value))
      return failure();
    if (value->size() != 1)
      return ctx.fail("needs a single constant value");
    constant = ctx.builder.getI64IntegerAttr(value->front());
  }
  return PadOp::create(ctx.builder, ctx.loc, *outputType, *input,
                       ctx.builder.getDenseI64ArrayAttr(*paddings), constant)
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

} // namespace

void appendShapeHandlers(std::vector<HandlerEntry> &table) {
  table.push_back({/*PAD*/ 34, 4, importPadV1});
  table.push_back({/*PADV2*/ 60, 4, importPadV2});
  table.push_back({/*STRIDED_SLICE*/ 45, 8, importStridedSlice});
}

} // namespace ingot::import
