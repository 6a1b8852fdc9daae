//===- RecurrentHandlers.cpp - Import of stateful operators ---------------===//
//
// This file implements the import of SVDF, whose activation state is a
// variable tensor that persists across invocations.
//
//===----------------------------------------------------------------------===//
#include "OperatorImport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::import {
namespace {

FailureOr<Value> importSvdf(OperatorContext &ctx) {
  auto options = ctx.options<tflite::SVDFOptions>();
  if (failed(options))
    return failure();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<Value> weightsFeature = ctx.input(1);
  FailureOr<Value> weightsTime = ctx.input(2);
  FailureOr<Value> bias = ctx.optionalInput(3);
  FailureOr<Value> state = ctx.input(4);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(input) || failed(weightsFeature) || failed(weightsTime) ||
      failed(bias) || failed(state) || failed(outputType) || failed(activation))
    return failure();
  if (!state->getDefiningOp<VariableOp>())
    return ctx.fail("takes an activation state that is not a variable tensor");
  return SvdfOp::create(ctx.builder, ctx.loc, *outputType, *input,
                        *weightsFeature, *weightsTime, *bias, *state,
                        (*options)->rank(), *activation)
      .getResult();
}

} // namespace

void appendRecurrentHandlers(std::vector<HandlerEntry> &table) {
  table.push_back({/*SVDF*/ 27, 4, importSvdf});
}

} // namespace ingot::import
