//===- ReductionHandlers.cpp - Import of reductions -----------------------===//
//
// This file implements the import of MEAN, SUM, REDUCE_MAX, REDUCE_MIN,
// REDUCE_PROD, REDUCE_ANY, REDUCE_ALL, ARG_MAX, ARG_MIN and CUMSUM, whose
// axis operands must be constants and become attributes.
//
//===----------------------------------------------------------------------===//
#include "OperatorImport.h"

#include "llvm/ADT/STLExtras.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::import {
namespace {

int64_t rankOf(Value value) {
  return cast<RankedTensorType>(value.getType()).getRank();
}

template <ReduceKind kind> FailureOr<Value> importReduce(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<SmallVector<int64_t>> axes = ctx.constantInts(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(axes) || failed(outputType))
    return failure();
  bool keepDims = false;
  if (auto *options = ctx.op.builtin_options_as<tflite::ReducerOptions>())
    keepDims = options->keep_dims();
  int64_t rank = rankOf(*input);
  SmallVector<int64_t> normalized;
  for (int64_t axis : *axes) {
    if (axis < -rank || axis >= rank)
      return ctx.fail("reduces axis " + llvm::Twine(axis) +
                      ", outside the input's " + llvm::Twine(rank) +
                      " dimensions");
    int64_t positive = axis < 0 ? axis + rank : axis;
    if (!llvm::is_contained(normalized, positive))
      normalized.push_back(positive);
  }
  llvm::sort(normalized);
  return ReduceOp::create(ctx.builder, ctx.loc, *outputType, *input, kind,
                          ctx.builder.getDenseI64ArrayAttr(normalized),
                          keepDims)
      .getResult();
}

/// The constant axis of input `i`, normalized to [0, rank).
FailureOr<int64_t> constantAxis(OperatorContext &ctx, unsigned i,
                                int64_t rank) {
  FailureOr<SmallVector<int64_t>> axis = ctx.constantInts(i);
  if (failed(axis))
    return failure();
  if (axis->size() != 1 || (*axis)[0] < -rank || (*axis)[0] >= rank)
    return ctx.fail("needs one axis within the input's " + llvm::Twine(rank) +
                    " dimensions");
  return (*axis)[0] < 0 ? (*axis)[0] + rank : (*axis)[0];
}

template <bool isMax> FailureOr<Value> importArgReduce(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  FailureOr<int64_t> axis = constantAxis(ctx, 1, rankOf(*input));
  if (failed(axis))
    return failure();
  return ArgReduceOp::create(ctx.builder, ctx.loc, *outputType, *input, isMax,
                             *axis)
      .getResult();
}

FailureOr<Value> importCumsum(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  FailureOr<int64_t> axis = constantAxis(ctx, 1, rankOf(*input));
  if (failed(axis))
    return failure();
  bool exclusive = false, reverse = false;
  if (auto *options = ctx.op.builtin_options_as<tflite::CumsumOptions>()) {
    exclusive = options->exclusive();
    reverse = options->reverse();
  }
  return CumsumOp::create(ctx.builder, ctx.loc, *outputType, *input, *axis,
                          exclusive, reverse)
      .getResult();
}

} // namespace

void appendReductionHandlers(std::vector<HandlerEntry> &table) {
  table.push_back({/*MEAN*/ 40, 3, importReduce<ReduceKind::Mean>});
  table.push_back({/*SUM*/ 74, 2, importReduce<ReduceKind::Sum>});
  table.push_back({/*REDUCE_MAX*/ 82, 3, importReduce<ReduceKind::Max>});
  table.push_back({/*REDUCE_MIN*/ 89, 3, importReduce<ReduceKind::Min>});
  table.push_back({/*REDUCE_PROD*/ 81, 2, importReduce<ReduceKind::Prod>});
  table.push_back({/*REDUCE_ANY*/ 91, 1, importReduce<ReduceKind::Any>});
  table.push_back({/*REDUCE_ALL*/ 140, 1, importReduce<ReduceKind::All>});
  table.push_back({/*ARG_MAX*/ 56, 3, importArgReduce<true>});
  table.push_back({/*ARG_MIN*/ 79, 3, importArgReduce<false>});
  table.push_back({/*CUMSUM*/ 128, 1, importCumsum});
}

} // namespace ingot::import
