//===- ElementwiseHandlers.cpp - Import of per-element operators ----------===//
//
// This file implements the import of ADD, SUB, RESHAPE, SOFTMAX, QUANTIZE,
// DEQUANTIZE, RELU, RELU6 and LEAKY_RELU.
//
//===----------------------------------------------------------------------===//
#include "OperatorImport.h"

using namespace mlir;
using namespace ingot::graph;

namespace ingot::import {
namespace {

/// ADD and SUB: two inputs and a fused activation.
template <typename OptionsT, typename OpT>
FailureOr<Value> importBinary(OperatorContext &ctx) {
  auto options = ctx.options<OptionsT>();
  if (failed(options))
    return failure();
  FailureOr<Value> lhs = ctx.input(0);
  FailureOr<Value> rhs = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  auto activation = ctx.activation((*options)->fused_activation_function());
  if (failed(lhs) || failed(rhs) || failed(outputType) || failed(activation))
    return failure();
  return OpT::create(ctx.builder, ctx.loc, *outputType, *lhs, *rhs, *activation)
      .getResult();
}

FailureOr<Value> importLeakyRelu(OperatorContext &ctx) {
  auto options = ctx.options<tflite::LeakyReluOptions>();
  if (failed(options))
    return failure();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return LeakyReluOp::create(ctx.builder, ctx.loc, *outputType, *input,
                             ctx.builder.getF32FloatAttr((*options)->alpha()))
      .getResult();
}

/// Operators whose only operand of interest is input 0 and whose semantics
/// follow from the input and output types.
template <typename OpT> FailureOr<Value> importUnary(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return OpT::create(ctx.builder, ctx.loc, *outputType, *input).getResult();
}

FailureOr<Value> importReshape(OperatorContext &ctx) {
  // The new shape is also in the second input or the options; the output
  // tensor's static shape is authoritative and is what the verifier checks.
  return importUnary<ReshapeOp>(ctx);
}

FailureOr<Value> importSoftmax(OperatorContext &ctx) {
  auto options = ctx.options<tflite::SoftmaxOptions>();
  if (failed(options))
    return failure();
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return SoftmaxOp::create(ctx.builder, ctx.loc, *outputType, *input,
                           ctx.builder.getF32FloatAttr((*options)->beta()))
      .getResult();
}

FailureOr<Value> importRelu(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  if (input->getType() != *outputType)
    return ctx.fail("changes quantization; only RELU that keeps its input's "
                    "scale and zero point is supported");
  return ReluOp::create(ctx.builder, ctx.loc, *input).getResult();
}

FailureOr<Value> importRelu6(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  if (input->getType() != *outputType)
    return ctx.fail("changes quantization; only RELU6 that keeps its input's "
                    "scale and zero point is supported");
  return Relu6Op::create(ctx.builder, ctx.loc, *input).getResult();
}

} // namespace

void appendElementwiseHandlers(std::vector<HandlerEntry> &table) {
  // Version 5 is int16 without quantization, which the exporter writes for
  // such graphs; the graph keeps the types and the lowering refuses them.
  table.push_back({/*ADD*/ 0, 5, importBinary<tflite::AddOptions, AddOp>});
  table.push_back({/*RESHAPE*/ 22, 1, importReshape});
  table.push_back({/*SOFTMAX*/ 25, 3, importSoftmax});
  table.push_back({/*QUANTIZE*/ 114, 2, importUnary<QuantizeOp>});
  table.push_back({/*DEQUANTIZE*/ 6, 4, importUnary<DequantizeOp>});
  table.push_back({/*RELU*/ 19, 3, importRelu});
  table.push_back({/*SUB*/ 41, 5, importBinary<tflite::SubOptions, SubOp>});
  table.push_back({/*LEAKY_RELU*/ 98, 2, importLeakyRelu});
  table.push_back({/*RELU6*/ 21, 3, importRelu6});
}

} // namespace ingot::import
