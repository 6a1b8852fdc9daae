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
  // Only a RELU that keeps its input's quantization is a clamp that can
  // fold into its producer; one that rescales is an element function.
  if (input->getType() != *outputType)
    return UnaryOp::create(ctx.builder, ctx.loc, *outputType, *input,
                           UnaryKind::Relu)
        .getResult();
  return ReluOp::create(ctx.builder, ctx.loc, *input).getResult();
}

FailureOr<Value> importRelu6(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  // Only a RELU that keeps its input's quantization is a clamp that can
  // fold into its producer; one that rescales is an element function.
  if (input->getType() != *outputType)
    return UnaryOp::create(ctx.builder, ctx.loc, *outputType, *input,
                           UnaryKind::Relu6)
        .getResult();
  return Relu6Op::create(ctx.builder, ctx.loc, *input).getResult();
}

/// One element function of one input (graph.unary).
template <UnaryKind kind>
FailureOr<Value> importUnaryKind(OperatorContext &ctx) {
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return UnaryOp::create(ctx.builder, ctx.loc, *outputType, *input, kind)
      .getResult();
}

/// A broadcasting element function of two inputs (graph.binary), with the
/// fused activation of options `OptionsT` where the operator has one.
template <BinaryKind kind, typename OptionsT = void>
FailureOr<Value> importBinaryKind(OperatorContext &ctx) {
  Activation activation = Activation::None;
  if constexpr (!std::is_void_v<OptionsT>) {
    // The converter omits MUL's options when there is nothing to fuse.
    if (const OptionsT *options = ctx.op.builtin_options_as<OptionsT>()) {
      auto fused = ctx.activation(options->fused_activation_function());
      if (failed(fused))
        return failure();
      activation = *fused;
    }
  }
  FailureOr<Value> lhs = ctx.input(0);
  FailureOr<Value> rhs = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(lhs) || failed(rhs) || failed(outputType))
    return failure();
  return BinaryOp::create(ctx.builder, ctx.loc, *outputType, *lhs, *rhs, kind,
                          activation)
      .getResult();
}

FailureOr<Value> importSelect(OperatorContext &ctx) {
  FailureOr<Value> condition = ctx.input(0);
  FailureOr<Value> x = ctx.input(1);
  FailureOr<Value> y = ctx.input(2);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(condition) || failed(x) || failed(y) || failed(outputType))
    return failure();
  return SelectOp::create(ctx.builder, ctx.loc, *outputType, *condition, *x, *y)
      .getResult();
}

FailureOr<Value> importAddN(OperatorContext &ctx) {
  SmallVector<Value> inputs;
  for (unsigned i = 0; i < ctx.numInputs(); ++i) {
    FailureOr<Value> input = ctx.input(i);
    if (failed(input))
      return failure();
    inputs.push_back(*input);
  }
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(outputType))
    return failure();
  return AddNOp::create(ctx.builder, ctx.loc, *outputType, inputs).getResult();
}

FailureOr<Value> importL2Normalization(OperatorContext &ctx) {
  Activation activation = Activation::None;
  if (auto *options = ctx.op.builtin_options_as<tflite::L2NormOptions>()) {
    auto fused = ctx.activation(options->fused_activation_function());
    if (failed(fused))
      return failure();
    activation = *fused;
  }
  FailureOr<Value> input = ctx.input(0);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(input) || failed(outputType))
    return failure();
  return L2NormalizationOp::create(ctx.builder, ctx.loc, *outputType, *input,
                                   activation)
      .getResult();
}

FailureOr<Value> importBatchMatMul(OperatorContext &ctx) {
  bool adjX = false, adjY = false;
  if (auto *options = ctx.op.builtin_options_as<tflite::BatchMatMulOptions>()) {
    adjX = options->adj_x();
    adjY = options->adj_y();
  }
  FailureOr<Value> lhs = ctx.input(0);
  FailureOr<Value> rhs = ctx.input(1);
  FailureOr<RankedTensorType> outputType = ctx.outputType(0);
  if (failed(lhs) || failed(rhs) || failed(outputType))
    return failure();
  return BatchMatMulOp::create(ctx.builder, ctx.loc, *outputType, *lhs, *rhs,
                               adjX, adjY)
      .getResult();
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

  table.push_back({/*ABS*/ 101, 5, importUnaryKind<UnaryKind::Abs>});
  table.push_back({/*CEIL*/ 104, 1, importUnaryKind<UnaryKind::Ceil>});
  table.push_back({/*COS*/ 108, 1, importUnaryKind<UnaryKind::Cos>});
  table.push_back({/*EXP*/ 47, 2, importUnaryKind<UnaryKind::Exp>});
  table.push_back({/*FLOOR*/ 8, 1, importUnaryKind<UnaryKind::Floor>});
  table.push_back({/*LOG*/ 73, 2, importUnaryKind<UnaryKind::Log>});
  table.push_back({/*NEG*/ 59, 2, importUnaryKind<UnaryKind::Neg>});
  table.push_back({/*ROUND*/ 116, 1, importUnaryKind<UnaryKind::Round>});
  table.push_back({/*RSQRT*/ 76, 3, importUnaryKind<UnaryKind::Rsqrt>});
  table.push_back({/*SIN*/ 66, 1, importUnaryKind<UnaryKind::Sin>});
  table.push_back({/*SQRT*/ 75, 2, importUnaryKind<UnaryKind::Sqrt>});
  table.push_back({/*SQUARE*/ 92, 1, importUnaryKind<UnaryKind::Square>});
  table.push_back(
      {/*LOGICAL_NOT*/ 87, 1, importUnaryKind<UnaryKind::LogicalNot>});
  table.push_back({/*LOGISTIC*/ 14, 3, importUnaryKind<UnaryKind::Logistic>});
  table.push_back({/*TANH*/ 28, 3, importUnaryKind<UnaryKind::Tanh>});
  table.push_back(
      {/*HARD_SWISH*/ 117, 1, importUnaryKind<UnaryKind::HardSwish>});
  table.push_back({/*ELU*/ 111, 1, importUnaryKind<UnaryKind::Elu>});
  table.push_back({/*CAST*/ 53, 6, importUnaryKind<UnaryKind::Cast>});
  table.push_back(
      {/*ZEROS_LIKE*/ 93, 1, importUnaryKind<UnaryKind::ZerosLike>});

  table.push_back(
      {/*MUL*/ 18, 7, importBinaryKind<BinaryKind::Mul, tflite::MulOptions>});
  table.push_back(
      {/*DIV*/ 42, 2, importBinaryKind<BinaryKind::Div, tflite::DivOptions>});
  table.push_back({/*MAXIMUM*/ 55, 4, importBinaryKind<BinaryKind::Maximum>});
  table.push_back({/*MINIMUM*/ 57, 4, importBinaryKind<BinaryKind::Minimum>});
  table.push_back({/*SQUARED_DIFFERENCE*/ 99, 2,
                   importBinaryKind<BinaryKind::SquaredDifference>});
  table.push_back(
      {/*FLOOR_DIV*/ 90, 3, importBinaryKind<BinaryKind::FloorDiv>});
  table.push_back(
      {/*FLOOR_MOD*/ 95, 2, importBinaryKind<BinaryKind::FloorMod>});
  table.push_back({/*POW*/ 78, 1, importBinaryKind<BinaryKind::Pow>});
  table.push_back({/*EQUAL*/ 71, 4, importBinaryKind<BinaryKind::Equal>});
  table.push_back(
      {/*NOT_EQUAL*/ 72, 3, importBinaryKind<BinaryKind::NotEqual>});
  table.push_back({/*GREATER*/ 61, 2, importBinaryKind<BinaryKind::Greater>});
  table.push_back(
      {/*GREATER_EQUAL*/ 62, 2, importBinaryKind<BinaryKind::GreaterEqual>});
  table.push_back({/*LESS*/ 58, 2, importBinaryKind<BinaryKind::Less>});
  table.push_back(
      {/*LESS_EQUAL*/ 63, 2, importBinaryKind<BinaryKind::LessEqual>});
  table.push_back(
      {/*LOGICAL_AND*/ 86, 1, importBinaryKind<BinaryKind::LogicalAnd>});
  table.push_back(
      {/*LOGICAL_OR*/ 84, 1, importBinaryKind<BinaryKind::LogicalOr>});
  table.push_back({/*PRELU*/ 54, 1, importBinaryKind<BinaryKind::Prelu>});
  table.push_back({/*SELECT_V2*/ 123, 2, importSelect});
  table.push_back({/*ADD_N*/ 106, 1, importAddN});
  table.push_back({/*L2_NORMALIZATION*/ 11, 2, importL2Normalization});
  table.push_back({/*LOG_SOFTMAX*/ 50, 2, importUnary<LogSoftmaxOp>});
  table.push_back({/*BATCH_MATMUL*/ 126, 4, importBatchMatMul});
}

} // namespace ingot::import
